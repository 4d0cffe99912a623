/**
 * Registers fuzz targets as vitest tests: each runs once with the fixed
 * seed, its examples and its bounded number of cases, and fails with
 * fast-check's report (the shrunk counterexample, the seed and the replay
 * path). Imported only by the *.fuzz.test.ts files.
 */
import { expect, test } from "vitest";
import { FIXED_SEED } from "./check";
import type { FuzzTarget } from "./target";

export function boundedRuns(targets: readonly FuzzTarget[]): void {
  for (const target of targets) {
    test(`${target.name}: ${target.description}`, { timeout: 120_000 }, async () => {
      const result = await target.run({ seed: FIXED_SEED, numRuns: target.testRuns, withExamples: true });
      expect(result.failed, result.report).toBe(false);
    });
  }
}
