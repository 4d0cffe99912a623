/**
 * Property: for random sets of 1 to 500 filters (built by random adds,
 * replacements and removals) and random events, `FilterSet.match` returns
 * exactly the entries whose filter, compiled and tested alone, matches, in
 * insertion order. Filters mix indexable equalities with everything the
 * index must not rely on: `or`, `not`, other operators, wildcards, empty
 * literals (evaluation errors), field references. Events are entity events
 * whose fields hit the pool of values (synthetic, not ftrack payloads), and
 * arbitrary JSON.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { type CompiledFilter, compile } from "../../src/compiler/compile";
import { FilterSet } from "../../src/matcher/filter-set";
import type { Dialect } from "../../src/syntax/ast";

const FIELDS = [
  "entity.entity_type",
  "entity.operation",
  "entity.new.status_id",
  "entity.old.status_id",
  "entity.new.name",
  "entity.new.bid",
  "entity.id",
  "entity.new",
  "metadata.resource_id",
  "entity.missing",
  "entity..x",
];
const TEXTS = ["Task", "Shot", "AssetVersion", "update", "create", "s1", "s2", "s3", "u1", "0", "null", "entity.old.status_id"];
const LITERALS = [...TEXTS, "", "s*", "Ta*", "*", "S"];
/** Bare right-hand sides: field references in the trigger dialect, literals in event-hub. */
const REFERENCES = ["entity.old.status_id", "entity.new.status_id", "entity.new.bid", "metadata.resource_id", "entity.new"];

const condition = fc
  .tuple(
    fc.constantFrom(...FIELDS),
    fc.oneof({ arbitrary: fc.constant("="), weight: 4 }, { arbitrary: fc.constantFrom("!=", "<", "<=", ">", ">="), weight: 2 }),
    fc.oneof(
      { arbitrary: fc.constantFrom(...LITERALS).map((t) => `"${t}"`), weight: 4 },
      { arbitrary: fc.constantFrom(...REFERENCES), weight: 1 },
    ),
  )
  .map(([field, op, value]) => `${field} ${op} ${value}`);

const { expr } = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small", maxDepth: 3, withCrossShrink: true },
    { arbitrary: condition, weight: 6 },
    { arbitrary: fc.tuple(tie("expr"), tie("expr")).map(([a, b]) => `(${a}) or (${b})`), weight: 1 },
    { arbitrary: tie("expr").map((a) => `not (${a})`), weight: 1 },
    { arbitrary: fc.array(tie("expr"), { minLength: 2, maxLength: 4 }).map((xs) => xs.map((x) => `(${x})`).join(" and ")), weight: 2 },
  ),
}));

/** Most filters are top-level `and`s, as real trigger filters are. */
const filterText = fc.oneof(
  { arbitrary: expr, weight: 1 },
  {
    arbitrary: fc.array(expr, { minLength: 1, maxLength: 4, size: "small" }).map((xs) => xs.map((x) => `(${x})`).join(" and ")),
    weight: 3,
  },
);

/** `compiled`: add the filter compiled (shared with the reference, which saves time) rather than as text. */
type Step =
  | { kind: "add"; id: string; text: string; compiled: boolean }
  | { kind: "remove"; id: string }
  | { kind: "match"; event: number };

const id = fc.nat({ max: 599 }).map((n) => `f${n}`);
const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant("add" as const), id, text: filterText, compiled: fc.boolean() }), weight: 20 },
  { arbitrary: fc.record({ kind: fc.constant("remove" as const), id }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("match" as const), event: fc.nat() }), weight: 1 },
);

const value: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...TEXTS), weight: 6 },
  { arbitrary: fc.oneof(fc.integer({ min: -2, max: 2 }), fc.boolean(), fc.constant(null)), weight: 2 },
  { arbitrary: fc.array(fc.constantFrom("s1", "Task", "u1"), { maxLength: 3 }), weight: 1 },
  { arbitrary: fc.dictionary(fc.constantFrom("s1", "x", "Task"), fc.constantFrom("a", "s1"), { maxKeys: 2 }), weight: 1 },
);
const state = fc.oneof(
  { arbitrary: fc.record({ status_id: value, name: value, bid: value }, { requiredKeys: [] }), weight: 4 },
  { arbitrary: value, weight: 1 },
);
const entityEvent = fc
  .record(
    {
      entity: fc.record({ entity_type: value, operation: value, new: state, old: state, id: value }, { requiredKeys: [] }),
      metadata: fc.record({ resource_id: value }, { requiredKeys: [] }),
      "": fc.record({ x: value }),
    },
    { requiredKeys: ["entity"] },
  )
  .map((e) => ({ fez_id: "ftrack_entity_event_v1", ...e }));
const event = fc.oneof({ arbitrary: entityEvent, weight: 5 }, { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 });

const compiled = new Map<string, CompiledFilter>();
function reference(text: string, dialect: Dialect): CompiledFilter {
  const key = `${dialect}:${text}`;
  let filter = compiled.get(key);
  if (filter === undefined) {
    filter = compile(text, { dialect, backend: "closure" });
    compiled.set(key, filter);
  }
  return filter;
}

function check(dialect: Dialect, steps: Step[], events: unknown[]): void {
  const set = new FilterSet({ dialect, backend: "closure" });
  const model = new Map<string, string>();
  const compare = (e: unknown) => {
    const expected = [...model].filter(([, text]) => reference(text, dialect)(e)).map(([key]) => key);
    expect(set.match(e).map((entry) => entry.id)).toEqual(expected);
  };
  for (const s of steps) {
    if (s.kind === "add") {
      set.add(s.id, s.compiled ? reference(s.text, dialect) : s.text);
      model.set(s.id, s.text);
    } else if (s.kind === "remove") {
      expect(set.remove(s.id)).toBe(model.delete(s.id));
    } else {
      compare(events[s.event % events.length]);
    }
  }
  expect(set.size).toBe(model.size);
  for (const e of events) compare(e);
}

describe("FilterSet.match equals testing each filter in turn", () => {
  test.for<[Dialect, number]>([
    ["trigger", 25],
    ["event-hub", 8],
  ])("%s dialect", ([dialect, numRuns]) => {
    fc.assert(
      fc.property(
        // The length is drawn first: left to itself, fast-check keeps arrays short.
        fc.integer({ min: 1, max: 520 }).chain((n) => fc.array(step, { minLength: n, maxLength: n })),
        fc.array(event, { minLength: 1, maxLength: 12 }),
        (steps, events) => check(dialect, steps, events),
      ),
      { seed: 20_240_604, numRuns },
    );
  });
});
