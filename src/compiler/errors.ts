/**
 * Evaluation errors: what ftrack's engine fails on while it evaluates a
 * filter against an event (rule 9 of the semantics: an error aborts the whole
 * evaluation, so the filter does not match). Strict mode throws them; the
 * default mode turns them into "no match".
 *
 * The value rules raise a light internal `EvaluationFault`; the backends turn
 * it into a `FilterEvaluationError` that names the condition that failed.
 */

import { brandErrorClass } from "../identity";
import type { ConditionNode, Operator, Span } from "../syntax/ast";
import { type JsonValue, toJsonSafe, truncateText } from "./json-safe";

/** The stable codes of {@link FilterEvaluationError}. */
export type EvaluationErrorCode =
  /** `<`, `<=`, `>`, `>=` against a literal, on a value that is not a string. */
  | "ordering-on-non-string"
  /** A `*`-suffixed literal with `=`, on a number, boolean or null. */
  | "wildcard-on-scalar"
  /** `=` with the empty literal (`""` or `''`), once the field resolves. */
  | "empty-literal"
  /** Ordering two event values that Python cannot order (field against field). */
  | "ordering-type-mismatch"
  /** Comparing structures nested more than 1,000 levels deep, or cyclic ones. */
  | "too-deep"
  /** Reading the event threw (a getter, a proxy trap); the original is the `cause`. */
  | "read-error";

/** Raised by the value rules; carries no position. Internal to the compiler. */
export class EvaluationFault {
  constructor(
    readonly code: Exclude<EvaluationErrorCode, "read-error">,
    /** What went wrong, without the condition (the backend adds it). */
    readonly reason: string,
    readonly left: unknown,
    readonly right: unknown,
  ) {}
}

/** Plain-data form of a {@link FilterEvaluationError}, as `toJSON` returns it. */
export interface FilterEvaluationErrorData {
  readonly name: "FilterEvaluationError";
  readonly code: EvaluationErrorCode;
  readonly message: string;
  readonly span: Span;
  readonly field: string;
  readonly operator: Operator;
  readonly left?: JsonValue;
  readonly right?: JsonValue;
}

/**
 * Thrown by a filter compiled with `strict: true` (and reported by `explain`)
 * when ftrack's engine would fail on the event. `left` and `right` are the
 * values involved, copied into JSON-safe form (long strings and large or
 * deep structures are truncated); they are absent for `read-error`.
 */
export class FilterEvaluationError extends Error {
  override readonly name = "FilterEvaluationError";
  /** A stable code for programs; the message is for people. */
  readonly code: EvaluationErrorCode;
  /** The span of the condition that failed, in the filter's source. */
  readonly span: Span;
  /** The condition's field path as written (`entity.new.bid`). */
  readonly field: string;
  readonly operator: Operator;
  readonly left?: JsonValue;
  readonly right?: JsonValue;
  /** The message without the condition, as a linter or explainer shows it. */
  readonly reason: string;

  constructor(
    code: EvaluationErrorCode,
    reason: string,
    details: {
      /** The condition as a person reads it, for the message. */
      readonly condition: string;
      readonly span: Span;
      readonly field: string;
      readonly operator: Operator;
      readonly left?: JsonValue;
      readonly right?: JsonValue;
      readonly cause?: unknown;
    },
  ) {
    super(`${details.condition}: ${reason}`, "cause" in details ? { cause: details.cause } : undefined);
    this.code = code;
    this.reason = reason;
    this.span = { start: details.span.start, end: details.span.end };
    this.field = details.field;
    this.operator = details.operator;
    if (details.left !== undefined) this.left = details.left;
    if (details.right !== undefined) this.right = details.right;
  }

  /** Plain data, for logs and JSON output. */
  toJSON(): FilterEvaluationErrorData {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      span: this.span,
      field: this.field,
      operator: this.operator,
      ...(this.left !== undefined ? { left: this.left } : {}),
      ...(this.right !== undefined ? { right: this.right } : {}),
    };
  }
}

brandErrorClass(FilterEvaluationError, "FilterEvaluationError");

/** The path text of a field: its segments joined with `.`. */
export function pathText(segments: readonly string[]): string {
  return segments.join(".");
}

/**
 * Turns anything thrown while a condition was evaluated into the
 * `FilterEvaluationError` that names it: an `EvaluationFault` keeps its code,
 * anything else (a throwing getter or proxy trap) becomes `read-error`. Never
 * throws, whatever was thrown.
 */
export function locateError(thrown: unknown, condition: ConditionNode): FilterEvaluationError {
  const where = {
    condition: conditionText(condition),
    span: condition.span,
    field: pathText(condition.field.segments),
    operator: condition.operator,
  };
  let fault: EvaluationFault | undefined;
  try {
    if (thrown instanceof EvaluationFault) fault = thrown;
  } catch {
    // A thrown proxy whose traps throw: treat it as a failed read.
  }
  if (fault !== undefined) {
    return new FilterEvaluationError(fault.code, fault.reason, {
      ...where,
      left: toJsonSafe(fault.left),
      right: toJsonSafe(fault.right),
    });
  }
  return new FilterEvaluationError("read-error", `reading the event threw ${describeThrown(thrown)}`, {
    ...where,
    cause: thrown,
  });
}

/** A short, one-line rendering of a condition for messages (long literals cut). */
export function conditionText(condition: ConditionNode): string {
  const value = condition.value;
  const right = value.kind === "field" ? cut(pathText(value.segments)) : JSON.stringify(cut(value.text));
  return `${cut(pathText(condition.field.segments))} ${condition.operator} ${right}`;
}

function cut(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

function describeThrown(thrown: unknown): string {
  try {
    if (thrown instanceof Error) return truncateText(`${thrown.name}: ${thrown.message}`);
    return typeof thrown === "string" ? JSON.stringify(truncateText(thrown)) : typeof thrown;
  } catch {
    return "an unreadable value";
  }
}
