/**
 * Fuzz targets of event intake: `parseEntityEvent` on malformed raw bodies
 * (text, bytes, buffers, views) and on any parsed value or odd object, and
 * `FilterSet.match`, which must equal testing each filter alone on any
 * event.
 */

import { types } from "node:util";
import fc from "fast-check";
import { compile } from "../../../src/compiler/compile";
import { EventValidationError, parseEntityEvent } from "../../../src/matcher/event";
import { FilterSet } from "../../../src/matcher/filter-set";
import type { Dialect } from "../../../src/syntax/ast";
import { parse } from "../../../src/syntax/parser";
import { type Body, body, bodyBytes, byteSize } from "../arbitraries/bodies";
import { anyEvent, buildOddEvent, jsonEvent, type OddRecipe, oddRecipe } from "../arbitraries/events";
import { grammarFilter } from "../arbitraries/filters";
import { attempt, check, checkTime, describeThrown, isJsonSerialisable, safeJson } from "../support/check";
import { defineTarget, type FuzzTarget } from "../support/target";

const CODES = new Set(["invalid-json", "too-large", "invalid-event"]);

type Representation = "string" | "Uint8Array" | "ArrayBuffer" | "Buffer" | "view";

function represent(b: Body, as: Representation): unknown {
  if (as === "string" && b.text !== undefined) return b.text;
  const bytes = bodyBytes(b);
  switch (as) {
    case "string":
    case "Uint8Array":
      return bytes;
    case "ArrayBuffer":
      return bytes.slice().buffer;
    case "Buffer":
      return Buffer.from(bytes);
    case "view": {
      // The body in the middle of a larger buffer: only the view's bytes count.
      const padded = new Uint8Array(bytes.byteLength + 8).fill(0x7b);
      padded.set(bytes, 4);
      return padded.subarray(4, 4 + bytes.byteLength);
    }
  }
}

/** Checks the contract of an EventValidationError. */
function checkValidationError(error: unknown, what: string): asserts error is EventValidationError {
  check(error instanceof EventValidationError, `${what} threw something other than EventValidationError: ${describeThrown(error)}`);
  check(error.name === "EventValidationError" && CODES.has(error.code), `${what}: code ${error.code}`);
  check(Array.isArray(error.problems) && error.problems.length > 0, `${what}: no problems listed`);
  for (const problem of error.problems)
    check(
      typeof problem.path === "string" && problem.path.startsWith("$") && typeof problem.message === "string",
      `${what}: a problem without path or message`,
      problem,
    );
  check(
    typeof error.message === "string" && error.message.length > 0 && isJsonSerialisable(error.problems),
    `${what}: message or problems unusable`,
  );
}

/** Checks, without the library, that a returned event has the shape parseEntityEvent promises. */
function checkEventShape(value: unknown): void {
  const object = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  check(object(value) && value["fez_id"] === "ftrack_entity_event_v1", "a returned event without the fez_id");
  const entity = value["entity"];
  check(object(entity), "a returned event without an entity object");
  const ids = entity["id"];
  check(
    Array.isArray(ids) && ids.length > 0 && ids.every((id) => typeof id === "string"),
    "a returned event whose entity.id is not a list of strings",
  );
  for (const key of ["entity_type", "operation"])
    check(typeof entity[key] === "string" && entity[key] !== "", `a returned event whose entity.${key} is not a non-empty string`);
  for (const key of ["new", "old"])
    if (Object.hasOwn(entity, key)) check(object(entity[key]), `a returned event whose entity.${key} is not an object`);
}

const maxBytes = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constant(Infinity) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 400 }) },
  { weight: 1, arbitrary: fc.constantFrom("exact" as const, "one-less" as const) },
);

const representation = fc.constantFrom<Representation>("string", "string", "Uint8Array", "ArrayBuffer", "Buffer", "view");

export const eventTargets: readonly FuzzTarget[] = [
  defineTarget({
    name: "parse-entity-event-raw",
    description:
      "parseEntityEvent on raw bodies (valid, truncated, mutated, random bytes, deep, huge numbers, BOMs, invalid UTF-8) throws only EventValidationError, with the right code",
    testRuns: 300,
    weight: 2,
    property: () =>
      fc.property(body, representation, maxBytes, (b, as, limit) => {
        const size = byteSize(b);
        const max = limit === "exact" ? size : limit === "one-less" ? Math.max(0, size - 1) : limit;
        const input = represent(b, as);
        const outcome = attempt(() => parseEntityEvent(input, max === undefined ? undefined : { maxBytes: max }));
        checkTime(outcome, "parseEntityEvent", size);
        const over = size > (max ?? 1_048_576);
        const context = { kind: b.kind, as, max, size };
        if (!outcome.ok) {
          checkValidationError(outcome.error, "parseEntityEvent");
          const code = outcome.error.code;
          if (over) check(code === "too-large", `a body over the limit gave ${code}`, context);
          else check(code !== "too-large", "a body within the limit was refused as too large", context);
          if (!over && b.class !== "unknown") {
            check(b.class !== "valid", `a valid event was refused: ${outcome.error.message}`, context);
            check(code === b.class, `expected ${b.class}, got ${code}: ${outcome.error.message}`, context);
          }
        } else {
          check(!over, "a body over the limit was accepted", context);
          check(b.class === "valid" || b.class === "unknown", `a body that is ${b.class} was accepted`, context);
          checkEventShape(outcome.value);
        }
        // The same text as a string and as bytes gives the same answer (when it is well-formed UTF-16).
        if (b.text !== undefined && wellFormed(b.text)) {
          const asText = attempt(() => parseEntityEvent(b.text, { maxBytes: Infinity }));
          const asBytes = attempt(() => parseEntityEvent(bodyBytes(b), { maxBytes: Infinity }));
          const summary = (o: typeof asText): string => (o.ok ? "ok" : o.error instanceof EventValidationError ? o.error.code : "other");
          check(summary(asText) === summary(asBytes), "a body gives different answers as text and as bytes", {
            ...context,
            text: summary(asText),
            bytes: summary(asBytes),
          });
        }
      }),
    examples: (): [Body, Representation, number | "exact" | "one-less" | undefined][] => [
      [{ text: "\ufeff\ufeff{}", class: "invalid-json", kind: "two byte order marks" }, "string", undefined],
      [{ text: "[".repeat(1_000_000), class: "invalid-json", kind: "1 MB of [" }, "Buffer", Infinity],
      [{ text: "x".repeat(1_048_577), class: "invalid-json", kind: "one byte over 1 MiB" }, "string", undefined],
    ],
  }),
  defineTarget({
    name: "parse-entity-event-values",
    description: "parseEntityEvent on parsed values, odd objects and any JavaScript value throws only EventValidationError",
    testRuns: 200,
    weight: 1,
    property: () =>
      fc.property(
        fc.oneof(
          anyEvent.map((value) => ({ value })),
          oddRecipe.map((recipe) => ({ recipe })),
        ),
        (input) => {
          const recipe: OddRecipe | undefined = "recipe" in input ? input.recipe : undefined;
          const value = recipe === undefined ? (input as { value: unknown }).value : buildOddEvent(recipe);
          const outcome = attempt(() => parseEntityEvent(value));
          checkTime(outcome, "parseEntityEvent", 0);
          if (outcome.ok) {
            check(outcome.value === value, "a parsed value was not returned as is");
            return;
          }
          checkValidationError(outcome.error, "parseEntityEvent");
          // Text and bytes are raw bodies, with their own codes (parse-entity-event-raw checks them).
          const raw = typeof value === "string" || types.isUint8Array(value) || types.isArrayBuffer(value);
          if (!raw) check(outcome.error.code === "invalid-event", `a parsed value gave ${outcome.error.code}`);
        },
      ),
  }),
  defineTarget({
    name: "filter-set",
    description:
      "FilterSet.match equals testing each filter alone (text, AST or strict compiled filters; removals and replacements) on JSON, any and odd events",
    testRuns: 120,
    weight: 2,
    property: () =>
      fc.property(
        fc.constantFrom<Dialect>("trigger", "event-hub"),
        fc.array(fc.tuple(grammarFilter, fc.constantFrom("text", "ast", "strict", "closure")), { minLength: 1, maxLength: 30 }),
        fc.array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: 5 }),
        fc.oneof(
          jsonEvent.map((event) => ({ event })),
          anyEvent.map((event) => ({ event })),
          oddRecipe.map((recipe) => ({ recipe })),
        ),
        (dialect, filters, edits, input) => {
          const set = new FilterSet({ dialect });
          const order: string[] = [];
          const tested = new Map<string, (event: unknown) => boolean>();
          const add = (id: string, [source, form]: [string, string]): void => {
            const filter =
              form === "ast"
                ? parse(source, { dialect })
                : form === "strict"
                  ? compile(source, { dialect, strict: true })
                  : form === "closure"
                    ? compile(source, { dialect, backend: "closure" })
                    : source;
            const entry = set.add(id, filter);
            if (!order.includes(id)) order.push(id);
            // The very filter the set holds: on odd events, another backend may read a throwing getter this one skips.
            tested.set(id, entry.filter);
          };
          filters.forEach((entry, i) => {
            add(`f${i}`, entry);
          });
          for (const [n, remove] of edits) {
            const id = `f${n % filters.length}`;
            if (remove) {
              set.remove(id);
              tested.delete(id);
              if (order.includes(id)) order.splice(order.indexOf(id), 1);
            } else add(id, filters[(n + 1) % filters.length] as [string, string]);
          }
          const event = "recipe" in input ? buildOddEvent(input.recipe) : input.event;
          const outcome = attempt(() => set.match(event).map((entry) => entry.id));
          check(outcome.ok, `FilterSet.match threw ${outcome.ok ? "" : describeThrown(outcome.error)}`);
          checkTime(outcome, "FilterSet.match", 0);
          const expected = order.filter((id) => {
            try {
              return (tested.get(id) as (event: unknown) => boolean)(event);
            } catch {
              return false;
            }
          });
          check(safeJson(outcome.value) === safeJson(expected), "FilterSet.match differs from testing each filter", {
            matched: outcome.value,
            expected,
            filters: order.map((id) => [id, filters[Number(id.slice(1))]?.[0]]),
          });
          const candidates = set.candidates(event).map((entry) => entry.id);
          check(
            outcome.value.every((id) => candidates.includes(id)),
            "a match that is not a candidate",
          );
        },
      ),
  }),
];

/** Whether `text` has no lone surrogate (so its UTF-8 bytes decode back to it). */
function wellFormed(text: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}
