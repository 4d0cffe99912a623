/**
 * `npm run fuzz -- --minutes N`: runs every fuzz target of test/fuzz (the
 * same properties `npm test` runs briefly) with random seeds for about N
 * minutes, sharing the time between targets by weight over a few rounds,
 * then prints the number of cases run per target and every failure with
 * its seed, replay path and counterexample. Exits 1 when a property
 * failed, 2 on a usage error (or when the CLI target needs `npm run build`).
 *
 * Options:
 *   --minutes N         total time (default 1; fractions allowed)
 *   --seed S            base seed of the run (default: random, printed)
 *   --target A,B        only these targets (see --list)
 *   --replay SEED       run one --target with exactly this fast-check seed
 *   --path P            with --replay: replay just the failing case
 *   --list              list the targets and exit
 */

import { parseArgs } from "node:util";
import fc from "fast-check";
import { cliAvailable } from "../test/fuzz/properties/cli";
import { useClock } from "../test/fuzz/support/check";
import type { FuzzTarget, RunSummary } from "../test/fuzz/support/target";
import { allTargets } from "../test/fuzz/targets";

interface Failure {
  readonly target: string;
  readonly summary: RunSummary;
}

const usage = (message: string): never => {
  process.stderr.write(
    `fuzz: ${message}\nusage: npm run fuzz -- [--minutes N] [--seed S] [--target NAME,...] [--replay SEED [--path P]] [--list]\n`,
  );
  process.exit(2);
};

/** A 31-bit seed for one target in one round, derived from the base seed. */
function deriveSeed(base: number, round: number, name: string): number {
  let h = (base ^ Math.imul(round + 1, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h & 0x7fffffff;
}

function formatTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? "").length))) ?? [];
  return rows
    .map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  "))
    .join("\n");
}

const FUZZ_ARGS = {
  options: {
    minutes: { type: "string", default: "1" },
    seed: { type: "string" },
    target: { type: "string" },
    replay: { type: "string" },
    path: { type: "string" },
    list: { type: "boolean", default: false },
  },
  strict: true,
  allowPositionals: false,
} as const;

async function main(): Promise<void> {
  // Long runs hunt for hangs too: each call is timed against a generous bound (never in unit tests).
  useClock(() => performance.now());
  let values: ReturnType<typeof parseArgs<typeof FUZZ_ARGS>>["values"];
  try {
    ({ values } = parseArgs(FUZZ_ARGS));
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error));
  }
  if (values.list) {
    for (const target of allTargets) process.stdout.write(`${target.name.padEnd(28)} ${target.description}\n`);
    return;
  }
  const minutes = Number(values.minutes);
  if (!Number.isFinite(minutes) || minutes <= 0) return usage("--minutes must be a positive number");
  const names = values.target
    ?.split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  const unknown = names?.filter((name) => !allTargets.some((target) => target.name === name)) ?? [];
  if (unknown.length > 0) return usage(`unknown target ${unknown.join(", ")} (see --list)`);
  const targets = names === undefined ? allTargets : allTargets.filter((target) => names.includes(target.name));
  if (targets.some((target) => target.needsDist === true) && !cliAvailable()) {
    return usage("dist/cli/index.cjs is missing: run `npm run build` first (or leave out the cli targets with --target)");
  }
  const totalMs = minutes * 60_000;

  if (values.replay !== undefined) {
    const seed = Number(values.replay);
    const [target] = targets;
    if (targets.length !== 1 || target === undefined || !Number.isSafeInteger(seed))
      return usage("--replay SEED needs exactly one --target and an integer seed");
    const summary = await target.run({
      seed,
      numRuns: 1_000_000_000,
      timeLimitMs: totalMs,
      ...(values.path !== undefined ? { path: values.path } : {}),
    });
    process.stdout.write(`${target.name}: ${summary.numRuns} cases with seed ${seed}\n`);
    if (summary.failed) {
      process.stdout.write(`${summary.report ?? ""}\n`);
      process.exitCode = 1;
    }
    return;
  }
  if (values.path !== undefined) return usage("--path needs --replay");

  const base = values.seed === undefined ? Math.floor(Math.random() * 0x7fffffff) : Number(values.seed);
  if (!Number.isSafeInteger(base)) return usage("--seed must be an integer");
  // A few rounds, so that every target gets time early and sizes vary between rounds.
  const rounds = Math.max(1, Math.min(10, Math.floor(totalMs / 120_000)));
  const weights = targets.reduce((sum, target) => sum + target.weight, 0);
  process.stdout.write(`fuzzing ${targets.length} targets for ${minutes} min in ${rounds} round(s), base seed ${base}\n`);

  const cases = new Map<string, number>(targets.map((target) => [target.name, 0]));
  const failures: Failure[] = [];
  const started = Date.now();
  for (let round = 0; round < rounds; round++) {
    fc.configureGlobal({ baseSize: round % 2 === 0 ? "small" : "medium" });
    for (const target of targets) {
      if (failures.some((failure) => failure.target === target.name)) continue;
      const slice = (totalMs * target.weight) / weights / rounds;
      const seed = deriveSeed(base, round, target.name);
      const summary = await runSafely(target, seed, slice);
      cases.set(target.name, (cases.get(target.name) ?? 0) + summary.numRuns);
      const elapsed = ((Date.now() - started) / 1000).toFixed(0);
      process.stdout.write(
        `[${elapsed}s] round ${round + 1}/${rounds} ${target.name}: ${summary.numRuns} cases (seed ${seed})${summary.failed ? " FAILED" : ""}\n`,
      );
      if (summary.failed) failures.push({ target: target.name, summary });
    }
  }

  const rows = [["target", "cases"], ...targets.map((target) => [target.name, String(cases.get(target.name) ?? 0)])];
  process.stdout.write(
    `\n${formatTable(rows)}\ntotal: ${[...cases.values()].reduce((a, b) => a + b, 0)} cases in ${((Date.now() - started) / 60_000).toFixed(1)} min, base seed ${base}\n`,
  );
  if (failures.length === 0) {
    process.stdout.write("no failures\n");
    return;
  }
  for (const { target, summary } of failures) {
    process.stdout.write(`\nFAILED ${target} (seed ${summary.seed}, path ${summary.path ?? "-"})\n${summary.report ?? ""}\n`);
    process.stdout.write(
      `replay: npm run fuzz -- --target ${target} --replay ${summary.seed}${summary.path !== undefined ? ` --path ${summary.path}` : ""}\n`,
    );
  }
  process.exitCode = 1;
}

/** Runs a target; an exception of the harness itself counts as a failure with its message. */
async function runSafely(target: FuzzTarget, seed: number, timeLimitMs: number): Promise<RunSummary> {
  try {
    return await target.run({ seed, numRuns: 1_000_000_000, timeLimitMs });
  } catch (error) {
    return {
      failed: true,
      numRuns: 0,
      seed,
      path: undefined,
      report: `the harness failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    };
  }
}

await main();
