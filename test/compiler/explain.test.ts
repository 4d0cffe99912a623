/** explain(): per-node results, resolved sides, errors, plain data and the rendered tree. */
import { describe, expect, test } from "vitest";
import { compile } from "../../src/compiler/compile";
import { type ExplainCondition, type ExplainNode, explain } from "../../src/compiler/explain";
import { renderExplanation } from "../../src/compiler/render";
import { parse } from "../../src/syntax/parser";
import taskUpdate from "../fixtures/events/task-update-status.json";
import { cond, or } from "./builders";

const STATUS_CHANGED = 'entity.entity_type = "Task" and entity.operation = "update" and entity.new.status_id != entity.old.status_id';

function conditions(node: ExplainNode): ExplainCondition[] {
  switch (node.kind) {
    case "condition":
      return [node];
    case "not":
      return conditions(node.operand);
    default:
      return node.operands.flatMap(conditions);
  }
}

describe("explain", () => {
  test("records every node's result, text, span and resolved sides", () => {
    const explanation = explain(STATUS_CHANGED, taskUpdate);
    expect(explanation.matched).toBe(true);
    expect(explanation.error).toBeNull();
    expect(explanation.source).toBe(STATUS_CHANGED);
    expect(explanation.dialect).toBe("trigger");
    expect(explanation.root).toMatchObject({
      kind: "and",
      result: "true",
      span: { start: 0, end: STATUS_CHANGED.length },
      text: STATUS_CHANGED,
    });
    const [type, operation, status] = conditions(explanation.root);
    expect(type).toEqual({
      kind: "condition",
      result: "true",
      span: { start: 0, end: 27 },
      text: 'entity.entity_type = "Task"',
      field: "entity.entity_type",
      operator: "=",
      left: { path: "entity.entity_type", found: true, value: "Task" },
      right: { literal: "Task" },
    });
    expect(operation?.result).toBe("true");
    expect(status).toMatchObject({
      result: "true",
      left: { path: "entity.new.status_id", found: true, value: "44ddd0fe-4164-11df-9218-0019bb4983d8" },
      right: { path: "entity.old.status_id", found: true, value: "44dded64-4164-11df-9218-0019bb4983d8" },
    });
  });

  test("renders a tree a person can read", () => {
    const event = structuredClone(taskUpdate) as { entity: { old: { status_id: string } } };
    event.entity.old.status_id = "44ddd0fe-4164-11df-9218-0019bb4983d8";
    const explanation = explain(`${STATUS_CHANGED} and entity.new.foo = x`, event);
    expect(explanation.toString()).toBe(
      [
        "no match",
        "✗ and",
        '  ✓ entity.entity_type = "Task"    entity.entity_type is "Task"',
        '  ✓ entity.operation = "update"    entity.operation is "update"',
        '  ✗ entity.new.status_id != entity.old.status_id    entity.new.status_id is "44ddd0fe-4164-11df-9218-0019bb4983d8" ; entity.old.status_id is "44ddd0fe-4164-11df-9218-0019bb4983d8"',
        "  ✗ entity.new.foo = x    entity.new.foo is missing",
      ].join("\n"),
    );
    expect(String(explanation)).toBe(renderExplanation(explanation));
  });

  test("after the first error nothing else is evaluated, and the error is recorded", () => {
    const source = 'entity.entity_type = "Task" or (entity.new.bid > 5 and not entity.new.name = x*) or metadata.x = y';
    const explanation = explain(source, taskUpdate);
    expect(explanation.matched).toBe(false);
    expect(explanation.error).toMatchObject({
      code: "ordering-on-non-string",
      span: { start: 32, end: 50 },
      field: "entity.new.bid",
      left: 0,
      right: "5",
    });
    expect(explanation.root.result).toBe("error");
    expect(conditions(explanation.root).map((c) => c.result)).toEqual(["true", "error", "not-evaluated", "not-evaluated"]);
    const failed = conditions(explanation.root)[1];
    expect(failed?.error?.code).toBe("ordering-on-non-string");
    expect(failed?.left).toEqual({ path: "entity.new.bid", found: true, value: 0 });
    const skipped = conditions(explanation.root)[2];
    expect(skipped?.left).toBeUndefined();
    expect(explanation.toString()).toBe(
      [
        "no match: evaluation failed (ordering-on-non-string)",
        "! or",
        '  ✓ entity.entity_type = "Task"    entity.entity_type is "Task"',
        "  ! and",
        "    ! entity.new.bid > 5    entity.new.bid is 0",
        '      ! ordering-on-non-string: entity.new.bid > "5": ordering against a literal needs a string, but the value is the number 0',
        "    · not",
        "      · entity.new.name = x*    (not evaluated)",
        "  · metadata.x = y    (not evaluated)",
      ].join("\n"),
    );
  });

  test("matched always equals the compiled filter's result", () => {
    const filters = [STATUS_CHANGED, "entity.new.bid != 0", 'entity.new.description = ""', "not entity.id = x*", "entity.new.x < 1"];
    const events: unknown[] = [taskUpdate, {}, null, "text", { entity: { id: ["x"], new: { x: "0", bid: "0" } } }];
    for (const source of filters) {
      const filter = compile(source);
      for (const event of events) expect(explain(filter, event).matched).toBe(filter(event));
    }
  });

  test("is plain JSON data; toString is not part of it", () => {
    const event = { entity: { new: { x: "a".repeat(10_000), list: Array.from({ length: 100 }, (_, i) => i) } } };
    const explanation = explain("entity.new.x = a* and entity.new.list != entity.new.x", event);
    expect(Object.keys(explanation)).toEqual(["source", "dialect", "matched", "error", "root"]);
    const copy = JSON.parse(JSON.stringify(explanation)) as unknown;
    expect(copy).toEqual({ ...explanation });
    const [wildcard, reference] = conditions(explanation.root);
    expect(wildcard?.left?.found === true && (wildcard.left.value as string).length).toBe(201);
    expect(reference?.left?.found === true && (reference.left.value as unknown[]).length).toBe(21);
  });

  test("a throwing getter is a read-error, explained without the thrown object", () => {
    const event = {
      entity: {
        get new(): never {
          throw new Error("no access");
        },
      },
    };
    const explanation = explain("entity.new.x = y", event);
    expect(explanation.matched).toBe(false);
    expect(explanation.error?.code).toBe("read-error");
    expect(conditions(explanation.root)[0]?.error?.message).toContain("no access");
    expect(() => JSON.stringify(explanation)).not.toThrow();
  });

  test("cycles and odd values in events explain safely", () => {
    const cyclic: Record<string, unknown> = { n: 1 };
    cyclic["self"] = cyclic;
    const explanation = explain("entity.a != entity.b", { entity: { a: cyclic, b: [undefined, () => 1, 10n, Number.NaN] } });
    expect(explanation.matched).toBe(true);
    const json = JSON.stringify(explanation);
    expect(json).toContain('"[function]"');
    expect(json).toContain('"10n"');
    expect(json).toContain('"NaN"');
  });

  test("accepts text, a compiled filter or an AST", () => {
    const fromText = explain("topic=ftrack.*", { topic: "ftrack.update" }, { dialect: "event-hub" });
    expect(fromText.matched).toBe(true);
    expect(fromText.dialect).toBe("event-hub");
    const compiled = compile("  a=1 OR b=2 ");
    const fromFilter = explain(compiled, { b: "2" });
    expect(fromFilter.source).toBe("  a=1 OR b=2 ");
    expect(conditions(fromFilter.root).map((c) => c.text)).toEqual(["a=1", "b=2"]);
    // An AST's spans index text we do not have: nodes show their canonical text.
    const ast = parse("  a=1 OR b=2 ");
    const fromAst = explain(ast, { b: "2" });
    expect(fromAst.source).toBe('a = "1" or b = "2"');
    expect(conditions(fromAst.root).map((c) => c.text)).toEqual(['a = "1"', 'b = "2"']);
    expect(explain(compile(ast), { b: "2" }).root.text).toBe('a = "1" or b = "2"');
    const handBuilt = explain(or(cond(["we ird"], "=", "x")), { "we ird": "x" });
    expect(handBuilt.matched).toBe(true);
    expect(handBuilt.root.text).toBe('"we ird" = "x"');
  });

  test("rejects bad arguments", () => {
    expect(() => explain(42 as never, {})).toThrow(TypeError);
    expect(() => explain("a=b", {}, { strict: true } as never)).toThrow(TypeError);
    expect(() => explain(compile("a=b"), {}, { dialect: "event-hub" })).toThrow(TypeError);
    expect(() => explain("a=", {})).toThrow(expect.objectContaining({ name: "FilterSyntaxError" }));
  });
});
