/**
 * Node's built-in modules, as the command line uses them: one place that
 * names every built-in function it calls.
 *
 * The command line is built as a CommonJS bundle (see bin.ts), so each of
 * these is a `require` that hands out the module itself. (An ES module
 * `import` of a built-in would build a facade reading every export of the
 * module, and some exports load parts of Node when read: about 2 ms of
 * every run, for functions the command line never calls.)
 */
export { createReadStream } from "node:fs";
export { open, readdir, readFile, realpath, rename, stat, unlink } from "node:fs/promises";
export { basename, dirname, join, relative, resolve } from "node:path";
export { parseArgs } from "node:util";
