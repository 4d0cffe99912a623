import { describe, expect, test } from "vitest";
import { lint } from "../../src/lint/lint";
import { applySuggestion, covered, only } from "./helpers";

describe("unknown-field", () => {
  test.each([
    ["entity.entity_typ = Task", "entity.entity_type = Task"],
    ["metadata.resource = x", "metadata.resource_id = x"],
    ["metadata.user = x", "metadata.resource_id = x"],
    ["Entity.new.name = x", "entity.new.name = x"],
    ["entity.oepration = update", "entity.operation = update"],
    ["entity_type = Task", "entity.entity_type = Task"],
  ])("%s: suggests a fix for the misspelt segment", (source, fixed) => {
    const [diagnostic, ...rest] = only("unknown-field", source);
    expect(rest).toEqual([]);
    expect(diagnostic?.severity).toBe("error");
    expect(covered(source, diagnostic?.span ?? { start: 0, end: 0 })).toBe(source.split(" ")[0]);
    expect(applySuggestion(source, diagnostic!)).toBe(fixed);
  });

  test.each([
    ["entity.new = x", /is an object/],
    ["entity = x", /is an object/],
    ["metadata != x", /is an object/],
    ["entity.new.name.first = x", /flat values/],
    ["entity.id.0 = x", /is a list and lists are not indexed/],
    ["fez_id.version = x", /is text and has no fields/],
    ["entity..new = x", /is not a field of "entity"/],
    ["topic = ftrack.update", /event-hub/],
  ])("%s: reports without a suggestion", (source, message) => {
    const [diagnostic, ...rest] = only("unknown-field", source);
    expect(rest).toEqual([]);
    expect(diagnostic?.message).toMatch(message);
    expect(diagnostic?.suggestion).toBeUndefined();
  });

  test("checks a field reference on the right", () => {
    const source = "entity.new.status_id != entity.old.statusid";
    const diagnostics = only("unknown-property", source).concat(only("unknown-field", source));
    expect(diagnostics).toHaveLength(1);
    const wrong = "entity.new.status_id != entity.olt.status_id";
    const [diagnostic, ...rest] = only("unknown-field", wrong);
    expect(rest).toEqual([]);
    expect(applySuggestion(wrong, diagnostic!)).toBe("entity.new.status_id != entity.old.status_id");
  });

  test.each([
    "id = 259e0537-aa8e-4b54-9ba1-5ead3cb4b115",
    "fez_id = ftrack_entity_event_v1",
    "metadata.date > 2024-01-01 and metadata.resource_id = x and metadata.server_url = x and metadata.configuration_hash = x",
    "entity.id = x* and entity.entity_type = Task and entity.operation = update and entity.new.name = a and entity.old.name = b",
  ])("accepts every field of the entity event: %s", (source) => {
    expect(only("unknown-field", source)).toEqual([]);
  });

  test("is a trigger rule only", () => {
    expect(only("unknown-field", "topic = ftrack.update", { dialect: "event-hub" })).toEqual([]);
  });
});

describe("list-equality", () => {
  test.each([
    ['entity.id = "e767fa5f-bb3a-4bee-a479-401526da0809"', /never matches/],
    ['entity.id != "e767fa5f-bb3a-4bee-a479-401526da0809"', /always matches/],
    ["entity.id = entity.new.id", /another field/],
  ])("%s", (source, message) => {
    const [diagnostic, ...rest] = only("list-equality", source);
    expect(rest).toEqual([]);
    expect(diagnostic?.severity).toBe("warning");
    expect(diagnostic?.message).toMatch(message);
    expect(applySuggestion(source, diagnostic!)).toBe(source.replace("entity.id", "entity.new.id"));
  });

  test("mentions the wildcard list test", () => {
    const [diagnostic] = only("list-equality", "entity.id = abc");
    expect(diagnostic?.message).toContain('entity.id = "abc*"');
  });

  test("accepts the wildcard list test and entity.new.id", () => {
    expect(only("list-equality", "entity.id = abc*")).toEqual([]);
    expect(only("list-equality", "entity.new.id = abc")).toEqual([]);
  });
});

describe("field-reference", () => {
  test("says nothing where two fields are compared, as in ftrack's own filters", () => {
    expect(lint("entity.new.status_id != entity.old.status_id")).toEqual([]);
    expect(lint("entity.entity_type = Task and entity.new.parent_id = entity.old.parent_id")).toEqual([]);
    expect(only("field-reference", "entity.new.status_id != entity.old.staus_id")).toEqual([]);
  });

  test.each([
    ["entity.new.name = entity.mesh", "entity.mesh", /names no field of the entity event, so this condition is always false/],
    ["entity.new.name != metadata.json", "metadata.json", /names no field of the entity event/],
    ["entity.entity_type = entity.Task", "entity.Task", /quote it to compare with the text/],
    ["entity.operation = entity.new.name", "entity.new.name", /entity.operation holds a name that no other field holds/],
  ])("warns where a bare path is plausibly meant as text: %s", (source, path, message) => {
    const diagnostics = lint(source).filter((d) => d.code !== "unknown-property");
    expect(diagnostics).toHaveLength(1);
    const [diagnostic] = diagnostics;
    expect(diagnostic).toMatchObject({ code: "field-reference", severity: "warning" });
    expect(diagnostic?.message).toMatch(message);
    expect(covered(source, diagnostic!.span)).toBe(path);
    expect(applySuggestion(source, diagnostic!)).toBe(source.replace(path, `"${path}"`));
  });

  test("leaves a misspelt field to unknown-field", () => {
    expect(lint("entity.new.x = metadata.resorce_id").map((d) => d.code)).toContain("unknown-field");
    expect(only("field-reference", "entity.new.x = metadata.resorce_id")).toEqual([]);
    expect(only("field-reference", "entity.new.name = entity.new")).toEqual([]);
  });

  test("says nothing about a quoted path, or other bare values", () => {
    expect(only("field-reference", 'entity.new.status_id != "entity.old.status_id"')).toEqual([]);
    expect(only("field-reference", "entity.new.name = entity")).toEqual([]);
  });

  test("event-hub: notes that a bare path on the right is compared as text", () => {
    const source = "data.new = data.old and source.user.id != entity.new.id";
    const found = only("field-reference", source, { dialect: "event-hub" });
    expect(found.map((d) => covered(source, d.span))).toEqual(["data.old", "entity.new.id"]);
    expect(found[0]?.message).toMatch(/compared as that text/);
    expect(only("field-reference", 'topic=ftrack.update and data.x = "data.old"', { dialect: "event-hub" })).toEqual([]);
  });
});
