// What a result needs to be read later: the machine, Node, the date and the
// library version; and the loading of the built library under test.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * The built package in `distDir`, copied to a temporary folder first, so
 * that a rebuild while the benchmarks run cannot change (or delete) what they
 * measure: every suite, and every child process, sees the same build. The
 * copy's folder holds a `package.json` with `"type": "module"`, as the
 * project's does, so Node resolves and loads it exactly as it would in place.
 * Returns the file paths of the copy and its module namespace (ESM build).
 */
export async function loadLibrary(distDir) {
  if (!existsSync(join(distDir, "index.js"))) {
    throw new Error(
      `${join(distDir, "index.js")} does not exist: build the package first (npm run build; if a build is running, wait for it), or pass --dist DIR`,
    );
  }
  const dir = mkdtempSync(join(os.tmpdir(), "ftrack-filter-bench-"));
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  cpSync(distDir, dir, { recursive: true, filter: (from) => !from.endsWith(".map") });
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
  const esmPath = join(dir, "index.js");
  const cjsPath = join(dir, "index.cjs");
  const esmUrl = pathToFileURL(esmPath).href;
  const lib = await import(esmUrl);
  return { lib, dist: { dir, source: distDir, esmPath, esmUrl, cjsPath, hasCjs: existsSync(cjsPath) } };
}

/** The package's name and version from its package.json. */
export function packageInfo(root) {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  return { name: pkg.name, version: pkg.version };
}

/** The machine, the runtime and the time of the run. */
export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? "unknown",
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    v8: process.versions.v8,
    date: new Date().toISOString(),
  };
}

/**
 * A function that runs a full garbage collection, or undefined when V8 does
 * not allow it. Collecting between timed batches keeps one case's garbage
 * off another case's clock.
 */
export function garbageCollector() {
  if (typeof globalThis.gc === "function") return globalThis.gc;
  try {
    v8.setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc");
    return typeof gc === "function" ? gc : undefined;
  } catch {
    return undefined;
  }
}
