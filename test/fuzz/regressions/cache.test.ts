/**
 * The compile cache is bounded by the text it holds as well as by count:
 * long distinct filters, the worst case for its memory, cannot fill the
 * heap. Counts and lengths only; the heap per cached filter is measured by
 * the `memory` and `scaling` bench suites.
 */
import { describe, expect, test } from "vitest";
import { DEFAULT_CACHE_LENGTH, defaultFilterCache, FilterCache, matches } from "../../../src/compiler/cache";

/** A distinct filter of about `length` code units: `a{k}=0 or a{k}=1 or ...`. */
function longFilter(k: number, length: number): string {
  const parts: string[] = [];
  let total = 0;
  for (let i = 0; total < length - 20; i++) {
    const part = `a${k}=${i}`;
    parts.push(part);
    total += part.length + 4;
  }
  return parts.join(" or ");
}

describe("FilterCache holds at most maxLength code units of text", () => {
  test("distinct 64 KiB filters through matches: the default cache stays within 1 MiB of text", () => {
    defaultFilterCache.clear();
    for (let k = 0; k < 40; k++) {
      const source = longFilter(k, 65_536);
      expect(matches(source, { [`a${k}`]: "1" }, { dialect: "event-hub" })).toBe(true);
      expect(defaultFilterCache.length).toBeLessThanOrEqual(DEFAULT_CACHE_LENGTH);
    }
    expect(defaultFilterCache.size).toBe(Math.floor(DEFAULT_CACHE_LENGTH / longFilter(0, 65_536).length));
    defaultFilterCache.clear();
    expect(defaultFilterCache.length).toBe(0);
  });

  test("the least recently used text goes first, with all its variants", () => {
    const cache = new FilterCache({ maxLength: 30 });
    const ten = (c: string): string => `${c}=12345678`; // 10 code units
    const a = cache.compile(ten("a"));
    cache.compile(ten("a"), { strict: true });
    const b = cache.compile(ten("b"));
    expect([cache.size, cache.length]).toEqual([3, 30]);
    expect(cache.compile(ten("a"))).toBe(a); // a is now the most recent
    cache.compile(ten("c"));
    expect([cache.size, cache.length]).toEqual([3, 30]); // b went to make room for c
    cache.compile(ten("b")); // b again: a miss, and a (20, now the oldest) goes
    expect(cache.compile(ten("b"))).not.toBe(b);
    expect([cache.size, cache.length]).toEqual([2, 20]);
  });

  test("a filter longer than maxLength is compiled but not cached", () => {
    const cache = new FilterCache({ maxLength: 5 });
    const first = cache.compile("abc=123456");
    expect(first("x")).toBe(false);
    expect(cache.compile("abc=123456")).not.toBe(first);
    expect([cache.size, cache.length]).toEqual([0, 0]);
    expect(() => new FilterCache({ maxLength: -1 })).toThrow(TypeError);
  });
});
