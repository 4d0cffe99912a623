/**
 * Rules about what ftrack's entity events can hold (trigger dialect):
 * `unknown-operation`, `unknown-entity-type` and `unknown-property`, the
 * last two checked against the schema (built in, or the caller's own).
 */
import type { ConditionNode, FieldPath, FieldReference } from "../../syntax/ast";
import type { ConditionInfo, LintContext } from "../context";
import { isField } from "../context";
import { quoteText } from "../diagnostic";
import type { FieldTarget } from "../event-shape";
import { closest } from "../suggest";
import { listNames, rewriteLiteral, segmentSpan } from "./shared";

const OPERATIONS = ["create", "update"];
const CUSTOM_SCHEMA_HINT = "if your site defines it, pass your own schema (loadSchema of a query_schemas result)";

/** `entity.operation` compared with a value ftrack never sends. */
export function checkOperation(ctx: LintContext, node: ConditionNode): void {
  const { field, operator, value } = node;
  if (!isField(field.segments, "entity.operation") || value.kind !== "literal") return;
  if (operator !== "=" && operator !== "!=") return;
  const outcome = operator === "=" ? "never matches" : "always matches";
  if (operator === "=" && value.text.endsWith("*")) {
    const part = value.text.slice(0, -1);
    if (!OPERATIONS.some((operation) => operation.includes(part))) {
      ctx.reporter.report(
        "unknown-operation",
        "error",
        `no operation ftrack sends (create, update) contains "${quoteText(part)}", so this condition never matches`,
        value.span,
      );
    }
    return;
  }
  if (OPERATIONS.includes(value.text)) return;
  if (value.text.toLowerCase() === "delete") {
    ctx.reporter.report(
      "unknown-operation",
      "error",
      `ftrack does not send delete events (only create and update), so this condition ${outcome}`,
      value.span,
    );
    return;
  }
  const candidate = closest(value.text, OPERATIONS);
  const message = `"${quoteText(value.text)}" is not an operation ftrack sends (create, update), so this condition ${outcome}`;
  if (candidate === undefined) ctx.reporter.report("unknown-operation", "error", message, value.span);
  else {
    ctx.reporter.report("unknown-operation", "error", `${message}; did you mean "${candidate}"?`, value.span, {
      text: rewriteLiteral(ctx.source, value, candidate),
      span: value.span,
    });
  }
}

/** `entity.entity_type` compared with a name that is not an entity type of the schema. */
export function checkEntityType(ctx: LintContext, node: ConditionNode): void {
  const { field, operator, value } = node;
  if (!isField(field.segments, "entity.entity_type") || value.kind !== "literal") return;
  if (operator !== "=" && operator !== "!=") return;
  const { schema } = ctx;
  if (operator === "=" && value.text.endsWith("*")) {
    const part = value.text.slice(0, -1);
    if (!schema.entityTypeNames.some((name) => name.includes(part))) {
      ctx.reporter.report(
        "unknown-entity-type",
        "warning",
        `no entity type of the schema contains "${quoteText(part)}" (names are case-sensitive); ${CUSTOM_SCHEMA_HINT}`,
        value.span,
      );
    }
    return;
  }
  if (schema.entityTypes.has(value.text)) return;
  const sameLetters = schema.entityTypesByLowerCase.get(value.text.toLowerCase());
  const candidate = sameLetters?.[0] ?? closest(value.text, schema.entityTypeNames);
  const base = `"${quoteText(value.text)}" is not an entity type of the schema`;
  if (candidate === undefined) {
    ctx.reporter.report("unknown-entity-type", "warning", `${base}; ${CUSTOM_SCHEMA_HINT}`, value.span);
    return;
  }
  const why = sameLetters === undefined ? "" : " (entity type names are case-sensitive)";
  ctx.reporter.report("unknown-entity-type", "warning", `${base}; did you mean "${candidate}"?${why}`, value.span, {
    text: rewriteLiteral(ctx.source, value, candidate),
    span: value.span,
  });
}

/** `entity.new.X` / `entity.old.X` where no allowed entity type has a direct property X. */
export function checkProperties(ctx: LintContext, info: ConditionInfo): void {
  // Both sides: the field, and a field reference on the right.
  const { field, value } = info.node;
  checkProperty(ctx, info, info.target, field);
  if (value.kind === "field") checkProperty(ctx, info, info.valueTarget, value);
}

function checkProperty(ctx: LintContext, info: ConditionInfo, target: FieldTarget | undefined, path: FieldPath | FieldReference): void {
  if (target === undefined || !target.ok || target.kind !== "property") return;
  const { schema } = ctx;
  const name = target.property;
  const types = info.types;
  let candidates: Iterable<string>;
  let where: string;
  if (types === undefined) {
    if (schema.propertyOwners.has(name)) return;
    candidates = schema.propertyOwners.keys();
    where = "any entity type of the schema";
  } else {
    // Types outside the schema are reported by unknown-entity-type; no types is a contradiction.
    if (types.length === 0 || types.some((type) => !schema.entityTypes.has(type))) return;
    if (types.some((type) => schema.property(type, name) !== undefined)) return;
    const names = new Set<string>();
    for (const type of types) for (const property of schema.entityTypes.get(type)?.keys() ?? []) names.add(property);
    candidates = names;
    where = listNames(types);
  }
  const pool = [...candidates];
  const relation = pool.includes(`${name}_id`) ? `${name}_id` : undefined;
  const candidate = relation ?? closest(name, pool);
  const span = segmentSpan(path.span, path.segments, 2);
  const base = `"${quoteText(name)}" is not a direct property of ${where}, so "${quoteText(path.segments.join("."))}" is always missing`;
  if (candidate === undefined) {
    ctx.reporter.report(
      "unknown-property",
      "warning",
      `${base}; entity events carry direct properties only (no relations, no computed values)`,
      path.span,
    );
    return;
  }
  const why = relation === undefined ? "" : ` (events carry the id of a related entity, not the entity)`;
  ctx.reporter.report("unknown-property", "warning", `${base}; did you mean "${candidate}"?${why}`, path.span, { text: candidate, span });
}
