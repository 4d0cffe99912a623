/**
 * The fast backend: generates a JavaScript function from the AST and
 * compiles it once with `new Function`.
 *
 * Default (non-strict) filters evaluate with ordinary short-circuit `&&`,
 * `||` and `!`, reading each field path lazily where its condition runs.
 * This gives ftrack's answer (rule 9: every operand is evaluated and any
 * error means no match) because a short-circuit result of false is the
 * answer whatever a skipped condition would have done, and a result of true
 * is returned only after the fallible conditions that short-circuiting may
 * have skipped (`conditionsToRecheck`, usually none) were evaluated too; one
 * try/catch hands any error to the filter's closures, which answer false for
 * an evaluation error (so an event that errs costs an exception and a
 * closure evaluation, microseconds, where one that does not costs
 * nanoseconds). A path prefix read once is reused
 * wherever that read is certain to have happened: within an `and`/`or`
 * chain by every later operand, and after the chain when the first operand
 * made it, so the operands of a top-level `and` share `entity`, `entity.new`
 * and so on.
 *
 * Strict filters must report the first error in source order, as ftrack's
 * engine (left to right, depth first) meets it: they read every field and
 * evaluate every fallible condition in source order first, then combine. A
 * local `at` holds the index of the condition being read or evaluated, so an
 * error can name it.
 *
 * Each path step inlines `lookup` (see `./values`), with `undefined` as
 * "missing", so every property load has its own inline cache; only unusual
 * objects take the shared slow path. Whether a value is a plain object (not
 * an array, prototype `Object.prototype`) is asked at the first key read
 * from it, after the `in` test of that key (which lets the engine answer
 * from the object's shape), and kept in a local for its other keys, which
 * are then loaded directly. (A small reader function per key would make the
 * source a quarter as long, but most filters of a large set are called too
 * rarely for V8 to optimise them, and unoptimised, the calls cost more than
 * the reads.)
 *
 * Lenient code, the hot path, takes two shortcuts that strict code does
 * not, both answered by the filter's closures when they do not hold: it
 * lets `in` reject a primitive (by throwing, so the catch hands the event
 * to the closures) instead of testing every value's type, and it checks
 * once per call that `Object.prototype` holds none of its keys instead of
 * once per step. Both keep the status-change filter's function under V8's
 * inlining limit (460 bytes of bytecode; it has 458), so that a caller's
 * loop inlines it as it would a hand-written function: about 1.3x the
 * naive hand-written function's time, where the same code not inlined
 * took 1.7x and the type tests 2x.
 *
 * The answer is the closures' for every event made of data (anything
 * `JSON.parse` makes, and any object, array or function holding such data).
 * Objects that compute what they hold can tell the two apart: a proxy is
 * asked `has` at the first key read from it only, so one whose `has` and
 * `get` disagree can answer differently; a getter may run twice when the
 * closures take over (one that throws only the first time is then
 * answered by its second read); a getter that changes `Object.prototype`,
 * or an object's prototype, during the call escapes the checks made
 * before it ran; and a function whose prototype was set to
 * `Object.prototype` reads as an object. (A value read a second time in
 * one call, which only a getter can make another object, is checked
 * afresh.)
 *
 * User text (field names, literals) enters the generated source only
 * through `JSON.stringify`; everything else in it is fixed text or
 * generated names. Literals are not in it at all: they are passed to the
 * factory as values, so filters of one shape share one source, generated
 * and compiled once (`shapes`). The value rules come from `./values` as
 * arguments of the factory, never from globals.
 */
import type { ConditionNode, FilterAst, LiteralValue } from "../syntax/ast";
import { closuresOnFirstCall } from "./closure";
import { locateError } from "./errors";
import {
  canFail,
  compareFields,
  compareWithLiteral,
  conditionsToRecheck,
  failEmptyLiteral,
  fieldsEqual,
  isWildcard,
  lookup,
  lookupOwn,
  matchWildcard,
  ObjectPrototype,
} from "./values";

const isArray = Array.isArray;
const getPrototypeOf = Object.getPrototypeOf;

const ORDER_TEST = { "<": "< 0", "<=": "<= 0", ">": "> 0", ">=": ">= 0" } as const;

/** How tightly a piece of generated code binds: what it may stand next to without parentheses. */
const Level = { Or: 1, And: 2, Comparison: 3, Atom: 4 } as const;
type Level = (typeof Level)[keyof typeof Level];

interface Piece {
  readonly code: string;
  readonly level: Level;
  /** The code's negation, where one is shorter than `!(code)`. */
  readonly negated?: string;
}

const wrap = (piece: Piece, minimum: Level): string => (piece.level >= minimum ? piece.code : `(${piece.code})`);

/** `pieces` joined by `&&` or `||` (an empty `and` is true and an empty `or` false, as in ftrack). */
function chain(kind: "and" | "or", pieces: readonly Piece[]): Piece {
  const [first] = pieces;
  if (first === undefined) return { code: kind === "and" ? "true" : "false", level: Level.Atom };
  if (pieces.length === 1) return first;
  const code = pieces.map((piece) => wrap(piece, Level.And)).join(kind === "and" ? " && " : " || ");
  return { code, level: kind === "and" ? Level.And : Level.Or };
}

function invalid(node: never): never {
  throw new TypeError(`invalid filter AST: ${String((node as { kind: unknown }).kind)}`);
}

/** A string literal of generated code; the only door for user text. */
function quote(text: unknown): string {
  if (typeof text !== "string") throw new TypeError("invalid filter AST: expected a string");
  return JSON.stringify(text);
}

/** One step of a field path: the value of a path prefix, held in a local of the generated function. */
interface Step {
  /** The local's name (`v0`, `v1`, ...). */
  readonly name: string;
  /** The steps that read a key of this value, by key. */
  readonly next: Map<string, Step>;
}

/**
 * What is certainly done at some point of the generated code: the steps
 * whose locals are assigned, and the values (by their map of next steps;
 * the event by the root map) whose plainness has been worked out, so that
 * later reads of their keys can rely on it.
 */
type Done = Set<Step | Map<string, Step>>;

/**
 * Names the value of every path prefix (`entity`, `entity.new`, ...) once per
 * function, and every literal.
 */
class Paths {
  /** The steps from the event, as a tree: `entity.new` is `root.get("entity").next.get("new")`. */
  private readonly root = new Map<string, Step>();
  private readonly names: string[] = [];
  private readonly literalNames = new Map<string, string>();
  /** Where the value of each literal comes from, in the order of their names. */
  readonly slots: LiteralSlot[] = [];
  /** Each distinct key as a string literal of generated code. */
  private readonly quoted = new Map<string, string>();
  /** The steps read somewhere in the code so far. */
  private readonly emitted = new Set<Step>();

  /**
   * `conditions`: the index of each of the AST's conditions in source order,
   * by which slots name them. `strict`: whether reads must never throw
   * (strict code reports any error as the running condition's).
   */
  constructor(
    private readonly conditions: ReadonlyMap<ConditionNode, number>,
    private readonly strict: boolean,
  ) {
    // Every step is known before any is read, so that a read knows whether
    // other keys of the same value will be read too.
    for (const condition of conditions.keys()) {
      this.plant(condition.field.segments);
      if (condition.value.kind === "field") this.plant(condition.value.segments);
    }
  }

  /** Names the steps of `segments` not yet named. */
  private plant(segments: readonly string[]): void {
    let level = this.root;
    for (const segment of segments) {
      let step = level.get(segment);
      if (step === undefined) {
        step = { name: `v${this.names.length}`, next: new Map() };
        this.names.push(step.name);
        level.set(segment, step);
      }
      level = step.next;
    }
  }

  /**
   * The name of a literal. Literals are not written into the source but
   * passed in as values, so that filters differing only in their literals
   * (a status id each) have the same source, which is generated and
   * compiled once per shape (see `shapes`).
   */
  literal(condition: ConditionNode, wildcard: boolean): string {
    const value = condition.value;
    if (value.kind !== "literal" || typeof value.text !== "string") throw new TypeError("invalid filter AST: expected a string");
    const text = wildcard ? value.text.slice(0, -1) : value.text;
    let name = this.literalNames.get(text);
    if (name === undefined) {
      const index = this.conditions.get(condition);
      if (index === undefined) throw new Error("unreachable: a condition outside the list");
      name = `L${this.literalNames.size}`;
      this.literalNames.set(text, name);
      this.slots.push({ condition: index, wildcard });
    }
    return name;
  }

  /** The literals, in the order of their names. */
  get literals(): string[] {
    return [...this.literalNames.keys()];
  }

  /** All names handed out, in order. */
  get all(): readonly string[] {
    return this.names;
  }

  /** Every key read, as string literals of generated code. */
  get keys(): readonly string[] {
    return [...this.quoted.values()];
  }

  /**
   * Appends to `steps` an assignment for each step of `segments` that is not
   * in `done`, marks them done and returns the name holding the path's value.
   */
  read(segments: readonly string[], done: Done, steps: string[]): string {
    let parent = "event";
    let plain = "p";
    let level = this.root;
    for (const segment of segments) {
      const step = level.get(segment);
      if (step === undefined) throw new Error("unreachable: a path not planted");
      if (!done.has(step)) {
        done.add(step);
        // The plainness is kept only for a value with more keys to read.
        const keep = level.size > 1 ? plain : undefined;
        // A value read a second time may be another object (a getter's):
        // what was worked out about the one before is forgotten.
        const again = this.emitted.has(step) && step.next.size > 0 ? `, p${step.name.slice(1)} = void 0` : "";
        this.emitted.add(step);
        steps.push(`${step.name} = ${this.step(parent, keep, this.quote(segment), done.has(level))}${again}`);
        done.add(level);
      }
      parent = step.name;
      plain = `p${step.name.slice(1)}`;
      level = step.next;
    }
    return parent;
  }

  /**
   * The value of key `k` of the value `p`, whose plainness (a plain object:
   * not an array, prototype `Object.prototype`) the local `plain` holds
   * once worked out; `known`: whether it certainly has been by now.
   *
   * Strict code asks what the value is before `in`, which throws on a
   * primitive, and keeps `plain` for the value's other keys.
   *
   * Lenient code leaves the kind to `in` itself: a primitive makes it throw,
   * and the catch answers through closures. That saves a type test on
   * every step, which costs more than the rest of the step. The first read
   * of a key of `p` tests `in` before asking for the prototype (the engine
   * then knows the object's shape and answers that question from it), and
   * later reads load the key straight from a plain object. Loading needs no
   * own-property test there: the function first checks that
   * `Object.prototype` holds none of its keys, so a key not own is missing.
   */
  private step(p: string, plain: string | undefined, k: string, known: boolean): string {
    const isPlain = `getPrototypeOf(${p}) === ObjectPrototype && !isArray(${p})`;
    if (this.strict) {
      const test = plain === undefined ? isPlain : `(${plain} ??= ${isPlain})`;
      return (
        `typeof ${p} !== "object" || ${p} === null || !(${k} in ${p}) ? void 0` +
        ` : ${test} && !(${k} in ObjectPrototype) ? ${p}[${k}] : readOwn(${p}, ${k})`
      );
    }
    if (known && plain !== undefined) return `${plain} ? ${p}[${k}] : lookup(${p}, ${k})`;
    // The event itself is not tested for null: null, a text or a number as
    // the event merely takes the closures.
    const present = p === "event" ? "" : `${p} !== null && ${p} !== void 0 && `;
    return `${present}${k} in ${p} ? ${plain === undefined ? isPlain : `(${plain} = ${isPlain})`} ? ${p}[${k}] : readOwn(${p}, ${k}) : void 0`;
  }

  private quote(key: string): string {
    let text = this.quoted.get(key);
    if (text === undefined) {
      text = quote(key);
      this.quoted.set(key, text);
    }
    return text;
  }
}

/**
 * The test of a condition on the values named `left` and `right` (the
 * latter only for a field reference), `undefined` meaning missing. Tests of
 * fallible conditions call a value rule that throws on error.
 */
function conditionTest(condition: ConditionNode, left: string, right: string | undefined, paths: Paths): Piece {
  const { operator, value } = condition;
  if (value.kind === "field" && right !== undefined) {
    const both = `${left} !== void 0 && ${right} !== void 0`;
    const strings = `typeof ${left} === "string" && typeof ${right} === "string"`;
    const code =
      operator === "="
        ? `${both} && (${left} === ${right} || !(${strings}) && equal(${left}, ${right}))`
        : operator === "!="
          ? `${both} && ${left} !== ${right} && (${strings} || !equal(${left}, ${right}))`
          : `${both} && order(${left}, ${right}) ${ORDER_TEST[operator]}`;
    return { code, level: Level.And };
  }
  if (value.kind !== "literal") throw new TypeError("invalid filter AST: a field reference without segments");
  const literal = paths.literal(condition, false);
  const defined = `${left} !== void 0`;
  if (operator === "=") {
    if (value.text === "") return { code: `${defined} && emptyLiteral(${left})`, level: Level.And };
    if (isWildcard(value.text)) {
      return { code: `${defined} && wildcard(${left}, ${paths.literal(condition, true)})`, level: Level.And };
    }
    return { code: `${left} === ${literal}`, level: Level.Comparison, negated: `${left} !== ${literal}` };
  }
  if (operator === "!=") return { code: `${defined} && ${left} !== ${literal}`, level: Level.And };
  return { code: `${defined} && orderText(${left}, ${literal}) ${ORDER_TEST[operator]}`, level: Level.And };
}

/** Reads a condition's fields (the steps not yet `done`) and returns its test on them. */
function readCondition(condition: ConditionNode, paths: Paths, done: Done, steps: string[]): Piece {
  const left = paths.read(condition.field.segments, done, steps);
  const right = condition.value.kind === "field" ? paths.read(condition.value.segments, done, steps) : undefined;
  return conditionTest(condition, left, right, paths);
}

/** A condition as one expression: its pending reads, then its test. */
function conditionExpression(condition: ConditionNode, paths: Paths, done: Done): Piece {
  const steps: string[] = [];
  const test = readCondition(condition, paths, done, steps);
  if (steps.length === 0) return test;
  return { code: `(${[...steps, wrap(test, Level.Or)].join(", ")})`, level: Level.Atom };
}

/**
 * A node as a short-circuit expression. `done` holds the prefixes certainly
 * read before the node runs; on return it holds those certainly read once
 * the node has run (its first operand's, for a chain).
 */
function lenientExpression(node: FilterAst, paths: Paths, done: Done): Piece {
  switch (node.kind) {
    case "condition":
      return conditionExpression(node, paths, done);
    case "not":
      return { code: `!${wrap(lenientExpression(node.operand, paths, done), Level.Atom)}`, level: Level.Atom };
    case "and":
    case "or": {
      // Within the chain each operand runs only after the ones before it.
      let inChain = done;
      const pieces = node.operands.map((operand, i) => {
        if (i === 1) inChain = new Set(done);
        return lenientExpression(operand, paths, inChain);
      });
      return chain(node.kind, pieces);
    }
    default:
      return invalid(node);
  }
}

/** The body of a non-strict filter: short-circuit evaluation, then the re-checks. */
function lenientBody(ast: FilterAst, paths: Paths): string[] {
  const body: string[] = [];
  const done: Done = new Set();
  const rechecks = conditionsToRecheck(ast);
  if (ast.kind === "and" && ast.operands.length > 0) {
    // A top-level `and` becomes one statement per operand, so every read is shared with later ones.
    const last = ast.operands.length - 1;
    for (const [i, operand] of ast.operands.entries()) {
      let test: Piece;
      if (operand.kind === "condition") {
        const steps: string[] = [];
        test = readCondition(operand, paths, done, steps);
        for (const step of steps) body.push(`${step};`);
      } else {
        test = lenientExpression(operand, paths, done);
      }
      if (i === last && rechecks.length === 0) return [...body, `return ${test.code};`];
      body.push(`if (${test.negated ?? `!${wrap(test, Level.Atom)}`}) return false;`);
    }
  } else {
    const result = lenientExpression(ast, paths, done);
    if (rechecks.length === 0) return [`return ${result.code};`];
    body.push(`if (!${wrap(result, Level.Atom)}) return false;`);
  }
  // Conditions that short-circuiting may have skipped: evaluated for their errors only.
  for (const condition of rechecks) body.push(`${wrap(conditionExpression(condition, paths, done), Level.Or)};`);
  body.push("return true;");
  return body;
}

/** The body of a strict filter: every read and fallible condition in source order, then the combination. */
function strictBody(ast: FilterAst, conditions: readonly ConditionNode[], paths: Paths): string[] {
  const body: string[] = [];
  const done: Done = new Set();
  let at = 0;
  const mark = (index: number): void => {
    if (at !== index) body.push(`at = ${index};`);
    at = index;
  };
  const tests = conditions.map((condition, index): Piece => {
    const steps: string[] = [];
    const test = readCondition(condition, paths, done, steps);
    if (steps.length > 0) mark(index);
    for (const step of steps) body.push(`${step};`);
    if (!canFail(condition)) return test;
    mark(index);
    body.push(`const c${index} = ${test.code};`);
    return { code: `c${index}`, level: Level.Atom };
  });
  let next = 0;
  const combine = (node: FilterAst): Piece => {
    switch (node.kind) {
      case "condition": {
        const test = tests[next++];
        if (test === undefined) throw new Error("unreachable: condition count");
        return test;
      }
      case "not":
        return { code: `!${wrap(combine(node.operand), Level.Atom)}`, level: Level.Atom };
      case "and":
      case "or":
        return chain(node.kind, node.operands.map(combine));
      default:
        return invalid(node);
    }
  };
  body.push(`return ${combine(ast).code};`);
  return body;
}

/** Where a literal of the generated code takes its value: a condition's text, without its final `*` for a wildcard. */
export interface LiteralSlot {
  /** The condition's index in source order. */
  readonly condition: number;
  readonly wildcard: boolean;
}

/** What {@link generateSource} produces: the factory's source and the values of its literals. */
export interface GeneratedFilter {
  /**
   * The body of a factory that takes the value rules (by name),
   * `literals` and `conditions`, and returns the filter function.
   */
  readonly source: string;
  /** The literal texts, in the order the source's `L0`, `L1`, ... name them. */
  readonly literals: readonly string[];
  /** Where each of `literals` comes from, so that a filter of the same shape can fill them in. */
  readonly slots: readonly LiteralSlot[];
}

/**
 * The source of the factory body that returns the filter function, strict
 * or not, and the literals it takes. Exposed for tests and for people who
 * want to read what a filter compiles to. `conditions` are the AST's
 * conditions in source order (from `checkAst`).
 */
export function generateSource(ast: FilterAst, conditions: readonly ConditionNode[], strict = false): GeneratedFilter {
  const paths = new Paths(new Map(conditions.map((condition, index) => [condition, index])), strict);
  const body = strict ? strictBody(ast, conditions, paths) : lenientBody(ast, paths);
  const names = paths.all;
  const literals = paths.literals;
  // One array of lines, joined once: the pieces are many and small.
  const lines = [`"use strict";`];
  if (literals.length > 0) lines.push(`var ${literals.map((_, i) => `L${i} = literals[${i}]`).join(", ")};`);
  lines.push(`return function ftrackFilter(event) {`);
  // Lenient code loads keys straight from plain objects (see Paths.step),
  // which is own-property reading only while Object.prototype has none of them.
  const keys = paths.keys;
  if (!strict && keys.length > 0) lines.push(`  if (${keys.map((k) => `${k} in ObjectPrototype`).join(" || ")}) return fallback(event);`);
  if (strict) lines.push(`  let at = 0;`);
  // Each value's local, and whether it is a plain object (`p` for the event,
  // `p0` for `v0`, ...): `var`, which unlike `let` costs no code to set
  // up, and the engine inlines only small functions into their callers.
  if (names.length > 0) lines.push(`  var ${names.join(", ")}, p, ${names.map((name) => `p${name.slice(1)}`).join(", ")};`);
  lines.push(`  try {`);
  for (const line of body) lines.push(`    ${line}`);
  lines.push(`  } catch (error) {`, strict ? `    return fail(error, conditions, at);` : `    return fallback(event);`, `  }`, `};`);
  return { source: lines.join("\n"), literals, slots: paths.slots };
}

/** Rethrows an error of a strict filter as the error of the condition that was running. */
function failAt(error: unknown, conditions: readonly ConditionNode[], at: number): never {
  const condition = conditions[at];
  if (condition === undefined) throw error;
  throw locateError(error, condition);
}

/** The value rules, under the names the generated code uses for them: the factory's first parameters. */
const RULES = {
  isArray,
  getPrototypeOf,
  ObjectPrototype,
  lookup,
  readOwn: lookupOwn,
  wildcard: matchWildcard,
  emptyLiteral: failEmptyLiteral,
  orderText: compareWithLiteral,
  equal: fieldsEqual,
  order: compareFields,
  fail: failAt,
};
const RULE_VALUES = Object.values(RULES);
/**
 * The factory's parameters: the rules, then the filter's literals and
 * conditions, and for a lenient filter its closures, which answer when its
 * code throws or Object.prototype holds one of its keys.
 */
const FACTORY_PARAMETERS = [...Object.keys(RULES), "literals", "conditions", "fallback"].join(", ");

type Factory = (...rulesLiteralsConditions: unknown[]) => (event: unknown) => boolean;

/** A compiled factory and where its literals come from. */
interface Shape {
  readonly factory: Factory;
  readonly slots: readonly LiteralSlot[];
}

/**
 * Factories by the shape of their filter ({@link shapeKey}). Filters of one
 * shape (the same fields, operators and structure; a status id each, say)
 * have the same generated source, so the source is generated and compiled
 * once per shape, and each filter gets its own closure over its own
 * literals. Bounded: shapes with long keys are not kept, and the memo
 * starts afresh when full.
 */
const shapes = new Map<string, Shape>();
const MAX_SHAPES = 512;
const MAX_SHAPE_KEY = 4096;

/**
 * The shape of a filter: a key such that filters sharing it get the same
 * source and literal slots from {@link generateSource}. It holds everything
 * the generator reads but the literal texts: the structure, each
 * condition's field, operator and kind of value (a field reference with its
 * path, an empty text, a wildcard, a text), and which literal texts are
 * equal. Paths are written with each segment's length before it, so that
 * no two paths share a key.
 */
export function shapeKey(ast: FilterAst, strict: boolean): string {
  const parts: string[] = [strict ? "strict" : "lenient"];
  const texts = new Map<string, number>();
  const text = (value: string): void => {
    let index = texts.get(value);
    if (index === undefined) {
      index = texts.size;
      texts.set(value, index);
    }
    parts.push(`#${index}`);
  };
  const path = (segments: readonly string[]): void => {
    parts.push(`[${segments.length}`);
    for (const segment of segments) parts.push(`:${segment.length}:`, segment);
  };
  const visit = (node: FilterAst): void => {
    switch (node.kind) {
      case "and":
      case "or":
        parts.push(`(${node.kind} ${node.operands.length}`);
        for (const operand of node.operands) visit(operand);
        return;
      case "not":
        parts.push("(not");
        visit(node.operand);
        return;
      case "condition": {
        parts.push("(c");
        path(node.field.segments);
        parts.push(` ${node.operator} `);
        const value = node.value;
        if (value.kind === "field") {
          parts.push("field");
          path(value.segments);
          return;
        }
        // As generateSource names them: the text always, and for "=" with
        // a wildcard the text without its "*" too.
        text(value.text);
        if (node.operator === "=" && value.text === "") parts.push("empty");
        else if (node.operator === "=" && isWildcard(value.text)) {
          parts.push("wildcard");
          text(value.text.slice(0, -1));
        }
        return;
      }
      default:
        invalid(node);
    }
  };
  visit(ast);
  return parts.join("");
}

/**
 * `text` as the engine's internalised copy, the one it keeps for property
 * keys: a flat string that `===` compares with another internalised string
 * (a key, or a short value `JSON.parse` made) by identity instead of
 * character by character. A literal sliced out of filter text is neither;
 * made a property key once, it is both. The value is the same string.
 */
function intern(text: string): string {
  const holder: Record<string, true> = { __proto__: null } as unknown as Record<string, true>;
  holder[text] = true;
  for (const key in holder) return key;
  return text;
}

/**
 * The most generated code, in bytes as estimated by {@link generatedSizeBound},
 * that `compile` generates under `backend: "auto"`; a larger filter is
 * evaluated by closures. V8 compiles generated code at roughly 1 ms per
 * 10 KiB, so this keeps a new shape's compilation to a few milliseconds
 * whatever the filter text.
 */
export const MAX_GENERATED_BYTES = 64 * 1024;

/**
 * An upper bound on the length of the source {@link generateSource} makes
 * for a filter with these conditions (each path step counted once per
 * condition, as if no prefix were shared). Cost: O(conditions + segments),
 * and it stops counting at `limit`.
 */
export function generatedSizeBound(conditions: readonly ConditionNode[], limit = Infinity): number {
  // The function's frame, then per condition its test and statement, per
  // step its fixed text (with names of up to eight characters) and its key
  // quoted four times. (Checked against generated sources in
  // test/compiler, strict ones of 20,000 conditions included.)
  let size = 400;
  const path = (segments: readonly string[]): void => {
    for (const segment of segments) size += 260 + 4 * JSON.stringify(segment).length;
  };
  for (const condition of conditions) {
    size += 160;
    path(condition.field.segments);
    if (condition.value.kind === "field") path(condition.value.segments);
    if (size > limit) return size;
  }
  return size;
}

/**
 * Compiles `ast` into a predicate with `new Function` (throws where a
 * content security policy forbids it). Strict predicates throw a
 * `FilterEvaluationError`; the others return false on any error. Cost: the
 * shape key, and for a shape not seen before one code generation and one
 * JavaScript compilation, linear in the generated code (about 1 ms per
 * 10 KiB of it; see {@link generatedSizeBound}), without a bound of its own:
 * a filter of a 65,000-segment path generates megabytes and takes most of
 * a second. The predicate allocates nothing on the common path.
 * `closures`: the filter's closures, to which a lenient filter's code hands
 * the events it does not answer itself (by default built on first need).
 */
export function compileWithCodegen(
  ast: FilterAst,
  conditions: readonly ConditionNode[],
  strict: boolean,
  closures: (event: unknown) => boolean = closuresOnFirstCall(ast, false),
): (event: unknown) => boolean {
  const key = shapeKey(ast, strict);
  let shape = shapes.get(key);
  if (shape === undefined) {
    const { source, slots } = generateSource(ast, conditions, strict);
    shape = { factory: new Function(FACTORY_PARAMETERS, source) as Factory, slots };
    if (key.length <= MAX_SHAPE_KEY) {
      if (shapes.size >= MAX_SHAPES) shapes.clear();
      shapes.set(key, shape);
    }
  }
  const literals = shape.slots.map((slot) => {
    const value = (conditions[slot.condition] as ConditionNode).value as LiteralValue;
    return intern(slot.wildcard ? value.text.slice(0, -1) : value.text);
  });
  return shape.factory(...RULE_VALUES, literals, conditions, strict ? undefined : closures);
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
