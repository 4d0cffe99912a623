/**
 * The page's logic without a browser: reading events, the analysis of one
 * edit (which conditions decided a "no match"), and the URL fragment.
 */
import { describe, expect, test } from "vitest";
import { analyse, readEvent } from "../src/analyse";
import { DEFAULT_STATE, EXAMPLE_EVENTS, eventText } from "../src/examples";
import { readFragment, writeFragment } from "../src/state";

const example = (id: string): string => eventText(EXAMPLE_EVENTS.find((e) => e.id === id)!);
const taskUpdate = readEvent(example("task-update"), "trigger");

describe("readEvent", () => {
  test("reads a valid entity event", () => {
    expect(taskUpdate.ok).toBe(true);
  });

  test("names broken JSON as such", () => {
    const read = readEvent('{"fez_id": ', "trigger");
    expect(read).toMatchObject({ ok: false, kind: "json", issues: [{ path: "$" }] });
    expect(readEvent("[1,", "event-hub")).toMatchObject({ ok: false, kind: "json" });
  });

  test("lists every problem of an entity event that is not one, with its path", () => {
    const read = readEvent('{"fez_id": "ftrack_entity_event_v1", "entity": {"operation": 3}}', "trigger");
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.kind).toBe("event");
    expect(read.issues.map((i) => i.path)).toEqual(expect.arrayContaining(["$.entity.id", "$.entity.operation"]));
  });

  test("says an event over the size limit is too large", () => {
    const big = JSON.stringify({ fez_id: "ftrack_entity_event_v1", padding: "x".repeat(1_100_000) });
    expect(readEvent(big, "trigger")).toMatchObject({ ok: false, kind: "size" });
  });

  test("takes any JSON object as an event-hub event, and nothing else", () => {
    expect(readEvent('{"topic": "ftrack.update"}', "event-hub").ok).toBe(true);
    for (const [text, found] of [
      ["null", "null"],
      ["[]", "an array"],
      ['"x"', "string"],
    ] as const) {
      expect(readEvent(text, "event-hub")).toEqual({
        ok: false,
        kind: "event",
        issues: [{ path: "$", message: `an event is a JSON object, not ${found}` }],
      });
    }
  });
});

describe("analyse", () => {
  test("gives diagnostics but no explanation for a filter that does not parse", () => {
    const result = analyse("entity.entity_type = Task and", "trigger", taskUpdate);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["syntax"]);
    expect(result.parses).toBe(false);
    expect(result.explanation).toBeNull();
    expect(result.failing).toEqual([]);
  });

  test("gives diagnostics but no explanation for an event it could not read", () => {
    const result = analyse("entity.operation = delete", "trigger", readEvent("{", "trigger"));
    expect(result.diagnostics.map((d) => d.code)).toEqual(["unknown-operation"]);
    expect(result.parses).toBe(true);
    expect(result.explanation).toBeNull();
  });

  test("marks nothing on a match", () => {
    const result = analyse(DEFAULT_STATE.filter, "trigger", taskUpdate);
    expect(result.explanation?.matched).toBe(true);
    expect(result.failing).toEqual([]);
  });

  test("marks the false operands of a false and", () => {
    const filter = "entity.entity_type = Task and entity.operation = create and entity.new.name = nope";
    const result = analyse(filter, "trigger", taskUpdate);
    expect(result.failing.map((s) => filter.slice(s.start, s.end))).toEqual(["entity.operation = create", "entity.new.name = nope"]);
  });

  test("marks every operand of a false or, and a not whose operand held", () => {
    const filter = "(entity.operation = create or entity.entity_type = Shot) and not entity.entity_type = Task";
    const result = analyse(filter, "trigger", taskUpdate);
    expect(result.failing.map((s) => filter.slice(s.start, s.end))).toEqual([
      "entity.operation = create",
      "entity.entity_type = Shot",
      "not entity.entity_type = Task",
    ]);
  });

  test("marks the condition whose error stopped the evaluation, even inside an or", () => {
    const filter = "entity.entity_type = Task or entity.new.bid > 5";
    const result = analyse(filter, "trigger", taskUpdate);
    expect(result.explanation?.matched).toBe(false);
    expect(result.failing.map((s) => filter.slice(s.start, s.end))).toEqual(["entity.new.bid > 5"]);
  });
});

describe("the URL fragment", () => {
  test("gives back the state it was written from, whatever the text holds", () => {
    const state = {
      filter: "source.user.username = \"a&b=c#d%20\" and data.x != 'é 💡'\nor topic=+",
      dialect: "event-hub" as const,
      event: JSON.stringify({ topic: "a&b#c", data: { "k=v": ["%", "\u2028"] } }, null, 2),
    };
    expect(readFragment(writeFragment(state), DEFAULT_STATE)).toEqual(state);
  });

  test("keeps event text that is not JSON as typed", () => {
    const state = { ...DEFAULT_STATE, event: '{"broken": ' };
    expect(readFragment(writeFragment(state), DEFAULT_STATE).event).toBe('{"broken": ');
  });

  test("falls back for what it does not say, or says wrongly", () => {
    expect(readFragment("", DEFAULT_STATE)).toEqual(DEFAULT_STATE);
    expect(readFragment("#dialect=sql&filter=a%3D1", DEFAULT_STATE)).toEqual({ ...DEFAULT_STATE, filter: "a=1" });
  });
});
