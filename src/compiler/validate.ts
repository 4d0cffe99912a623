/**
 * Checks what callers hand to the compiler: option objects (unknown keys and
 * bad values are a TypeError, so a typo never silently changes behaviour)
 * and ASTs built by hand (so the backends only ever see well-formed trees).
 * Also lists a tree's conditions in source order, the order in which
 * ftrack's engine evaluates them.
 */
import type { ConditionNode, Dialect, FilterAst } from "../syntax/ast";

/** Deepest AST the compiler accepts (the parser's own limit is lower). */
export const MAX_AST_DEPTH = 1000;

/**
 * Most segments in one field path of an AST the compiler accepts: as many as
 * the longest filter text (65,536 code units, `a.b.c…`) can hold. A longer
 * path, which only a hand-built tree can have, would give generated code a
 * function too large for V8 to call.
 */
export const MAX_PATH_SEGMENTS = 32_768;

const DIALECTS: readonly string[] = ["trigger", "event-hub"];
const BACKENDS: readonly string[] = ["auto", "codegen", "closure"];
const OPERATORS: readonly string[] = ["=", "!=", "<", "<=", ">", ">="];

type OptionCheck = (value: unknown) => string | undefined;

/** The checks for every option the compiler's functions accept. */
export const optionChecks = {
  dialect: (v: unknown) => (typeof v === "string" && DIALECTS.includes(v) ? undefined : `"trigger" or "event-hub"`),
  strict: (v: unknown) => (typeof v === "boolean" ? undefined : "a boolean"),
  backend: (v: unknown) => (typeof v === "string" && BACKENDS.includes(v) ? undefined : `"auto", "codegen" or "closure"`),
  maxSize: (v: unknown) => (typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? undefined : "a non-negative integer"),
} satisfies Record<string, OptionCheck>;

/**
 * Throws a TypeError unless `options` is undefined or a plain object whose
 * keys are all in `checks` and whose values pass them (`undefined` counts as
 * absent). Returns the options with absent keys dropped.
 */
export function checkOptions<T extends object>(
  caller: string,
  options: unknown,
  checks: Readonly<Record<string, OptionCheck>>,
): Partial<T> {
  // No prototype: reading an option that was not given must not find one
  // planted on Object.prototype.
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  if (options === undefined) return out as Partial<T>;
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TypeError(`${caller}: options must be an object`);
  }
  for (const key of Object.keys(options)) {
    const check = Object.hasOwn(checks, key) ? checks[key] : undefined;
    if (check === undefined) {
      throw new TypeError(`${caller}: unknown option ${JSON.stringify(key)} (known: ${Object.keys(checks).join(", ")})`);
    }
    const value: unknown = (options as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const expected = check(value);
    if (expected !== undefined) throw new TypeError(`${caller}: option "${key}" must be ${expected}`);
    out[key] = value;
  }
  return out as Partial<T>;
}

/**
 * Checks that `ast` is a well-formed filter tree for `dialect` and returns
 * its conditions in source order. Throws a TypeError naming the first bad
 * node. `and`/`or` nodes with fewer than two operands are accepted (no
 * operands: `and` is true and `or` false, as in ftrack's engine), although
 * the parser never builds them. Cost: one walk of the tree.
 */
/** The conditions of a tree the parser built (so known to be valid), in source order. */
export function conditionsOf(ast: FilterAst, out: ConditionNode[] = []): ConditionNode[] {
  switch (ast.kind) {
    case "condition":
      out.push(ast);
      break;
    case "not":
      conditionsOf(ast.operand, out);
      break;
    case "and":
    case "or":
      for (const operand of ast.operands) conditionsOf(operand, out);
      break;
    default: {
      const never: never = ast;
      throw new TypeError(`invalid filter AST: ${String((never as { kind: unknown }).kind)}`);
    }
  }
  return out;
}

export function checkAst(ast: unknown, dialect: Dialect): ConditionNode[] {
  const conditions: ConditionNode[] = [];
  walk(ast, "ast", 0, dialect, conditions);
  return conditions;
}

function fail(where: string, problem: string): never {
  throw new TypeError(`invalid filter AST at ${where}: ${problem}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkSpan(span: unknown, where: string): void {
  if (!isRecord(span) || !Number.isFinite(span["start"]) || !Number.isFinite(span["end"])) {
    fail(`${where}.span`, "expected { start, end } numbers");
  }
}

function checkSegments(segments: unknown, where: string): void {
  if (!Array.isArray(segments) || segments.length === 0) fail(where, "expected a non-empty array of strings");
  if (segments.length > MAX_PATH_SEGMENTS) fail(where, `more than ${MAX_PATH_SEGMENTS} segments`);
  for (let i = 0; i < segments.length; i++) {
    if (typeof segments[i] !== "string") fail(`${where}[${i}]`, "expected a string");
  }
}

function walk(node: unknown, where: string, depth: number, dialect: Dialect, out: ConditionNode[]): void {
  if (depth > MAX_AST_DEPTH) fail(where, `nested more than ${MAX_AST_DEPTH} levels`);
  if (!isRecord(node)) fail(where, "expected a node object");
  checkSpan(node["span"], where);
  const kind = node["kind"];
  switch (kind) {
    case "and":
    case "or": {
      const operands = node["operands"];
      if (!Array.isArray(operands)) fail(`${where}.operands`, "expected an array");
      operands.forEach((operand, i) => {
        walk(operand, `${where}.operands[${i}]`, depth + 1, dialect, out);
      });
      return;
    }
    case "not":
      walk(node["operand"], `${where}.operand`, depth + 1, dialect, out);
      return;
    case "condition":
      checkCondition(node, where, dialect);
      out.push(node as unknown as ConditionNode);
      return;
    default:
      fail(`${where}.kind`, `unknown node kind ${JSON.stringify(String(kind))}`);
  }
}

function checkCondition(node: Record<string, unknown>, where: string, dialect: Dialect): void {
  const field = node["field"];
  if (!isRecord(field)) fail(`${where}.field`, "expected a field path");
  checkSegments(field["segments"], `${where}.field.segments`);
  checkSpan(field["span"], `${where}.field`);
  const operator = node["operator"];
  if (typeof operator !== "string" || !OPERATORS.includes(operator)) {
    fail(`${where}.operator`, `expected one of ${OPERATORS.join(" ")}`);
  }
  const value = node["value"];
  if (!isRecord(value)) fail(`${where}.value`, "expected a literal or a field reference");
  checkSpan(value["span"], `${where}.value`);
  if (value["kind"] === "literal") {
    if (typeof value["text"] !== "string") fail(`${where}.value.text`, "expected a string");
  } else if (value["kind"] === "field") {
    if (dialect !== "trigger") fail(`${where}.value`, "field references exist only in the trigger dialect");
    checkSegments(value["segments"], `${where}.value.segments`);
  } else {
    fail(`${where}.value.kind`, `expected "literal" or "field"`);
  }
}
