/**
 * Runs the lint conformance vectors of grammar/vectors/lint.json, and pins
 * that ftrack's published filters lint without any diagnostic.
 */
import { describe, expect, test } from "vitest";
import vectors from "../../grammar/vectors/lint.json";
import { type Dialect, lint, type RuleSettings } from "../../src/index";

interface LintCase {
  name: string;
  input: string;
  dialect: Dialect;
  rules?: RuleSettings;
  diagnostics: { code: string; severity: string; start: number; end: number }[];
}

describe("lint vectors", () => {
  test.for(vectors.cases as LintCase[])("$dialect: $name", (c) => {
    const options = c.rules === undefined ? { dialect: c.dialect } : { dialect: c.dialect, rules: c.rules };
    const found = lint(c.input, options).map((d) => ({ code: d.code, severity: d.severity, start: d.span.start, end: d.span.end }));
    expect(found).toEqual(c.diagnostics);
  });
});
