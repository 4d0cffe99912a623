/**
 * `toMatchFilter`: the framework-neutral matcher object, and its vitest
 * registration (importing the module registers it, as the published
 * `ftrack-filter/vitest` does) with `.not` and asymmetric use.
 */
import { describe, expect, test, vi } from "vitest";
import "../../src/testing/vitest";
import { explain } from "../../src/compiler/explain";
import { created, filterMatchers, STATUS_IDS, statusChanged, updated } from "../../src/testing/index";

/** The names the kit shows for the default statuses. */
const STATUS_NAMES = Object.fromEntries(Object.entries(STATUS_IDS).map(([name, id]) => [id, name]));
const APPROVED = `entity.entity_type = "AssetVersion" and entity.operation = "update" and entity.new.status_id != entity.old.status_id and entity.new.status_id = "${STATUS_IDS.Approved}"`;
const approved = statusChanged("AssetVersion", "Pending Review", "Approved");
const rejected = statusChanged("AssetVersion", "Approved", "Pending Review");

/** The message of the error `run` throws. */
function messageOf(run: () => void): string {
  try {
    run();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error("expected a failure");
}

describe("filterMatchers.toMatchFilter, called as expect.extend calls it", () => {
  test("reports pass, and a message for the failing direction", () => {
    const hit = filterMatchers.toMatchFilter(approved, APPROVED);
    expect(hit.pass).toBe(true);
    // Read only when `.not` fails: the event matched although it should not.
    expect(hit.message()).toContain("expected the event not to match the filter");
    const miss = filterMatchers.toMatchFilter(rejected, APPROVED);
    expect(miss.pass).toBe(false);
    expect(miss.message()).toContain("expected the event to match the filter");
    expect(miss.message()).toContain(explain(APPROVED, rejected, { names: STATUS_NAMES }).toString());
  });

  test("strict evaluation errors throw, whatever the direction", () => {
    const event = updated("Task", { bid: 10 });
    // The linter warns about ordering a number: these tests are about evaluation, so warnings pass.
    const filter = "entity.new.bid > 5";
    expect(filterMatchers.toMatchFilter(event, filter, { lint: "errors" }).pass).toBe(false);
    expect(() => filterMatchers.toMatchFilter(event, filter, { strict: true, lint: "errors" })).toThrow(/strict mode/);
    expect(() => filterMatchers.toMatchFilter.call({ isNot: true }, event, filter, { strict: true, lint: "errors" })).toThrow(
      expect.objectContaining({ name: "AssertionError", expected: false }),
    );
  });
});

describe("expect(event).toMatchFilter in vitest", () => {
  test("passes and fails like the filter", () => {
    expect(approved).toMatchFilter(APPROVED);
    expect(rejected).not.toMatchFilter(APPROVED);
    expect(created("AssetVersion", { status_id: STATUS_IDS.Approved })).not.toMatchFilter(APPROVED);
    expect({ topic: "ftrack.update" }).toMatchFilter("topic=ftrack.*", { dialect: "event-hub" });
  });

  test("a failure shows the explanation tree", () => {
    const message = messageOf(() => expect(rejected).toMatchFilter(APPROVED));
    expect(message).toContain("expected the event to match the filter, but it does not");
    expect(message).toContain(explain(APPROVED, rejected, { names: STATUS_NAMES }).toString());
    const negated = messageOf(() => expect(approved).not.toMatchFilter(APPROVED));
    expect(negated).toContain("expected the event not to match the filter, but it does");
    expect(negated).toContain(explain(APPROVED, approved, { names: STATUS_NAMES }).toString());
  });

  test("works as an asymmetric matcher, e.g. for what a handler was called with", () => {
    const handler = vi.fn();
    handler(approved);
    expect(handler).toHaveBeenCalledWith(expect.toMatchFilter(APPROVED));
    expect({ body: rejected }).toEqual({ body: expect.not.toMatchFilter(APPROVED) });
    expect(() => expect({ body: rejected }).toEqual({ body: expect.toMatchFilter(APPROVED) })).toThrow();
  });

  test("strict mode fails .not too", () => {
    const event = updated("Task", { bid: 10 });
    expect(event).not.toMatchFilter("entity.new.bid > 5", { lint: "errors" });
    expect(messageOf(() => expect(event).not.toMatchFilter("entity.new.bid > 5", { strict: true, lint: "errors" }))).toMatch(
      /^the filter failed to evaluate on the event \(strict mode\): ordering-on-non-string/,
    );
  });
});
