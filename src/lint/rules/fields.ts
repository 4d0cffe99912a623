/**
 * Rules about the fields of an entity event (trigger dialect):
 * `unknown-field` (a path outside the event's shape), `list-equality`
 * (`entity.id` is a list) and `field-reference` (a bare right-hand path is
 * read as a field, not as text: reported only where text is the likelier
 * intent, since comparing two fields is what ftrack's own filters do).
 */
import type { Span } from "../../syntax/ast";
import { type ConditionInfo, isField, type LintContext } from "../context";
import { quoteText } from "../diagnostic";
import { ENTITY_KEYS, EVENT_HUB_KEYS, type FieldTarget } from "../event-shape";
import { closest } from "../suggest";
import { segmentSpan } from "./shared";

const MISSING = "a missing field makes every comparison false, != included";

/** Hand-made hints for names people reach for that the event spells otherwise. */
const METADATA_ALIASES: Readonly<Record<string, string>> = {
  user: "resource_id",
  user_id: "resource_id",
  userid: "resource_id",
  actor: "resource_id",
};

/** A field to show under each object of the event. */
const EXAMPLE_FIELD: Readonly<Record<string, string>> = { entity: "entity_type", metadata: "resource_id" };

/** The hand-made hint for a misnamed `metadata` field, if any. */
function aliasOf(target: FieldTarget & { ok: false }, segments: readonly string[]): string | undefined {
  return target.segment === 1 && segments[0] === "metadata" ? METADATA_ALIASES[(segments[1] ?? "").toLowerCase()] : undefined;
}

/**
 * True when a bare right-hand path is plausibly meant as text: it names no
 * field of the event and is no near miss of one (a misspelt field is
 * reported by unknown-field instead), or the left side holds a name
 * (`entity.entity_type`, `entity.operation`) that no other field holds.
 */
function meantAsText(info: ConditionInfo): boolean {
  const { field, value } = info.node;
  if (value.kind !== "field") return false;
  if (isField(field.segments, "entity.entity_type") || isField(field.segments, "entity.operation")) return true;
  const target = info.valueTarget;
  if (target === undefined || target.ok || target.problem !== "unknown" || target.segment === 0) return false;
  return aliasOf(target, value.segments) === undefined && closest(value.segments[target.segment] ?? "", target.candidates) === undefined;
}

/** Reports a path that is not a field of the entity event; returns false then. */
function checkEventField(ctx: LintContext, target: FieldTarget | undefined, segments: readonly string[], span: Span): boolean {
  if (target === undefined || target.ok) return true;
  const path = quoteText(segments.join("."));
  const bad = segments[target.segment] ?? "";
  const badText = quoteText(bad);
  const head = (count: number): string => quoteText(segments.slice(0, count).join("."));
  const badSpan = segmentSpan(span, segments, target.segment);
  const report = (message: string, fix?: { text: string; span: Span }): void =>
    ctx.reporter.report("unknown-field", "error", message, span, fix);
  switch (target.problem) {
    case "object":
      report(`"${path}" is an object, not a value; name one of its fields, as in ${path}.${EXAMPLE_FIELD[path] ?? "status_id"}`);
      return false;
    case "flat":
      report(`the properties in "${head(3)}" are flat values, so "${path}" is always missing (${MISSING})`);
      return false;
    case "list-index":
      report(`"${head(target.segment)}" is a list and lists are not indexed, so "${path}" is always missing (${MISSING})`);
      return false;
    case "text":
      report(`"${head(target.segment)}" is text and has no fields, so "${path}" is always missing (${MISSING})`);
      return false;
    case "unknown":
      break;
  }
  if (target.segment === 0 && EVENT_HUB_KEYS.includes(bad)) {
    report(`"${path}" is not a field of an entity event; it looks like an event-hub expression (lint it with dialect "event-hub")`);
    return false;
  }
  if (target.segment === 0 && ENTITY_KEYS.includes(bad)) {
    report(`"${path}" is not a field of an entity event; did you mean "entity.${path}"?`, { text: `entity.${bad}`, span: badSpan });
    return false;
  }
  const alias = aliasOf(target, segments);
  const candidate = alias ?? closest(bad, target.candidates);
  const where = target.segment === 0 ? "an entity event" : `"${head(target.segment)}"`;
  const note = alias === undefined ? "" : " (metadata.resource_id is the id of the user who made the change)";
  if (candidate === undefined) {
    report(`"${badText}" is not a field of ${where} (fields: ${target.candidates.join(", ")})`);
  } else {
    report(`"${badText}" is not a field of ${where}; did you mean "${candidate}"?${note}`, { text: candidate, span: badSpan });
  }
  return false;
}

/** unknown-field, list-equality and field-reference for one condition. */
export function checkFields(ctx: LintContext, info: ConditionInfo): void {
  const { field, operator, value } = info.node;
  const leftOk = checkEventField(ctx, info.target, field.segments, field.span);
  if (value.kind === "field" && meantAsText(info)) {
    const text = value.segments.join(".");
    const why =
      info.valueTarget?.ok === true
        ? `${field.segments.join(".")} holds a name that no other field holds`
        : "it names no field of the entity event, so this condition is always false";
    ctx.reporter.report(
      "field-reference",
      "warning",
      `the unquoted "${quoteText(text)}" is read as a field of the event, not as text, and ${why}; quote it to compare with the text`,
      value.span,
      { text: JSON.stringify(text), span: value.span },
    );
  } else if (value.kind === "field") {
    checkEventField(ctx, info.valueTarget, value.segments, value.span);
  }
  if (!leftOk || field.segments.length !== 2 || field.segments[0] !== "entity" || field.segments[1] !== "id") return;
  if (operator !== "=" && operator !== "!=") return;
  if (value.kind === "literal" && value.text.endsWith("*") && operator === "=") return;
  const outcome = operator === "=" ? "never matches" : "always matches";
  const what = value.kind === "literal" ? "a text" : "another field";
  const wildcard = value.kind === "literal" && value.text !== "" ? ` or the list test entity.id = "${quoteText(value.text)}*"` : "";
  ctx.reporter.report(
    "list-equality",
    "warning",
    `entity.id is a list of ids, so comparing it with ${what} ${outcome}; use entity.new.id${wildcard}`,
    field.span,
    { text: "entity.new.id", span: field.span },
  );
}
