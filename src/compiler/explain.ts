/**
 * `explain`: evaluates a filter against one event and records, for every
 * node, what it resolved to, as plain JSON-serialisable data plus a
 * readable tree (`toString()`). Evaluation follows ftrack's engine exactly
 * (every operand, left to right, depth first; the first error aborts), so
 * on JSON data `matched` always equals what the compiled filter returns. (On
 * an event whose getters throw, a compiled filter may skip a read that
 * short-circuiting makes unnecessary, so the two can differ there.)
 */
import type { Dialect, FilterAst, Operator, Span } from "../syntax/ast";
import { parse } from "../syntax/parser";
import { type CompiledFilter, isCompiledFilter, sourceOfAst, spansMatchSource } from "./compile";
import { type EvaluationErrorCode, type FilterEvaluationErrorData, locateError, pathText } from "./errors";
import { type JsonValue, toJsonSafe } from "./json-safe";
import { renderExplanation } from "./render";
import { checkAst, checkOptions, optionChecks } from "./validate";
import { decideFields, decideLiteral, MISSING, readPath } from "./values";

/** What a node evaluated to; nodes after the first error are `"not-evaluated"`. */
export type ExplainResult = "true" | "false" | "error" | "not-evaluated";

/** A side of a condition read from the event. */
export type ExplainSide =
  | { readonly path: string; readonly found: true; readonly value: JsonValue }
  | { readonly path: string; readonly found: false };

/** The right side of a condition written as a literal: always text. */
export interface ExplainLiteral {
  readonly literal: string;
}

export interface ExplainError {
  readonly code: EvaluationErrorCode;
  readonly message: string;
}

interface ExplainNodeBase {
  readonly result: ExplainResult;
  readonly span: Span;
  /** The node's text in the source, or its canonical text for a filter given as an AST. */
  readonly text: string;
}

export interface ExplainCondition extends ExplainNodeBase {
  readonly kind: "condition";
  readonly field: string;
  readonly operator: Operator;
  /** The field as read from the event; absent when not evaluated. */
  readonly left?: ExplainSide;
  /** The literal, or the referenced field as read; absent when not evaluated. */
  readonly right?: ExplainSide | ExplainLiteral;
  readonly error?: ExplainError;
}

export interface ExplainGroup extends ExplainNodeBase {
  readonly kind: "and" | "or";
  readonly operands: readonly ExplainNode[];
}

export interface ExplainNot extends ExplainNodeBase {
  readonly kind: "not";
  readonly operand: ExplainNode;
}

export type ExplainNode = ExplainCondition | ExplainGroup | ExplainNot;

/** The result of {@link explain}. `toString()` renders it as an indented tree. */
export interface Explanation {
  readonly source: string;
  readonly dialect: Dialect;
  /** Whether the filter matches: exactly what the compiled filter returns. */
  readonly matched: boolean;
  /** The error that aborted the evaluation, if any. */
  readonly error: FilterEvaluationErrorData | null;
  readonly root: ExplainNode;
  /** The explanation as an indented tree, one node per line (not enumerable). */
  toString(): string;
}

/** Options of {@link explain}. */
export interface ExplainOptions {
  /** The dialect of filter text or an AST; a compiled filter keeps its own. */
  readonly dialect?: Dialect;
  /**
   * Names for ids, used only by `toString()`: a value or literal that is a
   * key here reads `Approved (44de097a…)` instead of the bare id.
   */
  readonly names?: Readonly<Record<string, string>>;
}

interface State {
  error: FilterEvaluationErrorData | null;
  readonly textOf: (node: FilterAst) => string;
}

/**
 * Explains how a filter evaluates against `event`: the result of every
 * node, the value each side of each condition resolved to, and the error
 * that aborted the evaluation if one did. Accepts a compiled filter, filter
 * text or an AST. Cost: one evaluation plus a bounded copy of each value
 * read; meant for debugging and tests, not for the hot path. Throws only for
 * bad arguments (and `FilterSyntaxError` for bad text), never for the event.
 */
export function explain(filterOrSource: CompiledFilter | string | FilterAst, event: unknown, options?: ExplainOptions): Explanation {
  const opts = checkOptions<ExplainOptions>("explain", options, { dialect: optionChecks.dialect, names: checkNames });
  let ast: FilterAst;
  let source: string;
  let dialect: Dialect;
  let spansIndexSource: boolean;
  if (isCompiledFilter(filterOrSource)) {
    if (opts.dialect !== undefined && opts.dialect !== filterOrSource.dialect) {
      throw new TypeError(`explain: the filter was compiled for the ${filterOrSource.dialect} dialect`);
    }
    ({ ast, source, dialect } = filterOrSource);
    spansIndexSource = spansMatchSource(filterOrSource);
  } else if (typeof filterOrSource === "string") {
    dialect = opts.dialect ?? "trigger";
    ast = parse(filterOrSource, { dialect });
    source = filterOrSource;
    spansIndexSource = true;
  } else if (typeof filterOrSource === "object" && filterOrSource !== null) {
    dialect = opts.dialect ?? "trigger";
    checkAst(filterOrSource, dialect);
    ast = filterOrSource;
    source = sourceOfAst(ast);
    spansIndexSource = false;
  } else {
    throw new TypeError("explain expects a compiled filter, filter text or a filter AST");
  }
  const state: State = {
    error: null,
    textOf: spansIndexSource ? (node) => source.slice(node.span.start, node.span.end) : sourceOfAst,
  };
  const root = visit(ast, event, state);
  const explanation = { source, dialect, matched: root.result === "true", error: state.error, root };
  Object.defineProperty(explanation, "toString", {
    value: () => renderExplanation(explanation as Explanation, opts.names === undefined ? undefined : { names: opts.names }),
    enumerable: false,
  });
  return explanation as Explanation;
}

/** A names option is a plain object of text values. */
function checkNames(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "an object of ids and names";
  return Object.values(value).every((name) => typeof name === "string") ? undefined : "an object whose values are names (text)";
}

function visit(node: FilterAst, event: unknown, state: State): ExplainNode {
  const base = { span: { start: node.span.start, end: node.span.end }, text: state.textOf(node) };
  switch (node.kind) {
    case "condition":
      return condition(node, base, event, state);
    case "not": {
      const skipped = state.error !== null;
      const operand = visit(node.operand, event, state);
      const result = skipped ? "not-evaluated" : operand.result === "error" ? "error" : operand.result === "true" ? "false" : "true";
      return { kind: "not", result, ...base, operand };
    }
    case "and":
    case "or": {
      const skipped = state.error !== null;
      const operands = node.operands.map((operand) => visit(operand, event, state));
      let result: ExplainResult;
      if (skipped) result = "not-evaluated";
      else if (operands.some((operand) => operand.result === "error")) result = "error";
      else {
        const wanted = node.kind === "and" ? "false" : "true";
        const decided = operands.some((operand) => operand.result === wanted);
        result = decided ? wanted : node.kind === "and" ? "true" : "false";
      }
      return { kind: node.kind, result, ...base, operands };
    }
    default: {
      const never: never = node;
      throw new TypeError(`invalid filter AST: ${String((never as { kind: unknown }).kind)}`);
    }
  }
}

function condition(
  node: Extract<FilterAst, { kind: "condition" }>,
  base: { span: Span; text: string },
  event: unknown,
  state: State,
): ExplainCondition {
  const field = pathText(node.field.segments);
  const head = { kind: "condition" as const, ...base, field, operator: node.operator };
  if (state.error !== null) return { ...head, result: "not-evaluated" };
  let left: ExplainSide | undefined;
  let right: ExplainSide | ExplainLiteral | undefined = node.value.kind === "literal" ? { literal: node.value.text } : undefined;
  try {
    const leftValue = readPath(event, node.field.segments);
    left = side(field, leftValue);
    let holds: boolean;
    if (node.value.kind === "literal") {
      holds = decideLiteral(node.operator, leftValue, node.value.text);
    } else {
      const rightValue = readPath(event, node.value.segments);
      right = side(pathText(node.value.segments), rightValue);
      holds = decideFields(node.operator, leftValue, rightValue);
    }
    return { ...head, result: holds ? "true" : "false", left, right: right as ExplainSide | ExplainLiteral };
  } catch (thrown) {
    const error = locateError(thrown, node);
    state.error = error.toJSON();
    return {
      ...head,
      result: "error",
      ...(left !== undefined ? { left } : {}),
      ...(right !== undefined ? { right } : {}),
      error: { code: error.code, message: error.message },
    };
  }
}

function side(path: string, value: unknown): ExplainSide {
  return value === MISSING ? { path, found: false } : { path, found: true, value: toJsonSafe(value) };
}
