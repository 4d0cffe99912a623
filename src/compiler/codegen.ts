/**
 * The fast backend: generates a JavaScript function from the AST and
 * compiles it once with `new Function`.
 *
 * The generated function first reads every field path the filter uses, in
 * source order, sharing prefixes (`entity.new` is read once for all its
 * fields), and evaluates every condition that can fail (see `canFail`), so
 * that an error anywhere aborts the evaluation exactly as in ftrack's engine.
 * Each path step inlines `readKey` (see `./values`), so every property load
 * has its own inline cache and stays fast; only unusual objects take the
 * shared slow path, `readOwn`.
 * It then combines the results with ordinary short-circuit `&&`, `||` and
 * `!`, where the conditions that cannot fail are plain comparisons. A local
 * `at` holds the index of the condition being read or evaluated, so an error
 * can name it.
 *
 * User text (field names, literals) enters the generated source only through
 * `JSON.stringify`; everything else in it is fixed text or generated names.
 * The value rules come from `./values` as arguments of the factory, never
 * from globals.
 */
import type { ConditionNode, FilterAst } from "../syntax/ast";
import { locateError } from "./errors";
import {
  MISSING,
  ObjectPrototype,
  canFail,
  compareFields,
  compareWithLiteral,
  defined,
  failEmptyLiteral,
  fieldsEqual,
  isWildcard,
  matchWildcard,
  readOwn,
} from "./values";

const isArray = Array.isArray;
const getPrototypeOf = Object.getPrototypeOf;

/** The names the generated code uses for the value rules, in factory-argument order. */
const HELPER_NAMES = [
  "MISSING",
  "isArray",
  "getPrototypeOf",
  "ObjectPrototype",
  "defined",
  "readOwn",
  "wildcard",
  "emptyLiteral",
  "orderText",
  "equal",
  "order",
  "fail",
] as const;

const ORDER_TEST = { "<": "< 0", "<=": "<= 0", ">": "> 0", ">=": ">= 0" } as const;

/** A string literal of generated code; the only door for user text. */
function quote(text: unknown): string {
  if (typeof text !== "string") throw new TypeError("invalid filter AST: expected a string");
  return JSON.stringify(text);
}

/**
 * The source of the factory body that returns the filter function. Exposed
 * for tests and for people who want to read what a filter compiles to.
 * `conditions` are the AST's conditions in source order (from `checkAst`).
 */
export function generateSource(ast: FilterAst, conditions: readonly ConditionNode[]): string {
  const body: string[] = [];
  const paths = new Map<string, string>();
  let reads = 0;
  let at = 0;

  // Emits `at = index;` once, before the first statement that belongs to a condition.
  const mark = (index: number): void => {
    if (at !== index) body.push(`at = ${index};`);
    at = index;
  };
  const read = (segments: readonly string[], index: number): string => {
    let parent = "event";
    for (let i = 1; i <= segments.length; i++) {
      const key = JSON.stringify(segments.slice(0, i));
      let name = paths.get(key);
      if (name === undefined) {
        name = `v${reads++}`;
        mark(index);
        const k = quote(segments[i - 1]);
        const p = parent;
        body.push(
          `const ${name} = typeof ${p} !== "object" || ${p} === null || !(${k} in ${p}) ? MISSING`,
          `  : !isArray(${p}) && getPrototypeOf(${p}) === ObjectPrototype && !(${k} in ObjectPrototype) ? defined(${p}[${k}])`,
          `  : readOwn(${p}, ${k});`,
        );
        paths.set(key, name);
      }
      parent = name;
    }
    return parent;
  };

  const tests = conditions.map((condition, index) => {
    const left = read(condition.field.segments, index);
    const { operator, value } = condition;
    if (value.kind === "field") {
      const right = read(value.segments, index);
      const both = `${left} !== MISSING && ${right} !== MISSING`;
      mark(index);
      const test =
        operator === "=" ? `equal(${left}, ${right})`
        : operator === "!=" ? `!equal(${left}, ${right})`
        : `order(${left}, ${right}) ${ORDER_TEST[operator]}`;
      body.push(`const c${index} = ${both} && ${test};`);
      return `c${index}`;
    }
    const literal = quote(value.text);
    if (!canFail(condition)) {
      return operator === "=" ? `${left} === ${literal}` : `(${left} !== MISSING && ${left} !== ${literal})`;
    }
    mark(index);
    if (operator === "=" && value.text === "") {
      body.push(`if (${left} !== MISSING) emptyLiteral(${left});`);
      return "false";
    }
    if (operator === "=" && isWildcard(value.text)) {
      body.push(`const c${index} = ${left} !== MISSING && wildcard(${left}, ${quote(value.text.slice(0, -1))});`);
      return `c${index}`;
    }
    if (operator === "=" || operator === "!=") throw new Error("unreachable: infallible condition");
    body.push(`const c${index} = ${left} !== MISSING && orderText(${left}, ${literal}) ${ORDER_TEST[operator]};`);
    return `c${index}`;
  });

  // Each piece of the combination with its precedence: 3 an atom (a name,
  // a parenthesised or negated expression), 2 a comparison, 1 a chain.
  type Piece = { readonly code: string; readonly level: number };
  const wrap = (piece: Piece, minimum: number): string => (piece.level >= minimum ? piece.code : `(${piece.code})`);
  let next = 0;
  const combine = (node: FilterAst): Piece => {
    switch (node.kind) {
      case "condition": {
        const test = tests[next++];
        if (test === undefined) throw new Error("unreachable: condition count");
        return { code: test, level: /^[\w$]+$|^\(/.test(test) ? 3 : 2 };
      }
      case "not":
        return { code: `!${wrap(combine(node.operand), 3)}`, level: 3 };
      case "and":
      case "or": {
        if (node.operands.length === 0) return { code: node.kind === "and" ? "true" : "false", level: 3 };
        const joined = node.operands.map((operand) => wrap(combine(operand), 2)).join(node.kind === "and" ? " && " : " || ");
        return { code: joined, level: node.operands.length === 1 ? 2 : 1 };
      }
      default: {
        const never: never = node;
        throw new TypeError(`invalid filter AST: ${String((never as { kind: unknown }).kind)}`);
      }
    }
  };
  const result = combine(ast).code;

  const indent = (line: string): string => `    ${line}`;
  return [
    `"use strict";`,
    `return function ftrackFilter(event) {`,
    `  let at = 0;`,
    `  try {`,
    ...body.map(indent),
    indent(`return ${result};`),
    `  } catch (error) {`,
    `    return fail(error, at);`,
    `  }`,
    `};`,
  ].join("\n");
}

/**
 * Compiles `ast` into a predicate with `new Function` (throws where a
 * content security policy forbids it). Strict predicates throw a
 * `FilterEvaluationError`; the others return false on any error. Cost: one
 * code generation and one JavaScript compilation; the predicate allocates
 * nothing on the common path.
 */
export function compileWithCodegen(
  ast: FilterAst,
  conditions: readonly ConditionNode[],
  strict: boolean,
): (event: unknown) => boolean {
  const fail = strict
    ? (error: unknown, at: number): boolean => {
        const condition = conditions[at];
        if (condition === undefined) throw error;
        throw locateError(error, condition);
      }
    : (): boolean => false;
  const helpers = {
    MISSING,
    isArray,
    getPrototypeOf,
    ObjectPrototype,
    defined,
    readOwn,
    wildcard: matchWildcard,
    emptyLiteral: failEmptyLiteral,
    orderText: compareWithLiteral,
    equal: fieldsEqual,
    order: compareFields,
    fail,
  } satisfies Record<(typeof HELPER_NAMES)[number], unknown>;
  const factory = new Function(...HELPER_NAMES, generateSource(ast, conditions)) as (
    ...args: unknown[]
  ) => (event: unknown) => boolean;
  return factory(...HELPER_NAMES.map((name) => helpers[name]));
}

let available: boolean | undefined;

/**
 * Whether `new Function` works here (false under a content security policy
 * that forbids eval). Tested once, then cached.
 */
export function codegenAvailable(): boolean {
  if (available === undefined) {
    try {
      available = (new Function("return 1") as () => unknown)() === 1;
    } catch {
      available = false;
    }
  }
  return available;
}
