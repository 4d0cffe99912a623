/**
 * Error recovery looks ahead through a table of candidate tokens
 * (src/syntax/resync.ts) instead of scanning every token. It must find what
 * Chevrotain's own look finds: on random token soup, `parseAll` gives the
 * same result with either look. And its work stays bounded where the old
 * look scanned to the end from every frame of deep nesting.
 */
import fc from "fast-check";
import { expect, test } from "vitest";
import { FilterParser } from "../../src/syntax/grammar";
import { parseAll } from "../../src/syntax/parser";

const PIECES = ["(", ")", "a", "b", "x.y", "=", "!=", "<", "and", "or", "not", '"q"', "'r", "1", "*", ":", "=="];

/** parseAll with Chevrotain's own look, the table's removed for the call. */
function withChevrotainsLook<T>(run: () => T): T {
  const prototype = FilterParser.prototype as unknown as Record<string, unknown>;
  const descriptor = Object.getOwnPropertyDescriptor(prototype, "findReSyncTokenType");
  if (descriptor === undefined) throw new Error("the linear look is not installed");
  delete prototype.findReSyncTokenType;
  try {
    return run();
  } finally {
    Object.defineProperty(prototype, "findReSyncTokenType", descriptor);
  }
}

test("parseAll recovers to the same tokens as with Chevrotain's own look", () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }), fc.constantFrom("trigger", "event-hub"), (pieces, dialect) => {
      const source = pieces.join(" ");
      const options = { dialect } as const;
      expect(parseAll(source, options)).toEqual(withChevrotainsLook(() => parseAll(source, options)));
    }),
    { numRuns: 2_000 },
  );
});

test("deep nesting before a long run of words: one error, and each look reads only candidate tokens", () => {
  const source = `${"(".repeat(100)}${"a b ".repeat(4_000)}`;
  type Look = (this: unknown) => unknown;
  type Read = (this: unknown, howMuch: number) => unknown;
  const prototype = FilterParser.prototype as unknown as { findReSyncTokenType: Look; LA: Read };
  const linear = prototype.findReSyncTokenType;
  const read = prototype.LA;
  let looks = 0;
  let reads = 0;
  let looking = false;
  prototype.findReSyncTokenType = function countLooks(this: unknown) {
    looks++;
    looking = true;
    try {
      return linear.call(this);
    } finally {
      looking = false;
    }
  };
  prototype.LA = function countReads(this: unknown, howMuch: number) {
    if (looking) reads++;
    return read.call(this, howMuch);
  };
  try {
    const { errors } = parseAll(source);
    expect(errors.map((error) => error.code)).toEqual(["unexpected-token"]);
  } finally {
    prototype.findReSyncTokenType = linear;
    prototype.LA = read;
  }
  // A look per frame unwound (a few rules per parenthesis), and each reads
  // one token (the end of the input), not the 8,000 words before it.
  expect(looks).toBeGreaterThan(100);
  expect(reads).toBe(looks);
});
