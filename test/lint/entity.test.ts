import { describe, expect, test } from "vitest";
import { loadSchema } from "../../src/lint/schema";
import { applySuggestion, covered, only } from "./helpers";

describe("unknown-operation", () => {
  test.each([
    ['entity.operation = "delete"', /does not send delete events.*never matches/],
    ['entity.operation != "delete"', /does not send delete events.*always matches/],
    ["entity.operation = remove", /not an operation ftrack sends/],
    ["entity.operation = del*", /no operation ftrack sends \(create, update\) contains "del"/],
  ])("%s", (source, message) => {
    const [diagnostic, ...rest] = only("unknown-operation", source);
    expect(rest).toEqual([]);
    expect(diagnostic?.severity).toBe("error");
    expect(diagnostic?.message).toMatch(message);
    expect(covered(source, diagnostic!.span)).toBe(source.split(/ !?= /)[1]);
  });

  test("suggests the operation with the right case, keeping the quotes", () => {
    const source = "entity.operation = 'Update'";
    const [diagnostic] = only("unknown-operation", source);
    expect(applySuggestion(source, diagnostic!)).toBe("entity.operation = 'update'");
  });

  test.each(["entity.operation = create", 'entity.operation != "update"', "entity.operation = upd*", "entity.operation = entity.old.x"])(
    "accepts %s",
    (source) => {
      expect(only("unknown-operation", source)).toEqual([]);
    },
  );
});

describe("unknown-entity-type", () => {
  test.each([
    ['entity.entity_type = "task"', 'entity.entity_type = "Task"'],
    ["entity.entity_type = assetversion", "entity.entity_type = AssetVersion"],
    ["entity.entity_type = AsetVersion", "entity.entity_type = AssetVersion"],
    ['entity.entity_type != "Shoot"', 'entity.entity_type != "Shot"'],
  ])("%s: suggests the type", (source, fixed) => {
    const [diagnostic, ...rest] = only("unknown-entity-type", source);
    expect(rest).toEqual([]);
    expect(diagnostic?.severity).toBe("warning");
    expect(applySuggestion(source, diagnostic!)).toBe(fixed);
  });

  test("says that case matters when only the case is wrong", () => {
    expect(only("unknown-entity-type", "entity.entity_type = task")[0]?.message).toMatch(/case-sensitive/);
  });

  test("a wildcard must fit some type", () => {
    expect(only("unknown-entity-type", "entity.entity_type = Zebra*")).toHaveLength(1);
    expect(only("unknown-entity-type", "entity.entity_type = Version*")).toEqual([]);
  });

  test("knows the custom types of a given schema", () => {
    const schema = loadSchema([{ id: "Robot", properties: { id: { type: "string" } } }]);
    expect(only("unknown-entity-type", "entity.entity_type = Robot")).toHaveLength(1);
    expect(only("unknown-entity-type", "entity.entity_type = Robot", { schema })).toEqual([]);
    expect(only("unknown-entity-type", "entity.entity_type = Task", { schema })).toHaveLength(1);
  });

  test.each(["entity.entity_type = Task", 'entity.entity_type = "ReviewSessionObject"'])("accepts %s", (source) => {
    expect(only("unknown-entity-type", source)).toEqual([]);
  });
});

describe("unknown-property", () => {
  test("checks the properties of the entity type the filter requires", () => {
    const source = 'entity.entity_type = "Task" and entity.new.version = "3"';
    const [diagnostic, ...rest] = only("unknown-property", source);
    expect(rest).toEqual([]);
    expect(diagnostic?.message).toMatch(/"version" is not a direct property of Task/);
    expect(covered(source, diagnostic!.span)).toBe("entity.new.version");
    // The same property is fine for an AssetVersion.
    expect(only("unknown-property", 'entity.entity_type = "AssetVersion" and entity.new.version = "3"')).toEqual([]);
  });

  test("suggests a close name, replacing only the property", () => {
    const source = "entity.entity_type = Task and entity.old.statsu_id = x";
    const [diagnostic] = only("unknown-property", source);
    expect(applySuggestion(source, diagnostic!)).toBe("entity.entity_type = Task and entity.old.status_id = x");
  });

  test("points a relation to its id", () => {
    const source = "entity.entity_type = Task and entity.new.status = x";
    const [diagnostic] = only("unknown-property", source);
    expect(diagnostic?.message).toMatch(/id of a related entity/);
    expect(applySuggestion(source, diagnostic!)).toBe("entity.entity_type = Task and entity.new.status_id = x");
  });

  test("does not accept computed properties", () => {
    expect(only("unknown-property", "entity.entity_type = Task and entity.new.thumbnail_url = x")).toHaveLength(1);
  });

  test("checks each branch of an or against its own entity type", () => {
    const ok = "(entity.entity_type = Task and entity.new.bid != x) or (entity.entity_type = Note and entity.new.content = x)";
    expect(only("unknown-property", ok)).toEqual([]);
    const crossed = "(entity.entity_type = Task and entity.new.content = x) or (entity.entity_type = Note and entity.new.bid != x)";
    expect(only("unknown-property", crossed).map((d) => covered(crossed, d.span))).toEqual(["entity.new.content", "entity.new.bid"]);
  });

  test("allows the union of types an or requires", () => {
    const source = "(entity.entity_type = Task or entity.entity_type = Note) and entity.new.content = x";
    expect(only("unknown-property", source)).toEqual([]);
    const source2 = "(entity.entity_type = Task or entity.entity_type = Status) and entity.new.content = x";
    expect(only("unknown-property", source2)[0]?.message).toMatch(/of Task or Status/);
  });

  test("without an entity type, accepts any type's property", () => {
    expect(only("unknown-property", "entity.new.content = x and entity.old.bid != 1")).toEqual([]);
    expect(only("unknown-property", "entity.new.no_such_thing = x")[0]?.message).toMatch(/any entity type/);
  });

  test("does not narrow through != or not (which allow other types)", () => {
    expect(only("unknown-property", "entity.entity_type != Task and entity.new.content = x")).toEqual([]);
    expect(only("unknown-property", "not entity.entity_type = Note and entity.new.content = x")).toEqual([]);
  });

  test("stays quiet where it cannot judge: unknown or impossible types", () => {
    expect(only("unknown-property", "entity.entity_type = Robot and entity.new.charge = x")).toEqual([]);
    expect(only("unknown-property", "entity.entity_type = Task and entity.entity_type = Note and entity.new.x = x")).toEqual([]);
  });
});
