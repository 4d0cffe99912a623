/**
 * Fuzz targets of the front end and the linter: arbitrary text, mutated
 * valid filters, and large adversarial inputs, each checked by
 * `checkFilterText` in a random dialect.
 */
import fc from "fast-check";
import type { Dialect } from "../../../src/syntax/ast";
import { parse } from "../../../src/syntax/parser";
import { adversarialText } from "../arbitraries/adversarial";
import { arbitraryText, grammarFilter, mutatedFilter } from "../arbitraries/filters";
import { check } from "../support/check";
import { defineTarget, type FuzzTarget } from "../support/target";
import { checkFilterText, checkSyntaxError } from "./syntax-checks";

const dialect = fc.constantFrom<Dialect>("trigger", "event-hub");

/** 64 KiB of each of the patterns most likely to make the lexer backtrack or the parser recurse. */
const BOUNDED_ADVERSARIAL_EXAMPLES = ['"\\', "''''", "\\\\", "(", "not ", "a=", "a", "'\"", ")"].map((unit) =>
  unit.repeat(Math.ceil(65_536 / unit.length)).slice(0, 65_536),
);

/** parse with limits: the outcome's code, or "ok" with the AST as JSON. */
function parseWith(source: string, maxLength: number, maxDepth: number): string {
  try {
    return `ok ${JSON.stringify(parse(source, { maxLength, maxDepth }))}`;
  } catch (error) {
    checkSyntaxError(error, source, `parse (maxLength ${maxLength}, maxDepth ${maxDepth})`);
    return error.code;
  }
}

export const syntaxTargets: readonly FuzzTarget[] = [
  defineTarget({
    name: "syntax-arbitrary",
    description: "parse, parseAll, lint, format and compile on arbitrary strings (any code point, lone surrogates, control characters)",
    testRuns: 300,
    weight: 2,
    property: () => fc.property(arbitraryText, dialect, (source, d) => void checkFilterText(source, d)),
    examples: () => [
      ["", "trigger"],
      ["\u0000", "trigger"],
      ["\ufeffa=1", "trigger"],
      ["a=1\u2028", "event-hub"],
      ["\ud800=1", "trigger"],
    ],
  }),
  defineTarget({
    name: "syntax-mutated",
    description: "the same on valid filters with characters inserted, deleted, swapped, tokens duplicated, case flipped, text cut",
    testRuns: 400,
    weight: 3,
    property: () => fc.property(mutatedFilter, dialect, (source, d) => void checkFilterText(source, d)),
  }),
  defineTarget({
    name: "syntax-grammar",
    description: "filters generated from the grammar parse, and round-trip through format",
    testRuns: 200,
    weight: 1,
    property: () =>
      fc.property(grammarFilter, dialect, (source, d) => {
        check(checkFilterText(source, d) !== undefined, "a filter generated from the grammar does not parse", source);
      }),
  }),
  defineTarget({
    name: "syntax-limits",
    description: "maxLength and maxDepth: too-long exactly past maxLength; a filter that fits a depth fits every larger one",
    testRuns: 200,
    weight: 1,
    property: () =>
      fc.property(fc.oneof(grammarFilter, mutatedFilter), fc.nat(), fc.integer({ min: 0, max: 199 }), (source, slack, maxDepth) => {
        const maxLength = Math.max(1, source.length - 8 + (slack % 16));
        const outcome = parseWith(source, maxLength, maxDepth);
        check(
          (outcome === "too-long") === source.length > maxLength,
          `outcome ${outcome} for ${source.length} characters with maxLength ${maxLength}`,
        );
        if (outcome === "too-long") return;
        const deeper = parseWith(source, maxLength, maxDepth + 1);
        if (outcome.startsWith("ok"))
          check(deeper === outcome, "a filter that fits a depth fails (or parses differently) with a larger one", {
            maxDepth,
            deeper: deeper.slice(0, 40),
          });
        if (outcome === "too-deep" && maxDepth > 0)
          check(parseWith(source, maxLength, maxDepth - 1) === "too-deep", "a filter too deep for a depth fits a smaller one");
      }),
  }),
  defineTarget({
    name: "syntax-adversarial",
    description: "the same on inputs up to 64 KiB built from runs of quotes, backslashes, parentheses, not, dangling operators",
    testRuns: 4,
    weight: 2,
    property: () => fc.property(adversarialText, dialect, (source, d) => void checkFilterText(source, d)),
    examples: () => [
      ...BOUNDED_ADVERSARIAL_EXAMPLES.map((text): [string, Dialect] => [text, "trigger"]),
      ["x".repeat(1_000_000), "trigger"],
      ["(".repeat(100_000), "event-hub"],
    ],
  }),
];
