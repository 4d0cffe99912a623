import { describe, expect, test } from "vitest";
import type { Dialect } from "../../src/syntax/ast";
import { covered, only } from "./helpers";

describe.each(["trigger", "event-hub"] as Dialect[])("contradiction (%s)", (dialect) => {
  const contradictions = (source: string) => only("contradiction", source, { dialect });

  test.each([
    ["entity.entity_type = Task and entity.entity_type = Note", "entity.entity_type = Note"],
    ['entity.new.name = "a" and entity.new.name != "a"', 'entity.new.name != "a"'],
    ['entity.new.name != "a" and entity.new.name = "a"', 'entity.new.name = "a"'],
    ["entity.new.name = abc and entity.new.name = x*", "entity.new.name = x*"],
    ["entity.new.name = b and entity.new.name < a", "entity.new.name < a"],
    ["entity.new.name = a* and not entity.new.name = a*", "not entity.new.name = a*"],
    ["entity.new.name = abc and not entity.new.name = b*", "not entity.new.name = b*"],
  ])("%s", (source, at) => {
    const [diagnostic, ...rest] = contradictions(source);
    expect(rest).toEqual([]);
    expect(diagnostic?.severity).toBe("warning");
    expect(diagnostic?.message).toMatch(/can never both hold, so the filter never matches/);
    expect(covered(source, diagnostic!.span)).toBe(at);
  });

  test.each([
    "entity.entity_type = Task and entity.entity_type = Task",
    "entity.new.name = abc and entity.new.name = b*",
    "entity.new.name != a and entity.new.name != b",
    "entity.new.name = a* and entity.new.name != a*",
    "entity.new.name = a or entity.new.name = b",
    "entity.new.name = a and entity.old.name = b",
    'entity.new.name = "" and entity.new.name != x',
    "entity.new.name = a and not entity.new.name = b",
    "entity.new.name = a or entity.new.name != a",
  ])("accepts %s", (source) => {
    expect(contradictions(source)).toEqual([]);
  });

  test("a not of something impossible is always true", () => {
    const source = "entity.new.bid != x and not (entity.new.name = a and entity.new.name = b)";
    const found = contradictions(source).map((d) => [covered(source, d.span), d.message]);
    expect(found).toHaveLength(2);
    expect(found[0]?.[0]).toBe("not (entity.new.name = a and entity.new.name = b)");
    expect(found[0]?.[1]).toMatch(/always true/);
    expect(found[1]?.[1]).toMatch(/this and never holds/);
  });

  test("a filter whose every branch is impossible never matches", () => {
    const source = "(entity.new.name = a and entity.new.name = b) or (entity.new.sort = 1 and not entity.new.sort = 1)";
    const found = contradictions(source);
    expect(found).toHaveLength(3);
    expect(found[0]?.message).toMatch(/every branch .* never matches any event/);
    expect(covered(source, found[0]!.span)).toBe(source);
  });

  test("one possible branch is enough", () => {
    const source = "(entity.new.name = a and entity.new.name = b) or entity.new.sort = 1";
    expect(contradictions(source)).toHaveLength(1);
  });
});

test("two fields compared with = and != cannot both hold (trigger)", () => {
  const source = "entity.new.status_id = entity.old.status_id and entity.new.status_id != entity.old.status_id";
  expect(only("contradiction", source)).toHaveLength(1);
  expect(only("contradiction", "entity.new.status_id = entity.old.status_id and entity.new.status_id != entity.old.name")).toEqual([]);
});
