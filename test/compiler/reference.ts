/**
 * A plain reference evaluator, written only for the property tests: a direct
 * reading of the evaluation rules, recursive, Python-like (every operand is
 * evaluated, left to right, before an `and`/`or` combines them), slow and
 * obvious. It shares no code with src/compiler on purpose.
 */
import type { ConditionNode, FilterAst } from "../../src/syntax/ast";

export class ReferenceFailure {
  constructor(
    readonly code: string,
    readonly condition: ConditionNode,
  ) {}
}

const ABSENT = Symbol("absent");
const DEPTH_LIMIT = 1000;

class Fail {
  constructor(readonly code: string) {}
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function lookup(root: unknown, segments: readonly string[]): unknown {
  let current: unknown = root;
  for (const segment of segments) {
    if (!isPlainObject(current) || !Object.hasOwn(current, segment)) return ABSENT;
    current = current[segment];
    if (current === undefined) return ABSENT;
  }
  return current;
}

function codePoints(text: string): number[] {
  return Array.from(text, (char) => char.codePointAt(0) as number);
}

function compareText(a: string, b: string): number {
  const x = codePoints(a);
  const y = codePoints(b);
  for (let i = 0; i < x.length && i < y.length; i++) {
    if (x[i] !== y[i]) return (x[i] as number) < (y[i] as number) ? -1 : 1;
  }
  return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
}

function isNumberLike(value: unknown): value is number | boolean {
  return typeof value === "number" || typeof value === "boolean";
}

function pyEquals(a: unknown, b: unknown, depth: number): boolean {
  if (isNumberLike(a) && isNumberLike(b)) return Number(a) === Number(b);
  if (typeof a === "string" && typeof b === "string") return a === b;
  if (a === null || b === null) return a === b;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (depth >= DEPTH_LIMIT) throw new Fail("too-deep");
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!pyEquals(a[i], b[i], depth + 1)) return false;
    return true;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    if (depth >= DEPTH_LIMIT) throw new Fail("too-deep");
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    for (const key of keys) {
      if (!Object.hasOwn(b, key)) return false;
      if (!pyEquals(a[key], b[key], depth + 1)) return false;
    }
    return true;
  }
  return false;
}

function pyOrder(a: unknown, b: unknown, depth: number): number {
  if (typeof a === "string" && typeof b === "string") return compareText(a, b);
  if (isNumberLike(a) && isNumberLike(b)) {
    const x = Number(a);
    const y = Number(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (depth >= DEPTH_LIMIT) throw new Fail("too-deep");
    for (let i = 0; i < a.length && i < b.length; i++) {
      if (!pyEquals(a[i], b[i], depth + 1)) return pyOrder(a[i], b[i], depth + 1);
    }
    return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
  }
  throw new Fail("ordering-type-mismatch");
}

function ordered(operator: string, order: number): boolean {
  if (operator === "<") return order < 0;
  if (operator === "<=") return order <= 0;
  if (operator === ">") return order > 0;
  return order >= 0;
}

function condition(node: ConditionNode, event: unknown): boolean {
  const left = lookup(event, node.field.segments);
  if (node.value.kind === "field") {
    const right = lookup(event, node.value.segments);
    if (left === ABSENT || right === ABSENT) return false;
    if (node.operator === "=") return pyEquals(left, right, 0);
    if (node.operator === "!=") return !pyEquals(left, right, 0);
    return ordered(node.operator, pyOrder(left, right, 0));
  }
  const text = node.value.text;
  if (left === ABSENT) return false;
  if (node.operator === "=") {
    if (text.length === 0) throw new Fail("empty-literal");
    if (text[text.length - 1] === "*") {
      const pattern = text.slice(0, -1);
      if (typeof left === "string") return left.indexOf(pattern) >= 0;
      if (Array.isArray(left)) return left.some((element) => element === pattern);
      if (isPlainObject(left)) return Object.hasOwn(left, pattern);
      throw new Fail("wildcard-on-scalar");
    }
    return left === text;
  }
  if (node.operator === "!=") return left !== text;
  if (typeof left !== "string") throw new Fail("ordering-on-non-string");
  return ordered(node.operator, compareText(left, text));
}

function evaluate(node: FilterAst, event: unknown): boolean {
  switch (node.kind) {
    case "condition":
      try {
        return condition(node, event);
      } catch (error) {
        if (error instanceof Fail) throw new ReferenceFailure(error.code, node);
        throw error;
      }
    case "not":
      return !evaluate(node.operand, event);
    case "and": {
      const results = node.operands.map((operand) => evaluate(operand, event));
      return results.every(Boolean);
    }
    case "or": {
      const results = node.operands.map((operand) => evaluate(operand, event));
      return results.some(Boolean);
    }
  }
}

/** The result of a filter on a JSON event, or the error code and failing condition. */
export function referenceEvaluate(
  ast: FilterAst,
  event: unknown,
): { readonly result: boolean } | { readonly error: string; readonly condition: ConditionNode } {
  try {
    return { result: evaluate(ast, event) };
  } catch (error) {
    if (error instanceof ReferenceFailure) return { error: error.code, condition: error.condition };
    throw error;
  }
}
