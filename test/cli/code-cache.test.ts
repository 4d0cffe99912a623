/**
 * The executable's code cache (src/cli/bin.ts): a run writes the cache of
 * its command, the next run reads it, and a cache that is not V8's, not the
 * user's own, in a folder others can write to, or made for another build
 * of a file is never what runs. None of it changes what a command prints.
 */
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  copyFileSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { type CliResult, cli, root, scratch } from "./run-cli";

const LINT = ["lint", "entity.entity_type = Task and entity.operation = update"];
const MATCH = ["match", "entity.entity_type = Task", join(root, "examples/events/task-update-status.json")];
const isRoot = process.getuid?.() === 0;

/** The cache files in a compile-cache folder, sorted, as full paths. */
function cacheFiles(folder: string): string[] {
  const dir = join(folder, "ftrack-filter");
  return existsSync(dir)
    ? readdirSync(dir)
        .sort()
        .map((name) => join(dir, name))
    : [];
}

/** Each file's inode and modification time: what changes when a file is written again. */
const identities = (paths: readonly string[]): [number, number][] =>
  paths.map((path) => {
    const stats = lstatSync(path);
    return [stats.ino, stats.mtimeMs];
  });

describe("the code cache", () => {
  const files = scratch();
  afterAll(() => files.cleanup());
  let folders = 0;
  const freshFolder = (): string => files.path(`cache-${++folders}`);
  const uncached = cli(LINT, { env: { NODE_DISABLE_COMPILE_CACHE: "1" } });

  test("without a cache, the command runs as ever", () => {
    expect(uncached).toEqual({ status: 0, stdout: "1 filter: no problems\n", stderr: "" });
  });

  test("a run writes its command's cache; the next run reads it and leaves it as it is", () => {
    const folder = freshFolder();
    const env = { NODE_COMPILE_CACHE: folder };
    expect(cli(LINT, { env })).toEqual(uncached);
    const written = cacheFiles(folder);
    // One per file the command loaded: main.cjs and the library's chunks, the largest holding the parser.
    expect(written.some((path) => /[\\/]main\.cjs-/.test(path))).toBe(true);
    expect(written.every((path) => path.endsWith("-lint.bin"))).toBe(true);
    expect(Math.max(...written.map((path) => statSync(path).size))).toBeGreaterThan(100_000);

    const before = identities(written);
    expect(cli(LINT, { env })).toEqual(uncached);
    // A cache V8 accepted is not written again.
    expect(cacheFiles(folder)).toEqual(written);
    expect(identities(written)).toEqual(before);
  });

  test("each command has a cache of its own", () => {
    const folder = freshFolder();
    const env = { NODE_COMPILE_CACHE: folder };
    cli(LINT, { env });
    const matched = cli(MATCH, { env });
    expect(matched).toEqual(cli(MATCH, { env: { NODE_DISABLE_COMPILE_CACHE: "1" } }));
    expect(matched.status).toBe(0);
    expect(new Set(cacheFiles(folder).map((path) => path.replace(/.*-/, "")))).toEqual(new Set(["lint.bin", "match.bin"]));
  });

  test("a cache that V8 rejects is replaced, and the run is the same", () => {
    const folder = freshFolder();
    const env = { NODE_COMPILE_CACHE: folder };
    cli(LINT, { env });
    const written = cacheFiles(folder);
    expect(written.length).toBeGreaterThan(1);
    const garbage = Buffer.alloc(50_000, 7);
    for (const path of written) writeFileSync(path, garbage);
    expect(cli(LINT, { env })).toEqual(uncached);
    for (const path of written) expect(readFileSync(path).equals(garbage), path).toBe(false);
  });

  test("a run stopped by a usage error or a defect writes no cache; help is not the command's", () => {
    // A cache is never written again once read, so it must come from a run of the whole command.
    const folder = freshFolder();
    const env = { NODE_COMPILE_CACHE: folder };
    expect(cli(["lint", "--bogus"], { env }).status).toBe(2);
    const breakStdout = `data:text/javascript,${encodeURIComponent(
      'Object.defineProperty(process.stdout, "write", { value() { throw new Error("broken"); } });',
    )}`;
    expect(cli(LINT, { env, nodeArgs: ["--import", breakStdout] }).status).toBe(70);
    expect(cacheFiles(folder)).toEqual([]);
    expect(cli(["lint", "--help"], { env }).status).toBe(0);
    const written = cacheFiles(folder);
    expect(written.length).toBeGreaterThan(0);
    expect(written.every((path) => path.endsWith("-other.bin"))).toBe(true);
  });

  test("NODE_DISABLE_COMPILE_CACHE, whatever its value, writes no cache", () => {
    for (const value of ["1", "0", ""]) {
      const folder = freshFolder();
      expect(cli(LINT, { env: { NODE_COMPILE_CACHE: folder, NODE_DISABLE_COMPILE_CACHE: value } })).toEqual(uncached);
      expect(cacheFiles(folder), value).toEqual([]);
    }
  });

  test("a symbolic link or a pipe in a cache's place is never read through, and never hangs the run", () => {
    const folder = freshFolder();
    const env = { NODE_COMPILE_CACHE: folder };
    cli(LINT, { env });
    const [link, pipe] = cacheFiles(folder).sort((a, b) => statSync(b).size - statSync(a).size);
    if (link === undefined || pipe === undefined) throw new Error("expected at least two cache files");
    // A valid cache behind a link: followed, it would be accepted and the link kept.
    const target = files.path("valid-cache.bin");
    copyFileSync(link, target);
    rmSync(link);
    symlinkSync(target, link);
    rmSync(pipe);
    execFileSync("mkfifo", [pipe]);
    expect(cli(LINT, { env })).toEqual(uncached);
    expect(lstatSync(link).isFile()).toBe(true);
    expect(lstatSync(pipe).isFile()).toBe(true);
  });

  test("a folder others can write to is not used", () => {
    const folder = freshFolder();
    mkdirSync(join(folder, "ftrack-filter"), { recursive: true });
    chmodSync(join(folder, "ftrack-filter"), 0o777);
    expect(cli(LINT, { env: { NODE_COMPILE_CACHE: folder } })).toEqual(uncached);
    expect(cacheFiles(folder)).toEqual([]);
  });

  test.skipIf(!isRoot)("a cache or a folder owned by another user is never used", () => {
    const folder = freshFolder();
    const env = { NODE_COMPILE_CACHE: folder };
    cli(LINT, { env });
    // Valid caches, but another user's: read, they would be accepted and kept.
    expect(cacheFiles(folder).length).toBeGreaterThan(1);
    for (const path of cacheFiles(folder)) chownSync(path, 4242, 4242);
    expect(cli(LINT, { env })).toEqual(uncached);
    for (const path of cacheFiles(folder)) expect(statSync(path).uid, path).toBe(0);

    const theirs = freshFolder();
    mkdirSync(join(theirs, "ftrack-filter"), { recursive: true });
    chownSync(join(theirs, "ftrack-filter"), 4242, 4242);
    expect(cli(LINT, { env: { NODE_COMPILE_CACHE: theirs } })).toEqual(uncached);
    expect(cacheFiles(theirs)).toEqual([]);
  });

  test("the folder keeps the newest 48 files", () => {
    const folder = freshFolder();
    const dir = join(folder, "ftrack-filter");
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const old = new Date("2020-01-01T00:00:00Z");
    for (let i = 0; i < 60; i++) {
      const path = join(dir, `old-${i}.bin`);
      writeFileSync(path, "x");
      utimesSync(path, old, old);
    }
    expect(cli(LINT, { env: { NODE_COMPILE_CACHE: folder } })).toEqual(uncached);
    const kept = cacheFiles(folder);
    expect(kept).toHaveLength(48);
    expect(kept.filter((path) => path.endsWith("-lint.bin")).length).toBeGreaterThan(1);
  });

  test("an edited file of the package never runs an older cache, whatever its times", () => {
    // A copy of the built package, whose file that prints "no problems" is edited in place to print other
    // text of the same length, with its modification time set back to what it was.
    const dist = files.path("dist");
    cpSync(join(root, "dist"), dist, { recursive: true });
    const run = (folder: string): CliResult =>
      cli(LINT, { executable: join(dist, "cli", "index.cjs"), env: { NODE_COMPILE_CACHE: folder } });
    const folder = freshFolder();
    expect(run(folder)).toEqual(uncached);
    const cached = cacheFiles(folder);
    const [chunk, ...others] = [dist, join(dist, "cli")]
      .flatMap((dir) => readdirSync(dir).map((name) => join(dir, name)))
      .filter((path) => path.endsWith(".cjs"))
      .filter((path) => readFileSync(path, "latin1").includes("no problems"));
    expect(others).toEqual([]);
    const path = chunk ?? "";
    const reference = files.path("times");
    writeFileSync(reference, "");
    execFileSync("touch", ["-r", path, reference]);
    const before = statSync(path, { bigint: true });
    writeFileSync(path, readFileSync(path, "latin1").replace("no problems", "NO PROBLEMS"), "latin1");
    execFileSync("touch", ["-r", reference, path]);
    const after = statSync(path, { bigint: true });
    expect([after.size, after.mtimeNs, after.ino]).toEqual([before.size, before.mtimeNs, before.ino]);
    expect(run(folder).stdout).toBe(uncached.stdout.replace("no problems", "NO PROBLEMS"));
    // The edited file got a cache of its own; the others were read as they were.
    expect(cacheFiles(folder)).toHaveLength(cached.length + 1);
  });

  test("every file the command line loads is one the executable loads itself, or one of Node's", () => {
    // The executable serves `require` of the package's .cjs files and hands the rest to Node; it has no `import()`.
    const main = join(root, "dist", "cli", "main.cjs");
    const seen = new Set<string>();
    const visit = (path: string): void => {
      if (seen.has(path)) return;
      seen.add(path);
      const text = readFileSync(path, "utf8");
      expect(text, path).not.toMatch(/\bimport\(/);
      for (const [, id] of text.matchAll(/\brequire\((?:'|")([^'"]+)(?:'|")\)/g)) {
        if (id?.startsWith(".")) {
          expect(id, path).toMatch(/\.cjs$/);
          visit(join(path, "..", id));
        } else {
          expect(id, path).toMatch(/^node:/);
        }
      }
    };
    visit(main);
    expect(seen.size).toBeGreaterThan(1);
  });
});
