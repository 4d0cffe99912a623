/**
 * The executable's code cache (src/cli/bin.ts): a run writes the cache of
 * its command, the next run reads it, and a cache that is not V8's, not the
 * user's own, or made for another build of a file is never what runs. None
 * of it changes what a command prints.
 */
import { spawnSync } from "node:child_process";
import { chownSync, cpSync, existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { type CliResult, cli, root, scratch } from "./run-cli";

const LINT = ["lint", "entity.entity_type = Task and entity.operation = update"];
const MATCH = ["match", "entity.entity_type = Task", join(root, "examples/events/task-update-status.json")];

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
    const stats = statSync(path);
    return [stats.ino, stats.mtimeMs];
  });

describe("the code cache", () => {
  const files = scratch();
  afterAll(() => files.cleanup());
  let folders = 0;
  const freshFolder = (): string => files.path(`cache-${++folders}`);
  const uncached = cli(LINT, { env: { NODE_DISABLE_COMPILE_CACHE: "1" } });

  test("a run writes its command's cache; the next run reads it and leaves it as it is", () => {
    const folder = freshFolder();
    const env = { NODE_COMPILE_CACHE: folder };
    expect(cli(LINT, { env })).toEqual(uncached);
    const written = cacheFiles(folder);
    // One per file the command loaded: main.cjs and the library's chunks, the largest holding the parser.
    expect(written.some((path) => /-main\.cjs-/.test(path))).toBe(true);
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

  test("a run stopped by a usage error writes no cache; help is not the command's", () => {
    // A cache is never written again once read, so it must come from a run of the whole command.
    const folder = freshFolder();
    const env = { NODE_COMPILE_CACHE: folder };
    expect(cli(["lint", "--bogus"], { env }).status).toBe(2);
    expect(cacheFiles(folder)).toEqual([]);
    expect(cli(["lint", "--help"], { env }).status).toBe(0);
    const written = cacheFiles(folder);
    expect(written.length).toBeGreaterThan(0);
    expect(written.every((path) => path.endsWith("-other.bin"))).toBe(true);
  });

  test("NODE_DISABLE_COMPILE_CACHE writes no cache", () => {
    const folder = freshFolder();
    expect(cli(LINT, { env: { NODE_COMPILE_CACHE: folder, NODE_DISABLE_COMPILE_CACHE: "1" } })).toEqual(uncached);
    expect(cacheFiles(folder)).toEqual([]);
  });

  const isRoot = process.getuid?.() === 0;
  test.skipIf(!isRoot)("a cache owned by another user is never read", () => {
    const folder = freshFolder();
    const env = { NODE_COMPILE_CACHE: folder };
    cli(LINT, { env });
    // Valid caches, but another user's: read, they would be accepted and kept.
    expect(cacheFiles(folder).length).toBeGreaterThan(1);
    for (const path of cacheFiles(folder)) chownSync(path, 4242, 4242);
    expect(cli(LINT, { env })).toEqual(uncached);
    for (const path of cacheFiles(folder)) expect(statSync(path).uid, path).toBe(0);
  });

  test("an edited file of the package never runs an older cache", () => {
    // A copy of the built package, whose file that prints "no problems" is edited in place to print other text of the same length.
    const dist = files.path("dist");
    cpSync(join(root, "dist"), dist, { recursive: true });
    const run = (folder: string): CliResult => {
      const child = spawnSync(process.execPath, [join(dist, "cli", "index.cjs"), ...LINT], {
        encoding: "utf8",
        env: { ...process.env, NODE_COMPILE_CACHE: folder },
      });
      return { status: child.status, stdout: child.stdout, stderr: child.stderr };
    };
    const folder = freshFolder();
    expect(run(folder)).toEqual(uncached);
    const cached = cacheFiles(folder);
    const [chunk, ...others] = [dist, join(dist, "cli")]
      .flatMap((dir) => readdirSync(dir).map((name) => join(dir, name)))
      .filter((path) => path.endsWith(".cjs"))
      .filter((path) => readFileSync(path, "latin1").includes("no problems"));
    expect(others).toEqual([]);
    const path = chunk ?? "";
    const before = statSync(path);
    writeFileSync(path, readFileSync(path, "latin1").replace("no problems", "NO PROBLEMS"), "latin1");
    utimesSync(path, before.atime, new Date(before.mtimeMs + 1000));
    expect(statSync(path).size).toBe(before.size);
    expect(run(folder).stdout).toBe(uncached.stdout.replace("no problems", "NO PROBLEMS"));
    // The edited file got a cache of its own; the others were read as they were.
    expect(cacheFiles(folder)).toHaveLength(cached.length + 1);
  });
});
