// The benchmark runner: loads the data-only suites of bench/suites/, runs
// them against the built package (dist/), and prints one Markdown table per
// suite (or JSON), with the targets each suite declares.
//
//   node bench/run.mjs [--suite NAME]... [--rounds N] [--runs N] [--quick]
//                      [--json] [--save FILE] [--compare FILE] [--dist DIR]
//                      [--baseline-dist DIR] [--fail-on-miss]
//
// Suite kinds: "ops" (throughput in this process, see lib/ops.mjs),
// "process" (fresh Node processes, see lib/process.mjs) and "custom" (a
// `run(ctx)` that returns rows). See bench/README.md for the method.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { garbageCollector, loadLibrary, machineInfo, packageInfo } from "./lib/environment.mjs";
import { runOpsSuite } from "./lib/ops.mjs";
import { runNode, runProcessSuite } from "./lib/process.mjs";
import { attachComparison, renderMarkdown } from "./lib/report.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");

const USAGE = `usage: node bench/run.mjs [options]
  --suite NAME     run only this suite (repeatable; the suite's name or file name)
  --rounds N       timed rounds per ops suite (default 7; 3 with --quick)
  --runs N         fresh processes per cold-start case (default 15; 5 with --quick)
  --quick          3 rounds, 5 runs, 150 ms warm-up, 30 ms batches: a smoke run, not a measurement
  --json           print the result as JSON instead of Markdown
  --save FILE      also write the result as JSON to FILE
  --compare FILE   show each row's change against a result saved with --save
  --dist DIR       the built package to measure (default: dist/)
  --baseline-dist DIR
                   a previous build (such as release 0.1.0's dist/) to measure side by side
                   in the same run; the targets set against it read N/A without it
  --same-isolate   time every case of an ops suite in this process's isolate, not each in a worker of its own
  --fail-on-miss   exit with status 1 when a target is missed (errors always do)`;

function parseArgs(argv) {
  const opts = { suites: [], quick: false, json: false, failOnMiss: false, isolate: true, dist: join(root, "dist") };
  const positive = (flag, text) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} expects a positive integer, got ${JSON.stringify(text)}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} expects a value`);
      return v;
    };
    switch (flag) {
      case "--suite":
        opts.suites.push(value());
        break;
      case "--rounds":
        opts.rounds = positive(flag, value());
        break;
      case "--runs":
        opts.runs = positive(flag, value());
        break;
      case "--quick":
        opts.quick = true;
        break;
      case "--json":
        opts.json = true;
        break;
      case "--save":
        opts.save = resolve(value());
        break;
      case "--compare":
        opts.compare = resolve(value());
        break;
      case "--dist":
        opts.dist = resolve(value());
        break;
      case "--baseline-dist":
        opts.baselineDist = resolve(value());
        break;
      case "--fail-on-miss":
        opts.failOnMiss = true;
        break;
      case "--same-isolate":
        opts.isolate = false;
        break;
      case "--help":
      case "-h":
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
  }
  opts.rounds ??= opts.quick ? 3 : 7;
  opts.runs ??= opts.quick ? 5 : 15;
  opts.warmupMs = opts.quick ? 150 : 1000;
  opts.batchMs = opts.quick ? 30 : 75;
  return opts;
}

async function loadSuites(filter) {
  const dir = join(here, "suites");
  const suites = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".mjs"))
    .sort()) {
    const suite = (await import(pathToFileURL(join(dir, file)).href)).default;
    suite.file = basename(file, ".mjs");
    suite.url = pathToFileURL(join(dir, file)).href;
    suites.push(suite);
  }
  suites.sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.name.localeCompare(b.name));
  if (filter.length === 0) return suites;
  const unknown = filter.filter((f) => !suites.some((s) => s.name === f || s.file === f));
  if (unknown.length) throw new Error(`unknown suite ${unknown.join(", ")}; known: ${suites.map((s) => s.name).join(", ")}`);
  return suites.filter((s) => filter.includes(s.name) || filter.includes(s.file));
}

function evaluateTargets(suite, cases) {
  const byName = Object.fromEntries(cases.map((c) => [c.name, c]));
  return (suite.targets ?? []).map((t) => {
    try {
      const { pass, detail } = t.check(byName);
      return { description: t.description, status: pass === true ? "PASS" : pass === false ? "MISS" : "N/A", detail };
    } catch (error) {
      return { description: t.description, status: "N/A", detail: `check threw: ${error?.message ?? error}` };
    }
  });
}

async function runSuite(suite, ctx, opts) {
  const out = { name: suite.name, description: suite.description, kind: suite.kind };
  const reason = typeof suite.skip === "function" ? suite.skip(ctx) : undefined;
  if (reason) return { ...out, skipped: reason };
  try {
    let result;
    if (suite.kind === "ops") result = await runOpsSuite(suite, ctx, opts);
    else if (suite.kind === "process") result = await runProcessSuite(suite, ctx, opts);
    else if (suite.kind === "custom") result = { cases: await suite.run(ctx) };
    else throw new Error(`unknown suite kind ${JSON.stringify(suite.kind)}`);
    const notes = typeof suite.notes === "function" ? suite.notes(result.cases, ctx) : suite.notes;
    return { ...out, cases: result.cases, targets: evaluateTargets(suite, result.cases), ...(notes ? { notes } : {}) };
  } catch (error) {
    return { ...out, error: error?.stack ?? String(error) };
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const { lib, dist } = await loadLibrary(opts.dist);
  const library = { ...packageInfo(root), dist: join(dist.source, "index.js"), exports: Object.keys(lib).sort() };
  const ctx = { lib, dist, library, quick: opts.quick, runNode, root, baseline: undefined };
  if (opts.baselineDist) {
    const loaded = await loadLibrary(opts.baselineDist);
    ctx.baseline = { ...loaded, source: opts.baselineDist };
    library.baseline = join(opts.baselineDist, "index.js");
  }
  const gc = garbageCollector();
  const meta = {
    library,
    machine: machineInfo(),
    options: {
      rounds: opts.rounds,
      runs: opts.runs,
      warmupMs: opts.warmupMs,
      batchMs: opts.batchMs,
      quick: opts.quick,
      isolate: opts.isolate,
    },
    method:
      `ops: ${opts.isolate ? "each case in a worker thread (an isolate) of its own, " : "every case in one isolate, "}at least ${opts.warmupMs} ms warm-up per case, ${opts.rounds} rounds rotating the case order, one ~${opts.batchMs} ms batch per case per round` +
      `${gc ? ", full GC and one untimed batch before each timed batch" : ""}; median wall ns/op, spread min..max over rounds, ratio = median of per-round ratios, ` +
      `CPU/op = median process CPU time per op. ` +
      `process: ${opts.runs} fresh Node processes per case, median of the in-process figure.`,
  };
  const suites = await loadSuites(opts.suites);
  const result = { meta, suites: [] };
  for (const suite of suites) {
    process.stderr.write(`running ${suite.name}...\n`);
    result.suites.push(await runSuite(suite, ctx, { ...opts, gc }));
  }
  if (opts.compare) {
    const saved = JSON.parse(readFileSync(opts.compare, "utf8"));
    saved.file = opts.compare;
    attachComparison(result, saved);
  }
  if (opts.save) {
    mkdirSync(dirname(opts.save), { recursive: true });
    writeFileSync(opts.save, `${JSON.stringify(result, null, 2)}\n`);
    process.stderr.write(`saved ${opts.save}\n`);
  }
  process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : renderMarkdown(result));

  const failed = result.suites.some((s) => s.error || s.cases?.some((c) => c.error));
  const missed = result.suites.some((s) => s.targets?.some((t) => t.status === "MISS"));
  if (failed || (opts.failOnMiss && missed)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error?.message ?? error);
  process.exitCode = 1;
});
