// The command line: wall time of `ftrack-filter` runs in fresh processes
// (spawn to exit, as a shell or CI job pays it), beside Node starting alone;
// and lint throughput of typical filters through the library, which is what
// `ftrack-filter lint` spends its time on past start-up.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { STATUS_CHANGE_TO_FILTER, TRIGGER_FILTERS } from "../data/public-filters.mjs";
import { garbageCollector } from "../lib/environment.mjs";
import { runOpsSuite } from "../lib/ops.mjs";
import { formatMs, formatNs, formatRate, median, range } from "../lib/stats.mjs";

/** Filters with the mistakes the linter exists for: a typo, a wrong case, text against a number, a delete. */
const MISTAKES = [
  "entity.entity_typ = AssetVersion and entity.operation = update",
  'entity.entity_type = "task" and entity.new.status_id != entity.old.status_id',
  "entity.entity_type = Task and entity.new.bid = 0",
  "entity.entity_type = AssetVersion and entity.operation = delete",
];

const VERSION = "ftrack-filter --version";
const LINT_PUBLIC = "lint: the 4 public trigger filters, cycled";
const NODE_ALONE = "node alone (node -e 0)";
const LINT_ONE = "ftrack-filter lint FILTER (four conditions)";
const LINT_ONE_BASE = "ftrack-filter lint FILTER, previous build (--baseline-dist)";
const LINT_ONE_NO_CACHE = "ftrack-filter lint FILTER, no code cache (NODE_DISABLE_COMPILE_CACHE=1)";
const LINT_ONE_FIRST = "ftrack-filter lint FILTER, first run (an empty cache folder; the cache is written at exit)";

/** The executable of a build: dist/cli/index.cjs, or index.js in builds before it (0.1.0). */
export function cliPath(distDir) {
  const cjs = join(distDir, "cli", "index.cjs");
  return existsSync(cjs) ? cjs : join(distDir, "cli", "index.js");
}

/**
 * The commands timed, each in fresh processes; `args` follow `node`, `env`
 * (a function, called before each run) adds to the environment. Runs keep
 * their code cache in a folder of the bench's own (`cacheDir`), made by the
 * uncounted first run, as a user's second run finds it.
 */
const commands = (ctx, cacheDir) => {
  const cli = cliPath(ctx.dist.dir);
  const event = join(ctx.root, "examples", "events", "task-update-status.json");
  return [
    { name: NODE_ALONE, baseline: true, args: ["-e", "0"] },
    // An ES module entry point starts Node's ESM loader, which the CLI (an ES module) cannot avoid.
    { name: "node alone, ES module (node --input-type=module -e 0)", args: ["--input-type=module", "-e", "0"] },
    { name: VERSION, args: [cli, "--version"] },
    { name: LINT_ONE, args: [cli, "lint", STATUS_CHANGE_TO_FILTER] },
    ...(ctx.baseline ? [{ name: LINT_ONE_BASE, args: [cliPath(ctx.baseline.dist.dir), "lint", STATUS_CHANGE_TO_FILTER] }] : []),
    { name: LINT_ONE_NO_CACHE, args: [cli, "lint", STATUS_CHANGE_TO_FILTER], env: () => ({ NODE_DISABLE_COMPILE_CACHE: "1" }) },
    {
      name: LINT_ONE_FIRST,
      args: [cli, "lint", STATUS_CHANGE_TO_FILTER],
      env: () => ({ NODE_COMPILE_CACHE: mkdtempSync(join(cacheDir, "first-")) }),
    },
    {
      name: "ftrack-filter match FILTER EVENT.json",
      args: [cli, "match", STATUS_CHANGE_TO_FILTER, event],
      // match exits 1 when the event does not match, which is what happens here.
      status: 1,
    },
  ];
};

function timeOnce(spec, cacheDir) {
  const env = { ...process.env, NODE_COMPILE_CACHE: cacheDir, ...spec.env?.() };
  const start = performance.now();
  const child = spawnSync(process.execPath, spec.args, { encoding: "utf8", timeout: 60_000, env });
  const ms = performance.now() - start;
  if (child.error) throw child.error;
  if (child.status !== (spec.status ?? 0)) {
    throw new Error(`exit status ${child.status ?? child.signal}: ${(child.stderr || child.stdout).trim().split("\n")[0]}`);
  }
  return ms;
}

function startupRows(ctx) {
  const cacheDir = mkdtempSync(join(tmpdir(), "ftrack-filter-bench-cache-"));
  try {
    return timedRows(ctx, cacheDir);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

function timedRows(ctx, cacheDir) {
  const runs = ctx.quick ? 5 : 15;
  const specs = commands(ctx, cacheDir);
  const cli = cliPath(ctx.dist.dir);
  const live = specs.map((spec) => ({ ...spec, samples: [] }));
  if (!existsSync(cli)) return live.map(({ name }) => ({ name, skipped: `${cli} does not exist` }));
  // One uncounted run each, so that every case starts with its files in the OS cache.
  for (const c of live) {
    try {
      timeOnce(c, cacheDir);
    } catch (error) {
      c.error = error.message;
    }
  }
  for (let run = 0; run < runs; run++) {
    const ok = live.filter((c) => !c.error);
    const shift = run % Math.max(ok.length, 1);
    for (const c of [...ok.slice(shift), ...ok.slice(0, shift)]) {
      try {
        c.samples.push(timeOnce(c, cacheDir));
      } catch (error) {
        c.error = error.message;
      }
    }
  }
  const base = live.find((c) => c.baseline && !c.error);
  const baseMs = base ? median(base.samples) : undefined;
  return live.map((c) => {
    const row = { name: c.name, baseline: c.baseline === true };
    if (c.error) return { ...row, error: c.error };
    const value = median(c.samples);
    const { min, max } = range(c.samples);
    const over = c.baseline || baseMs === undefined ? "" : `; ${formatMs(value - baseMs)} over node alone`;
    return {
      ...row,
      value,
      display: formatMs(value),
      unit: "wall",
      spread: `${formatMs(min)} .. ${formatMs(max)}`,
      detail: `median of ${runs} processes${over}`,
    };
  });
}

async function lintRows(ctx) {
  if (typeof ctx.lib.lint !== "function") return [{ name: LINT_PUBLIC, skipped: "lint is not exported" }];
  const suite = {
    name: "cli lint",
    cases: [
      {
        name: LINT_PUBLIC,
        inputs: TRIGGER_FILTERS,
        setup:
          ({ lib }) =>
          (source) =>
            lib.lint(source),
        check: ({ outputs }) =>
          outputs.every((d) => Array.isArray(d) && d.every((x) => x.severity === "info"))
            ? undefined
            : "a public filter has an error or a warning",
      },
      {
        name: "lint: 4 filters with mistakes, cycled",
        inputs: MISTAKES,
        setup:
          ({ lib }) =>
          (source) =>
            lib.lint(source),
        check: ({ outputs }) =>
          outputs.every((d) => Array.isArray(d) && d.some((x) => x.severity !== "info")) ? undefined : "a mistake went unreported",
      },
    ],
  };
  const options = {
    rounds: ctx.quick ? 3 : 7,
    warmupMs: ctx.quick ? 100 : 200,
    batchMs: ctx.quick ? 30 : 75,
    gc: garbageCollector(),
  };
  const { cases } = await runOpsSuite(suite, ctx, options);
  return cases.map((row) => {
    if (row.skipped || row.error) return row;
    const { min, max } = range(row.samplesNs);
    return {
      name: row.name,
      value: row.medianNs,
      opsPerSec: row.opsPerSec,
      display: `${formatRate(row.opsPerSec)} filters/s`,
      unit: `(${formatNs(row.medianNs)}/filter)`,
      spread: `${formatNs(min)} .. ${formatNs(max)}`,
      detail: `median of ${options.rounds} rounds; ${formatNs(row.cpuMedianNs)} CPU time per filter`,
    };
  });
}

export default {
  name: "cli",
  order: 60,
  description:
    "The command line. Start-up: wall time from spawn to exit of `node dist/cli/index.cjs ...` in fresh processes (the cases in rotating order, " +
    "after one uncounted run each, which leaves the code cache in a folder of the bench's own), beside `node -e 0` and an empty ES module; " +
    "`lint FILTER` also without the code cache, and as a first run that finds an empty cache folder and writes the cache. Lint: `lint(filter)` through the built library in this process " +
    "(the ops method: warm-up, calibrated batches, median of rounds); the value is ns per filter.",
  kind: "custom",
  run: async (ctx) => [...startupRows(ctx), ...(await lintRows(ctx))],
  targets: [
    {
      description: "ftrack-filter --version under 100 ms (median wall time, spawn to exit)",
      check: (cases) => {
        const row = cases[VERSION];
        if (!row || row.skipped || row.error) return { pass: null, detail: row?.skipped ?? row?.error ?? "not measured" };
        return { pass: row.value < 100, detail: `median ${formatMs(row.value)} against 100 ms` };
      },
    },
    {
      description: "ftrack-filter lint FILTER at most 0.5x the previous build's time over node -e 0 (medians, alternating fresh processes)",
      check: (cases) => {
        const rows = [cases[LINT_ONE], cases[LINT_ONE_BASE], cases[NODE_ALONE]];
        const missing = rows.find((row) => !row || row.skipped || row.error);
        if (missing !== undefined || rows.length < 3) {
          return { pass: null, detail: missing?.skipped ?? missing?.error ?? "no previous build given (--baseline-dist DIR)" };
        }
        const [ours, base, node] = rows.map((row) => row.value);
        const ratio = (ours - node) / (base - node);
        return {
          pass: ratio <= 0.5,
          detail: `${ratio.toFixed(2)}x against 0.50x: ${formatMs(ours - node)} over node alone against ${formatMs(base - node)} (${formatMs(ours)}, ${formatMs(base)}, node ${formatMs(node)})`,
        };
      },
    },
    {
      description: "lint: at least 20,000 typical filters per second",
      check: (cases) => {
        const row = cases[LINT_PUBLIC];
        if (!row || row.skipped || row.error) return { pass: null, detail: row?.skipped ?? row?.error ?? "not measured" };
        return { pass: row.opsPerSec >= 20_000, detail: `${formatRate(row.opsPerSec)} filters/s against 20,000` };
      },
    },
  ],
};
