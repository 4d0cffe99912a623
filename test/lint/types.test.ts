import { describe, expect, test } from "vitest";
import { covered, only } from "./helpers";

describe("never-equal", () => {
  test.each([
    ["entity.entity_type = Task and entity.new.bid = 0", /is a number .* "=" never matches/],
    ["entity.entity_type = Task and entity.new.bid != 0", /"!=" always matches/],
    ['entity.entity_type = AssetVersion and entity.new.is_published = "true"', /is a boolean/],
    ["entity.entity_type = AssetVersion and entity.new.version = 3", /is an integer/],
    ["entity.entity_type = AssetVersion and entity.new.version = 3*", /wildcard test .* evaluation error/],
  ])("%s", (source, message) => {
    const [diagnostic, ...rest] = only("never-equal", source);
    expect(rest).toEqual([]);
    expect(diagnostic?.severity).toBe("warning");
    expect(diagnostic?.message).toMatch(message);
    expect(covered(source, diagnostic!.span)).toBe(source.split(" and ")[1]);
  });

  test("without an entity type, uses every type that has the property", () => {
    // `sort` is a number or an integer wherever it exists.
    expect(only("never-equal", "entity.new.sort = 1")).toHaveLength(1);
    // `name` is text.
    expect(only("never-equal", "entity.new.name = 1")).toEqual([]);
  });

  test("does not flag text, dates, field comparisons or unknown types", () => {
    expect(only("never-equal", "entity.entity_type = Task and entity.new.status_id = x")).toEqual([]);
    expect(only("never-equal", 'entity.entity_type = Task and entity.new.start_date = "2024-06-04T10:31:39"')).toEqual([]);
    expect(only("never-equal", "entity.entity_type = Task and entity.new.bid != entity.old.bid")).toEqual([]);
    expect(only("never-equal", "entity.entity_type = Robot and entity.new.bid = 0")).toEqual([]);
    expect(only("never-equal", "data.bid = 0", { dialect: "event-hub" })).toEqual([]);
  });

  test('leaves `= ""` to empty-equals', () => {
    expect(only("never-equal", 'entity.entity_type = Task and entity.new.bid = ""')).toEqual([]);
  });
});

describe("ordering-type", () => {
  test.each([
    ["entity.entity_type = Task and entity.new.bid > 5", /is a number, and ">" orders text only/],
    ["entity.entity_type = AssetVersion and entity.new.version <= 2", /is an integer/],
    ["entity.id >= a", /entity.id is a list/],
  ])("%s", (source, message) => {
    const [diagnostic, ...rest] = only("ordering-type", source);
    expect(rest).toEqual([]);
    expect(diagnostic?.severity).toBe("warning");
    expect(diagnostic?.message).toMatch(message);
    expect(diagnostic?.message).toMatch(/whole filter does not match/);
  });

  test("accepts ordering of text and dates", () => {
    expect(only("ordering-type", 'entity.entity_type = Task and entity.new.end_date > "2024-01-01"')).toEqual([]);
    expect(only("ordering-type", "metadata.date >= 2024-06-04")).toEqual([]);
    expect(only("ordering-type", "entity.entity_type = Task and entity.new.name < m")).toEqual([]);
  });
});

describe("nullable-error", () => {
  test("notes ordering or a wildcard on a property that may be null", () => {
    const ordering = only("nullable-error", 'entity.entity_type = Task and entity.new.end_date > "2024-01-01"');
    expect(ordering).toHaveLength(1);
    expect(ordering[0]?.severity).toBe("info");
    expect(only("nullable-error", "entity.entity_type = Task and entity.new.description = urgent*")).toHaveLength(1);
  });

  test("stays quiet for required properties and plain equality", () => {
    expect(only("nullable-error", "entity.entity_type = Task and entity.new.name = shot*")).toEqual([]);
    expect(only("nullable-error", "entity.entity_type = Task and entity.new.end_date = x")).toEqual([]);
  });
});
