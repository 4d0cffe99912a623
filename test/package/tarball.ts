/**
 * Packs the built package (dist/, made by `npm run build`, which `npm test`
 * runs first) with `npm pack` and installs the tarball, without network, into
 * a new project. Tests that see the package as a consumer sees it start here.
 *
 * Development tools (vitest, TypeScript, @types/node) come from this
 * repository: the consumer project sits in a folder whose node_modules links
 * to this repository's, where Node and TypeScript look after the project's
 * own node_modules.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../../", import.meta.url));

/** The environment of child processes: none of this run's npm or vitest settings leak in. */
export const childEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(npm_|VITEST|NODE_OPTIONS$)/i.test(key)),
) as NodeJS.ProcessEnv;

const npm = process.platform === "win32" ? "npm.cmd" : "npm";

export interface PackedFile {
  readonly path: string;
  readonly size: number;
}

export interface Installed {
  /** The temporary folder holding the tarball, the project and npm's cache. */
  readonly work: string;
  /** The consumer project, with the tarball installed. */
  readonly app: string;
  /** The tarball's size in bytes, and the sum of its files' sizes. */
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: readonly PackedFile[];
}

/** Packs the package and installs it into a new project holding `files`. */
export function packAndInstall(prefix: string, files: Readonly<Record<string, string>>): Installed {
  const missing = ["index.js", "index.cjs", "testing.js", "testing.cjs", "vitest.js", "vitest.cjs"].filter(
    (file) => !existsSync(join(root, "dist", file)),
  );
  if (missing.length > 0) throw new Error(`dist/ lacks ${missing.join(", ")}: run npm run build first`);
  const work = mkdtempSync(join(tmpdir(), `ftrack-filter-${prefix}-`));
  const options = {
    env: { ...childEnv, npm_config_update_notifier: "false", npm_config_cache: join(work, "npm-cache") },
    encoding: "utf8" as const,
    shell: process.platform === "win32",
  };
  // --ignore-scripts: dist/ is built already, and prepack would build it again.
  const out = execFileSync(npm, ["pack", "--json", "--ignore-scripts", "--offline", "--pack-destination", work], {
    ...options,
    cwd: root,
  });
  const [pack] = JSON.parse(out) as { filename: string; size: number; unpackedSize: number; files: PackedFile[] }[];
  if (pack === undefined) throw new Error(`npm pack printed no result: ${out}`);

  const app = join(work, "app");
  mkdirSync(app);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(app, name, ".."), { recursive: true });
    writeFileSync(join(app, name), text);
  }
  execFileSync(npm, ["install", join(work, pack.filename), "--offline", "--no-audit", "--no-fund", "--ignore-scripts"], {
    ...options,
    cwd: app,
  });
  // Linked only after the install, which would otherwise prune what it did not install.
  symlinkSync(join(root, "node_modules"), join(work, "node_modules"), process.platform === "win32" ? "junction" : "dir");
  return { work, app, size: pack.size, unpackedSize: pack.unpackedSize, files: pack.files };
}
