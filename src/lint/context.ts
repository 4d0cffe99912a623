/**
 * What every rule reads: the parsed filter, its conditions in source order,
 * and for trigger filters the entity types each condition can apply to.
 *
 * Entity-type context: a condition only matters in events for which its
 * enclosing `and`s can hold. An `and` narrows to the types that every
 * operand allows (`entity.entity_type = "Task"` allows only Task, an `or`
 * allows the union of its branches, anything else allows every type); an
 * `or` passes its context to each branch unchanged. The result
 * over-approximates, so a rule that warns when a property fits none of the
 * allowed types never warns about a filter that could match.
 */
import type { AndNode, ConditionNode, Dialect, FilterAst } from "../syntax/ast";
import type { Reporter } from "./diagnostic";
import { type FieldTarget, resolveEventField } from "./event-shape";
import type { FtrackSchema } from "./schema";

/** Entity type names a condition can apply to; undefined means any type. */
export type EntityTypes = readonly string[] | undefined;

export interface ConditionInfo {
  readonly node: ConditionNode;
  /** Trigger dialect: what the left-hand field names in the entity event. */
  readonly target: FieldTarget | undefined;
  /** Trigger dialect: what a right-hand field reference names. */
  readonly valueTarget: FieldTarget | undefined;
  /** Entity types the condition can apply to (always undefined in `event-hub`). */
  readonly types: EntityTypes;
  /** Number of `not` nodes above the condition. */
  readonly nots: number;
}

export interface LintContext {
  readonly source: string;
  readonly ast: FilterAst;
  readonly dialect: Dialect;
  readonly schema: FtrackSchema;
  readonly reporter: Reporter;
  /** Every condition, in source order. */
  readonly conditions: readonly ConditionInfo[];
}

/** True for `field = "...*"`: ftrack's wildcard (substring, element or key) test. */
export function isWildcard(node: ConditionNode): boolean {
  return node.operator === "=" && node.value.kind === "literal" && node.value.text.endsWith("*");
}

/** True when the field path is exactly `expected` (dotted). */
export function isField(segments: readonly string[], expected: string): boolean {
  let offset = 0;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    if (i > 0 && expected.charCodeAt(offset++) !== 46 /* . */) return false;
    if (!expected.startsWith(segment, offset)) return false;
    offset += segment.length;
  }
  return offset === expected.length;
}

/** Collects the conditions of `ast` with their entity-type context. O(nodes · depth). */
export function collectConditions(ast: FilterAst, dialect: Dialect): ConditionInfo[] {
  const out: ConditionInfo[] = [];
  const trigger = dialect === "trigger";
  const walk = (node: FilterAst, types: EntityTypes, nots: number): void => {
    switch (node.kind) {
      case "condition": {
        const target = trigger ? resolveEventField(node.field.segments) : undefined;
        const valueTarget = trigger && node.value.kind === "field" ? resolveEventField(node.value.segments) : undefined;
        out.push({ node, target, valueTarget, types, nots });
        return;
      }
      case "not":
        walk(node.operand, types, nots + 1);
        return;
      case "or":
        for (const operand of node.operands) walk(operand, types, nots);
        return;
      case "and": {
        const narrowed = trigger ? intersect(types, typesOfAnd(node)) : undefined;
        for (const operand of node.operands) walk(operand, narrowed, nots);
        return;
      }
      default:
        assertNever(node);
    }
  };
  walk(ast, undefined, 0);
  return out;
}

/** The entity types for which `node` can be true (an over-approximation). */
function typesOf(node: FilterAst): EntityTypes {
  switch (node.kind) {
    case "condition": {
      const { field, operator, value } = node;
      if (operator !== "=" || value.kind !== "literal" || value.text.endsWith("*")) return undefined;
      return isField(field.segments, "entity.entity_type") ? [value.text] : undefined;
    }
    case "and":
      return typesOfAnd(node);
    case "or": {
      const all = new Set<string>();
      for (const operand of node.operands) {
        const types = typesOf(operand);
        if (types === undefined) return undefined;
        for (const type of types) all.add(type);
      }
      return [...all];
    }
    case "not":
      return undefined;
    default:
      return assertNever(node);
  }
}

function typesOfAnd(node: AndNode): EntityTypes {
  let types: EntityTypes;
  for (const operand of node.operands) types = intersect(types, typesOf(operand));
  return types;
}

function intersect(a: EntityTypes, b: EntityTypes): EntityTypes {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a.filter((type) => b.includes(type));
}

export function assertNever(value: never): never {
  throw new Error(`unexpected AST node ${JSON.stringify(value)}`);
}
