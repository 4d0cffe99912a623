#!/usr/bin/env node
// Runs the test suite on another line of Node.js: `npm run test:node -- 24`
// (any further arguments go to vitest, e.g. a test file). That line's binary
// comes from the npm registry (the package node-<platform>-<arch>@<major>,
// which carries it) into .cache/node/<major>/, a folder git ignores; it is
// fetched once and reused while it is still of that major line. The suite
// runs against the dist/ already built (`npm test` builds it), with that Node
// first on PATH, so every child process the tests start (the CLI, npm pack,
// the packed-consumer project) runs on it too.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";

const [major, ...vitestArgs] = process.argv.slice(2);
if (major === undefined || !/^\d+$/.test(major)) {
  console.error("usage: npm run test:node -- <major> [vitest arguments]   (for example: npm run test:node -- 24)");
  process.exit(2);
}
if (!existsSync("dist/index.js")) {
  console.error("test:node: dist/ is missing: run `npm test` (or `npm run build`) first");
  process.exit(2);
}

const pkg = `node-${process.platform}-${process.arch}`;
const cache = resolve(".cache", "node", major);
const bin = join(cache, "node_modules", pkg, "bin");
const node = join(bin, process.platform === "win32" ? "node.exe" : "node");

function versionOf(binary) {
  if (!existsSync(binary)) return undefined;
  const out = spawnSync(binary, ["--version"], { encoding: "utf8" });
  return out.status === 0 ? out.stdout.trim() : undefined;
}

if (!versionOf(node)?.startsWith(`v${major}.`)) {
  console.log(`test:node: fetching ${pkg}@${major} from the npm registry into ${cache}`);
  execFileSync(
    process.platform === "win32" ? "npm.cmd" : "npm",
    ["install", "--prefix", cache, "--no-save", "--no-audit", "--no-fund", "--no-package-lock", `${pkg}@${major}`],
    { stdio: "inherit", shell: process.platform === "win32" },
  );
}
const version = versionOf(node);
if (!version?.startsWith(`v${major}.`)) {
  console.error(`test:node: ${node} is not a Node ${major} binary (it reports ${version ?? "nothing"})`);
  process.exit(2);
}

console.log(`test:node: running the suite on Node ${version}`);
const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ""}` };
for (const key of Object.keys(env)) if (/^npm_/i.test(key)) delete env[key];
const result = spawnSync(node, [resolve("node_modules/vitest/vitest.mjs"), "run", ...vitestArgs], { stdio: "inherit", env });
process.exit(result.status ?? 1);
