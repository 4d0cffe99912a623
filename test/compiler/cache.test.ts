/** FilterCache and matches(): LRU behaviour, keys, options, errors; and the backend fallback. */
import { afterEach, describe, expect, test, vi } from "vitest";
import { DEFAULT_CACHE_SIZE, defaultFilterCache, FilterCache, matches } from "../../src/compiler/cache";
import { FilterEvaluationError } from "../../src/compiler/errors";
import taskUpdate from "../fixtures/events/task-update-status.json";

describe("FilterCache", () => {
  test("returns the same compiled filter for the same text, dialect and strictness", () => {
    const cache = new FilterCache();
    const a = cache.compile("a=b");
    expect(cache.compile("a=b")).toBe(a);
    expect(cache.compile("a=b", { dialect: "event-hub" })).not.toBe(a);
    expect(cache.compile("a=b", { strict: true })).not.toBe(a);
    expect(cache.compile("a=b", { strict: true }).strict).toBe(true);
    expect(cache.compile(" a=b")).not.toBe(a);
    expect(cache.size).toBe(4);
  });

  test("evicts the least recently used entry beyond maxSize", () => {
    const cache = new FilterCache({ maxSize: 2 });
    const a = cache.compile("a=1");
    const b = cache.compile("b=1");
    expect(cache.compile("a=1")).toBe(a); // a is now the most recent
    cache.compile("c=1"); // evicts b
    expect(cache.size).toBe(2);
    expect(cache.compile("a=1")).toBe(a);
    expect(cache.compile("b=1")).not.toBe(b);
  });

  test("counts every compiled variant, and evicts a text with all its variants", () => {
    const cache = new FilterCache({ maxSize: 2 });
    const lenient = cache.compile("a=1");
    cache.compile("a=1", { strict: true });
    expect(cache.size).toBe(2);
    expect(cache.compile("a=1")).toBe(lenient);
    cache.compile("b=1");
    expect(cache.size).toBe(1);
    expect(cache.compile("a=1")).not.toBe(lenient);
  });

  test("maxSize 0 caches nothing; clear empties", () => {
    const none = new FilterCache({ maxSize: 0 });
    expect(none.compile("a=1")).not.toBe(none.compile("a=1"));
    expect(none.size).toBe(0);
    const cache = new FilterCache();
    cache.compile("a=1");
    cache.clear();
    expect(cache.size).toBe(0);
  });

  test("syntax errors propagate and are not cached", () => {
    const cache = new FilterCache();
    expect(() => cache.compile("a=")).toThrow(expect.objectContaining({ name: "FilterSyntaxError", code: "unexpected-end" }));
    expect(cache.size).toBe(0);
  });

  test("rejects bad options", () => {
    expect(() => new FilterCache({ maxSize: -1 })).toThrow(TypeError);
    expect(() => new FilterCache({ maxSize: 1.5 })).toThrow(TypeError);
    expect(() => new FilterCache({ size: 3 } as never)).toThrow(TypeError);
    expect(() => new FilterCache().compile("a=b", { backend: "closure" } as never)).toThrow(TypeError);
    expect(() => new FilterCache().compile(3 as never)).toThrow(TypeError);
  });

  test("the shared cache holds 1,000 filters", () => {
    expect(DEFAULT_CACHE_SIZE).toBe(1000);
    expect(defaultFilterCache.maxSize).toBe(1000);
  });
});

describe("matches", () => {
  test("evaluates through the shared cache", () => {
    defaultFilterCache.clear();
    expect(matches('entity.entity_type = "Task"', taskUpdate)).toBe(true);
    expect(matches('entity.entity_type = "Task"', {})).toBe(false);
    expect(matches("topic=ftrack.*", { topic: "ftrack.update" }, { dialect: "event-hub" })).toBe(true);
    expect(defaultFilterCache.size).toBe(2);
  });

  test("lenient by default, strict on request", () => {
    expect(matches("entity.new.bid > 5", taskUpdate)).toBe(false);
    expect(() => matches("entity.new.bid > 5", taskUpdate, { strict: true })).toThrow(FilterEvaluationError);
  });

  test("syntax errors propagate", () => {
    expect(() => matches("entity.x", {})).toThrow(expect.objectContaining({ name: "FilterSyntaxError" }));
  });
});

describe("backend choice", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  test("auto falls back to closures where new Function is forbidden, and remembers", async () => {
    vi.resetModules();
    const fresh = await import("../../src/compiler/compile");
    const forbidden = vi.fn(function refuse(): never {
      throw new EvalError("Refused to evaluate a string as JavaScript (content security policy)");
    });
    vi.stubGlobal("Function", forbidden);
    const filter = fresh.compile("a=b");
    expect(filter.backend).toBe("closure");
    expect(filter({ a: "b" })).toBe(true);
    expect(fresh.compile("c=d").backend).toBe("closure");
    expect(forbidden).toHaveBeenCalledTimes(1);
    expect(() => fresh.compile("a=b", { backend: "codegen" })).toThrow(EvalError);
  });
});
