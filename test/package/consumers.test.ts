/**
 * The package as its users get it: packed, installed from the tarball into
 * a new project, and used from there.
 * - Its declarations type-check for strict consumers under every module
 *   resolution (test/package/consumer-types.ts).
 * - Every entry point loads through `require` and `import`.
 * - A process holding both builds still has one library: a filter compiled
 *   by the CommonJS copy routes through the ESM `FilterSet`, and an error
 *   thrown by one copy is an instance of the other copy's class.
 * - The installed `ftrack-filter` executable runs, and writes and reads
 *   its code cache.
 * - The tarball stays within its size budget, with one copy of Chevrotain
 *   per module system, and every relative link of its README resolves in it.
 */
import { execFile, execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";
import { RESOLUTIONS, TYPE_FILES } from "./consumer-types";
import { childEnv, type Installed, packAndInstall, root } from "./tarball";

const run = promisify(execFile);

/**
 * The size budget of the tarball, in bytes (gzip, as `npm pack` reports).
 * It holds dist/ (about 240 kB: the library twice, ESM and CommonJS, each
 * with one bundled and minified Chevrotain of about 30 kB, the command
 * line, the declarations) and the
 * documents the README links (the language reference with its conformance
 * vectors, SECURITY.md, the bench report, the changelog: about 70 kB). A
 * second copy of Chevrotain in either module system would not fit, and the
 * test below also counts the copies.
 */
const PACKED_BUDGET = 360_000;

const RUNTIME_FILES: Readonly<Record<string, string>> = {
  "package.json": JSON.stringify({ name: "consumer", private: true, type: "module" }),
  // Each entry through each module system. The vitest entry registers a matcher
  // with vitest's expect, so outside vitest it is only resolved.
  "entries.mjs": `import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const esm = await import("ftrack-filter");
const esmTesting = await import("ftrack-filter/testing");
const cjs = require("ftrack-filter");
const cjsTesting = require("ftrack-filter/testing");
console.log(JSON.stringify({
  esm: [typeof esm.compile, typeof esmTesting.expectMatch, import.meta.resolve("ftrack-filter/vitest").split("/").pop()],
  cjs: [typeof cjs.compile, typeof cjsTesting.expectMatch, require.resolve("ftrack-filter/vitest").split("/").pop()],
}));
`,
  // One process, both builds: every check prints what it saw.
  "copies.mjs": `import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const cjs = require("ftrack-filter");
const cjsTesting = require("ftrack-filter/testing");
const esm = await import("ftrack-filter");
const esmTesting = await import("ftrack-filter/testing");

const event = esmTesting.statusChanged("AssetVersion", "Pending Review", "Approved");
const approved = cjs.compile('entity.new.status_id = "' + esmTesting.STATUS_IDS.Approved + '"');
const routes = new esm.FilterSet();
routes.add("approved", approved);
routes.add("task", "entity.entity_type = Task");

function thrown(fn) {
  try { fn(); } catch (error) { return error; }
  return undefined;
}
const syntax = thrown(() => cjs.parse("entity.entity_type ="));
const evaluation = thrown(() => esm.compile("entity.new.x > 1", { strict: true })({ fez_id: "ftrack_entity_event_v1", entity: { id: ["1"], entity_type: "Task", operation: "update", new: { x: 2 } } }));
const validation = thrown(() => cjs.parseEntityEvent("{}"));
const assertion = thrown(() => cjsTesting.expectMatch("entity.entity_type = Task", event));

console.log(JSON.stringify({
  routed: routes.match(event).map((entry) => entry.id),
  explained: esm.explain(approved, event).matched,
  testKit: thrown(() => esmTesting.expectMatch(approved, event)) === undefined,
  differentCopies: esm.FilterSet !== cjs.FilterSet,
  syntax: [syntax instanceof esm.FilterSyntaxError, syntax instanceof cjs.FilterSyntaxError, syntax instanceof esm.FilterEvaluationError],
  evaluation: [evaluation instanceof cjs.FilterEvaluationError, evaluation instanceof esm.FilterEvaluationError, evaluation instanceof cjs.FilterSyntaxError],
  validation: [validation instanceof esm.EventValidationError, validation instanceof esm.FilterSyntaxError],
  assertion: [assertion instanceof esmTesting.FilterAssertionError, assertion instanceof Error],
  notErrors: [{} instanceof esm.FilterSyntaxError, new Error("x") instanceof cjs.FilterSyntaxError, null instanceof esm.EventValidationError],
}));
`,
};

let installed: Installed;
const typeChecks = new Map<string, { code: number; output: string }>();

beforeAll(async () => {
  installed = packAndInstall("consumers", { ...RUNTIME_FILES, ...TYPE_FILES });
  const tsc = join(root, "node_modules/typescript/bin/tsc");
  await Promise.all(
    Object.keys(RESOLUTIONS).map(async (resolution) => {
      const outcome = await run(process.execPath, [tsc, "-p", `tsconfig.${resolution}.json`], {
        cwd: installed.app,
        env: childEnv,
      }).then(
        () => ({ code: 0, output: "" }),
        (error: { code?: number; stdout?: string }) => ({ code: error.code ?? -1, output: error.stdout ?? String(error) }),
      );
      typeChecks.set(resolution, outcome);
    }),
  );
}, 180_000);

afterAll(() => {
  if (installed !== undefined) rmSync(installed.work, { recursive: true, force: true });
});

function nodeIn(app: string, script: string): unknown {
  return JSON.parse(execFileSync(process.execPath, [script], { cwd: app, env: childEnv, encoding: "utf8" }));
}

test.each(Object.keys(RESOLUTIONS))("the declarations type-check for a strict consumer under moduleResolution %s", (resolution) => {
  const outcome = typeChecks.get(resolution);
  expect(outcome?.output).toBe("");
  expect(outcome?.code).toBe(0);
});

test("every entry point loads through import and require", () => {
  expect(nodeIn(installed.app, "entries.mjs")).toEqual({
    esm: ["function", "function", "vitest.js"],
    cjs: ["function", "function", "vitest.cjs"],
  });
});

test("both builds in one process act as one library", () => {
  expect(nodeIn(installed.app, "copies.mjs")).toEqual({
    routed: ["approved"],
    explained: true,
    testKit: true,
    differentCopies: true,
    syntax: [true, true, false],
    evaluation: [true, true, false],
    validation: [true, false],
    assertion: [true, true],
    notErrors: [false, false, false],
  });
});

test("the installed executable runs, and writes and reads its code cache", () => {
  // The command npm installed (on Windows, its .cmd would split the filter at its spaces: run the same file through node).
  const command =
    process.platform === "win32"
      ? [process.execPath, join(installed.app, "node_modules", "ftrack-filter", "dist", "cli", "index.cjs")]
      : [join(installed.app, "node_modules", ".bin", "ftrack-filter")];
  const cache = join(installed.work, "compile-cache");
  const lint = (): string =>
    execFileSync(command[0] ?? "", [...command.slice(1), "lint", "entity.entity_type = Task and entity.operation = update"], {
      env: { ...childEnv, NODE_COMPILE_CACHE: cache },
      encoding: "utf8",
    });
  const identities = (): string[] =>
    readdirSync(join(cache, "ftrack-filter")).map((name) => {
      const stats = statSync(join(cache, "ftrack-filter", name));
      return `${name} ${stats.ino} ${stats.mtimeMs}`;
    });
  expect(lint()).toBe("1 filter: no problems\n");
  const written = identities();
  expect(written.length).toBeGreaterThan(1);
  expect(lint()).toBe("1 filter: no problems\n");
  // Read, not written again.
  expect(identities()).toEqual(written);
});

test("the tarball stays within its size budget, with one Chevrotain per module system", () => {
  expect(installed.size).toBeLessThanOrEqual(PACKED_BUDGET);
  const bundles = installed.files.filter((file) => /\.c?js$/.test(file.path));
  const withChevrotain = bundles
    .filter((file) => readFileSync(join(root, file.path), "utf8").includes("Missing <performSelfAnalysis> invocation"))
    .map((file) => (file.path.endsWith(".cjs") ? "cjs" : "esm"));
  expect(withChevrotain.sort()).toEqual(["cjs", "esm"]);
});

test("the tarball carries the licence of the Chevrotain it bundles", () => {
  const notice = readFileSync(join(installed.app, "node_modules", "ftrack-filter", "dist", "THIRD-PARTY-LICENSES.txt"), "utf8");
  const { version } = JSON.parse(readFileSync(join(root, "node_modules", "chevrotain", "package.json"), "utf8")) as { version: string };
  expect(notice).toContain(`- chevrotain ${version} (Apache-2.0)`);
  expect(notice).toContain("Apache License");
  expect(notice).toContain("Version 2.0, January 2004");
});

test("every relative link of the packed README resolves inside the tarball", () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const links = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
    .map((match) => match[1] ?? "")
    .filter((target) => !/^[a-z]+:/i.test(target));
  expect(links.length).toBeGreaterThan(0);
  const paths = new Set(installed.files.map((file) => file.path));
  for (const link of links) expect(paths, link).toContain(link.replace(/^\.\//, ""));
});
