import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { builtInSchema, FtrackSchema, loadSchema } from "../../src/lint/schema";

const root = join(__dirname, "..", "..");
const rawSchemas: unknown = JSON.parse(readFileSync(join(root, "data/ftrack/query_schemas.json"), "utf8"));
const event = JSON.parse(readFileSync(join(root, "test/fixtures/events/task-update-status.json"), "utf8")) as {
  entity: { entity_type: string; new: Record<string, unknown>; old: Record<string, unknown> };
};

describe("schema-data.ts", () => {
  test("is what scripts/build-schema.mjs produces from data/ftrack/query_schemas.json", () => {
    const generated = execFileSync(process.execPath, [join(root, "scripts/build-schema.mjs"), "--stdout"], { encoding: "utf8" });
    const committed = readFileSync(join(root, "src/lint/schema-data.ts"), "utf8");
    expect(committed).toBe(generated);
  });

  test("decodes to the same model as loadSchema of the snapshot", () => {
    const loaded = loadSchema(rawSchemas);
    const builtIn = builtInSchema();
    expect(builtIn.entityTypeNames).toEqual(loaded.entityTypeNames);
    for (const name of loaded.entityTypeNames) {
      const a = Object.fromEntries(loaded.entityTypes.get(name) ?? []);
      const b = Object.fromEntries(builtIn.entityTypes.get(name) ?? []);
      expect(b, name).toEqual(a);
    }
  });

  test("is decoded once", () => {
    expect(builtInSchema()).toBe(builtInSchema());
  });
});

describe("the model", () => {
  const schema = builtInSchema();

  test("keeps direct properties with their kinds", () => {
    expect(schema.entityTypeNames.length).toBe((rawSchemas as unknown[]).length);
    expect(schema.property("Task", "bid")).toEqual({ kind: "number", nullable: false });
    expect(schema.property("Task", "start_date")).toEqual({ kind: "datetime", nullable: true });
    expect(schema.property("Task", "status_id")).toEqual({ kind: "string", nullable: false });
    expect(schema.property("AssetVersion", "version")).toEqual({ kind: "integer", nullable: true });
    expect(schema.property("AssetVersion", "is_published")).toEqual({ kind: "boolean", nullable: false });
    // A foreign key that also names its target is still a direct column.
    expect(schema.property("DashboardResource", "dashboard_id")?.kind).toBe("string");
    // An untyped column.
    expect(schema.property("User", "user_type_id")?.kind).toBe("other");
  });

  test("drops relations, arrays of relations and computed properties", () => {
    expect(schema.property("Task", "status")).toBeUndefined();
    expect(schema.property("Task", "children")).toBeUndefined();
    expect(schema.property("Task", "custom_attributes")).toBeUndefined();
    expect(schema.property("Task", "thumbnail_url")).toBeUndefined();
    expect(schema.property("Task", "time_logged")).toBeUndefined();
  });

  test("covers the properties of the real Task event, with matching value types", () => {
    const task = schema.entityTypes.get(event.entity.entity_type);
    expect(task).toBeDefined();
    for (const side of [event.entity.new, event.entity.old]) {
      for (const [name, value] of Object.entries(side)) {
        const info = task?.get(name);
        expect(info, name).toBeDefined();
        if (value === null) {
          expect(info?.nullable, name).toBe(true);
          continue;
        }
        const expected = {
          string: "string",
          datetime: "string",
          integer: "number",
          number: "number",
          boolean: "boolean",
          other: typeof value,
        };
        expect(typeof value, name).toBe(expected[info?.kind ?? "other"]);
      }
    }
  });

  test("indexes names case-insensitively and properties by owner", () => {
    expect(schema.entityTypesByLowerCase.get("assetversion")).toEqual(["AssetVersion"]);
    expect(schema.propertyOwners.get("bid")).toContain("Task");
    expect(schema.propertyOwners.get("is_published")).toEqual(["AssetVersion"]);
  });
});

describe("loadSchema", () => {
  test("reads custom entity types", () => {
    const schema = loadSchema([
      {
        id: "Robot",
        properties: {
          id: { type: "string" },
          charge: { type: "integer" },
          owner: { $ref: "User" },
          eta: { type: "string", format: "date-time" },
          x: { type: "number" },
        },
        required: ["id"],
        computed: ["x"],
      },
    ]);
    expect(schema).toBeInstanceOf(FtrackSchema);
    expect(schema.entityTypeNames).toEqual(["Robot"]);
    expect(Object.fromEntries(schema.entityTypes.get("Robot") ?? [])).toEqual({
      id: { kind: "string", nullable: false },
      charge: { kind: "integer", nullable: true },
      eta: { kind: "datetime", nullable: true },
    });
  });

  test.each([
    [{}, /array/],
    [[null], /query_schemas\[0\] must be an object/],
    [[{ properties: {} }], /query_schemas\[0\]\.id/],
    [[{ id: "A", properties: [] }], /properties \(A\) must be an object/],
    [[{ id: "A", properties: {}, computed: "x" }], /computed \(A\) must be an array of strings/],
  ])("rejects a malformed result with a TypeError (%#)", (input, message) => {
    expect(() => loadSchema(input)).toThrow(TypeError);
    expect(() => loadSchema(input)).toThrow(message);
  });
});
