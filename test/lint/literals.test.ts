import { describe, expect, test } from "vitest";
import { lint } from "../../src/lint/lint";
import { applySuggestion, covered, only } from "./helpers";

describe("json-literal", () => {
  test.each([
    [
      "entity.new.start_date = null",
      "null",
      /"null" here is the text "null", not the null value: .* "=" never matches where entity.new.start_date is null; ftrack's filters cannot test for null/,
    ],
    ["entity.new.start_date != null", "null", /"!=" holds wherever entity.new.start_date is present, null or not/],
    ["entity.entity_type = Task and entity.new.start_date = None", "None", /not the null value \(Python's None\)/],
    ["entity.entity_type = Task and entity.old.bid = null", "null", /where entity.old.bid is null/],
  ])("%s", (source, literal, message) => {
    const diagnostics = lint(source);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: "json-literal", severity: "warning" });
    expect(diagnostics[0]?.message).toMatch(message);
    expect(covered(source, diagnostics[0]!.span)).toBe(literal);
  });

  test("leaves a number or boolean against a property that is never text to never-equal, which names the JSON value", () => {
    const source = "entity.entity_type = AssetVersion and entity.new.is_published = true";
    expect(lint(source)).toEqual([
      expect.objectContaining({ code: "never-equal", message: expect.stringContaining('the value "true" is text (not the boolean true)') }),
    ]);
    expect(only("json-literal", "entity.entity_type = Task and entity.new.bid = 0")).toEqual([]);
  });

  test("says nothing where the property is never null, or the text is not a JSON value", () => {
    // Task's bid is required: "null" is text against a number, which never-equal reports.
    expect(lint("entity.entity_type = Task and entity.new.bid = null").map((d) => d.code)).toEqual(["never-equal"]);
    expect(only("json-literal", 'entity.new.name = "nullable"')).toEqual([]);
    expect(only("json-literal", "entity.new.name = 1.2.3")).toEqual([]);
    expect(only("json-literal", "entity.new.start_date > null")).toEqual([]);
    expect(only("json-literal", "entity.new.unknown_thing = null")).toEqual([]);
  });

  test("is a trigger rule only", () => {
    expect(lint("data.x = null", { dialect: "event-hub" })).toEqual([]);
  });
});

describe("id-literal", () => {
  test("names the likely mistake: a name where an id belongs", () => {
    const source = "entity.new.status_id = Approved";
    const [diagnostic, ...rest] = lint(source);
    expect(rest).toEqual([]);
    expect(diagnostic).toMatchObject({ code: "id-literal", severity: "warning" });
    expect(diagnostic?.message).toBe(
      'entity.new.status_id holds an id (a UUID such as 44de097a-4164-11df-9218-0019bb4983d8) and "Approved" cannot be one, so "=" never matches; if "Approved" is the name of a Status, use that Status\'s id instead (events carry ids, not names)',
    );
    expect(covered(source, diagnostic!.span)).toBe("Approved");
  });

  test.each([
    ["entity.entity_type = Task and entity.new.type_id != Modeling", /"!=" always matches .*name of a Type/],
    ["entity.entity_type = Project and entity.new.project_schema_id = VFX", /name of a ProjectSchema, use that ProjectSchema's id/],
    ["entity.entity_type = AssetVersion and entity.new.asset_id = hero", /name of an Asset, use/],
    ["metadata.resource_id = john", /name of a User/],
    ['entity.new.status_id = "Appr*"', /never contains "Appr", so this wildcard test never matches/],
    ["entity.entity_type = Task and entity.new.id = 12", /"12" cannot be one, so "=" never matches; events carry ids, not names$/],
  ])("%s", (source, message) => {
    const found = only("id-literal", source);
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toMatch(message);
  });

  test("leaves null on an optional id to json-literal, and names no entity type where the property does not", () => {
    expect(lint("entity.new.parent_id = None").map((d) => d.code)).toEqual(["json-literal"]);
    expect(only("id-literal", "entity.new.parent_id = shot010")[0]?.message).toMatch(
      /cannot be one, so "=" never matches; events carry ids, not names$/,
    );
  });

  test("suggests lower case for an upper-case UUID", () => {
    const source = 'entity.new.status_id = "44DE097A-4164-11DF-9218-0019BB4983D8"';
    const [diagnostic] = only("id-literal", source);
    expect(diagnostic?.message).toMatch(/ftrack sends ids in lower case/);
    expect(applySuggestion(source, diagnostic!)).toBe('entity.new.status_id = "44de097a-4164-11df-9218-0019bb4983d8"');
  });

  test("accepts ids, pieces of ids in a wildcard, field references and the empty value", () => {
    expect(lint('entity.new.status_id = "44de097a-4164-11df-9218-0019bb4983d8"')).toEqual([]);
    expect(only("id-literal", "entity.new.status_id = 44de097a-4164-11df-9218-0019bb4983d8")).toEqual([]);
    expect(only("id-literal", 'entity.new.status_id = "4164-11df*"')).toEqual([]);
    expect(only("id-literal", "entity.new.status_id != entity.old.status_id")).toEqual([]);
    expect(only("id-literal", 'entity.new.status_id != ""')).toEqual([]);
    expect(only("id-literal", "entity.new.status_id > Approved")).toEqual([]);
    expect(only("id-literal", "entity.new.name = Approved")).toEqual([]);
  });

  test("is a trigger rule only", () => {
    expect(lint("data.status_id = Approved", { dialect: "event-hub" })).toEqual([]);
  });
});
