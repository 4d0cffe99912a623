/**
 * Compiled factories are shared by filters of one shape (codegen.ts,
 * `shapeKey`). Sharing is only sound if two filters with the same key get
 * the same generated source, and if the literals a filter passes to the
 * shared factory, filled in from the slots, are the ones generating its own
 * source would have produced.
 */
import fc from "fast-check";
import { expect, test } from "vitest";
import { generateSource, shapeKey } from "../../src/compiler/codegen";
import { compile } from "../../src/compiler/compile";
import { checkAst } from "../../src/compiler/validate";
import type { ConditionNode, FilterAst, Operator } from "../../src/syntax/ast";
import { and, cond, or, ref, treesOf } from "./builders";

// Few fields and texts, so that random filters often share a shape and
// often differ only in what matters: equal or different texts, an empty
// text, a wildcard.
const FIELDS = ["a", "a.b", "entity.x", "entity.new.x", "a..b"];
const REFERENCES = ["entity.x", "entity.old.x"];
const TEXTS = ["", "*", "x", "x*", "y", "y*", "xx", ":", "\u0000"];
const OPERATORS: Operator[] = ["=", "!=", "<", ">="];

const conditionArb: fc.Arbitrary<ConditionNode> = fc
  .record({
    field: fc.constantFrom(...FIELDS),
    operator: fc.constantFrom(...OPERATORS),
    literal: fc.option(fc.constantFrom(...TEXTS), { freq: 5, nil: undefined }),
    reference: fc.constantFrom(...REFERENCES),
  })
  .map(({ field, operator, literal, reference }) =>
    literal === undefined ? ref(field, operator, reference) : cond(field, operator, literal),
  );

const filterArb = fc.tuple(treesOf(conditionArb, 3), fc.boolean());

function generated(ast: FilterAst, strict: boolean) {
  const conditions = checkAst(ast, "trigger");
  const { source, literals, slots } = generateSource(ast, conditions, strict);
  const filled = slots.map(({ condition, wildcard }) => {
    const value = conditions[condition]?.value;
    if (value?.kind !== "literal") throw new Error("a slot that names no literal");
    return wildcard ? value.text.slice(0, -1) : value.text;
  });
  return { source, literals, filled };
}

/** `ast` with its literal texts replaced, in order, by `texts` (cycled): the same fields, operators and structure. */
function withTexts(ast: FilterAst, texts: readonly string[]): FilterAst {
  let next = 0;
  const visit = (node: FilterAst): FilterAst => {
    switch (node.kind) {
      case "and":
      case "or":
        return { ...node, operands: node.operands.map(visit) };
      case "not":
        return { ...node, operand: visit(node.operand) };
      case "condition":
        if (node.value.kind !== "literal") return node;
        return { ...node, value: { ...node.value, text: texts[next++ % texts.length] as string } };
    }
  };
  return visit(ast);
}

test("filters with the same shape key have the same source, and slots give each its own literals", () => {
  let same = 0;
  let different = 0;
  fc.assert(
    fc.property(filterArb, fc.array(fc.constantFrom(...TEXTS), { minLength: 1, maxLength: 12 }), ([ast, strict], texts) => {
      // A sibling: the same filter with other texts, equal to each other or not.
      const sibling = withTexts(ast, texts);
      const one = generated(ast, strict);
      const other = generated(sibling, strict);
      expect(one.filled).toEqual(one.literals);
      expect(other.filled).toEqual(other.literals);
      if (shapeKey(ast, strict) === shapeKey(sibling, strict)) {
        same++;
        expect(other.source).toBe(one.source);
      } else {
        different++;
      }
    }),
    { numRuns: 3000 },
  );
  // Both outcomes must have been met often for the check to mean anything.
  expect(same).toBeGreaterThan(300);
  expect(different).toBeGreaterThan(300);
});

test("the key tells apart what changes the generated source", () => {
  const key = (ast: FilterAst, strict = false) => shapeKey(ast, strict);
  // Equal or different texts: a repeated literal is one name in the source.
  expect(key(or(cond("a", "=", "x"), cond("b", "=", "x")))).not.toBe(key(or(cond("a", "=", "x"), cond("b", "=", "y"))));
  expect(key(or(cond("a", "=", "x"), cond("b", "=", "y")))).toBe(key(or(cond("a", "=", "p"), cond("b", "=", "q"))));
  // An empty text and a wildcard with "=" compile differently; with "!=" they are texts.
  expect(key(cond("a", "=", ""))).not.toBe(key(cond("a", "=", "x")));
  expect(key(cond("a", "=", "x*"))).not.toBe(key(cond("a", "=", "x")));
  expect(key(cond("a", "!=", "x*"))).toBe(key(cond("a", "!=", "x")));
  // A wildcard's text without its "*" may equal another literal.
  expect(key(or(cond("a", "=", "x*"), cond("b", "!=", "x")))).not.toBe(key(or(cond("a", "=", "x*"), cond("b", "!=", "y"))));
  // Paths cannot run into each other, whatever their segments hold.
  expect(key(cond(["a", "b"], "=", "x"))).not.toBe(key(cond(["a.b"], "=", "x")));
  expect(key(cond(["a:1:b"], "=", "x"))).not.toBe(key(cond(["a", "b"], "=", "x")));
  expect(key(ref("a", "=", "entity.x"))).not.toBe(key(ref("a", "=", "entity.y")));
  // Structure and strictness.
  expect(key(and(cond("a", "=", "x"), cond("b", "=", "y")))).not.toBe(key(or(cond("a", "=", "x"), cond("b", "=", "y"))));
  expect(key(cond("a", "=", "x"), true)).not.toBe(key(cond("a", "=", "x"), false));
});

test("filters compiled from one shared factory keep their own literals and their own answers", () => {
  const ids = ["44de097a", "44dded64", "44ddd0fe"];
  const filters = ids.map((id) =>
    compile(`entity.entity_type = "AssetVersion" and entity.new.status_id = "${id}" and entity.new.name = "${id}*"`),
  );
  expect(new Set(filters.map((filter) => shapeKey(filter.ast, false))).size).toBe(1);
  for (const [i, id] of ids.entries()) {
    const event = { entity: { entity_type: "AssetVersion", new: { status_id: id, name: `v-${id}-1` } } };
    expect(filters.map((filter) => filter(event))).toEqual(filters.map((_, j) => j === i));
  }
  // Strict filters of one shape report their own condition, with its own span.
  const a = compile("a = x and a < y", { strict: true });
  const b = compile("a = xyz and a < w", { strict: true });
  expect(shapeKey(b.ast, true)).toBe(shapeKey(a.ast, true));
  expect(() => a({ a: 1 })).toThrow(expect.objectContaining({ right: "y", span: { start: 10, end: 15 } }));
  expect(() => b({ a: 1 })).toThrow(expect.objectContaining({ right: "w", span: { start: 12, end: 17 } }));
});
