/**
 * Fuzz target of event intake on hostile shapes: sparse arrays of any
 * length, huge dense arrays, objects with many distinct keys, in any field
 * `parseEntityEvent` checks. Besides throwing only `EventValidationError`,
 * each call must stay within the documented bounds: at most
 * `MAX_EVENT_PROBLEMS` problems listed (the rest counted), a message of a
 * few hundred characters, a webhook-sized error body under 10 KiB, and no
 * more reads of an array's items than `MAX_ENTITY_IDS`, whatever its length.
 * The same shapes, as JSON bodies of up to 1 MiB, must get a webhook answer
 * of under 10 KiB.
 */
import fc from "fast-check";
import { EventValidationError, MAX_ENTITY_IDS, MAX_EVENT_PROBLEMS, parseEntityEvent } from "../../../src/matcher/event";
import { createWebhookHandler } from "../../../src/matcher/webhook";
import { attempt, check, checkTime, describeThrown } from "../support/check";
import { defineTarget, type FuzzTarget } from "../support/target";

/** A recipe for a hostile value, built fresh for each run (arrays of 1e9 are not shrunk by fast-check). */
type Shape =
  | { readonly kind: "sparse"; readonly length: number; readonly present: readonly (readonly [number, unknown])[] }
  | { readonly kind: "dense"; readonly length: number; readonly item: unknown }
  | { readonly kind: "keys"; readonly count: number; readonly value: unknown }
  | { readonly kind: "plain"; readonly value: unknown };

const item = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null), fc.constant(undefined), fc.boolean());

const shape: fc.Arbitrary<Shape> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.oneof(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 2000, max: 2 ** 32 - 1 })).chain((length) =>
      fc.record({
        kind: fc.constant("sparse" as const),
        length: fc.constant(length),
        present: fc.array(fc.tuple(fc.integer({ min: 0, max: length - 1 }), item), { maxLength: 20 }),
      }),
    ),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("dense" as const), length: fc.integer({ min: 0, max: 200_000 }), item }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("keys" as const), count: fc.integer({ min: 0, max: 20_000 }), value: item }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("plain" as const), value: item }) },
);

/** Counts reads of array items, through a proxy that otherwise behaves as the array. */
interface Reads {
  count: number;
}

function build(recipe: Shape, reads: Reads): unknown {
  switch (recipe.kind) {
    case "sparse": {
      const array: unknown[] = [];
      array.length = recipe.length;
      for (const [index, value] of recipe.present) array[index] = value;
      return counted(array, reads);
    }
    case "dense":
      return counted(new Array<unknown>(recipe.length).fill(recipe.item), reads);
    case "keys": {
      const object: Record<string, unknown> = {};
      for (let i = 0; i < recipe.count; i++) object[`k${i}`] = recipe.value;
      return object;
    }
    case "plain":
      return recipe.value;
  }
}

const isIndex = (key: string | symbol): boolean => typeof key === "string" && /^(?:0|[1-9]\d*)$/.test(key);

function counted(array: unknown[], reads: Reads): unknown[] {
  return new Proxy(array, {
    get(target, key, receiver) {
      if (isIndex(key)) reads.count++;
      return Reflect.get(target, key, receiver) as unknown;
    },
    getOwnPropertyDescriptor(target, key) {
      if (isIndex(key)) reads.count++;
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  });
}

/** Where each hostile value goes: the fields parseEntityEvent checks. */
const placement = fc.record({
  root: fc.boolean(),
  entityId: shape,
  entityType: fc.option(shape, { nil: undefined }),
  operation: fc.option(shape, { nil: undefined }),
  newState: fc.option(shape, { nil: undefined }),
  metadata: fc.option(shape, { nil: undefined }),
});

type Placement = typeof placement extends fc.Arbitrary<infer T> ? T : never;

/** A placement with only `entity.id` (and `metadata`, when given) hostile. */
const only = (entityId: Shape, metadata?: Shape): Placement => ({
  root: true,
  entityId,
  entityType: undefined,
  operation: undefined,
  newState: undefined,
  metadata,
});

function eventOf(p: Placement, reads: Reads): unknown {
  const entity: Record<string, unknown> = { id: build(p.entityId, reads), entity_type: "Task", operation: "update" };
  if (p.entityType !== undefined) entity["entity_type"] = build(p.entityType, reads);
  if (p.operation !== undefined) entity["operation"] = build(p.operation, reads);
  if (p.newState !== undefined) entity["new"] = build(p.newState, reads);
  const event: Record<string, unknown> = { fez_id: "ftrack_entity_event_v1", entity };
  if (p.metadata !== undefined) event["metadata"] = build(p.metadata, reads);
  return p.root ? event : build(p.entityId, reads);
}

/** The JSON a shape stands for (a sparse array as the `null`s JSON writes for its holes). */
function jsonOf(recipe: Shape): unknown {
  switch (recipe.kind) {
    case "sparse": {
      const array: unknown[] = new Array<unknown>(Math.min(recipe.length, 150_000)).fill(null);
      for (const [index, value] of recipe.present) if (index < array.length) array[index] = value ?? null;
      return array;
    }
    case "dense":
      return new Array<unknown>(recipe.length).fill(recipe.item ?? null);
    case "keys":
    case "plain":
      return build(recipe, { count: 0 });
  }
}

const bodyPlacement = fc.record({
  entityId: shape,
  newState: fc.option(shape, { nil: undefined }),
  metadata: fc.option(shape, { nil: undefined }),
});

const handler = createWebhookHandler({
  secret: "s",
  routes: [{ id: "task", filter: "entity.entity_type = Task", handler: () => undefined }],
});

const webhookTarget = defineTarget({
  name: "webhook-hostile-bodies",
  description: "the webhook answers JSON bodies holding huge arrays and objects of many keys with a status and under 10 KiB, never a 500",
  testRuns: 30,
  weight: 1,
  property: () =>
    fc.asyncProperty(bodyPlacement, async (p) => {
      const entity: Record<string, unknown> = { id: jsonOf(p.entityId), entity_type: "Task", operation: "update" };
      if (p.newState !== undefined) entity["new"] = jsonOf(p.newState);
      const event: Record<string, unknown> = { fez_id: "ftrack_entity_event_v1", entity };
      if (p.metadata !== undefined) event["metadata"] = jsonOf(p.metadata);
      const body = JSON.stringify(event);
      const response = await handler(new Request("http://127.0.0.1/", { method: "POST", headers: { "ftrack-secret": "s" }, body }));
      const bytes = (await response.arrayBuffer()).byteLength;
      check([200, 204, 400, 413].includes(response.status), `status ${response.status}`, { size: body.length });
      check(bytes < 10 * 1024, `an answer of ${bytes} bytes`, { status: response.status, size: body.length });
    }),
});

const parseTarget = defineTarget({
  name: "parse-entity-event-hostile",
  description:
    "parseEntityEvent on sparse arrays of any length, huge arrays and objects of many keys stays bounded: problems, message and error body sizes, array items read",
  testRuns: 60,
  weight: 1,
  property: () =>
    fc.property(placement, (p) => {
      const reads: Reads = { count: 0 };
      const value = eventOf(p, reads);
      const outcome = attempt(() => parseEntityEvent(value));
      checkTime(outcome, "parseEntityEvent", 0);
      // Each id is read at most twice (its own-property check, then its value).
      check(reads.count <= MAX_ENTITY_IDS * 2, `parseEntityEvent read ${reads.count} array items`);
      if (outcome.ok) return;
      const error = outcome.error;
      check(error instanceof EventValidationError, `parseEntityEvent threw ${describeThrown(error)}`);
      check(error.problems.length >= 1 && error.problems.length <= MAX_EVENT_PROBLEMS, `${error.problems.length} problems listed`);
      check(Number.isSafeInteger(error.omitted) && error.omitted >= 0, `omitted is ${error.omitted}`);
      check(error.omitted === 0 || error.problems.length === MAX_EVENT_PROBLEMS, "problems omitted before the list was full");
      check(error.message.length <= 1000, `a message of ${error.message.length} characters`);
      const body = JSON.stringify({
        error: { code: error.code, message: error.message, problems: error.problems, omitted: error.omitted },
      });
      check(body.length < 10 * 1024, `an error body of ${body.length} bytes`);
    }),
  examples: (): [Placement][] => [
    [only({ kind: "sparse", length: 1e8, present: [] })],
    [only({ kind: "sparse", length: 2 ** 32 - 1, present: [[5, 1]] })],
    [only({ kind: "dense", length: 500_000, item: 1 })],
    [only({ kind: "dense", length: MAX_ENTITY_IDS, item: null }, { kind: "keys", count: 10, value: 1 })],
  ],
});

export const hostileEventTargets: readonly FuzzTarget[] = [parseTarget, webhookTarget];
