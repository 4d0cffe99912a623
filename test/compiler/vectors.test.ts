/**
 * Runs the evaluation conformance vectors of grammar/vectors/evaluate.json
 * against both backends, strict and lenient, and against explain().
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { compile } from "../../src/compiler/compile";
import { FilterEvaluationError } from "../../src/compiler/errors";
import { explain } from "../../src/compiler/explain";
import type { Dialect } from "../../src/syntax/ast";
import { BACKENDS } from "./builders";

interface EvaluateCase {
  name: string;
  rule: string;
  dialect: Dialect | "both";
  filter: string;
  event: unknown;
  expected: boolean | { error: string };
}

// Read with JSON.parse, as the vectors require: an own "__proto__" key stays data.
const vectors = JSON.parse(readFileSync(new URL("../../grammar/vectors/evaluate.json", import.meta.url), "utf8")) as {
  cases: EvaluateCase[];
  error_codes: string[];
};

const cases = vectors.cases.flatMap((c) =>
  (c.dialect === "both" ? (["trigger", "event-hub"] as const) : [c.dialect]).map((dialect) => ({ ...c, dialect })),
);

describe("evaluate vectors", () => {
  test("cover every rule, both dialects, every error code, matches and non-matches", () => {
    const rules = new Set(cases.map((c) => c.rule));
    expect([...rules].sort()).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    for (const dialect of ["trigger", "event-hub"]) {
      const ofDialect = cases.filter((c) => c.dialect === dialect);
      expect(ofDialect.some((c) => c.expected === true)).toBe(true);
      expect(ofDialect.some((c) => c.expected === false)).toBe(true);
    }
    const codes = new Set(cases.flatMap((c) => (typeof c.expected === "object" ? [c.expected.error] : [])));
    expect([...codes].sort()).toEqual([...vectors.error_codes].sort());
  });

  describe.each(BACKENDS)("%s backend", (backend) => {
    test.for(cases)("$dialect: $name", (c) => {
      const lenient = compile(c.filter, { dialect: c.dialect, backend });
      const strict = compile(c.filter, { dialect: c.dialect, backend, strict: true });
      const explanation = explain(lenient, c.event);
      if (typeof c.expected === "boolean") {
        expect(strict(c.event)).toBe(c.expected);
        expect(lenient(c.event)).toBe(c.expected);
        expect(explanation.error).toBeNull();
      } else {
        let thrown: unknown;
        try {
          strict(c.event);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(FilterEvaluationError);
        expect((thrown as FilterEvaluationError).code).toBe(c.expected.error);
        expect(lenient(c.event)).toBe(false);
        expect(explanation.error?.code).toBe(c.expected.error);
        expect(explanation.error?.span).toEqual((thrown as FilterEvaluationError).span);
      }
      expect(explanation.matched).toBe(lenient(c.event));
    });
  });
});
