/**
 * The test kit's event builders: the events have the shape of ftrack's one
 * public webhook payload, realistic defaults from the schema, working
 * overrides, and a repeatable mode for snapshots.
 */
import { describe, expect, test } from "vitest";
import { explain } from "../../src/compiler/explain";
import { builtInSchema, loadSchema } from "../../src/lint/schema";
import { type EntityEvent, parseEntityEvent } from "../../src/matcher/event";
import { created, entityEvent, eventHubEvent, randomIds, STATUS_IDS, seededIds, statusChanged, updated } from "../../src/testing/index";
import realTaskUpdate from "../fixtures/events/task-update-status.json";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const FTRACK_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/;
const DATE = new Date("2024-06-04T10:31:39.554Z");

/** The kind of a value as the real payload shows it: a uuid, other text, a number, null... */
function kindOf(value: unknown): string {
  if (typeof value === "string") return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value) ? "uuid" : "text";
  return value === null ? "null" : typeof value;
}

function kinds(properties: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, kindOf(value)]));
}

describe("entityEvent", () => {
  test("has the shape of ftrack's real payload, key for key", () => {
    const event = entityEvent({ entityType: "Task" });
    expect(Object.keys(event).sort()).toEqual(Object.keys(realTaskUpdate).sort());
    expect(Object.keys(event.metadata).sort()).toEqual(Object.keys(realTaskUpdate.metadata).sort());
    expect(Object.keys(event.entity).sort()).toEqual(Object.keys(realTaskUpdate.entity).sort());
    expect(kinds(event.metadata)).toEqual({ ...kinds(realTaskUpdate.metadata), server_url: "text" });
    // A Task's defaults carry exactly the properties ftrack sent, each of the same kind.
    expect(kinds(event.entity.new)).toEqual(kinds(realTaskUpdate.entity.new));
    expect(kinds(event.entity.old)).toEqual(kinds(realTaskUpdate.entity.old));
  });

  test("passes the library's own entity event validation, and survives JSON", () => {
    for (const event of [entityEvent({ entityType: "AssetVersion" }), created("Note"), entityEvent({ entityType: "Custom" })]) {
      const checked: EntityEvent = parseEntityEvent(JSON.stringify(event));
      expect(checked).toEqual(event);
    }
  });

  test("metadata: ftrack's date format, a uuid user, the workspace's URL, a sha-256 sized hash", () => {
    const event = entityEvent({ entityType: "Task", workspace: "acme", date: DATE });
    expect(event.metadata.date).toBe("2024-06-04T10:31:39.554000+00:00");
    expect(event.metadata.date).toMatch(FTRACK_DATE);
    expect(realTaskUpdate.metadata.date).toMatch(FTRACK_DATE);
    expect(event.metadata.resource_id).toMatch(UUID_V4);
    expect(event.metadata.server_url).toBe("https://acme.ftrackapp.com/");
    expect(event.metadata.configuration_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(entityEvent({ entityType: "Task", date: "2020-01-01T00:00:00+00:00" }).metadata.date).toBe("2020-01-01T00:00:00+00:00");
  });

  test("entity.id is [new.id]; new and old describe the same entity; the event id is distinct", () => {
    const event = entityEvent({ entityType: "Shot" });
    expect(event.entity.id).toEqual([event.entity.new.id]);
    expect(event.entity.old.id).toBe(event.entity.new.id);
    expect(event.entity.new.id).toMatch(UUID_V4);
    expect(event.id).toMatch(UUID_V4);
    expect(event.id).not.toBe(event.entity.new.id);
    const given = entityEvent({ entityType: "Shot", new: { id: "e767fa5f-bb3a-4bee-a479-401526da0809" } });
    expect(given.entity.id).toEqual(["e767fa5f-bb3a-4bee-a479-401526da0809"]);
    expect(given.entity.old.id).toBe("e767fa5f-bb3a-4bee-a479-401526da0809");
  });

  test("defaults follow each property's kind in the schema", () => {
    const version = entityEvent({ entityType: "AssetVersion", operation: "create" }).entity.new;
    const schema = builtInSchema();
    for (const [name, info] of schema.entityTypes.get("AssetVersion") ?? []) {
      if (name === "link" || name === "_link") {
        expect(version, name).not.toHaveProperty(name);
        continue;
      }
      const value = version[name];
      const expected = {
        string: ["string", "null"],
        integer: ["number"],
        number: ["number"],
        boolean: ["boolean"],
        datetime: ["string", "null"],
        other: ["null"],
      }[info.kind];
      expect(expected, name).toContain(value === null ? "null" : typeof value);
      if (!info.nullable) expect(value, `${name} is required`).not.toBeNull();
    }
    expect(version.status_id).toMatch(UUID_V4);
    expect(version.version).toBe(1);
    expect(version.is_published).toBe(false);
  });

  test("on update, new and old start equal and differ only where overridden", () => {
    const event = entityEvent({ entityType: "Task", new: { name: "comp", bid: 2.5 }, old: { name: "roto" } });
    expect(event.entity.operation).toBe("update");
    expect(event.entity.new.name).toBe("comp");
    expect(event.entity.old.name).toBe("roto");
    expect(event.entity.new.bid).toBe(2.5);
    expect(event.entity.old.bid).toBe(0);
    const { name: _n1, bid: _b1, ...restNew } = event.entity.new;
    const { name: _n2, bid: _b2, ...restOld } = event.entity.old;
    expect(restNew).toEqual(restOld);
  });

  test("an undefined override removes the property, for tests of missing fields", () => {
    const event = entityEvent({ entityType: "Task", new: { status_id: undefined }, metadata: { configuration_hash: undefined } });
    expect(event.entity.new).not.toHaveProperty("status_id");
    expect(event.entity.old).toHaveProperty("status_id");
    expect(event.metadata).not.toHaveProperty("configuration_hash");
    expect(explain("entity.new.status_id != entity.old.status_id", event).matched).toBe(false);
  });

  test("overrides are copied: changing the input later does not change the event", () => {
    const custom = { tags: ["a"] };
    const event = entityEvent({ entityType: "Task", new: { custom } });
    custom.tags.push("b");
    expect(event.entity.new.custom).toEqual({ tags: ["a"] });
  });

  test("a __proto__ key stays an own property", () => {
    const overrides = JSON.parse('{"__proto__": "x"}') as Record<string, string>;
    const event = entityEvent({ entityType: "Task", new: overrides });
    expect(Object.hasOwn(event.entity.new, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(event.entity.new)).toBe(Object.prototype);
    expect(explain("entity.new.__proto__ = x", event).matched).toBe(true);
  });

  test("values JSON cannot carry are refused", () => {
    expect(() => entityEvent({ entityType: "Task", new: { bid: Number.NaN } })).toThrow(TypeError);
    expect(() => entityEvent({ entityType: "Task", new: { when: new Date() as unknown as string } })).toThrow(/a Date; pass JSON values/);
    expect(() => entityEvent({ entityType: "Task", new: { f: (() => 1) as unknown as string } })).toThrow(/JSON cannot carry/);
  });

  test("an entity type the schema does not know gets only its id (custom types are legitimate)", () => {
    const event = entityEvent({ entityType: "MyCustomThing", new: { colour: "red" } });
    expect(event.entity.new).toEqual({ id: event.entity.id[0], colour: "red" });
    expect(event.entity.old).toEqual({ id: event.entity.id[0] });
  });

  test("a type the schema knows in another letter case is a mistake, unless the schema is switched off", () => {
    expect(() => entityEvent({ entityType: "task" })).toThrow(/"Task"/);
    expect(entityEvent({ entityType: "task", schema: null }).entity.entity_type).toBe("task");
    expect(entityEvent({ entityType: "Task", schema: null }).entity.new).toEqual({ id: expect.stringMatching(UUID_V4) });
  });

  test("a schema of the site's own fills its custom types", () => {
    const schema = loadSchema([{ id: "Rig", properties: { id: { type: "string" }, tier: { type: "integer" } }, required: ["id", "tier"] }]);
    expect(entityEvent({ entityType: "Rig", schema }).entity.new).toEqual({ id: expect.stringMatching(UUID_V4), tier: 0 });
  });

  test("bad input is a TypeError", () => {
    expect(() => entityEvent({ entityType: "" })).toThrow(TypeError);
    expect(() => entityEvent({ entityType: "Task", nwe: {} } as never)).toThrow(/unknown option "nwe"/);
    expect(() => entityEvent({ entityType: "Task", new: [] as never })).toThrow(TypeError);
    expect(() => entityEvent({ entityType: "Task", workspace: "" })).toThrow(TypeError);
  });
});

describe("short forms", () => {
  test("statusChanged: known names and ids, old to new", () => {
    const event = statusChanged("AssetVersion", "Pending Review", "Approved");
    expect(event.entity.operation).toBe("update");
    expect(event.entity.old.status_id).toBe(STATUS_IDS["Pending Review"]);
    expect(event.entity.new.status_id).toBe("44de097a-4164-11df-9218-0019bb4983d8");
    const byId = statusChanged("Task", "44dded64-4164-11df-9218-0019bb4983d8", "44ddd0fe-4164-11df-9218-0019bb4983d8");
    expect([byId.entity.old.status_id, byId.entity.new.status_id]).toEqual([
      realTaskUpdate.entity.old.status_id,
      realTaskUpdate.entity.new.status_id,
    ]);
  });

  test("statusChanged: the status wins over other options; other overrides apply", () => {
    const event = statusChanged("Task", "Approved", "Pending Review", { new: { name: "x", status_id: "ignored" } });
    expect(event.entity.new).toMatchObject({ name: "x", status_id: STATUS_IDS["Pending Review"] });
  });

  test("statusChanged refuses unknown status names and types without a status", () => {
    expect(() => statusChanged("Task", "In Progress", "Approved")).toThrow(/neither a status id nor a known status name/);
    expect(() => statusChanged("Note", "Pending Review", "Approved")).toThrow(/Note has no status_id/);
    expect(statusChanged("MyCustomThing", "Pending Review", "Approved").entity.new.status_id).toBe(STATUS_IDS.Approved);
  });

  test("created: old holds every property as null by default, or nothing", () => {
    const event = created("Task", { name: "layout" });
    expect(event.entity.operation).toBe("create");
    expect(event.entity.new.name).toBe("layout");
    expect(Object.keys(event.entity.old)).toEqual(Object.keys(event.entity.new));
    expect(Object.values(event.entity.old).every((value) => value === null)).toBe(true);
    expect(created("Task", {}, { oldOnCreate: "empty" }).entity.old).toEqual({});
  });

  test("created: why a trigger reading entity.old is worth testing against both forms", () => {
    const filter = "entity.new.status_id != entity.old.status_id";
    expect(explain(filter, created("Task")).matched).toBe(true);
    expect(explain(filter, created("Task", {}, { oldOnCreate: "empty" })).matched).toBe(false);
  });

  test("updated: old is the base, new is the base plus the changes", () => {
    const event = updated("Shot", { name: "sh020" }, { name: "sh010", description: "wide" });
    expect(event.entity.old).toMatchObject({ name: "sh010", description: "wide" });
    expect(event.entity.new).toMatchObject({ name: "sh020", description: "wide" });
    expect(() => updated("Shot", {})).toThrow(/at least one property/);
    expect(() => updated("Shot", { name: "a" }, {}, { new: {} } as never)).toThrow(/unknown option "new"/);
  });
});

describe("ids", () => {
  test("a seed gives the same events, a different seed different ones", () => {
    const build = (seed: number) => [
      statusChanged("AssetVersion", "Pending Review", "Approved", { ids: seededIds(seed), date: DATE }),
      eventHubEvent({ topic: "ftrack.update", ids: seededIds(seed) }),
    ];
    expect(build(7)).toEqual(build(7));
    expect(JSON.stringify(build(7))).not.toBe(JSON.stringify(build(8)));
    expect(seededIds("a")()).toBe(seededIds("a")());
  });

  test("seeded ids are well-formed version-4 uuids without repeats", () => {
    const next = seededIds(1);
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const id = next();
      expect(id).toMatch(UUID_V4);
      seen.add(id);
    }
    expect(seen.size).toBe(2000);
    expect(() => seededIds(Number.NaN)).toThrow(TypeError);
  });

  test("random ids differ from call to call", () => {
    expect(randomIds()).toMatch(UUID_V4);
    expect(entityEvent({ entityType: "Task" }).id).not.toBe(entityEvent({ entityType: "Task" }).id);
  });
});

describe("eventHubEvent", () => {
  test("has the keys of an event as ftrack's Python API hands it to subscribers", () => {
    const event = eventHubEvent({ topic: "ftrack.update", data: { entities: [] } });
    expect(Object.keys(event).sort()).toEqual(["data", "id", "in_reply_to_event", "sent", "source", "target", "topic"]);
    expect(event).toMatchObject({ topic: "ftrack.update", target: "", sent: null, in_reply_to_event: null, data: { entities: [] } });
    expect(event.id).toMatch(UUID_V4);
    expect(event.source).toEqual({
      id: expect.stringMatching(UUID_V4),
      applicationId: "ftrack.client.web",
      user: { username: "jane.doe", id: expect.stringMatching(UUID_V4) },
    });
  });

  test("source overrides merge, user one level deeper; the public expressions match", () => {
    const event = eventHubEvent({
      topic: "ftrack.connect.application.discover",
      data: { application: { identifier: "maya-2024", version: "2024" } },
      source: { user: { username: "john" }, host: "ws-01" },
      inReplyToEvent: "abc",
    });
    expect(event.source.user).toEqual({ username: "john", id: expect.stringMatching(UUID_V4) });
    expect(event.source.host).toBe("ws-01");
    expect(event.in_reply_to_event).toBe("abc");
    const options = { dialect: "event-hub" } as const;
    expect(
      explain(
        "topic=ftrack.connect.application.discover and data.application.identifier=maya* and data.application.version >= 2021",
        event,
        options,
      ).matched,
    ).toBe(true);
    expect(explain('source.user.username="john"', event, options).matched).toBe(true);
    expect(explain("topic=ftrack.update", event, options).matched).toBe(false);
  });

  test("bad input is a TypeError", () => {
    expect(() => eventHubEvent({ topic: "" })).toThrow(TypeError);
    expect(() => eventHubEvent({ topic: "a", dta: {} } as never)).toThrow(/unknown option "dta"/);
  });
});
