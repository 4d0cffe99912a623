/**
 * The value rules of the filter language, in one place: how a field path is
 * read from an event, how a value compares with a literal, and (from
 * `./compare`, re-exported here) how two event values compare as Python
 * compares JSON values. The code generator, the closure backend, `explain`
 * and the linter all consult this module, so the semantics cannot drift
 * apart. Rule numbers refer to "Evaluation" in the language semantics.
 *
 * Events are read as JSON data: own properties only (never inherited ones,
 * even when `Object.prototype` is polluted), descending through objects only
 * (never arrays, strings or other primitives). A property whose value is
 * `undefined` counts as missing, as it would after a JSON round trip. Own
 * getters and proxy traps do run (inherited getters never do); whatever they
 * throw propagates, and the backends report it as `read-error`.
 *
 * Which conditions a backend may skip (rule 9): ftrack evaluates every
 * operand, and any evaluation error means no match. So a short-circuit
 * evaluation that yields false is the answer (a skipped error would also
 * have meant false); one that yields true is the answer only once every
 * fallible condition it may have skipped ({@link conditionsToRecheck}) has
 * been checked for an error. Reading the event cannot fail on JSON data, so
 * whether a read that short-circuiting makes unnecessary still happens is
 * unspecified (it matters only for throwing getters and proxies).
 */
import type { ConditionNode, FilterAst, Operator } from "../syntax/ast";
import { compareCodePoints, describeValue, jsonCompare, jsonEquals } from "./compare";
import { EvaluationFault } from "./errors";

export {
  compareCodePoints,
  describeValue,
  jsonCompare,
  jsonEquals,
  kindOf,
  MAX_COMPARE_DEPTH,
  type ValueKind,
} from "./compare";

/** The result of reading a path that does not resolve (rule 1). */
export const MISSING: unique symbol = Symbol("ftrack-filter.missing");
export type Missing = typeof MISSING;

// Captured once, so later tampering with the globals cannot change the rules.
const hasOwn = Object.hasOwn;
const isArray = Array.isArray;
const getPrototypeOf = Object.getPrototypeOf;
/** The prototype of every object `JSON.parse` makes. */
export const ObjectPrototype: object = Object.prototype;

/**
 * The own property `key` of `parent` when `parent` is an object that is not
 * an array; otherwise, or when the property is absent, `undefined` (which
 * the backends use as "missing": an own `undefined` is missing anyway). Never
 * reads an inherited property and never runs an inherited getter. A proxy is
 * read through its `has`, `getPrototypeOf` and `get` traps, and
 * `getOwnPropertyDescriptor` when its prototype is not `Object.prototype` or
 * holds `key`.
 *
 * The steps, which the generated code inlines per path step so that every
 * property load has its own inline cache: not an object, or `key` nowhere in
 * it or its prototypes: missing. An object that is not an array, whose
 * prototype is `Object.prototype` while `Object.prototype` has no `key` (the
 * case of every `JSON.parse` object, unless the prototype is polluted with
 * that very key): the property must be own, read it. Anything else:
 * {@link lookupOwn}. The `in` tests are inline-cached by the engine and
 * measured several times faster than `Object.hasOwn` on every step.
 */
export function lookup(parent: unknown, key: string): unknown {
  if (typeof parent !== "object" || parent === null || !(key in parent)) return undefined;
  if (!isArray(parent) && getPrototypeOf(parent) === ObjectPrototype && !(key in ObjectPrototype)) {
    return (parent as Record<string, unknown>)[key];
  }
  return lookupOwn(parent, key);
}

/**
 * The slow path of {@link lookup}: an own-property test, then the read. A
 * function, which generated code can hand it (`in` accepts one), holds no
 * fields either.
 */
export function lookupOwn(parent: object, key: string): unknown {
  return typeof parent !== "object" || isArray(parent) || !hasOwn(parent, key) ? undefined : (parent as Record<string, unknown>)[key];
}

/** {@link lookup} with {@link MISSING} for a missing property, as `explain` shows it. */
export function readKey(parent: unknown, key: string): unknown {
  const value = lookup(parent, key);
  return value === undefined ? MISSING : value;
}

/** Reads a field path (rule 1): the value, or {@link MISSING}. */
export function readPath(root: unknown, segments: readonly string[]): unknown {
  let value = root;
  for (const segment of segments) {
    value = lookup(value, segment);
    if (value === undefined) return MISSING;
  }
  return value;
}

// ---------------------------------------------------------------- literals

/** Whether `literal` with `=` is a wildcard (rule 5): it ends in `*`. */
export function isWildcard(literal: string): boolean {
  return literal.endsWith("*");
}

/**
 * Rule 5: `value = "p*"` for a resolved value. `pattern` is the literal
 * without its final `*`. Substring for strings, element for arrays, own key
 * for objects; throws `wildcard-on-scalar` for anything else.
 */
export function matchWildcard(value: unknown, pattern: string): boolean {
  if (typeof value === "string") return value.includes(pattern);
  if (typeof value === "object" && value !== null) {
    if (!isArray(value)) return hasOwn(value, pattern);
    for (let i = 0; i < value.length; i++) {
      if (value[i] === pattern && hasOwn(value, i)) return true;
    }
    return false;
  }
  throw new EvaluationFault(
    "wildcard-on-scalar",
    `the wildcard needs a string, array or object, but the value is ${describeValue(value)}`,
    value,
    `${pattern}*`,
  );
}

/** Rule 6: `value = ""` for a resolved value always fails. */
export function failEmptyLiteral(value: unknown): never {
  throw new EvaluationFault(
    "empty-literal",
    `"=" with an empty literal fails in ftrack once the field resolves (here to ${describeValue(value)})`,
    value,
    "",
  );
}

/**
 * Rule 7: three-way comparison of a resolved value with a literal, by code
 * points; throws `ordering-on-non-string` unless the value is a string.
 */
export function compareWithLiteral(value: unknown, literal: string): number {
  if (typeof value === "string") return compareCodePoints(value, literal);
  throw new EvaluationFault(
    "ordering-on-non-string",
    `ordering against a literal needs a string, but the value is ${describeValue(value)}`,
    value,
    literal,
  );
}

/** Applies an ordering operator to a three-way result (`NaN` orders false every way). */
export function holdsOrdering(operator: "<" | "<=" | ">" | ">=", order: number): boolean {
  switch (operator) {
    case "<":
      return order < 0;
    case "<=":
      return order <= 0;
    case ">":
      return order > 0;
    case ">=":
      return order >= 0;
  }
}

/**
 * Rules 2 to 7: the result of `value operator literal` for a value read from
 * the event (or MISSING). Throws an `EvaluationFault` where ftrack fails.
 */
export function decideLiteral(operator: Operator, value: unknown, literal: string): boolean {
  if (value === MISSING) return false;
  switch (operator) {
    case "=":
      if (literal === "") return failEmptyLiteral(value);
      return isWildcard(literal) ? matchWildcard(value, literal.slice(0, -1)) : value === literal;
    case "!=":
      return value !== literal;
    default:
      return holdsOrdering(operator, compareWithLiteral(value, literal));
  }
}

// ---------------------------------------------------------- field vs field

/**
 * Rule 8: the result of `left operator right` for two values read from the
 * event (either may be MISSING).
 */
export function decideFields(operator: Operator, left: unknown, right: unknown): boolean {
  if (left === MISSING || right === MISSING) return false;
  switch (operator) {
    case "=":
      return fieldsEqual(left, right);
    case "!=":
      return !fieldsEqual(left, right);
    default:
      return holdsOrdering(operator, compareFields(left, right));
  }
}

/** `jsonEquals` for two resolved sides, with faults reported on those sides. */
export function fieldsEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left === "string" && typeof right === "string") return false;
  return onSides(left, right, jsonEquals);
}

/** `jsonCompare` for two resolved sides, with faults reported on those sides. */
export function compareFields(left: unknown, right: unknown): number {
  return onSides(left, right, jsonCompare);
}

/** Runs a comparison; a fault raised deep inside names the two top-level values instead. */
function onSides<T>(left: unknown, right: unknown, compare: (a: unknown, b: unknown) => T): T {
  try {
    return compare(left, right);
  } catch (error) {
    if (error instanceof EvaluationFault && (error.left !== left || error.right !== right)) {
      throw new EvaluationFault(error.code, error.reason, left, right);
    }
    throw error;
  }
}

/**
 * Whether a condition can raise an evaluation error once its fields are
 * read: `=` with an empty or `*`-suffixed literal, ordering against a
 * literal, and every field-against-field comparison (deep equality can
 * exceed the depth limit or meet a throwing getter inside a structure). The
 * others (`=` and `!=` with any other literal) never fail on JSON data.
 */
export function canFail(condition: ConditionNode): boolean {
  const { operator, value } = condition;
  if (value.kind === "field") return true;
  if (operator === "!=") return false;
  if (operator === "=") return value.text === "" || isWildcard(value.text);
  return true;
}

/**
 * The fallible conditions (see {@link canFail}) that short-circuit
 * evaluation of `ast` may skip on a call where the filter yields true, in
 * source order: a backend that short-circuits must still evaluate these
 * before it answers true, and answer false if one of them fails. Every other
 * condition has been evaluated whenever the root yields true: an `and` that
 * yields true evaluated all its operands, each yielding true; an `or` that
 * yields false evaluated all its operands, each yielding false; a `not`
 * evaluated its operand with the opposite result; and any evaluated `and` or
 * `or` evaluated its first operand. For most real filters (an `and` of
 * conditions) the list is empty. Cost: one walk of the tree.
 */
export function conditionsToRecheck(ast: FilterAst): ConditionNode[] {
  const out: ConditionNode[] = [];
  // `evaluated`: the node runs on every call where the root yields true;
  // `known`: its result on such a call, when that is certain.
  const visit = (node: FilterAst, evaluated: boolean, known: boolean | undefined): void => {
    switch (node.kind) {
      case "condition":
        if (!evaluated && canFail(node)) out.push(node);
        return;
      case "not":
        visit(node.operand, evaluated, known === undefined ? undefined : !known);
        return;
      case "and":
      case "or": {
        const all = evaluated && known === (node.kind === "and");
        node.operands.forEach((operand, i) => {
          visit(operand, all || (evaluated && i === 0), all ? known : undefined);
        });
        return;
      }
      default: {
        const never: never = node;
        throw new TypeError(`invalid filter AST: ${String((never as { kind: unknown }).kind)}`);
      }
    }
  };
  visit(ast, true, true);
  return out;
}
