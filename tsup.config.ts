import { defineConfig, type Options } from "tsup";
import { chevrotainStartup } from "./scripts/chevrotain-startup.mjs";

// Chevrotain is bundled: importing the unbundled package costs ~250 ms of
// start-up, which matters for the CLI and for serverless webhook handlers.
// It comes minified, with start-up edits (scripts/chevrotain-startup.mjs).
// The library's own code is not minified: measured side by side in fresh
// processes, minifying it too took a little more off the import, but it
// mangles the names in stack traces and printed objects, and esbuild's
// keepNames, which would keep them, made every parse about 60% slower (it
// redefines the name of each function it creates, the grammar's per-call
// closures included).
//
// Two builds of the library, one per module system. Within each, the
// entries share chunks, so a module system holds one copy of Chevrotain, of
// every class and of the schema data (`instanceof FilterSyntaxError` holds
// whichever entry threw it). Across the two builds, src/identity.ts makes
// errors and compiled filters recognisable.
//
// The command line is an entry of the CommonJS build (cli/main.cjs): it
// requires the library's chunks rather than bundling a third copy. Its
// executable, cli/index.cjs, is a build of its own with nothing of the
// library in it: it loads main.cjs and those chunks through its code cache
// (src/cli/bin.ts), which runs CommonJS only, so main.cjs imports its
// commands statically (tsup's Rollup pass keeps `import()` in CommonJS
// output, and a vm.Script has no loader to serve it).
//
// No build cleans dist/: they run side by side, and `npm run build` empties
// it first.
const library = { index: "src/index.ts", testing: "src/testing/index.ts", vitest: "src/testing/vitest.ts" };

const shared: Options = {
  clean: false,
  sourcemap: false,
  target: "node20",
  platform: "neutral",
  noExternal: ["chevrotain"],
  treeshake: true,
  splitting: true,
  // The library runs anywhere (Node, browsers, edge runtimes), so the build
  // is platform-neutral; the command line's Node built-ins stay imports, with
  // their `node:` prefix as written.
  external: [/^node:/],
  removeNodeProtocol: false,
  // A start-up edit to Chevrotain's lexer; see the plugin.
  esbuildPlugins: [chevrotainStartup],
};

export default defineConfig([
  {
    ...shared,
    entry: library,
    format: ["esm"],
    dts: { entry: library },
  },
  {
    ...shared,
    entry: { ...library, "cli/main": "src/cli/main.ts" },
    format: ["cjs"],
    dts: { entry: library },
  },
  {
    ...shared,
    entry: { "cli/index": "src/cli/bin.ts" },
    format: ["cjs"],
    platform: "node",
  },
]);
