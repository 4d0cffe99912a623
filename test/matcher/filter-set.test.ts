/** FilterSet: order, replace, remove, values, dialects, and which filters it tests. */
import { describe, expect, test } from "vitest";
import { compile } from "../../src/compiler/compile";
import { requiredEqualities } from "../../src/matcher/filter-index";
import { FilterSet } from "../../src/matcher/filter-set";
import { FilterSyntaxError } from "../../src/syntax/errors";
import { parse } from "../../src/syntax/parser";
import { entityEvent, seededIds } from "../../src/testing";
import taskUpdate from "../fixtures/events/task-update-status.json";

const idsOf = (entries: readonly { id: string }[]) => entries.map((e) => e.id);

const ids = seededIds(4);

/** A synthetic entity event, built by the test kit. */
function event(entityType: string, operation: string, newStatus: string, oldStatus = "old"): unknown {
  return entityEvent({ entityType, operation, new: { status_id: newStatus }, old: { status_id: oldStatus }, ids });
}

describe("FilterSet", () => {
  test("returns the matching entries in insertion order, with their values", () => {
    const set = new FilterSet<string>();
    set.add("tasks", 'entity.entity_type = "Task"', "A");
    set.add("status", "entity.new.status_id != entity.old.status_id", "B");
    set.add("versions", "entity.entity_type = AssetVersion", "C");
    set.add("any-update", "entity.operation = update", "D");
    const matched = set.match(taskUpdate);
    expect(idsOf(matched)).toEqual(["tasks", "status", "any-update"]);
    expect(matched.map((e) => e.value)).toEqual(["A", "B", "D"]);
    expect(matched[0]?.filter.source).toBe('entity.entity_type = "Task"');
    expect(Object.isFrozen(matched[0])).toBe(true);
    expect(set.size).toBe(4);
    expect([...set].map((e) => e.id)).toEqual(["tasks", "status", "versions", "any-update"]);
  });

  test("order holds across buckets: entries filed under different paths come back sorted", () => {
    const set = new FilterSet();
    set.add("op", "entity.operation = update");
    set.add("type", "entity.entity_type = Task and entity.operation = update");
    set.add("all", "not entity.x = 1");
    set.add("status", "entity.new.status_id = 44ddd0fe-4164-11df-9218-0019bb4983d8");
    set.add("type2", "entity.entity_type = Task");
    expect(idsOf(set.match(taskUpdate))).toEqual(["op", "type", "all", "status", "type2"]);
  });

  test("add with a known id replaces the entry in place; remove and has", () => {
    const set = new FilterSet<number>();
    set.add("a", "entity.entity_type = Task", 1);
    set.add("b", "entity.operation = update", 2);
    set.add("c", "entity.entity_type = Task", 3);
    set.add("a", "entity.operation = update", 10);
    expect(set.size).toBe(3);
    expect(set.match(taskUpdate).map((e) => [e.id, e.value])).toEqual([
      ["a", 10],
      ["b", 2],
      ["c", 3],
    ]);
    set.add("a", "entity.operation = create", 11);
    expect(idsOf(set.match(taskUpdate))).toEqual(["b", "c"]);
    expect(set.remove("b")).toBe(true);
    expect(set.remove("b")).toBe(false);
    expect(set.has("b")).toBe(false);
    expect(set.has("c")).toBe(true);
    expect(set.get("a")?.value).toBe(11);
    expect(idsOf(set.match(taskUpdate))).toEqual(["c"]);
    set.add("b", "entity.operation = update", 2);
    expect(idsOf(set.match(taskUpdate))).toEqual(["c", "b"]);
    set.clear();
    expect(set.size).toBe(0);
    expect(set.match(taskUpdate)).toEqual([]);
  });

  test("accepts text, ASTs and compiled filters; rejects bad ones", () => {
    const set = new FilterSet();
    set.add("text", "entity.entity_type = Task");
    set.add("ast", parse("entity.operation = update"));
    set.add("compiled", compile("entity.new.bid = 0"));
    set.add("strict", compile("entity.new.bid > 0 or entity.entity_type = Task", { strict: true }));
    expect(idsOf(set.match(taskUpdate))).toEqual(["text", "ast"]);
    expect(() => set.add("bad", "entity.entity_type = ")).toThrow(FilterSyntaxError);
    expect(set.has("bad")).toBe(false);
    expect(() => set.add("hub", compile("topic = a", { dialect: "event-hub" }))).toThrow(TypeError);
    expect(() => set.add("fn", (() => true) as never)).toThrow(TypeError);
    expect(() => new FilterSet({ dialect: "sql" as never })).toThrow(TypeError);
    expect(() => new FilterSet({ strict: true } as never)).toThrow(TypeError);
  });

  test("one dialect per set: an event-hub set reads bare entity.x as a literal", () => {
    const hub = new FilterSet({ dialect: "event-hub" });
    hub.add("ref", "data.a = data.b");
    hub.add("topic", "topic = ftrack.update");
    hub.add("wild", "topic = ftrack.*");
    expect(idsOf(hub.match({ topic: "ftrack.update", data: { a: "data.b", b: "x" } }))).toEqual(["ref", "topic", "wild"]);
    const trigger = new FilterSet();
    trigger.add("ref", "entity.new.status_id = entity.old.status_id");
    expect(trigger.match(taskUpdate)).toEqual([]);
    expect(idsOf(trigger.match(event("Task", "update", "s", "s")))).toEqual(["ref"]);
  });

  test("evaluation errors mean no match, as for the filter alone", () => {
    const set = new FilterSet();
    set.add("error", 'entity.entity_type = "Task" and entity.new.bid > 5');
    set.add("empty", 'entity.entity_type = Task and entity.new.name = ""');
    set.add("ok", 'entity.entity_type = "Task"');
    expect(idsOf(set.match(taskUpdate))).toEqual(["ok"]);
    expect(set.match(null)).toEqual([]);
    expect(set.match("Task")).toEqual([]);
  });

  test("events whose getters throw: filters filed under that path are still tested", () => {
    const set = new FilterSet();
    set.add("type", "entity.entity_type = Task");
    set.add("negated", "not entity.entity_type = Task");
    const hostile = {
      entity: {
        get entity_type(): string {
          throw new Error("no");
        },
      },
    };
    expect(set.candidates(hostile).length).toBe(2);
    expect(set.match(hostile)).toEqual([]);
  });
});

describe("candidates", () => {
  test("an event tests only the filters filed under values it holds, plus the unindexed ones", () => {
    const set = new FilterSet({ backend: "closure" });
    const statuses = Array.from({ length: 1000 }, (_, i) => `status-${i}`);
    for (const [i, status] of statuses.entries()) {
      const type = ["Task", "Shot", "AssetVersion"][i % 3];
      const operation = i % 2 === 0 ? "update" : "create";
      const changed = i % 4 === 0 ? " and entity.new.status_id != entity.old.status_id" : "";
      set.add(`f${i}`, `entity.entity_type = ${type} and entity.operation = ${operation} and entity.new.status_id = "${status}"${changed}`);
    }
    set.add("broad", "entity.entity_type = Task or entity.entity_type = Shot");
    expect(idsOf(set.candidates(event("Task", "update", "status-0")))).toEqual(["f0", "broad"]);
    expect(idsOf(set.match(event("Task", "update", "status-0")))).toEqual(["f0", "broad"]);
    expect(idsOf(set.match(event("Task", "update", "status-0", "status-0")))).toEqual(["broad"]);
    expect(idsOf(set.candidates(event("Task", "update", "nothing")))).toEqual(["broad"]);
    // After removals and re-additions the index still files each filter under its status.
    for (let i = 0; i < 600; i++) set.remove(`f${i}`);
    for (let i = 0; i < 300; i++) set.add(`g${i}`, `entity.entity_type = Task and entity.new.status_id = "status-${i}"`);
    expect(idsOf(set.candidates(event("Task", "update", "status-7")))).toEqual(["broad", "g7"]);
    expect(idsOf(set.candidates(event("Task", "update", "status-700")))).toEqual(["f700", "broad"]);
  });

  test("a filter is filed under its rarest required equality", () => {
    const set = new FilterSet();
    for (let i = 0; i < 50; i++) set.add(`t${i}`, `entity.entity_type = Task and entity.new.name = n${i}`);
    set.add("shot", "entity.entity_type = Shot and entity.operation = update");
    set.add("shot2", "entity.entity_type = Shot and entity.operation = update");
    set.add("shot3", "entity.entity_type = Shot and entity.operation = create");
    const task = { entity: { entity_type: "Task", operation: "delete", new: { name: "n3" } } };
    expect(idsOf(set.candidates(task))).toEqual(["t3"]);
    const shot = { entity: { entity_type: "Shot", operation: "update" } };
    expect(idsOf(set.candidates(shot))).toEqual(["shot", "shot2"]);
  });

  test("required equalities: top-level and root conditions only, no wildcards, empty literals or references", () => {
    const required = (source: string) => requiredEqualities(parse(source)).map((r) => `${r.segments.join(".")}=${r.value}`);
    expect(required("a = x")).toEqual(["a=x"]);
    expect(required("a = x and (b = y and c = z) and not d = w and (e = v or f = u)")).toEqual(["a=x", "b=y", "c=z"]);
    expect(required('a = "" and b = x* and c != y and d > z and e = "entity.x" and f = entity.x and entity.f = entity.g')).toEqual([
      "e=entity.x",
    ]);
    expect(required("a = x or b = y")).toEqual([]);
    expect(required("not a = x")).toEqual([]);
    expect(required("a = x and a = x and a = y")).toEqual(["a=x", "a=y"]);
    expect(requiredEqualities(parse("data.x = entity.y", { dialect: "event-hub" })).length).toBe(1);
  });
});
