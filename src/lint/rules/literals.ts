/**
 * Rules about literals that read as something they are not (trigger
 * dialect): `json-literal` (`null`, `None`, `true`, `false` or a number,
 * which ftrack compares as text, never as that JSON value) and `id-literal`
 * (an id property compared with a value that cannot be an id, most often a
 * name where the id belongs).
 */
import type { ConditionNode } from "../../syntax/ast";
import type { ConditionInfo, LintContext } from "../context";
import { isField } from "../context";
import { quoteText } from "../diagnostic";
import type { PropertyInfo } from "../schema";
import { allNonText, propertyInfos } from "./shared";

/** The JSON value a literal reads as, or undefined for plain text. */
type JsonReading = { readonly kind: "null"; readonly what: string } | { readonly kind: "boolean" | "number"; readonly what: string };

const NULL_WORDS: Readonly<Record<string, string>> = {
  null: "the null value",
  NULL: "the null value",
  Null: "the null value",
  None: "the null value (Python's None)",
};
const BOOLEAN_WORDS = new Set(["true", "false", "True", "False", "TRUE", "FALSE"]);
const JSON_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

export function readAsJson(text: string): JsonReading | undefined {
  const nullWord = NULL_WORDS[text];
  if (nullWord !== undefined) return { kind: "null", what: nullWord };
  if (BOOLEAN_WORDS.has(text)) return { kind: "boolean", what: `the boolean ${text.toLowerCase()}` };
  if (JSON_NUMBER.test(text)) return { kind: "number", what: `the number ${quoteText(text)}` };
  return undefined;
}

/** True when a property with these schema entries can hold the JSON value `reading`. */
function canHold(infos: readonly PropertyInfo[], reading: JsonReading, side: "new" | "old"): boolean {
  return infos.some((info) => {
    if (info.kind === "other") return true;
    // On a create, what entity.old holds is undocumented: it may be null-valued.
    if (reading.kind === "null") return info.nullable || side === "old";
    if (reading.kind === "boolean") return info.kind === "boolean";
    return info.kind === "number" || info.kind === "integer";
  });
}

/** The JSON value the condition's literal reads as, when json-literal reports it. */
function jsonReading(info: ConditionInfo, infos: readonly PropertyInfo[]): JsonReading | undefined {
  const { operator, value } = info.node;
  const target = info.target;
  if (value.kind !== "literal" || (operator !== "=" && operator !== "!=")) return undefined;
  if (target === undefined || !target.ok || target.kind !== "property") return undefined;
  const reading = readAsJson(value.text);
  if (reading === undefined || !canHold(infos, reading, target.side)) return undefined;
  // Text against a property that is never text is never-equal's (which names the JSON value too).
  if (reading.kind !== "null" && allNonText(infos)) return undefined;
  return reading;
}

/**
 * json-literal for one `=` / `!=` condition on an entity property; true
 * when it reported (the type rules then say nothing more about it). A
 * number or boolean against a property that is never text is left to
 * never-equal; null, and values a property that is sometimes text can hold,
 * are this rule's.
 */
export function checkJsonLiteral(ctx: LintContext, info: ConditionInfo, infos: readonly PropertyInfo[]): boolean {
  const { field, operator, value } = info.node;
  const reading = jsonReading(info, infos);
  if (reading === undefined || value.kind !== "literal") return false;
  const path = field.segments.join(".");
  const where = reading.kind === "null" ? `${path} is null` : `${path} holds ${reading.what}`;
  const outcome =
    operator === "="
      ? `"=" never matches where ${where}`
      : `"!=" holds wherever ${path} is present, ${reading.kind === "null" ? "null or not" : `${reading.what} included`}`;
  const advice = reading.kind === "null" ? "; ftrack's filters cannot test for null" : "";
  ctx.reporter.report(
    "json-literal",
    "warning",
    `"${quoteText(value.text)}" here is the text "${quoteText(value.text)}", not ${reading.what}: a value in a filter is always text and never converted, so ${outcome}${advice}`,
    value.span,
  );
  return true;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EXAMPLE_ID = "44de097a-4164-11df-9218-0019bb4983d8";

/** Id properties whose name does not say which entity type they point to. */
const UNNAMED_TARGETS = new Set(["id", "parent_id", "entity_id", "from_id", "to_id", "context_id", "owner_id"]);

/**
 * The entity type an `X_id` property points to, as ftrack names entity
 * types (`asset_type_id` → `AssetType`), or undefined when its name does
 * not say.
 */
function pointedEntity(property: string): string | undefined {
  if (UNNAMED_TARGETS.has(property)) return undefined;
  const stem = property === "resource_id" ? "user" : property.slice(0, -3);
  return stem.replace(/(?:^|_)([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * The property name of a field that holds an entity's id (`entity.new.X_id`,
 * text in the schema, or `metadata.resource_id`), unless the literal it is
 * compared with is json-literal's (`= null` on an optional id).
 */
function holdsId(ctx: LintContext, info: ConditionInfo): string | undefined {
  const target = info.target;
  if (isField(info.node.field.segments, "metadata.resource_id")) return "resource_id";
  if (target === undefined || !target.ok || target.kind !== "property") return undefined;
  const name = target.property;
  if (name !== "id" && !name.endsWith("_id")) return undefined;
  const infos = propertyInfos(ctx.schema, info.types, name);
  if (infos === undefined || !infos.every((entry) => entry.kind === "string")) return undefined;
  return jsonReading(info, infos) === undefined ? name : undefined;
}

/** id-literal for one condition: an id compared with a literal that cannot be (part of) an id. */
export function checkIdLiteral(ctx: LintContext, info: ConditionInfo): void {
  const node: ConditionNode = info.node;
  const { field, operator, value } = node;
  if (value.kind !== "literal" || value.text === "" || (operator !== "=" && operator !== "!=")) return;
  const property = holdsId(ctx, info);
  if (property === undefined) return;
  const path = quoteText(field.segments.join("."));
  const text = value.text;
  const shown = quoteText(text);
  const outcome = operator === "=" ? "never matches" : "always matches (where it is present)";
  if (operator === "=" && text.endsWith("*")) {
    const part = text.slice(0, -1);
    if (/^[0-9a-f-]*$/.test(part) && part.length <= 36) return;
    ctx.reporter.report(
      "id-literal",
      "warning",
      `${path} holds an id (a lower-case UUID such as ${EXAMPLE_ID}), which never contains "${quoteText(part)}", so this wildcard test never matches`,
      value.span,
    );
    return;
  }
  if (UUID.test(text)) return;
  if (UUID.test(text.toLowerCase())) {
    ctx.reporter.report(
      "id-literal",
      "warning",
      `ftrack sends ids in lower case and compares text case-sensitively, so "${operator}" with "${shown}" ${outcome}; write it in lower case`,
      value.span,
      {
        text: ctx.source.slice(value.span.start, value.span.end).toLowerCase(),
        span: value.span,
      },
    );
    return;
  }
  const entity = pointedEntity(property);
  const article = entity !== undefined && /^[AEIO]/.test(entity) ? "an" : "a";
  const mistake =
    entity === undefined
      ? "; events carry ids, not names"
      : `; if "${shown}" is the name of ${article} ${entity}, use that ${entity}'s id instead (events carry ids, not names)`;
  ctx.reporter.report(
    "id-literal",
    "warning",
    `${path} holds an id (a UUID such as ${EXAMPLE_ID}) and "${shown}" cannot be one, so "${operator}" ${outcome}${mistake}`,
    value.span,
  );
}
