/**
 * A fuzz target: one property over one entry point (or a group of entry
 * points fed the same input), runnable with any seed and budget. The
 * vitest files run every target with a fixed seed, its examples and a
 * small number of cases; the fuzz script runs them with random seeds for
 * as long as it is given. Neither needs the other: this module uses
 * fast-check only.
 */
import fc from "fast-check";

/** How to run a target once. */
export interface RunParams {
  readonly seed: number;
  /** Most cases to run (the run may stop earlier at `timeLimitMs`). */
  readonly numRuns: number;
  /** Stop starting new cases after this many milliseconds (not a failure). */
  readonly timeLimitMs?: number;
  /** Run the target's fixed examples first (the bounded runs do). */
  readonly withExamples?: boolean;
  /** Replay one case: the `path` printed with a failure. */
  readonly path?: string;
}

/** What a run found. */
export interface RunSummary {
  readonly failed: boolean;
  /** Cases run (up to and including a failing one). */
  readonly numRuns: number;
  readonly seed: number;
  /** The replay path of the failing case. */
  readonly path: string | undefined;
  /** fast-check's report of the failure: the counterexample (shrunk) and the error. */
  readonly report: string | undefined;
}

export interface FuzzTarget {
  /** A stable name, as `npm run fuzz -- --target NAME` takes it. */
  readonly name: string;
  /** What the target checks, in one line. */
  readonly description: string;
  /** Cases in the bounded run of `npm test`, besides the examples. */
  readonly testRuns: number;
  /** The target's share of a fuzz run's time, relative to the others. */
  readonly weight: number;
  /** True when the target spawns the built command line (dist/). */
  readonly needsDist?: boolean;
  run(params: RunParams): Promise<RunSummary>;
}

/** Builds a target from a property and its fixed examples. */
export function defineTarget<Ts>(spec: {
  readonly name: string;
  readonly description: string;
  readonly testRuns: number;
  readonly weight: number;
  readonly needsDist?: boolean;
  readonly property: () => fc.IRawProperty<Ts>;
  readonly examples?: () => Ts[];
}): FuzzTarget {
  return {
    name: spec.name,
    description: spec.description,
    testRuns: spec.testRuns,
    weight: spec.weight,
    ...(spec.needsDist === true ? { needsDist: true } : {}),
    async run(params) {
      // fast-check counts the examples among the runs.
      const examples = params.withExamples === true && spec.examples !== undefined ? spec.examples() : [];
      const parameters: fc.Parameters<Ts> = {
        seed: params.seed,
        numRuns: params.numRuns + examples.length,
        ...(params.timeLimitMs !== undefined ? { interruptAfterTimeLimit: params.timeLimitMs, markInterruptAsFailure: false } : {}),
        ...(examples.length > 0 ? { examples } : {}),
        ...(params.path !== undefined ? { path: params.path } : {}),
      };
      const details = await fc.check(spec.property(), parameters);
      return {
        failed: details.failed,
        numRuns: details.numRuns,
        seed: details.seed,
        path: details.counterexamplePath ?? undefined,
        report: details.failed
          ? shorten(`${(await fc.asyncDefaultReportMessage(details)) ?? ""}\n${errorText(details.errorInstance)}`)
          : undefined,
      };
    },
  };
}

function errorText(error: unknown): string {
  if (error instanceof Error) return `Error: ${error.message}`;
  return error === null || error === undefined ? "" : `Thrown: ${String(error)}`;
}

/** The report with every line cut to 2,000 characters: counterexamples of 64 KiB would flood the output (replay with the seed and path). */
function shorten(report: string): string {
  return report
    .split("\n")
    .map((line) => (line.length > 2000 ? `${line.slice(0, 2000)}… (${line.length - 2000} more characters)` : line))
    .join("\n");
}
