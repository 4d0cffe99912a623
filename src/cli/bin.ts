#!/usr/bin/env node
/**
 * The `ftrack-filter` executable. It runs the command line (main.cjs, an
 * entry of the CommonJS build, and the library's chunks it requires)
 * through a code cache: V8's compiled code for each of those files, saved
 * after a run. With it, a run neither parses the files nor compiles the
 * functions the command calls, which was most of what `ftrack-filter lint
 * FILTER` spent past Node's own start-up.
 *
 * Node's compile cache (Node 22.1 and later) is turned on as well, but it
 * keeps code as first compiled, before any function has run, and so saves
 * only the parse: that is why the files are not simply required. They are
 * loaded here instead, each once, as Node would load them (the same
 * wrapper, `module.exports`, `require` for the files beside them and for
 * Node's built-ins).
 *
 * The cache:
 * - lives where Node keeps its compile cache (`NODE_COMPILE_CACHE`, else
 *   `node-compile-cache` in the temporary folder), in a folder
 *   `ftrack-filter`; `NODE_DISABLE_COMPILE_CACHE` turns it off as it does
 *   Node's;
 * - is one file per command and source file, named by the package's
 *   version, the file's name, size, modification time (in nanoseconds) and
 *   inode, V8's version and the architecture: an upgraded, rebuilt or
 *   edited file never meets an old cache. (A hash of the content would
 *   cost more than the rest of the cache's work: Node's only fast one,
 *   `zlib.crc32`, takes over a millisecond to load.)
 * - is used only when it is a regular file owned by the user running the
 *   command; V8 then checks that it was made by the same V8 with the same
 *   flags, for a source of the same length, and rejects it otherwise;
 * - is written when a run had none (or V8 rejected it) and the command ran
 *   to its end, at exit, under a temporary name then renamed, so no run
 *   ever reads half a file.
 *
 * Anything that goes wrong with the cache (a read-only or full disk, a
 * folder that is a file, one owned by another user) leaves the run as it
 * would be without one: the same results, a slower start.
 */
import { isAscii } from "node:buffer";
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import nodeModule from "node:module";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { Script } from "node:vm";
import { version } from "../../package.json";

/** The commands with a cache of their own: each compiles a different part of the library. */
const COMMANDS = new Set(["lint", "match", "format", "explain"]);

/** What Node 22.1 and later add to node:module (its types here are Node 20's). */
interface NodeCompileCache {
  enableCompileCache?: () => { status: number };
  constants?: { compileCacheStatus?: Record<"DISABLED" | "FAILED", number> };
}

/** The folder of the code cache, or undefined when there is none. */
function cacheFolder(): string | undefined {
  const disable = process.env.NODE_DISABLE_COMPILE_CACHE;
  if (disable !== undefined && disable !== "" && disable !== "0") return undefined;
  try {
    // Node 22.1 and later: Node's own cache. Where it cannot be made, neither can this one.
    const { enableCompileCache, constants } = nodeModule as NodeCompileCache;
    const status = enableCompileCache?.().status;
    const statuses = constants?.compileCacheStatus;
    if (statuses !== undefined && (status === statuses.DISABLED || status === statuses.FAILED)) return undefined;
  } catch {
    // Node's cache failed to start; this one may still work.
  }
  return join(process.env.NODE_COMPILE_CACHE || join(tmpdir(), "node-compile-cache"), "ftrack-filter");
}

const folder = cacheFolder();
const args = process.argv.slice(2);
/** The command, for the cache's name; "other" for everything else, help included. */
const command = COMMANDS.has(args[0] ?? "") && !args.includes("--help") && !args.includes("-h") ? args[0] : "other";

/** The cache in `file` when it is there and the user's own; else undefined. */
function readCache(file: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return undefined;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || (process.getuid !== undefined && stats.uid !== process.getuid())) return undefined;
    return readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Saves the code a script has compiled so far to `file`: written aside, then renamed. */
function writeCache(file: string, script: Script): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const data = script.createCachedData();
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(temporary, data, { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was written.
    }
  }
}

/**
 * Scripts whose cache is to be written at exit, so that it holds every
 * function the command compiled. Only a command that ran to its end (exit
 * status 0 or 1) writes: a cache is never written again once V8 accepts
 * it, and one written by a run stopped by a usage error would hold little
 * of the command.
 */
const unsaved: [file: string, script: Script][] = [];
process.once("exit", (status) => {
  if (status === 0 || status === 1) for (const [file, script] of unsaved) writeCache(file, script);
});

/** A file of the package, compiled through the cache: the function Node would wrap it in. */
function compile(path: string): (...args: unknown[]) => void {
  const fd = openSync(path, "r");
  let bytes: Buffer;
  let file: string | undefined;
  try {
    const stats = fstatSync(fd, { bigint: true });
    const build = `${version}-${basename(path)}-${stats.size}-${stats.mtimeNs}-${stats.ino}`;
    file = folder === undefined ? undefined : join(folder, `${build}-${process.versions.v8}-${process.arch}-${command}.bin`);
    bytes = readFileSync(fd);
  } finally {
    closeSync(fd);
  }
  // ASCII (as the build writes it) read as Latin-1 needs no decoding; anything else is UTF-8.
  const source = bytes.toString(isAscii(bytes) ? "latin1" : "utf8");
  const cachedData = file === undefined ? undefined : readCache(file);
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: path,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  if (file !== undefined && (cachedData === undefined || script.cachedDataRejected === true)) unsaved.push([file, script]);
  return script.runInThisContext() as (...args: unknown[]) => void;
}

const loaded = new Map<string, { exports: unknown }>();

/** Loads a file of the package once, as `require` would; the files it requires beside it load the same way. */
function load(path: string): unknown {
  const known = loaded.get(path);
  if (known !== undefined) return known.exports;
  const module = { exports: {} };
  loaded.set(path, module);
  const dir = dirname(path);
  const requireHere = (id: string): unknown => (id.startsWith(".") ? load(join(dir, id)) : require(id));
  compile(path).call(module.exports, module.exports, requireHere, module, path, dir);
  return module.exports;
}

load(join(__dirname, "main.cjs"));
