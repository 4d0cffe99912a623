/**
 * Generators of webhook bodies: valid entity events (with unknown extra
 * fields), and malformed ones: random bytes, random text, truncated and
 * mutated JSON, deep nesting, huge numbers, byte order marks, invalid
 * UTF-8, `__proto__` keys, wrong shapes. Each body says what it is, so a
 * property knows what answer to expect.
 */
import fc from "fast-check";

/** What a body is, for the expected outcome. `unknown`: no expectation beyond the contract. */
export type BodyClass = "valid" | "invalid-json" | "invalid-event" | "unknown";

export interface Body {
  readonly text?: string;
  readonly bytes?: Uint8Array;
  readonly class: BodyClass;
  /** The kind of generator that made it, for failure messages. */
  readonly kind: string;
}

const id = fc.constantFrom("e767fa5f-bb3a-4bee-a479-401526da0809", "1", "x");

/** A valid entity event: the required fields, optional ones, and extra fields ftrack may add. */
export const validEvent: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    id: fc.option(id, { nil: undefined }),
    entityIds: fc.array(id, { minLength: 1, maxLength: 3 }),
    entity_type: fc.constantFrom("Task", "AssetVersion", "Boom", "Shot"),
    operation: fc.constantFrom("update", "create", "future-op"),
    new: fc.option(
      fc.dictionary(fc.constantFrom("status_id", "name", "flag", "__proto__", "constructor"), fc.jsonValue({ maxDepth: 2 }), {
        maxKeys: 4,
      }),
      { nil: undefined },
    ),
    old: fc.option(fc.dictionary(fc.constantFrom("status_id", "name"), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }), { nil: undefined }),
    flag: fc.option(fc.constantFrom("yes", "reject", "no"), { nil: undefined }),
    metadata: fc.option(
      fc.record({
        date: fc.constant("2024-06-04T10:31:39.554607+00:00"),
        resource_id: id,
        server_url: fc.constant("https://x.ftrackapp.com/"),
      }),
      { nil: undefined },
    ),
    extra: fc.dictionary(fc.constantFrom("extra", "parents", "__proto__", "zz"), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 }),
  })
  .map((r) => {
    const entity: Record<string, unknown> = { id: r.entityIds, entity_type: r.entity_type, operation: r.operation };
    const next = r.new === undefined && r.flag !== undefined ? {} : r.new;
    if (next !== undefined) entity["new"] = r.flag === undefined ? next : { ...next, flag: r.flag };
    if (r.old !== undefined) entity["old"] = r.old;
    const event: Record<string, unknown> = { ...r.extra, fez_id: "ftrack_entity_event_v1", entity };
    if (r.id !== undefined) event["id"] = r.id;
    if (r.metadata !== undefined) event["metadata"] = r.metadata;
    // Through JSON: `__proto__` keys become own keys, as in a real body.
    return JSON.parse(JSON.stringify(event)) as Record<string, unknown>;
  });

/** Entity events with one field of the wrong type or missing. */
const wrongShape: fc.Arbitrary<unknown> = fc
  .tuple(
    validEvent,
    fc.constantFrom(
      "fez_id",
      "entity",
      "entity.id",
      "entity.id.0",
      "entity.entity_type",
      "entity.operation",
      "entity.new",
      "entity.old",
      "metadata",
      "metadata.date",
      "id",
    ),
    fc.constantFrom(null, 1, "", [], {}, true, undefined),
  )
  .map(([event, path, value]) => {
    const copy = structuredClone(event);
    const keys = path.split(".");
    let parent: Record<string, unknown> = copy;
    for (const key of keys.slice(0, -1)) {
      let next = parent[key];
      if (typeof next !== "object" || next === null) parent[key] = next = {};
      parent = next as Record<string, unknown>;
    }
    const last = keys[keys.length - 1] as string;
    if (value === undefined) delete parent[last];
    else parent[last] = value;
    return copy;
  });

const encoder = new TextEncoder();

/**
 * The documented shape of an entity event, checked here without the
 * library: the oracle for bodies whose validity depends on the edit made.
 */
export function isEntityEvent(value: unknown): boolean {
  const object = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  const own = (o: Record<string, unknown>, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);
  const text = (v: unknown, nonEmpty: boolean): boolean => typeof v === "string" && (!nonEmpty || v !== "");
  if (!object(value) || own(value, "fez_id") !== "ftrack_entity_event_v1") return false;
  if (own(value, "id") !== undefined && !text(own(value, "id"), false)) return false;
  const entity = own(value, "entity");
  if (!object(entity)) return false;
  const ids = own(entity, "id");
  if (!Array.isArray(ids) || ids.length === 0) return false;
  for (let i = 0; i < ids.length; i++) if (!Object.hasOwn(ids, i) || typeof ids[i] !== "string") return false;
  if (!text(own(entity, "entity_type"), true) || !text(own(entity, "operation"), true)) return false;
  for (const key of ["new", "old"]) if (own(entity, key) !== undefined && !object(own(entity, key))) return false;
  const metadata = own(value, "metadata");
  if (metadata === undefined) return true;
  if (!object(metadata)) return false;
  if (!["date", "resource_id", "server_url"].every((key) => text(own(metadata, key), false))) return false;
  return own(metadata, "configuration_hash") === undefined || text(own(metadata, "configuration_hash"), false);
}

/** Inserts `insert` at a relative position of `bytes`. */
function splice(bytes: Uint8Array, at: number, insert: readonly number[]): Uint8Array {
  const i = Math.floor(at * bytes.length);
  return Uint8Array.from([...bytes.subarray(0, i), ...insert, ...bytes.subarray(i)]);
}

/** Malformed bodies, each with what it is. */
export const body: fc.Arbitrary<Body> = fc.oneof(
  { weight: 4, arbitrary: validEvent.map((event): Body => ({ text: JSON.stringify(event), class: "valid", kind: "valid event" })) },
  {
    weight: 1,
    arbitrary: validEvent.map(
      (event): Body => ({ text: `\ufeff${JSON.stringify(event, null, 2)}`, class: "valid", kind: "valid event after a byte order mark" }),
    ),
  },
  {
    weight: 2,
    arbitrary: wrongShape.map(
      (event): Body => ({ text: JSON.stringify(event), class: isEntityEvent(event) ? "valid" : "invalid-event", kind: "wrong shape" }),
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .jsonValue({ maxDepth: 3 })
      .map((value): Body => ({ text: JSON.stringify(value), class: "invalid-event", kind: "other JSON" })),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(validEvent, fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true })).map(([event, at]): Body => {
      const text = JSON.stringify(event);
      return { text: text.slice(0, Math.floor(at * text.length)), class: "invalid-json", kind: "truncated JSON" };
    }),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        validEvent,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(",", "}", "{", '"', "\\", "]", "\u0000", ":", "\n", "'", "NaN", "undefined"),
      )
      .map(([event, at, insert]): Body => {
        const text = JSON.stringify(event);
        const i = Math.floor(at * text.length);
        return { text: text.slice(0, i) + insert + text.slice(i), class: "unknown", kind: "mutated JSON" };
      }),
  },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes): Body => ({ bytes, class: "unknown", kind: "random bytes" })) },
  {
    weight: 1,
    arbitrary: fc.string({ unit: "binary", maxLength: 100 }).map((text): Body => ({ text, class: "unknown", kind: "random text" })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom("[", '{"a":', '{"entity":'), fc.integer({ min: 1, max: 200_000 }), fc.boolean())
      .map(([open, n, closed]): Body => {
        const close = open === "[" ? "]" : "}";
        return {
          text: open.repeat(n) + (closed ? `1${close.repeat(n)}` : ""),
          class: closed ? "invalid-event" : "invalid-json",
          kind: "deep nesting",
        };
      }),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(
        "1e999999",
        "-1e-999999",
        `${"9".repeat(100_000)}`,
        '{"fez_id":1e400}',
        "[1e309]",
        `{"entity":{"id":[${"1,".repeat(10_000)}1]}}`,
      )
      .map((text): Body => ({ text, class: "invalid-event", kind: "huge numbers" })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        validEvent,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(
          [0xff],
          [0xc0, 0x80],
          [0xed, 0xa0, 0x80],
          [0xf8, 0x88, 0x80, 0x80, 0x80],
          [0xe2, 0x82],
          [0x80],
          [0xf4, 0x90, 0x80, 0x80],
        ),
      )
      .map(
        ([event, at, bad]): Body => ({
          bytes: splice(encoder.encode(JSON.stringify(event)), at, bad),
          class: "invalid-json",
          kind: "invalid UTF-8",
        }),
      ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom("", " ", "\ufeff", "null", "[]", "{}", '"x"', "\u0000").map(
      (text): Body => ({
        text,
        class: text.trim() === "" || text === "\ufeff" || text === "\u0000" ? "invalid-json" : "invalid-event",
        kind: "tiny",
      }),
    ),
  },
);

/** The UTF-8 size of a body (a lone surrogate counts three bytes, as an encoder writes U+FFFD). */
export function byteSize(b: Body): number {
  return b.bytes !== undefined ? b.bytes.byteLength : encoder.encode(b.text ?? "").byteLength;
}

/** The body as bytes. */
export function bodyBytes(b: Body): Uint8Array {
  return b.bytes ?? encoder.encode(b.text ?? "");
}
