/**
 * The JSON syntax checker that locates JSON.parse failures for the command
 * line's messages: it must agree with JSON.parse on what is valid, and
 * point at the character where the text goes wrong.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { findJsonError } from "../../src/cli/json-error";

const parses = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe("findJsonError", () => {
  test("accepts whatever JSON.stringify produces", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        expect(findJsonError(JSON.stringify(value, null, pretty ? 2 : undefined))).toBeUndefined();
      }),
    );
  });

  test("agrees with JSON.parse on damaged JSON", () => {
    // Damage: delete, duplicate or replace one character of valid JSON text.
    const damaged = fc
      .tuple(fc.jsonValue(), fc.nat(), fc.constantFrom("delete", "duplicate", "replace"), fc.constantFrom(...'{}[],:"\\ 0-e.tnx\n'))
      .map(([value, at, how, char]) => {
        const text = JSON.stringify(value, null, 1);
        const i = at % (text.length + 1);
        if (how === "delete") return text.slice(0, i) + text.slice(i + 1);
        if (how === "duplicate") return text.slice(0, i) + text.slice(i, i + 1) + text.slice(i);
        return text.slice(0, i) + char + text.slice(i + 1);
      });
    fc.assert(
      fc.property(damaged, (text) => {
        expect(findJsonError(text) === undefined).toBe(parses(text));
      }),
      { numRuns: 2000 },
    );
  });

  test.each([
    ['{"a": 1,}', 8, "expected a property name"],
    ["[1, 2", 5, 'expected "," or "]"'],
    ['{"a" 1}', 5, 'expected ":"'],
    ['"abc', 0, "unterminated string"],
    ['"a\\qb"', 2, "invalid escape"],
    ["tru", 0, "expected a value"],
    ["{} {}", 3, "after the JSON value"],
    ["", 0, "expected a value but found the end of the input"],
    ['"a\nb"', 2, "control character"],
  ])("%j fails at offset %i: %s", (text, offset, reason) => {
    const error = findJsonError(text);
    expect(JSON.parse.bind(null, text)).toThrow();
    expect(error?.offset).toBe(offset);
    expect(error?.reason).toContain(reason);
  });

  test("deep nesting does not overflow the stack", () => {
    const deep = "[".repeat(200_000);
    expect(findJsonError(deep)?.reason).toContain("expected a value but found the end of the input");
    expect(findJsonError(`${"[".repeat(100_000)}${"]".repeat(100_000)}`)).toBeUndefined();
  });
});
