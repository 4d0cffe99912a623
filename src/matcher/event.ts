/**
 * Entity events (`fez_id: "ftrack_entity_event_v1"`), the bodies ftrack's
 * webhooks POST: their types, and `parseEntityEvent`, which reads a raw body
 * (or an already parsed value), checks its shape and lists every problem
 * with its JSON path. Fields this module does not know are kept untouched,
 * since ftrack adds fields over time.
 */
import type { JsonValue } from "../compiler/json-safe";
import { brandErrorClass } from "../identity";
import { byteLengthOver, decodeUtf8, describeThrown } from "./bytes";

/** A JSON object. */
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

// The index signatures admit `undefined` because the named properties
// beside them are optional: without `exactOptionalPropertyTypes` (the
// TypeScript default), `new?: JsonObject` has the type
// `JsonObject | undefined`, which an index signature of `JsonValue` alone
// would reject (TS2411) in every consumer that checks library types.

/** The `entity` part of an entity event: what changed, and how. */
export interface EntityEventEntity {
  /** The entity's primary key values (one for most types; several for composite keys). */
  readonly id: readonly string[];
  /** The entity type as ftrack names it (`Task`, `AssetVersion`, ...). */
  readonly entity_type: string;
  /** `create` or `update` (ftrack sends no deletes); typed open for future operations. */
  readonly operation: "create" | "update" | (string & {});
  /** The entity's direct properties after the change; absent when ftrack sends none. */
  readonly new?: JsonObject;
  /** The entity's direct properties before the change; absent, or possibly `{}`, on `create`. */
  readonly old?: JsonObject;
  readonly [key: string]: JsonValue | undefined;
}

/** `metadata`: when the change happened, who made it, on which server. */
export interface EntityEventMetadata {
  /** ISO 8601 time of the change. */
  readonly date: string;
  /** The id of the user whose action caused the event. */
  readonly resource_id: string;
  readonly server_url: string;
  readonly configuration_hash?: string;
  readonly [key: string]: JsonValue | undefined;
}

/** An ftrack entity event, as a webhook delivers it. */
export interface EntityEvent {
  readonly fez_id: "ftrack_entity_event_v1";
  /** The event's own id. */
  readonly id?: string;
  readonly entity: EntityEventEntity;
  readonly metadata?: EntityEventMetadata;
  readonly [key: string]: JsonValue | EntityEventEntity | EntityEventMetadata | undefined;
}

/** The `fez_id` of every entity event. */
export const ENTITY_EVENT_FEZ_ID = "ftrack_entity_event_v1";

/** The default size limit of a raw event body: 1 MiB. */
export const DEFAULT_MAX_EVENT_BYTES = 1_048_576;

/** What went wrong: not JSON (or not UTF-8), over the size limit, or JSON of the wrong shape. */
export type EventValidationCode = "invalid-json" | "too-large" | "invalid-event";

/**
 * Most problems an {@link EventValidationError} lists; past it, problems are
 * only counted (`omitted`), so that the error (and a webhook's 400 body)
 * stays a few KiB whatever the body holds.
 */
export const MAX_EVENT_PROBLEMS = 100;

/**
 * Most ids `entity.id` may hold (ftrack sends one, or a few for a composite
 * key). A longer array is one problem, found without reading its items, so
 * that a sparse array of length 1e8 costs no more than a short one.
 */
export const MAX_ENTITY_IDS = 1000;

/** One problem of an event, at a JSON path such as `$.entity.id[0]`. */
export interface EventProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * Thrown by {@link parseEntityEvent}. `problems` lists the problems found,
 * not just the first, up to {@link MAX_EVENT_PROBLEMS}; `omitted` counts
 * those found past it. The message names the first three and counts the rest.
 */
export class EventValidationError extends Error {
  override readonly name = "EventValidationError";
  readonly code: EventValidationCode;
  readonly problems: readonly EventProblem[];
  /** How many problems were found but not listed in `problems`. */
  readonly omitted: number;

  constructor(code: EventValidationCode, problems: readonly EventProblem[], omitted = 0) {
    const kept = problems.slice(0, MAX_EVENT_PROBLEMS);
    const rest = omitted + problems.length - kept.length;
    super(summarise(code, kept, rest));
    this.code = code;
    this.problems = Object.freeze(kept.map((p) => Object.freeze({ ...p })));
    this.omitted = rest;
  }
}

brandErrorClass(EventValidationError, "EventValidationError");

function summarise(code: EventValidationCode, problems: readonly EventProblem[], omitted: number): string {
  const head = code === "invalid-json" ? "not a JSON body" : code === "too-large" ? "event body too large" : "not a valid entity event";
  const shown = problems.slice(0, 3).map((p) => `${p.path}: ${p.message}`);
  const rest = problems.length - shown.length + omitted;
  const more = rest > 0 ? ` (and ${rest} more)` : "";
  return `${head}: ${shown.join("; ")}${more}`;
}

/** Options of {@link parseEntityEvent}. */
export interface ParseEntityEventOptions {
  /**
   * Largest raw body accepted, in bytes (default 1 MiB; `Infinity` disables
   * the limit). Strings are measured in UTF-8 bytes; parsed values are not
   * measured.
   */
  readonly maxBytes?: number;
}

/**
 * Reads and checks an entity event. `body` is raw text, raw bytes (a
 * `Uint8Array` or `ArrayBuffer`, which must be UTF-8) or an already parsed
 * value. Raw bodies are measured against `maxBytes` before they are parsed;
 * a leading byte order mark is ignored.
 *
 * Returns the parsed value itself (a parsed value given in is returned as
 * is, not copied), typed. Throws only {@link EventValidationError}, for any
 * input, listing up to {@link MAX_EVENT_PROBLEMS} problems and counting the
 * rest; a TypeError only for bad options. Cost: one `JSON.parse` plus a
 * check of a dozen fields and at most {@link MAX_ENTITY_IDS} ids; the values
 * inside `new` and `old` are not walked.
 *
 * Rules: the root is an object; `fez_id` is `"ftrack_entity_event_v1"`;
 * `id`, when present, is a string; `entity` is an object whose `id` is a
 * non-empty array of at most {@link MAX_ENTITY_IDS} strings, whose `entity_type` and `operation` are
 * non-empty strings, and whose `new` and `old`, each optional on every
 * operation, are objects when present; `metadata`, when present, is an
 * object with string `date`, `resource_id` and `server_url` and an optional
 * string `configuration_hash`.
 */
export function parseEntityEvent(body: unknown, options?: ParseEntityEventOptions): EntityEvent {
  const maxBytes = checkMaxBytes(options);
  let value: unknown = body;
  if (typeof body === "string") {
    if (byteLengthOver(body, maxBytes)) throw tooLarge(maxBytes);
    value = parseJson(body);
  } else if (isBytes(body)) {
    const bytes = body instanceof Uint8Array ? body : new Uint8Array(body);
    if (bytes.byteLength > maxBytes) throw tooLarge(maxBytes);
    const text = decodeUtf8(bytes);
    if (text === undefined) {
      throw new EventValidationError("invalid-json", [{ path: "$", message: "the body is not valid UTF-8" }]);
    }
    value = parseJson(text);
  }
  const problems = new Problems();
  try {
    checkEvent(value, problems);
  } catch (error) {
    // Only a parsed value handed in can throw here (a getter or a proxy trap).
    const reason = describeThrown(error);
    problems.push({ path: "$", message: `the value could not be read: ${reason}` });
  }
  if (problems.found > 0) throw new EventValidationError("invalid-event", problems.listed, problems.found - problems.listed.length);
  return value as EntityEvent;
}

/** Whether `body` is raw bytes; false for anything `instanceof` cannot ask (a revoked proxy). */
function isBytes(body: unknown): body is Uint8Array | ArrayBuffer {
  try {
    return body instanceof Uint8Array || body instanceof ArrayBuffer;
  } catch {
    return false;
  }
}

function checkMaxBytes(options: ParseEntityEventOptions | undefined): number {
  if (options === undefined) return DEFAULT_MAX_EVENT_BYTES;
  if (typeof options !== "object" || options === null) throw new TypeError("parseEntityEvent: options must be an object");
  for (const key of Object.keys(options)) {
    if (key !== "maxBytes") throw new TypeError(`parseEntityEvent: unknown option ${JSON.stringify(key)} (known: maxBytes)`);
  }
  const max = options.maxBytes;
  if (max === undefined) return DEFAULT_MAX_EVENT_BYTES;
  if (typeof max !== "number" || !(max === Infinity || (Number.isSafeInteger(max) && max >= 0))) {
    throw new TypeError("parseEntityEvent: option maxBytes must be a non-negative integer or Infinity");
  }
  return max;
}

function tooLarge(maxBytes: number): EventValidationError {
  return new EventValidationError("too-large", [{ path: "$", message: `the body is larger than ${maxBytes} bytes` }]);
}

function parseJson(text: string): unknown {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(source);
  } catch (error) {
    const reason = describeThrown(error);
    throw new EventValidationError("invalid-json", [{ path: "$", message: reason }]);
  }
}

// ------------------------------------------------------------------ shape

/** The problems found: the first {@link MAX_EVENT_PROBLEMS} kept, the rest counted. */
class Problems {
  readonly listed: EventProblem[] = [];
  found = 0;

  push(problem: EventProblem): void {
    if (this.listed.length < MAX_EVENT_PROBLEMS) this.listed.push(problem);
    this.found++;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The own property `key`, or undefined (never an inherited one). */
function own(object: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

function describe(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return value === "" ? "an empty string" : "a string";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function expectObject(value: unknown, path: string, problems: Problems): value is Record<string, unknown> {
  if (isObject(value)) return true;
  problems.push({ path, message: `expected an object, found ${describe(value)}` });
  return false;
}

function expectString(value: unknown, path: string, problems: Problems, nonEmpty: boolean): void {
  if (typeof value === "string" && (!nonEmpty || value !== "")) return;
  problems.push({ path, message: `expected a ${nonEmpty ? "non-empty " : ""}string, found ${describe(value)}` });
}

function checkEvent(value: unknown, problems: Problems): void {
  if (!expectObject(value, "$", problems)) return;
  const fezId = own(value, "fez_id");
  if (fezId !== ENTITY_EVENT_FEZ_ID) {
    const found = typeof fezId === "string" ? JSON.stringify(fezId.slice(0, 60)) : describe(fezId);
    problems.push({ path: "$.fez_id", message: `expected "${ENTITY_EVENT_FEZ_ID}", found ${found}` });
  }
  const id = own(value, "id");
  if (id !== undefined) expectString(id, "$.id", problems, false);
  const entity = own(value, "entity");
  if (expectObject(entity, "$.entity", problems)) checkEntity(entity, problems);
  const metadata = own(value, "metadata");
  if (metadata !== undefined && expectObject(metadata, "$.metadata", problems)) checkMetadata(metadata, problems);
}

function checkEntity(entity: Record<string, unknown>, problems: Problems): void {
  const ids = own(entity, "id");
  // Read once: a proxy could answer differently each time.
  const length: unknown = Array.isArray(ids) ? ids.length : undefined;
  if (!Array.isArray(ids) || typeof length !== "number") {
    problems.push({ path: "$.entity.id", message: `expected an array of strings, found ${describe(ids)}` });
  } else if (length === 0) {
    problems.push({ path: "$.entity.id", message: "expected at least one id, found an empty array" });
  } else if (!(length <= MAX_ENTITY_IDS)) {
    // Checked before any item is read: the length of a sparse array says nothing of its cost to walk.
    problems.push({ path: "$.entity.id", message: `expected at most ${MAX_ENTITY_IDS} ids, found an array of ${length}` });
  } else {
    for (let i = 0; i < length; i++) {
      const item: unknown = Object.hasOwn(ids, i) ? ids[i] : undefined;
      if (typeof item !== "string") problems.push({ path: `$.entity.id[${i}]`, message: `expected a string, found ${describe(item)}` });
    }
  }
  expectString(own(entity, "entity_type"), "$.entity.entity_type", problems, true);
  expectString(own(entity, "operation"), "$.entity.operation", problems, true);
  for (const key of ["new", "old"]) {
    const state = own(entity, key);
    if (state !== undefined) expectObject(state, `$.entity.${key}`, problems);
  }
}

function checkMetadata(metadata: Record<string, unknown>, problems: Problems): void {
  for (const key of ["date", "resource_id", "server_url"]) {
    expectString(own(metadata, key), `$.metadata.${key}`, problems, false);
  }
  const hash = own(metadata, "configuration_hash");
  if (hash !== undefined) expectString(hash, "$.metadata.configuration_hash", problems, false);
}
