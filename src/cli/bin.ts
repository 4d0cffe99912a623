#!/usr/bin/env node
/**
 * The `ftrack-filter` executable. It runs the command line (main.cjs, an
 * entry of the CommonJS build, and the library's chunks it requires)
 * through a code cache: V8's compiled code for each of those files, saved
 * after a run. With it, a run neither parses the files nor compiles the
 * functions the command calls, which was most of what `ftrack-filter lint
 * FILTER` spent past Node's own start-up.
 *
 * Node's compile cache (`module.enableCompileCache`, Node 22.8 and later)
 * is turned on as well, but it keeps code as first compiled, before any
 * function has run, and so saves only the parse: that is why the files are
 * not simply required. They are loaded here instead, each once, as Node
 * would load them (the same wrapper, `module.exports`, `require` for the
 * `.cjs` files beside them; anything else goes to Node's `require`).
 *
 * The cache:
 * - lives where Node keeps its compile cache (`NODE_COMPILE_CACHE`, else
 *   `node-compile-cache` in the temporary folder), in a folder
 *   `ftrack-filter`, used only while it is the user's own and no one
 *   else can write to it or to the folder holding it (unless that one is
 *   sticky, as the temporary folder is); `NODE_DISABLE_COMPILE_CACHE` turns
 *   it off, as it does Node's;
 * - is one file per command and source file, named by the file's name,
 *   device, inode, size, modification and change times (in nanoseconds),
 *   the package's version, V8's version, the architecture and Node's
 *   options: an upgraded, rebuilt, copied or edited file never meets an
 *   old cache. (A hash of the content would cost more than the rest of the
 *   cache's work: Node's only fast one, `zlib.crc32`, takes over a
 *   millisecond to load.)
 * - is read only when it is a regular file (never through a symbolic link,
 *   never blocking on a pipe) owned by the user; V8 then checks that it
 *   was made by the same V8 with the same flags, for a source of the same
 *   length, and rejects it otherwise;
 * - is written at exit when the run had none (or V8 rejected it) and the
 *   command ran to its end with status 0 or 1 (a cache is not written
 *   again once accepted, so one from a run stopped early would hold little
 *   of the command), to a new file then renamed, so no run ever reads half
 *   a file; the folder keeps at most the newest 48 files.
 *
 * Anything that goes wrong with the cache (a read-only or full disk, a
 * folder that is a file or someone else's) leaves the run as it would be
 * without one: the same results, a slower start. A file of the package
 * that cannot be loaded is one line and exit status 70, as any internal
 * error of the command line.
 */
import { isAscii } from "node:buffer";
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeSync,
} from "node:fs";
import nodeModule, { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { Script } from "node:vm";
import { version } from "../../package.json";
import { COMMAND_NAMES } from "./command-names";
import { internalError } from "./internal-error";

/** The most cache files the folder keeps: a few per command and build. */
const KEEP = 48;

/** What Node 22.8 and later add to node:module (its types here are Node 20's). */
interface NodeCompileCache {
  enableCompileCache?: () => { status: number };
  constants?: { compileCacheStatus?: Record<"DISABLED" | "FAILED", number> };
}

/** The user running (undefined where there are no user ids: Windows). */
const uid = process.getuid?.();

/** Whether a file or folder is the user's own and no one else can write to it. */
function isPrivate(stats: Stats): boolean {
  return uid === undefined || (stats.uid === uid && (stats.mode & 0o022) === 0);
}

/** Whether a folder may hold code this user runs: a real folder (not a link to one), private to the user. */
function ownFolder(path: string): boolean {
  const stats = lstatSync(path);
  return stats.isDirectory() && isPrivate(stats);
}

/** Whether no one else can swap a folder out of `path`: private to the user, or sticky (as the temporary folder is). */
function safeParent(path: string): boolean {
  const stats = statSync(path);
  return (stats.mode & 0o1000) !== 0 || isPrivate(stats);
}

/** The folder of the code cache, made if need be, or undefined when there is to be none. */
function cacheFolder(): string | undefined {
  if (process.env.NODE_DISABLE_COMPILE_CACHE !== undefined) return undefined;
  try {
    const { enableCompileCache, constants: moduleConstants } = nodeModule as NodeCompileCache;
    const status = enableCompileCache?.().status;
    const statuses = moduleConstants?.compileCacheStatus;
    if (statuses !== undefined && (status === statuses.DISABLED || status === statuses.FAILED)) return undefined;
  } catch {
    // Node's cache failed to start; this one may still work.
  }
  try {
    const parent = process.env.NODE_COMPILE_CACHE || join(tmpdir(), "node-compile-cache");
    const folder = join(parent, "ftrack-filter");
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    return safeParent(parent) && ownFolder(folder) ? folder : undefined;
  } catch {
    return undefined;
  }
}

/** A short hash of Node's options, which V8's flags follow: runs with other options keep other caches. */
function optionsHash(): string {
  const text = `${process.execArgv.join("\0")}\u0001${process.env.NODE_OPTIONS ?? ""}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
}

const folder = cacheFolder();
const args = process.argv.slice(2);
/** The command, for the caches' names; "other" for everything else, help included. */
const command =
  (COMMAND_NAMES as readonly string[]).includes(args[0] ?? "") && !args.includes("--help") && !args.includes("-h") ? args[0] : "other";
const runKey = `${version}-${process.versions.v8}-${process.arch}-${optionsHash()}-${command}`;

/** The cache in `file` when it is a regular file of the user's own; else undefined. */
function readCache(file: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || (uid !== undefined && stats.uid !== uid)) return undefined;
    return readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Scripts whose cache is to be written at exit, so that it holds every function the command compiled. */
const unsaved: [file: string, script: Script][] = [];

/** Writes each cache to a new file, renamed over the old; stops at the first failure (a full or read-only disk). */
function writeCaches(into: string): void {
  for (const [file, script] of unsaved) {
    const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    let fd: number | undefined;
    try {
      // A new file ("wx" fails on anything already there, a symbolic link included), before the work of serialising.
      fd = openSync(temporary, "wx", 0o600);
      const data = script.createCachedData();
      for (let written = 0; written < data.length; ) written += writeSync(fd, data, written);
      closeSync(fd);
      fd = undefined;
      renameSync(temporary, file);
    } catch {
      try {
        if (fd !== undefined) closeSync(fd);
        rmSync(temporary, { force: true });
      } catch {
        // Nothing more to undo.
      }
      return;
    }
  }
  prune(into);
}

/** Removes the oldest cache files past the newest KEEP, so the folder does not grow with every build. */
function prune(into: string): void {
  try {
    const files = readdirSync(into)
      .filter((name) => name.endsWith(".bin"))
      .map((name) => ({ path: join(into, name), time: lstatSync(join(into, name)).mtimeMs }))
      .sort((a, b) => b.time - a.time);
    for (const { path } of files.slice(KEEP)) rmSync(path, { force: true });
  } catch {
    // Another run may be pruning too; the next write tries again.
  }
}

/** A file of the package, compiled through the cache: the function Node would wrap it in. */
function compile(path: string): (...args: unknown[]) => void {
  const fd = openSync(path, "r");
  let bytes: Buffer;
  let file: string | undefined;
  try {
    const s = fstatSync(fd, { bigint: true });
    if (folder !== undefined) {
      file = join(folder, `${basename(path)}-${s.dev}-${s.ino}-${s.size}-${s.mtimeNs}-${s.ctimeNs}-${runKey}.bin`);
    }
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

/** Loads a `.cjs` file of the package once, as `require` would; the `.cjs` files it requires beside it load the same way. */
function load(path: string): unknown {
  const known = loaded.get(path);
  if (known !== undefined) return known.exports;
  const module = { exports: {} };
  loaded.set(path, module);
  const dir = dirname(path);
  const nodeRequire = createRequire(path);
  const requireHere = (id: string): unknown => (id.startsWith(".") && id.endsWith(".cjs") ? load(join(dir, id)) : nodeRequire(id));
  compile(path).call(module.exports, module.exports, requireHere, module, path, dir);
  return module.exports;
}

async function start(): Promise<void> {
  let status: number;
  try {
    const { main } = load(join(__dirname, "main.cjs")) as { main: () => Promise<number> };
    status = await main();
  } catch (error) {
    process.stderr.write(`ftrack-filter: ${internalError(error)}\n`);
    process.exitCode = 70; // EXIT.internal
    return;
  }
  if (folder !== undefined && (status === 0 || status === 1) && unsaved.length > 0) {
    // At exit, so that the caches hold every function the command compiled, and only if it ended as it returned.
    process.once("exit", (code) => {
      if (code === status) writeCaches(folder);
    });
  }
}

void start();
