// Retained heap per parsed AST and per compiled filter, measured in a fresh
// process run with --expose-gc: heapUsed after a full collection, before and
// after building N distinct filters that stay referenced.
import { APPROVED_STATUS_ID, STATUS_CHANGE_TO_FILTER } from "../data/public-filters.mjs";
import { median, range } from "../lib/stats.mjs";

const COUNT = 2000;

/** The script: builds COUNT distinct filters with `make` and prints bytes retained per filter. */
const script = (ctx, make) => `
const lib = await import(${JSON.stringify(ctx.dist.esmUrl)});
const template = ${JSON.stringify(STATUS_CHANGE_TO_FILTER)};
const prefix = ${JSON.stringify(APPROVED_STATUS_ID.slice(0, -12))};
const texts = [];
for (let i = 0; i < ${COUNT}; i++) {
  texts.push(template.replace(${JSON.stringify(APPROVED_STATUS_ID)}, prefix + i.toString(16).padStart(12, "0")));
}
const event = { entity: { entity_type: "AssetVersion", operation: "update", new: { status_id: "a" }, old: { status_id: "b" } } };
const make = ${make};
make(template + " "); // load and warm the code paths once, outside the measurement
gc(); gc();
const before = process.memoryUsage().heapUsed;
const kept = texts.map(make);
gc(); gc();
const after = process.memoryUsage().heapUsed;
console.log(JSON.stringify({ bytes: (after - before) / kept.length }));
`;

const ROWS = [
  { name: "AST from parse (four-condition filter)", make: "(text) => lib.parse(text)" },
  {
    name: "compiled filter, codegen, called once",
    needsCompile: true,
    make: '(text) => { const f = lib.compile(text, { backend: "codegen" }); f(event); return f; }',
  },
  {
    name: "compiled filter held by a FilterCache (default backend), as matches keeps it",
    needsCompile: true,
    make: "(text) => (globalThis.cache ??= new lib.FilterCache({ maxSize: 100000, maxLength: 1e9 })).compile(text)",
  },
  {
    name: "compiled filter, closure, called once",
    needsCompile: true,
    make: '(text) => { const f = lib.compile(text, { backend: "closure" }); f(event); return f; }',
  },
];

export default {
  name: "memory",
  order: 50,
  description:
    `Heap retained per filter: ${COUNT} distinct four-condition filters kept alive in a fresh \`node --expose-gc\` process; ` +
    "heapUsed after full collections, before and after, divided by the count (filter texts excluded). Median of 3 processes.",
  kind: "custom",
  run: (ctx) =>
    ROWS.map(({ name, make, needsCompile }) => {
      if (needsCompile && typeof ctx.lib.compile !== "function") return { name, skipped: "compile is not exported yet" };
      try {
        const values = [0, 1, 2].map(() => ctx.runNode(script(ctx, make), { args: ["--expose-gc"] }).json.bytes);
        const { min, max } = range(values);
        const value = median(values);
        const bytes = (n) => Math.round(n).toLocaleString("en-US");
        return { name, value, display: bytes(value), unit: "bytes", spread: `${bytes(min)} .. ${bytes(max)}` };
      } catch (error) {
        return { name, error: error.message };
      }
    }),
};
