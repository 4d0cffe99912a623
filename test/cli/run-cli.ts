/**
 * Runs the built command line (dist/cli/index.cjs, made by `npm run build`, which
 * `npm test` runs first) in a child process, as a user's shell would, and
 * returns its exit status and output. Colour variables of the test's own
 * environment are removed so that each test states the ones it wants.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../../", import.meta.url));
export const CLI = join(root, "dist", "cli", "index.cjs");

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** Written to standard input (which is then closed); empty when absent. */
  readonly input?: string | Buffer;
  /** Variables added to the environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Options for Node itself, before the script. */
  readonly nodeArgs?: readonly string[];
  /** The working directory (default: the project's root). */
  readonly cwd?: string;
  /** The executable to run (default: the built one, {@link CLI}), such as a copy of it. */
  readonly executable?: string;
}

let cacheFolder: string | undefined;

/**
 * The environment of a run: the test's own, without colour variables, and
 * with the code cache in a folder of this test file's (removed when it
 * ends), not in the user's temporary folder.
 */
function environment(extra: Readonly<Record<string, string>> | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ["FORCE_COLOR", "NO_COLOR", "NODE_DISABLE_COLORS", "NODE_DISABLE_COMPILE_CACHE"]) delete env[name];
  if (cacheFolder === undefined) {
    const folder = mkdtempSync(join(tmpdir(), "ftrack-filter-cli-cache-"));
    process.once("exit", () => rmSync(folder, { recursive: true, force: true }));
    cacheFolder = folder;
  }
  return { ...env, NODE_COMPILE_CACHE: cacheFolder, ...extra };
}

/** Runs `ftrack-filter ARGS...` from the project's root (or `cwd`) and waits for it. */
export function cli(args: readonly string[], options: RunOptions = {}): CliResult {
  const executable = options.executable ?? CLI;
  if (!existsSync(executable)) throw new Error(`${executable} does not exist: run npm run build first`);
  const child = spawnSync(process.execPath, [...(options.nodeArgs ?? []), executable, ...args], {
    cwd: options.cwd ?? root,
    input: options.input ?? "",
    env: environment(options.env),
    encoding: "utf8",
    timeout: 20_000,
  });
  if (child.error) throw child.error;
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

/**
 * Runs the command line and feeds standard input chunk by chunk, with a
 * pause between chunks, so that the chunks arrive as separate reads.
 */
export function cliStreaming(args: readonly string[], chunks: readonly string[], pauseMs = 60): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: root, env: environment(undefined) });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => (stdout += text));
    child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
    const feed = (i: number): void => {
      if (i === chunks.length) {
        child.stdin.end();
        return;
      }
      child.stdin.write(chunks[i]);
      setTimeout(() => feed(i + 1), pauseMs);
    };
    feed(0);
  });
}

/**
 * Runs the command line with standard output closed by the reader after
 * the first chunk, as `ftrack-filter ... | head -1` does.
 */
export function cliClosingOutput(args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: root, env: environment(undefined), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").once("data", (text: string) => {
      stdout = text;
      child.stdout.destroy();
    });
    child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** A temporary directory for files a test writes; `cleanup` removes it. */
export function scratch(): { path(name: string): string; write(name: string, data: string | Buffer): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), "ftrack-filter-cli-"));
  return {
    path: (name) => join(dir, name),
    write: (name, data) => {
      const file = join(dir, name);
      writeFileSync(file, data);
      return file;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Whether text holds ANSI escape sequences. */
export const hasAnsi = (text: string): boolean => text.includes("\u001b[");
