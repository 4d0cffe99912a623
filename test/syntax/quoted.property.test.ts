/**
 * Quoted text is matched by a function (src/syntax/lexer.ts) that must
 * match exactly what the regular expression it replaces matched, at every
 * offset, backtracking to a doubled quote included.
 */
import fc from "fast-check";
import { expect, test } from "vitest";
import { matchQuoted, QUOTED_PATTERN } from "../../src/syntax/lexer";

/** The expression, sticky, as Chevrotain ran it when it was the token's pattern. */
const QUOTED = new RegExp(QUOTED_PATTERN.source, "y");

function byExpression(text: string, offset: number): string | null {
  QUOTED.lastIndex = offset;
  return QUOTED.exec(text)?.[0] ?? null;
}

const CHARS = ['"', "'", "\\", "x", "X", "0", "f", "F", "g", "a", " ", "\n", "\r", "\t", "é", "\u2028"];

test("matches what the expression matches, at every offset of random text", () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...CHARS), { maxLength: 24 }), (chars) => {
      const text = chars.join("");
      for (let offset = 0; offset <= text.length; offset++) {
        expect([offset, matchQuoted(text, offset)?.[0] ?? null]).toEqual([offset, byExpression(text, offset)]);
      }
    }),
    { numRuns: 20_000 },
  );
});

test.each([
  ['"a"', '"a"'],
  ['"a""b"', '"a""b"'],
  ['"a""', '"a"'],
  ['"a""b""c', '"a""b"'],
  ['"a\\"', null],
  ['"a\\""', '"a\\""'],
  ['"\\x4"', '"\\x4"'],
  ['"\\xg"', null],
  ['"\\xg""', null],
  ['"a""\\xg"', '"a"'],
  ['"a\n"', null],
  ['"a\\\nb"', '"a\\\nb"'],
  ["'it''s'", "'it''s'"],
  ["'a\"b'", "'a\"b'"],
  ['"', null],
  ['"a\\', null],
])("%j gives %j", (text, expected) => {
  expect(matchQuoted(text, 0)?.[0] ?? null).toBe(expected);
  expect(byExpression(text, 0)).toBe(expected);
});
