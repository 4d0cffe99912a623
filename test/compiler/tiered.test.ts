/**
 * backend "auto": closures first, generated code after PROMOTE_AFTER calls,
 * and never generated code beyond MAX_GENERATED_BYTES. Deterministic: counts
 * calls and sizes, never time.
 */
import { describe, expect, test } from "vitest";
import { generatedSizeBound, generateSource, MAX_GENERATED_BYTES } from "../../src/compiler/codegen";
import { compile } from "../../src/compiler/compile";
import { PROMOTE_AFTER } from "../../src/compiler/tiered";
import { conditionsOf } from "../../src/compiler/validate";
import { parse } from "../../src/syntax/parser";
import { and, cond, not, or, ref } from "./builders";

/** A filter of one condition on a path of `segments` segments, `a.b.b.b…`, unique to `tag`. */
const longPath = (segments: number, tag: string) => `${tag}${".b".repeat(segments - 1)} = x`;
const eventFor = (segments: number, tag: string) => {
  let value: unknown = "x";
  for (let i = 1; i < segments; i++) value = { b: value };
  return { [tag]: value };
};

describe("tiered compile", () => {
  test("a filter answers through closures, then through generated code, with the same answers", () => {
    const filter = compile("entity.tiered = x and entity.new.tiered != entity.old.tiered");
    const yes = { entity: { tiered: "x", new: { tiered: "a" }, old: { tiered: "b" } } };
    const no = { entity: { tiered: "x", new: { tiered: "a" }, old: { tiered: "a" } } };
    for (let call = 1; call < PROMOTE_AFTER; call++) {
      expect(filter(call % 2 === 0 ? yes : no)).toBe(call % 2 === 0);
      expect(filter.backend).toBe("closure");
    }
    expect(filter(yes)).toBe(true);
    expect(filter.backend).toBe("codegen");
    expect(filter(no)).toBe(false);
    // Another filter of the shape starts with closures too, and is promoted at the same call.
    const sibling = compile("entity.tiered = y and entity.new.tiered != entity.old.tiered");
    for (let call = 1; call < PROMOTE_AFTER; call++) sibling(yes);
    expect(sibling.backend).toBe("closure");
    expect(sibling({ entity: { tiered: "y", new: { tiered: "a" }, old: { tiered: "b" } } })).toBe(true);
    expect(sibling.backend).toBe("codegen");
  });

  test("strict filters throw the same error in both tiers", () => {
    const filter = compile("tiered.strict < 10", { strict: true });
    const errors = new Set<string>();
    for (let call = 0; call <= PROMOTE_AFTER; call++) {
      try {
        filter({ tiered: { strict: [1] } });
      } catch (error) {
        errors.add(`${(error as { code: string }).code} ${filter.backend}`);
      }
    }
    const code = [...errors][0]?.split(" ")[0];
    expect([...errors]).toEqual([`${code} closure`, `${code} codegen`]);
  });
});

describe("the size bound of generated code", () => {
  test("the estimate bounds the generated source from above", () => {
    const texts = [
      "a=b",
      "entity.new.status_id != entity.old.status_id and entity.operation = update",
      'not (a.b < 1 or a.c >= d* or e.f = "") and (f = g or f.h = i)',
      Array.from({ length: 200 }, (_, i) => `entity.new.f${i} = v${i}`).join(" or "),
      longPath(300, "p"),
    ];
    const odd = and(cond(["\u0001\u0002", '"\\'], "=", "x"), not(cond(["\u2028"], ">=", "")));
    for (const ast of [...texts.map((text) => parse(text)), odd]) {
      const conditions = conditionsOf(ast);
      for (const strict of [false, true]) {
        expect(generatedSizeBound(conditions)).toBeGreaterThanOrEqual(generateSource(ast, conditions, strict).source.length);
      }
    }
  });

  test("the estimate holds for many conditions, where the generated names grow long", () => {
    // 20,000 negated field comparisons, each on paths of their own: six-character names, no shared reads.
    const ast = or(...Array.from({ length: 20_000 }, (_, i) => not(ref(`\u0001${i}`, "=", `\u0002${i}`))));
    const conditions = conditionsOf(ast);
    for (const strict of [false, true]) {
      expect(generatedSizeBound(conditions)).toBeGreaterThanOrEqual(generateSource(ast, conditions, strict).source.length);
    }
  });

  test("a 64 KiB one-path filter never generates code under auto", () => {
    const text = longPath(32_000, "huge");
    expect(text.length).toBeGreaterThan(63_000);
    expect(generatedSizeBound(conditionsOf(parse(text)))).toBeGreaterThan(MAX_GENERATED_BYTES);
    const filter = compile(text);
    for (let call = 0; call < PROMOTE_AFTER; call++) expect(filter({ huge: {} })).toBe(false);
    expect(filter(eventFor(32_000, "huge"))).toBe(true);
    expect(filter.backend).toBe("closure");
  });

  test("the bound falls between a path that is generated and one that is not", () => {
    const segments = (ok: boolean) => {
      let n = 1;
      while (generatedSizeBound(conditionsOf(parse(longPath(n + 1, "edge")))) <= MAX_GENERATED_BYTES) n++;
      return ok ? n : n + 1;
    };
    for (const ok of [true, false]) {
      const n = segments(ok);
      const filter = compile(longPath(n, ok ? "edgeyes" : "edgeno"));
      for (let call = 0; call < PROMOTE_AFTER; call++) filter(eventFor(n, ok ? "edgeyes" : "edgeno"));
      expect(filter.backend).toBe(ok ? "codegen" : "closure");
    }
  });

  test("explicit codegen has no bound of its own", () => {
    expect(compile(longPath(2_000, "big"), { backend: "codegen" })(eventFor(2_000, "big"))).toBe(true);
  });
});
