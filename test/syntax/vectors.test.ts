/**
 * Runs the parse conformance vectors of grammar/vectors/parse.json: each case
 * gives its canonical form or its error code and offset, per dialect.
 */
import { describe, expect, test } from "vitest";
import vectors from "../../grammar/vectors/parse.json";
import { type Dialect, FilterSyntaxError, format, parse } from "../../src/index";
import { withoutSpans } from "../support/ast";

interface ParseCase {
  name: string;
  input: string;
  dialect: Dialect | "both";
  canonical?: string;
  error?: { code: string; offset: number };
}

const cases = (vectors.cases as ParseCase[]).flatMap((c) =>
  (c.dialect === "both" ? (["trigger", "event-hub"] as const) : [c.dialect]).map((dialect) => ({ ...c, dialect })),
);

describe("parse vectors", () => {
  test("cover valid and invalid input in both dialects", () => {
    expect(cases.filter((c) => c.error === undefined).length).toBeGreaterThan(50);
    expect(cases.filter((c) => c.error !== undefined).length).toBeGreaterThan(40);
  });

  test.for(cases)("$dialect: $name", (c) => {
    const options = { dialect: c.dialect };
    if (c.error !== undefined) {
      let thrown: unknown;
      try {
        parse(c.input, options);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(FilterSyntaxError);
      expect({ code: (thrown as FilterSyntaxError).code, offset: (thrown as FilterSyntaxError).offset }).toEqual(c.error);
      return;
    }
    const ast = parse(c.input, options);
    expect(format(ast)).toBe(c.canonical);
    // The canonical form reads back as the same tree, and prints as itself.
    expect(withoutSpans(parse(c.canonical as string, options))).toEqual(withoutSpans(ast));
    expect(format(c.canonical as string, options)).toBe(c.canonical);
  });
});
