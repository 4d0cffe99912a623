/**
 * Property test: on random filters and random JSON events, the code
 * generator, the closure backend, explain() and a plain reference evaluator
 * (test/compiler/reference.ts, which shares no code with the compiler) agree
 * on every result, every error code and the condition that failed.
 */
import fc from "fast-check";
import { expect, test } from "vitest";
import { compile } from "../../src/compiler/compile";
import { explain } from "../../src/compiler/explain";
import { tiered } from "../../src/compiler/tiered";
import type { ConditionNode, Operator } from "../../src/syntax/ast";
import { numbered, outcome, treesOf } from "./builders";
import { referenceEvaluate } from "./reference";

const FIELDS = [
  "entity.entity_type",
  "entity.operation",
  "entity.id",
  "entity.new",
  "entity.new.x",
  "entity.old.x",
  "entity.new.status_id",
  "entity.old.status_id",
  "entity.new.list",
  "entity.old.list",
  "entity.constructor",
  "entity.new.__proto__",
  "metadata.resource_id",
  "topic",
  "data.x",
  "a",
  "a..b",
  ".",
];
const REFERENCES = FIELDS.filter((field) => /^(?:entity|metadata)(?:\.[A-Za-z0-9_]+)+$/.test(field));
const TEXTS = [
  "",
  "*",
  "**",
  "a",
  "a*",
  "ab",
  "x",
  "x*",
  "10",
  "9",
  "0",
  "true",
  "null",
  "Task",
  "update",
  "ü",
  "\u{1F600}",
  "\uE000",
  "\uFFFF",
  "status_id*",
  "__proto__*",
  "a b",
];
const OPERATORS: Operator[] = ["=", "!=", "<", "<=", ">", ">="];

const text = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TEXTS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 4, unit: "grapheme" }) },
);

const conditionArb: fc.Arbitrary<ConditionNode> = fc
  .record({
    field: fc.constantFrom(...FIELDS),
    operator: fc.constantFrom(...OPERATORS),
    value: fc.oneof(
      { weight: 3, arbitrary: text.map((t) => ({ kind: "literal" as const, text: t })) },
      { weight: 1, arbitrary: fc.constantFrom(...REFERENCES).map((r) => ({ kind: "field" as const, path: r })) },
    ),
  })
  .map(({ field, operator, value }) => ({
    kind: "condition",
    field: { segments: field.split("."), span: { start: 0, end: 0 } },
    operator,
    value:
      value.kind === "literal"
        ? { kind: "literal", text: value.text, span: { start: 0, end: 0 } }
        : { kind: "field", segments: value.path.split("."), span: { start: 0, end: 0 } },
    span: { start: 0, end: 0 },
  }));

const span = { start: 0, end: 0 };

/** {@link outcome} for a bare predicate. */
const outcomeOf = (predicate: (event: unknown) => boolean, input: unknown) => outcome(predicate as Parameters<typeof outcome>[0], input);
const tree = treesOf(conditionArb, 3);

const leaf = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...TEXTS) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1, 10, -1.5, true, false, null) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);
const value = fc.oneof(
  { weight: 3, arbitrary: leaf },
  { weight: 1, arbitrary: fc.array(leaf, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...TEXTS, "x", "status_id"), leaf, { maxKeys: 3 }) },
);
const side = fc.record({ x: value, status_id: value, list: fc.array(leaf, { maxLength: 3 }), __proto__: value }, { requiredKeys: [] });
const structured = fc.record(
  {
    entity: fc.record(
      { entity_type: value, operation: value, id: fc.array(leaf, { maxLength: 2 }), new: side, old: side, constructor: value },
      { requiredKeys: [] },
    ),
    metadata: fc.record({ resource_id: value }, { requiredKeys: [] }),
    topic: value,
    data: fc.record({ x: value }, { requiredKeys: [] }),
    a: fc.oneof(value, fc.record({ "": fc.record({ b: value }) })),
    "": fc.record({ "": value }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);
// Events pass through JSON text, as real events do: "__proto__" keys become own data.
const event = fc
  .oneof({ weight: 4, arbitrary: structured }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) })
  .map((e) => JSON.parse(JSON.stringify(e)) as unknown);

test("codegen, closures, explain and the reference evaluator agree", () => {
  fc.assert(
    fc.property(tree.map(numbered), event, (ast, input) => {
      const expected = referenceEvaluate(ast, input);
      const reference = "result" in expected ? expected : { error: expected.error, at: expected.condition.span.start };
      for (const backend of ["codegen", "closure"] as const) {
        expect(outcome(compile(ast, { backend, strict: true }), input)).toEqual(reference);
        expect(compile(ast, { backend })(input)).toBe("result" in reference ? reference.result : false);
      }
      // "auto" promotes from closures to generated code: the same answer before, at and after the promoting call.
      for (const strict of [true, false]) {
        const auto = tiered(ast, strict, 2);
        const tiers: string[] = [];
        for (let call = 0; call < 3; call++) {
          tiers.push(auto.backend());
          const got = outcomeOf(auto.predicate, input);
          expect(got).toEqual(strict ? reference : { result: "result" in reference ? reference.result : false });
        }
        expect([...tiers, auto.backend()]).toEqual(["closure", "closure", "codegen", "codegen"]);
      }
      const explanation = explain(ast, input);
      expect(explanation.matched).toBe("result" in reference ? reference.result : false);
      expect(explanation.error === null ? null : { error: explanation.error.code, at: explanation.error.span.start }).toEqual(
        "result" in reference ? null : reference,
      );
    }),
    { seed: 20240604, numRuns: 500 },
  );
});

// Characters where UTF-16 order and code-point order disagree, plus lone surrogates.
const tricky = fc.string({
  unit: fc.constantFrom("a", "\uE000", "\uFFFF", "\u{10000}", "\u{1F600}", "\uD83D", "\uDE00", "\uD7FF"),
  maxLength: 4,
});

test("ordering by code points agrees with the reference on tricky strings", () => {
  fc.assert(
    fc.property(tricky, tricky, fc.constantFrom<Operator>("<", "<=", ">", ">="), (left, right, operator) => {
      const literal = numbered({
        kind: "condition",
        field: { segments: ["x"], span },
        operator,
        value: { kind: "literal", text: right, span },
        span,
      });
      const reference = numbered({
        kind: "condition",
        field: { segments: ["entity", "a"], span },
        operator,
        value: { kind: "field", segments: ["entity", "b"], span },
        span,
      });
      const input = { x: left, entity: { a: left, b: right } };
      for (const ast of [literal, reference]) {
        const expected = referenceEvaluate(ast, input);
        for (const backend of ["codegen", "closure"] as const)
          expect(compile(ast, { backend })(input)).toEqual("result" in expected && expected.result);
      }
    }),
    { seed: 20240604, numRuns: 300 },
  );
});
