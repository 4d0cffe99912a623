/**
 * The framework-free assertions: they pass and fail as ftrack would decide,
 * and a failure carries the explanation tree, the filter, and booleans in
 * `actual`/`expected`.
 */
import { describe, expect, test } from "vitest";
import { compile } from "../../src/compiler/compile";
import { explain } from "../../src/compiler/explain";
import { loadSchema } from "../../src/lint/schema";
import { FilterSyntaxError } from "../../src/syntax/errors";
import { parse } from "../../src/syntax/parser";
import {
  checkFilter,
  created,
  eventHubEvent,
  expectMatch,
  expectNoMatch,
  FilterAssertionError,
  STATUS_IDS,
  statusChanged,
  updated,
} from "../../src/testing/index";

/** ftrack's published trigger: an AssetVersion whose status changed to Approved. */
/** The names the kit shows for the default statuses. */
const STATUS_NAMES = Object.fromEntries(Object.entries(STATUS_IDS).map(([name, id]) => [id, name]));
const APPROVED = `entity.entity_type = "AssetVersion" and entity.operation = "update" and entity.new.status_id != entity.old.status_id and entity.new.status_id = "${STATUS_IDS.Approved}"`;

/** What the assertion threw, or a failure if it did not throw. */
function thrown(run: () => unknown): FilterAssertionError {
  try {
    run();
  } catch (error) {
    if (error instanceof FilterAssertionError) return error;
    throw error;
  }
  throw new Error("the assertion did not throw");
}

describe("expectMatch and expectNoMatch", () => {
  test("pass silently and return the explanation", () => {
    const approved = statusChanged("AssetVersion", "Pending Review", "Approved");
    const explanation = expectMatch(APPROVED, approved);
    expect(explanation.matched).toBe(true);
    expect(explanation.source).toBe(APPROVED);
    expect(expectNoMatch(APPROVED, updated("AssetVersion", { comment: "looks good" })).matched).toBe(false);
    expect(expectNoMatch(APPROVED, statusChanged("AssetVersion", "Approved", "Pending Review")).matched).toBe(false);
    expect(expectNoMatch(APPROVED, created("AssetVersion", { status_id: STATUS_IDS.Approved })).matched).toBe(false);
  });

  test("a failed expectMatch is an AssertionError holding the explanation tree", () => {
    const rejected = statusChanged("AssetVersion", "Approved", "Pending Review");
    const error = thrown(() => expectMatch(APPROVED, rejected));
    expect(error.name).toBe("AssertionError");
    expect(error.stack).toMatch(/^AssertionError: expected the event to match/);
    expect(error).toBeInstanceOf(Error);
    expect(error.actual).toBe(false);
    expect(error.expected).toBe(true);
    expect(error.showDiff).toBe(false);
    const tree = explain(APPROVED, rejected, { names: STATUS_NAMES }).toString();
    expect(error.message).toContain("expected the event to match the filter, but it does not");
    expect(error.message).toContain(`filter (trigger): ${APPROVED}`);
    expect(error.message).toContain(tree);
    // The tree names the failing condition and what the event held, statuses by name.
    expect(error.message).toContain(
      `✗ entity.new.status_id = "${STATUS_IDS.Approved}"    entity.new.status_id is Pending Review (44dded64…) ; the literal is Approved (44de097a…)`,
    );
    expect(error.explanation.matched).toBe(false);
  });

  test("a failed expectNoMatch says the event matched, with the tree", () => {
    const approved = statusChanged("AssetVersion", "Pending Review", "Approved");
    const error = thrown(() => expectNoMatch(APPROVED, approved));
    expect(error.actual).toBe(true);
    expect(error.expected).toBe(false);
    expect(error.message).toContain("expected the event not to match the filter, but it does");
    expect(error.message).toContain(explain(APPROVED, approved, { names: STATUS_NAMES }).toString());
  });

  test("the stack starts at the caller, not inside the kit", () => {
    const error = thrown(() => expectMatch("entity.entity_type = Shot", created("Task")));
    expect(error.stack?.split("\n").slice(1).join("\n")).not.toMatch(/assertOutcome|checkFilter/);
  });
});

describe("evaluation errors", () => {
  // `bid` is a number: ordering it against a literal is an error in ftrack's engine.
  // The linter warns about exactly that, so these tests let warnings pass.
  const FILTER = "entity.entity_type = Task and entity.new.bid > 5";
  const ERRORS = { lint: "errors" } as const;

  test("count as no match by default, as in ftrack", () => {
    const event = updated("Task", { bid: 10 });
    expectNoMatch(FILTER, event, ERRORS);
    const error = thrown(() => expectMatch(FILTER, event, ERRORS));
    expect(error.message).toContain("an evaluation error aborts ftrack's engine");
    expect(error.message).toContain("evaluation failed (ordering-on-non-string)");
  });

  test("fail both assertions in strict mode, from the option or from a strict compiled filter", () => {
    const event = updated("Task", { bid: 10 });
    for (const run of [
      () => expectNoMatch(FILTER, event, { strict: true, ...ERRORS }),
      () => expectMatch(FILTER, event, { strict: true, ...ERRORS }),
      () => expectNoMatch(compile(FILTER, { strict: true }), event, ERRORS),
    ]) {
      const error = thrown(run);
      expect(error.message).toMatch(/^the filter failed to evaluate on the event \(strict mode\): ordering-on-non-string: /);
      expect(error.message).toContain("! entity.new.bid > 5");
    }
    expectNoMatch(compile(FILTER, { strict: true }), event, { strict: false, ...ERRORS });
  });
});

describe("filters and options", () => {
  test("a compiled filter or an AST works like its text", () => {
    const approved = statusChanged("AssetVersion", "Pending Review", "Approved");
    const compiled = compile(APPROVED);
    expectMatch(compiled, approved);
    expectMatch(compiled.ast, approved);
    expect(thrown(() => expectNoMatch(compiled.ast, approved)).message).toContain(`filter (trigger): ${APPROVED}`);
  });

  test("the event-hub dialect, and a hint when the event belongs to the other one", () => {
    const event = eventHubEvent({ topic: "ftrack.update" });
    expectMatch("topic=ftrack.update", event, { dialect: "event-hub" });
    const error = thrown(() => expectMatch("topic=ftrack.update and source.user.username=nobody", event));
    expect(error.message).toContain('pass { dialect: "event-hub" }');
    // In the event-hub dialect the right side is the text "entity.old.id", not a field.
    const reverse = thrown(() => expectMatch("entity.new.id = entity.old.id", updated("Task", { name: "b" }), { dialect: "event-hub" }));
    expect(reverse.message).toContain('use the "trigger" dialect');
    expect(thrown(() => expectMatch("entity.entity_type=Shot", created("Task"))).message).not.toContain("hint:");
  });

  test("bad filters and options throw their own errors, not assertion errors", () => {
    expect(() => expectMatch("entity.entity_type =", created("Task"))).toThrow(FilterSyntaxError);
    expect(() => expectMatch("a=b", {}, { strcit: true } as never)).toThrow(/unknown option "strcit"/);
    expect(() => expectMatch("a=b", {}, { strict: "yes" } as never)).toThrow(TypeError);
    expect(() => expectMatch("a=b", {}, { dialect: "sql" } as never)).toThrow(TypeError);
  });

  test("checkFilter exposes both messages for custom assertions", () => {
    const check = checkFilter(APPROVED, created("Task"));
    expect(check.matched).toBe(false);
    expect(check.strictFailure).toBe(false);
    expect(check.message(true)).toContain("to match the filter, but it does not");
    expect(check.message(false)).toContain("not to match the filter, but it does");
  });
});

describe("the lint gate", () => {
  const NEVER = 'entity.entity_type = "task" and entity.operation = "update"';
  const task = updated("Task", { name: "b" });

  test("a filter with lint warnings fails even a negative test, saying why", () => {
    for (const run of [() => expectNoMatch(NEVER, task), () => expectMatch(NEVER, task)]) {
      const error = thrown(run);
      expect(error.message).toBe(
        [
          "the filter has lint warnings, so the assertion proves nothing about it (a filter that can never fire passes every negative test):",
          '  1:22 warning unknown-entity-type: "task" is not an entity type of the schema; did you mean "Task"? (entity type names are case-sensitive)',
          `filter (trigger): ${NEVER}`,
          'fix the filter, or pass { lint: "errors" } to allow warnings ({ lint: "off" } to skip the check)',
        ].join("\n"),
      );
    }
    expectNoMatch(NEVER, task, { lint: "errors" });
    expectNoMatch(NEVER, task, { lint: "off" });
  });

  test("lint errors fail with lint: errors too; only off lets them through", () => {
    const error = thrown(() => expectNoMatch("entity.operation = delete", task, { lint: "errors" }));
    expect(error.message).toMatch(/^the filter has lint errors, .+\n {2}1:20 error unknown-operation: /);
    expect(error.message).toContain('pass { lint: "off" } to skip the check');
    expectNoMatch("entity.operation = delete", task, { lint: "off" });
    expect(() => expectMatch("a=b", {}, { lint: "warn" } as never)).toThrow(TypeError);
  });

  test("a compiled hand-built tree that no text can express passes the gate, as the tree itself does", () => {
    const ast = parse('entity.new.name = "b"');
    if (ast.kind !== "condition") throw new Error("expected a condition");
    const inexpressible = { ...ast, field: { ...ast.field, segments: ["entity", "new", "my-field"] } };
    const event = updated("Task", { "my-field": "b" });
    expectMatch(inexpressible, event);
    expectMatch(compile(inexpressible), event);
  });

  test("a site's schema makes its custom attributes known to the gate", () => {
    const custom = "entity.entity_type = Task and entity.new.shot_length = 12";
    const site = [{ id: "Task", properties: { id: { type: "string" }, shot_length: { type: "string" } }, required: ["id"] }];
    const event = updated("Task", { shot_length: "12" }, { schema: null });
    expect(thrown(() => expectMatch(custom, event)).message).toContain("warning unknown-property");
    expectMatch(custom, event, { schema: site });
    expectMatch(custom, event, { schema: loadSchema(site) });
    expect(thrown(() => expectMatch(custom, event, { schema: [{}] })).message).toContain("error invalid-input");
  });

  test("infos never fail: ftrack's documented filter passes", () => {
    expectMatch(APPROVED, statusChanged("AssetVersion", "Pending Review", "Approved"));
  });
});

describe("names for ids", () => {
  const BLOCKED = "1a2b3c4d-0000-4000-8000-000000000001";
  const READY = "1a2b3c4d-0000-4000-8000-000000000002";

  test("builders take a site's status names, and messages show them", () => {
    const event = statusChanged("Task", "Blocked", "Ready", { names: { [BLOCKED]: "Blocked", [READY]: "Ready" } });
    expect([event.entity.old["status_id"], event.entity.new["status_id"]]).toEqual([BLOCKED, READY]);
    const error = thrown(() => expectMatch(`entity.new.status_id = "${BLOCKED}"`, event));
    expect(error.message).toContain("entity.new.status_id is Ready (1a2b3c4d…) ; the literal is Blocked (1a2b3c4d…)");
  });

  test("an assertion's names option, and explain's", () => {
    const event = updated("Task", { status_id: READY });
    const error = thrown(() => expectNoMatch(`entity.new.status_id = "${READY}"`, event, { names: { [READY]: "Ready" } }));
    expect(error.message).toContain("entity.new.status_id is Ready (1a2b3c4d…)");
    expect(explain("entity.new.status_id = x", event, { names: { [READY]: "Ready" } }).toString()).toContain("is Ready (1a2b3c4d…)");
    expect(() => explain("a=b", {}, { names: { x: 1 } } as never)).toThrow(TypeError);
    expect(() => statusChanged("Task", "Blocked", "Ready")).toThrow(/name it in the names option/);
  });
});
