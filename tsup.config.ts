import { defineConfig } from "tsup";

// Chevrotain is bundled: importing the unbundled package costs ~250 ms of
// start-up, which matters for the CLI and for serverless webhook handlers.
// The bundles are not minified, though V8 parses every byte of a module
// when it is imported: measured side by side in fresh processes, minifying
// took about 5 ms off the import, but it mangles the names in stack traces
// and printed objects, and esbuild's keepNames, which would keep them, made
// every parse about 60% slower (it redefines the name of each function it
// creates, Chevrotain's per-rule closures included).
// Neither build cleans dist/: they run side by side, and `npm run build`
// empties it first.
export default defineConfig([
  // The library: ESM and CommonJS, with type declarations. The test kit's
  // subpaths are entries of the same build, and splitting puts the code they
  // share with the main entry in common chunks, so that within one module
  // system there is one copy of every class (`instanceof FilterSyntaxError`
  // holds whichever entry threw it) and of the schema data.
  {
    entry: { index: "src/index.ts", testing: "src/testing/index.ts", vitest: "src/testing/vitest.ts" },
    format: ["esm", "cjs"],
    dts: true,
    clean: false,
    sourcemap: false,
    target: "node20",
    platform: "neutral",
    noExternal: ["chevrotain"],
    treeshake: true,
    splitting: true,
  },
  // The command line: ESM for Node, started through package.json "bin". Its
  // commands are chunks loaded on demand, so that --help and --version start
  // without loading the parser; they live apart in dist/cli/.
  {
    entry: { index: "src/cli/main.ts" },
    outDir: "dist/cli",
    format: ["esm"],
    dts: false,
    clean: false,
    sourcemap: false,
    target: "node20",
    platform: "node",
    noExternal: ["chevrotain"],
    splitting: true,
    banner: { js: "#!/usr/bin/env node" },
  },
]);
