/**
 * The framework-free assertions: they pass and fail as ftrack would decide,
 * and a failure carries the explanation tree, the filter, and booleans in
 * `actual`/`expected`.
 */
import { describe, expect, test } from "vitest";
import { compile } from "../../src/compiler/compile";
import { explain } from "../../src/compiler/explain";
import { FilterSyntaxError } from "../../src/syntax/errors";
import {
  FilterAssertionError,
  STATUS_IDS,
  checkFilter,
  created,
  eventHubEvent,
  expectMatch,
  expectNoMatch,
  statusChanged,
  updated,
} from "../../src/testing/index";

/** ftrack's published trigger: an AssetVersion whose status changed to Approved. */
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
    const tree = explain(APPROVED, rejected).toString();
    expect(error.message).toContain("expected the event to match the filter, but it does not");
    expect(error.message).toContain(`filter (trigger): ${APPROVED}`);
    expect(error.message).toContain(tree);
    // The tree names the failing condition and what the event held.
    expect(error.message).toMatch(/✗ entity\.new\.status_id = "44de097a-[^\n]*entity\.new\.status_id is "44dded64-/);
    expect(error.explanation.matched).toBe(false);
  });

  test("a failed expectNoMatch says the event matched, with the tree", () => {
    const approved = statusChanged("AssetVersion", "Pending Review", "Approved");
    const error = thrown(() => expectNoMatch(APPROVED, approved));
    expect(error.actual).toBe(true);
    expect(error.expected).toBe(false);
    expect(error.message).toContain("expected the event not to match the filter, but it does");
    expect(error.message).toContain(explain(APPROVED, approved).toString());
  });

  test("the stack starts at the caller, not inside the kit", () => {
    const error = thrown(() => expectMatch("entity.entity_type = Shot", created("Task")));
    expect(error.stack?.split("\n").slice(1).join("\n")).not.toMatch(/assertOutcome|checkFilter/);
  });
});

describe("evaluation errors", () => {
  // `bid` is a number: ordering it against a literal is an error in ftrack's engine.
  const FILTER = "entity.entity_type = Task and entity.new.bid > 5";

  test("count as no match by default, as in ftrack", () => {
    const event = updated("Task", { bid: 10 });
    expectNoMatch(FILTER, event);
    const error = thrown(() => expectMatch(FILTER, event));
    expect(error.message).toContain("an evaluation error aborts ftrack's engine");
    expect(error.message).toContain("evaluation failed (ordering-on-non-string)");
  });

  test("fail both assertions in strict mode, from the option or from a strict compiled filter", () => {
    const event = updated("Task", { bid: 10 });
    for (const run of [
      () => expectNoMatch(FILTER, event, { strict: true }),
      () => expectMatch(FILTER, event, { strict: true }),
      () => expectNoMatch(compile(FILTER, { strict: true }), event),
    ]) {
      const error = thrown(run);
      expect(error.message).toMatch(/^the filter failed to evaluate on the event \(strict mode\): ordering-on-non-string: /);
      expect(error.message).toContain("! entity.new.bid > 5");
    }
    expectNoMatch(compile(FILTER, { strict: true }), event, { strict: false });
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
