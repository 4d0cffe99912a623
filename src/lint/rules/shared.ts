/**
 * Small helpers the rules share: spans of path segments, replacement text
 * for values, and the schema facts about an `entity.new.X` property in a
 * condition's entity-type context.
 */
import type { LiteralValue, Span } from "../../syntax/ast";
import type { EntityTypes } from "../context";
import type { FtrackSchema, PropertyInfo } from "../schema";

/** The span of segment `index` of a dotted path written at `span`. */
export function segmentSpan(span: Span, segments: readonly string[], index: number): Span {
  let start = span.start;
  for (let i = 0; i < index; i++) start += (segments[i] as string).length + 1;
  return { start, end: start + (segments[index] ?? "").length };
}

/** The quote a literal was written with, or null for a bare value. */
export function quoteOf(source: string, literal: LiteralValue): '"' | "'" | null {
  const first = source[literal.span.start];
  return first === '"' || first === "'" ? first : null;
}

/** `text` written the way `literal` was in `source` (same quotes, or bare when it can be). */
export function rewriteLiteral(source: string, literal: LiteralValue, text: string): string {
  const quote = quoteOf(source, literal);
  if (quote !== null) return `${quote}${text}${quote}`;
  return /^[A-Za-z0-9_,./*@+-]+$/.test(text) ? text : JSON.stringify(text);
}

/** `a`, `a or b`, `a, b or c`, shortened past a few names. */
export function listNames(names: readonly string[], limit = 4): string {
  const shown = names.slice(0, limit);
  const more = names.length - shown.length;
  if (more > 0) return `${shown.join(", ")} or ${more} other types`;
  if (shown.length <= 1) return shown.join("");
  return `${shown.slice(0, -1).join(", ")} or ${shown[shown.length - 1]}`;
}

/**
 * The schema's entries for `property` in the entity types `types` allows,
 * or undefined when the linter cannot judge: a type outside the schema, no
 * type at all (a contradiction), or no type that has the property.
 */
export function propertyInfos(schema: FtrackSchema, types: EntityTypes, property: string): PropertyInfo[] | undefined {
  const names = types ?? schema.propertyOwners.get(property);
  if (names === undefined || names.length === 0) return undefined;
  const infos: PropertyInfo[] = [];
  for (const name of names) {
    const properties = schema.entityTypes.get(name);
    if (properties === undefined) return undefined;
    const info = properties.get(property);
    if (info !== undefined) infos.push(info);
  }
  return infos.length > 0 ? infos : undefined;
}

/** True when every entry is a number, an integer or a boolean (never text). */
export function allNonText(infos: readonly PropertyInfo[]): boolean {
  return infos.every((info) => info.kind === "integer" || info.kind === "number" || info.kind === "boolean");
}

/** "a number", "an integer", "a boolean", or "a number or boolean" for mixed entries. */
export function describeKinds(infos: readonly PropertyInfo[]): string {
  const kinds = [...new Set(infos.map((info) => info.kind))];
  if (kinds.length === 1) return kinds[0] === "integer" ? "an integer" : `a ${kinds[0]}`;
  return `a ${kinds.join(" or ")}`;
}
