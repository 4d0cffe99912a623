/**
 * Short-circuit evaluation: which conditions a backend must still check
 * before it answers true (conditionsToRecheck), that errors in skipped
 * operands still abort a match, that reads are lazy and shared, and a
 * property test on shapes the main one does not reach (paths of five and
 * more segments, chains of four and more operands, shared path prefixes).
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { compile } from "../../src/compiler/compile";
import { explain } from "../../src/compiler/explain";
import { conditionsToRecheck } from "../../src/compiler/values";
import type { ConditionNode, Operator } from "../../src/syntax/ast";
import { parse } from "../../src/syntax/parser";
import { BACKENDS, cond, numbered, outcome, ref, treesOf } from "./builders";
import { referenceEvaluate } from "./reference";

/** The source text of the conditions `conditionsToRecheck` returns for `source`. */
function rechecked(source: string): string[] {
  return conditionsToRecheck(parse(source)).map((condition) => source.slice(condition.span.start, condition.span.end));
}

describe("conditionsToRecheck", () => {
  test("an and of conditions needs no re-check: every operand runs when it matches", () => {
    expect(rechecked('entity.a = x and entity.b < "1" and entity.c = entity.d')).toEqual([]);
    expect(rechecked("a = x*")).toEqual([]);
  });

  test("the first operand of any chain always runs; later ones may be skipped", () => {
    expect(rechecked("a < 1 or b = x")).toEqual([]);
    expect(rechecked("a = x or b < 1 or c = y*")).toEqual(["b < 1", "c = y*"]);
    expect(rechecked("(a = x or b < 1) and c = y*")).toEqual(["b < 1"]);
    expect(rechecked("(a < 1 or b = x) and (c = y or d = '')")).toEqual(["d = ''"]);
  });

  test("only fallible conditions are listed", () => {
    expect(rechecked("a = x or b = y or c != z*")).toEqual([]);
  });

  test("not flips what is known: an or that yields false ran every operand", () => {
    expect(rechecked("not (a = x or b < 1)")).toEqual([]);
    expect(rechecked("not (a = x and b < 1)")).toEqual(["b < 1"]);
    expect(rechecked("not not (a = x or b < 1)")).toEqual(["b < 1"]);
    expect(rechecked("not (a = x or (b = y and c < 1))")).toEqual(["c < 1"]);
  });
});

describe.each(BACKENDS)("%s backend: short-circuit keeps ftrack's answers", (backend) => {
  const lenient = (source: string) => compile(source, { backend });

  test("an error in an operand that the answer does not need still means no match", () => {
    expect(lenient("a = x or b < 1")({ a: "x", b: 5 })).toBe(false);
    expect(lenient("a = x or b < 1")({ a: "x", b: "0" })).toBe(true);
    expect(lenient("a = x or b < 1")({ a: "x" })).toBe(true);
    expect(lenient("not (a = y and b = z*)")({ a: "x", b: null })).toBe(false);
    expect(lenient("not (a = y and b = z*)")({ a: "x", b: "q" })).toBe(true);
    expect(lenient("(a = x or b = '') and c = y")({ a: "x", b: "", c: "y" })).toBe(false);
    expect(lenient("(a = x or b = '') and c = y")({ a: "x", c: "y" })).toBe(true);
    expect(lenient("a = x or entity.a < entity.b")({ a: "x", entity: { a: "1", b: 1 } })).toBe(false);
    expect(lenient("a = x or entity.a < entity.b")({ a: "x", entity: { a: "1", b: "2" } })).toBe(true);
  });

  test("a false answer stands whatever the skipped operands hold", () => {
    expect(lenient("a = y and b < 1")({ a: "x", b: 5 })).toBe(false);
    expect(lenient("a = y and b < 1")({ a: "x", b: "0" })).toBe(false);
  });

  test("reads are lazy: a decided and stops reading", () => {
    let reads = 0;
    const event = {
      a: "no",
      get b(): string {
        reads++;
        return "y";
      },
    };
    expect(lenient("a = x and b = y")(event)).toBe(false);
    expect(reads).toBe(0);
    expect(lenient("a = no and b = y")(event)).toBe(true);
    expect(reads).toBe(1);
  });

  test("a prefix shared by the operands of a top-level and is read once", () => {
    let reads = 0;
    const entity = { a: "x", b: "y", c: { d: 1 }, e: { d: 2 } };
    const event = {
      get entity(): unknown {
        reads++;
        return entity;
      },
    };
    expect(lenient("entity.a = x and entity.b = y and entity.c.d != entity.e.d")(event)).toBe(true);
    expect(reads).toBe(1);
  });

  test("a path equal to the shared prefix, and paths beyond four segments", () => {
    const event = { entity: { a: "x", deep: { b: { c: { d: { e: "f" } } } } } };
    expect(lenient("entity = a* and entity.a = x")(event)).toBe(true);
    expect(lenient("entity = z* or entity.deep.b.c.d.e = f")(event)).toBe(true);
    expect(lenient("entity.deep.b.c.d.e = f and entity.deep.b.c.d.x != y")(event)).toBe(false);
  });
});

// ------------------------------------------------------------ property test

const KEYS = ["a", "b", "c"];
const path = fc.array(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 6 });
const TEXTS = ["", "x", "x*", "a*", "1", "9"];
const OPERATORS: Operator[] = ["=", "!=", "<", ">="];

const conditionArb: fc.Arbitrary<ConditionNode> = fc
  .tuple(path, fc.constantFrom(...OPERATORS), fc.oneof(fc.constantFrom(...TEXTS), path))
  .map(([field, operator, right]) =>
    typeof right === "string" ? cond(["entity", ...field], operator, right) : ref(["entity", ...field], operator, ["entity", ...right]),
  );

const tree = treesOf(conditionArb, 5);

const leaf = fc.constantFrom<unknown>("x", "xa", "1", "9", "", 0, 1, true, null, ["x"], []);
const { node } = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small" },
    { weight: 2, arbitrary: leaf },
    { weight: 3, arbitrary: fc.dictionary(fc.constantFrom(...KEYS), tie("node"), { maxKeys: 3 }) },
  ),
}));
const eventArb = fc.record({ entity: node }, { requiredKeys: [] }).map((e) => JSON.parse(JSON.stringify(e)) as unknown);

test("deep paths, wide chains and shared prefixes: both backends agree with the reference", () => {
  fc.assert(
    fc.property(tree.map(numbered), eventArb, (ast, input) => {
      const expected = referenceEvaluate(ast, input);
      const reference = "result" in expected ? expected : { error: expected.error, at: expected.condition.span.start };
      const matched = "result" in reference && reference.result;
      for (const backend of BACKENDS) {
        expect(outcome(compile(ast, { backend, strict: true }), input)).toEqual(reference);
        expect(compile(ast, { backend })(input)).toBe(matched);
      }
      expect(explain(ast, input).matched).toBe(matched);
    }),
    { seed: 20240611, numRuns: 700 },
  );
});
