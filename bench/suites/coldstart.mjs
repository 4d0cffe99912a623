// Cold start: a fresh Node process loading the built package and parsing one
// filter, as a CLI run or a serverless webhook handler pays it.
import { rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { STATUS_CHANGE_TO_FILTER } from "../data/public-filters.mjs";
import { maxMedianMs, maxMedianRatioTo, needsBaseline } from "../lib/targets.mjs";

const FILTER = JSON.stringify(STATUS_CHANGE_TO_FILTER);

// Every script prints one JSON line: `ms` is the headline, `startup` the
// time Node took before the script's first line (performance.now() counts
// from the process's time origin).
const esm = (ctx, parse, build = ctx.dist) => `
const startup = performance.now();
const lib = await import(${JSON.stringify(build.esmUrl)});
const imported = performance.now();
${parse ? `if (!lib.parse(${FILTER})) throw new Error("no AST");` : ""}
const done = performance.now();
console.log(JSON.stringify({ ms: done - startup, import: imported - startup, ${parse ? "parse: done - imported, " : ""}startup }));
`;

const cjs = (ctx, parse, build = ctx.dist) => `
const startup = performance.now();
const lib = require(${JSON.stringify(build.cjsPath)});
const required = performance.now();
${parse ? `if (!lib.parse(${FILTER})) throw new Error("no AST");` : ""}
const done = performance.now();
console.log(JSON.stringify({ ms: done - startup, require: required - startup, ${parse ? "parse: done - required, " : ""}startup }));
`;

// Import, then the first compile (default backend) and the first call, as a
// webhook handler that has just started pays them.
const esmCompile = (ctx) => `
const startup = performance.now();
const lib = await import(${JSON.stringify(ctx.dist.esmUrl)});
const imported = performance.now();
const filter = lib.compile(${FILTER});
const compiled = performance.now();
const event = { entity: { entity_type: "AssetVersion", operation: "update", new: { status_id: "a" }, old: { status_id: "b" } } };
if (filter(event) !== false) throw new Error("unexpected match");
const done = performance.now();
console.log(JSON.stringify({ ms: done - startup, import: imported - startup, compile: compiled - imported, match: done - compiled, startup }));
`;

/**
 * The floor for any parser built on Chevrotain as published: a grammar of
 * one token and one rule, bundled with Chevrotain (esbuild, ESM, neither
 * minified nor edited, where dist/ has both: scripts/chevrotain-startup.mjs),
 * imported and run once. Built when the suite starts, into the system's
 * temporary folder.
 */
function chevrotainFloor(ctx) {
  const require = createRequire(join(ctx.root, "package.json"));
  const { buildSync } = require("esbuild");
  const contents = `
import { createToken, EmbeddedActionsParser, Lexer } from "chevrotain";
const A = createToken({ name: "A", pattern: "a" });
const lexer = new Lexer([A], { positionTracking: "onlyOffset", ensureOptimizations: true, skipValidations: true });
class OneRule extends EmbeddedActionsParser {
  constructor() {
    super([A], { skipValidations: true, maxLookahead: 1 });
    this.top = this.RULE("top", () => this.CONSUME(A).image);
    this.performSelfAnalysis();
  }
}
export function parse(text) {
  const parser = new OneRule();
  parser.input = lexer.tokenize(text).tokens;
  return parser.top();
}
`;
  const built = buildSync({
    stdin: { contents, resolveDir: ctx.root, loader: "js" },
    bundle: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    target: "node20",
    write: false,
  });
  const file = join(tmpdir(), `ftrack-filter-bench-chevrotain-${process.pid}.mjs`);
  writeFileSync(file, built.outputFiles[0].text);
  process.once("exit", () => rmSync(file, { force: true }));
  return `
const startup = performance.now();
const lib = await import(${JSON.stringify(pathToFileURL(file).href)});
if (lib.parse("a") !== "a") throw new Error("no parse");
console.log(JSON.stringify({ ms: performance.now() - startup, startup }));
`;
}

const ESM_PARSE = "ESM: import dist/index.js + first parse";
const ESM_PARSE_BASE = "ESM: import + first parse, previous build (--baseline-dist)";
const CJS_PARSE = "CJS: require dist/index.cjs + first parse";
const CJS_PARSE_BASE = "CJS: require + first parse, previous build (--baseline-dist)";

const noCompile = (ctx) => (typeof ctx.lib.compile === "function" ? undefined : "compile is not exported yet");
const noCjs = (ctx) => (ctx.dist.hasCjs ? undefined : "dist/index.cjs does not exist");

export default {
  name: "coldstart",
  order: 40,
  description:
    "Fresh Node processes. `ms` is measured in the process with performance.now(), from the script's first line (before the import) " +
    "to after the first parse of the four-condition AssetVersion filter; `startup` is Node's own start-up before that line.",
  kind: "process",
  cases: [
    {
      name: "node alone: start-up to the first line of a script that imports nothing",
      baseline: true,
      script: () => "console.log(JSON.stringify({ ms: performance.now() }));",
    },
    {
      name: "ESM: import of an empty module (Node's ESM loader alone)",
      script: () => `
const startup = performance.now();
await import("data:text/javascript,export default 1");
console.log(JSON.stringify({ ms: performance.now() - startup, startup }));
`,
    },
    {
      name: "ESM: Chevrotain alone, as published, bundled: a one-token grammar imported and run once (the floor for a parser on unedited Chevrotain)",
      script: chevrotainFloor,
    },
    { name: "ESM: import dist/index.js", script: (ctx) => esm(ctx, false) },
    { name: ESM_PARSE, script: (ctx) => esm(ctx, true) },
    { name: ESM_PARSE_BASE, skip: needsBaseline, script: (ctx) => esm(ctx, true, ctx.baseline.dist) },
    { name: "ESM: import + first compile + first match", skip: noCompile, script: esmCompile },
    { name: "CJS: require dist/index.cjs", type: "commonjs", skip: noCjs, script: (ctx) => cjs(ctx, false) },
    { name: CJS_PARSE, type: "commonjs", skip: noCjs, script: (ctx) => cjs(ctx, true) },
    {
      name: CJS_PARSE_BASE,
      type: "commonjs",
      skip: (ctx) => needsBaseline(ctx) ?? (ctx.baseline.dist.hasCjs ? undefined : "the previous build has no index.cjs"),
      script: (ctx) => cjs(ctx, true, ctx.baseline.dist),
    },
  ],
  targets: [
    {
      description: "ESM import + first parse under 40 ms (median)",
      check: maxMedianMs(ESM_PARSE, 40),
    },
    {
      description: "ESM import + first parse at most 0.65x the previous build's (median, alternating fresh processes)",
      check: maxMedianRatioTo(ESM_PARSE, ESM_PARSE_BASE, 0.65),
    },
    {
      description: "CJS require + first parse at most 0.65x the previous build's (median, alternating fresh processes)",
      check: maxMedianRatioTo(CJS_PARSE, CJS_PARSE_BASE, 0.65),
    },
    {
      description: "CJS require + first parse under 40 ms (median)",
      check: maxMedianMs(CJS_PARSE, 40),
    },
  ],
};
