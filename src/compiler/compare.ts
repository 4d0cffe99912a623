/**
 * How Python compares JSON values, which is how ftrack's engine compares
 * them: strings by code points, numbers and booleans numerically, arrays
 * and objects structurally, with a depth limit instead of a stack overflow.
 * Part of the value rules; consumers import it through `./values`.
 */
import { EvaluationFault } from "./errors";

/** Deepest nesting that a field-against-field comparison descends into. */
export const MAX_COMPARE_DEPTH = 1000;

const hasOwn = Object.hasOwn;
const isArray = Array.isArray;
const objectKeys = Object.keys;

/**
 * How the rules see a value. `bigint` counts as a number; `undefined` (inside
 * a structure), functions and symbols are "other": equal only to themselves,
 * never ordered, never wildcard-matched.
 */
export type ValueKind = "string" | "number" | "boolean" | "null" | "array" | "object" | "other";

export function kindOf(value: unknown): ValueKind {
  switch (typeof value) {
    case "string":
      return "string";
    case "number":
    case "bigint":
      return "number";
    case "boolean":
      return "boolean";
    case "object":
      return value === null ? "null" : isArray(value) ? "array" : "object";
    default:
      return "other";
  }
}

/** A short description of a value for messages: `the number 5`, `an array`. */
export function describeValue(value: unknown): string {
  switch (kindOf(value)) {
    case "string":
      return "a string";
    case "number":
      return `the number ${String(value)}`;
    case "boolean":
      return `the boolean ${String(value)}`;
    case "null":
      return "null";
    case "array":
      return "an array";
    case "object":
      return "an object";
    case "other":
      return `a non-JSON value (${typeof value})`;
  }
}

/**
 * Compares two strings by Unicode code points, as Python does (rule 7):
 * negative, zero or positive. Differs from JavaScript's `<` only where a
 * character above U+FFFF meets one in U+E000..U+FFFF; lone surrogates count
 * as the code points they are.
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length - b.length;
  const x = a.charCodeAt(i);
  const y = b.charCodeAt(i);
  if (x < 0xd800 && y < 0xd800) return x - y;
  // Differing inside a surrogate pair: compare the characters that start one unit earlier.
  if (i > 0 && isLeadSurrogate(a.charCodeAt(i - 1)) && (isTrailSurrogate(x) || isTrailSurrogate(y))) i--;
  return (a.codePointAt(i) as number) - (b.codePointAt(i) as number);
}

function isLeadSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isTrailSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** An array element, never an inherited one (a hole reads as `undefined`). */
function elementAt(array: readonly unknown[], index: number): unknown {
  return hasOwn(array, index) ? array[index] : undefined;
}

function numeric(value: unknown): number | bigint {
  return typeof value === "boolean" ? (value ? 1 : 0) : (value as number | bigint);
}

function isNumeric(value: unknown): boolean {
  const type = typeof value;
  return type === "number" || type === "boolean" || type === "bigint";
}

/**
 * The most values one comparison visits. JSON values are trees, so this
 * bounds nothing a 1 MiB event can hold; values built in JavaScript can share
 * sub-objects, and comparing those visits each shared part once per path to
 * it, which grows exponentially with depth.
 */
export const MAX_COMPARE_VALUES = 500_000;

/** Values the current comparison may still visit; reset by each top-level call. */
let budget = MAX_COMPARE_VALUES;

function tooDeep(left: unknown, right: unknown): EvaluationFault {
  return new EvaluationFault(
    "too-deep",
    `the values are nested more than ${MAX_COMPARE_DEPTH} levels deep, are cyclic, or hold more than ${MAX_COMPARE_VALUES} values to compare`,
    left,
    right,
  );
}

/**
 * Enters a pair of structures with `children` values each to compare:
 * checks the depth and spends the children from the budget (reset at depth 0).
 */
function visit(a: unknown, b: unknown, depth: number, children: number): void {
  if (depth === 0) budget = MAX_COMPARE_VALUES;
  budget -= children;
  if (depth >= MAX_COMPARE_DEPTH || budget < 0) throw tooDeep(a, b);
}

/**
 * Python's `==` on JSON values (rule 8): strings by identity, numbers and
 * booleans numerically (`true == 1`), null only to null, arrays element by
 * element, objects by keys and values. Throws `too-deep` past
 * {@link MAX_COMPARE_DEPTH} levels or {@link MAX_COMPARE_VALUES} structures.
 * Cost: linear in the compared structure.
 */
export function jsonEquals(a: unknown, b: unknown, depth = 0): boolean {
  if (a === b) return true;
  if (isNumeric(a)) {
    // Loose equality between number and bigint is numeric; NaN equals nothing.
    // biome-ignore lint/suspicious/noDoubleEquals: == is the one comparison of a number with a bigint by value
    return isNumeric(b) && numeric(a) == numeric(b);
  }
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return false;
  const arrays = isArray(a);
  if (arrays !== isArray(b)) return false;
  if (arrays) {
    const x = a as readonly unknown[];
    const y = b as readonly unknown[];
    if (x.length !== y.length) return false;
    visit(a, b, depth, x.length);
    for (let i = 0; i < x.length; i++) {
      if (!jsonEquals(elementAt(x, i), elementAt(y, i), depth + 1)) return false;
    }
    return true;
  }
  const keys = objectKeys(a);
  if (keys.length !== objectKeys(b).length) return false;
  visit(a, b, depth, keys.length);
  for (const key of keys) {
    if (!hasOwn(b, key)) return false;
    if (!jsonEquals((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

/**
 * Python's ordering of JSON values (rule 8) as a three-way result (`NaN`
 * when numbers are unordered): strings by code points, numbers and booleans
 * numerically, arrays lexicographically (the first unequal pair decides, else
 * the length). Throws `ordering-type-mismatch` for any other pair, `too-deep`
 * past {@link MAX_COMPARE_DEPTH} levels.
 */
export function jsonCompare(a: unknown, b: unknown, depth = 0): number {
  if (typeof a === "string" && typeof b === "string") return compareCodePoints(a, b);
  if (isNumeric(a) && isNumeric(b)) {
    const x = numeric(a);
    const y = numeric(b);
    // biome-ignore lint/suspicious/noDoubleEquals: == compares a number with a bigint by value
    return x < y ? -1 : x > y ? 1 : x == y ? 0 : Number.NaN;
  }
  if (isArray(a) && isArray(b)) {
    const n = Math.min(a.length, b.length);
    visit(a, b, depth, n);
    for (let i = 0; i < n; i++) {
      const x = elementAt(a, i);
      const y = elementAt(b, i);
      if (!jsonEquals(x, y, depth + 1)) return jsonCompare(x, y, depth + 1);
    }
    return a.length - b.length;
  }
  throw new EvaluationFault("ordering-type-mismatch", `${describeValue(a)} cannot be ordered against ${describeValue(b)}`, a, b);
}
