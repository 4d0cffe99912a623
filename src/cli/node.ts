/**
 * Node's built-in modules, as the command line uses them.
 *
 * An `import` of a built-in builds an ES module facade that reads every
 * export of the module, and some exports load parts of Node when read:
 * for util, fs, fs/promises, path and module, about 2 ms of every run on
 * Node 20 and 3 ms on Node 24, for functions the command line never
 * calls. `process.getBuiltinModule` (Node 20.16 and later) hands out the
 * module itself; older lines import it.
 */
import type * as Fs from "node:fs";
import type * as FsPromises from "node:fs/promises";
import type * as Module from "node:module";
import type * as Path from "node:path";
import type * as Util from "node:util";

type GetBuiltin = (id: string) => unknown;
const getBuiltin = (process as { getBuiltinModule?: GetBuiltin }).getBuiltinModule;

async function builtin<T>(id: string): Promise<T> {
  return (getBuiltin?.(id) as T | undefined) ?? ((await import(id)) as T);
}

const [fs, fsPromises, nodeModule, path, util] = await Promise.all([
  builtin<typeof Fs>("node:fs"),
  builtin<typeof FsPromises>("node:fs/promises"),
  builtin<typeof Module>("node:module"),
  builtin<typeof Path>("node:path"),
  builtin<typeof Util>("node:util"),
]);

export const { createReadStream } = fs;
export const { open, readdir, readFile, realpath, rename, stat, unlink } = fsPromises;
export const { basename, dirname, join, relative, resolve } = path;
export const { parseArgs } = util;
export { nodeModule };
