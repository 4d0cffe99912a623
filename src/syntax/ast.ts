/**
 * The typed, readonly AST of a filter. Types only.
 *
 * Every node has a `kind` and a `span` (0-based offsets into the source as
 * given to `parse`, end exclusive). Consumers dispatch with an exhaustive
 * `switch` whose default is `never`, so a new node kind does not compile until
 * every stage handles it.
 */

/** Which expression language a filter is written in. */
export type Dialect = "trigger" | "event-hub";

/** A half-open range `[start, end)` of UTF-16 offsets into the source. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Operator = "=" | "!=" | "<" | "<=" | ">" | ">=";

/** `a or b or ...`: at least two operands, none of which is itself an `or`. */
export interface OrNode {
  readonly kind: "or";
  readonly operands: readonly FilterAst[];
  readonly span: Span;
}

/** `a and b and ...`: at least two operands, none of which is itself an `and`. */
export interface AndNode {
  readonly kind: "and";
  readonly operands: readonly FilterAst[];
  readonly span: Span;
}

export interface NotNode {
  readonly kind: "not";
  readonly operand: FilterAst;
  readonly span: Span;
}

/** `field operator value`. */
export interface ConditionNode {
  readonly kind: "condition";
  readonly field: FieldPath;
  readonly operator: Operator;
  readonly value: Value;
  readonly span: Span;
}

/** A dotted path, split on `.` exactly as written (`a..b` has an empty segment). */
export interface FieldPath {
  readonly segments: readonly string[];
  readonly span: Span;
}

/**
 * A right-hand literal: always text. `text` is the value ftrack compares
 * with (quotes removed, nothing unescaped, tabs expanded). How it was written
 * (bare, or in which quotes) is not part of the tree, so that a filter and
 * its canonical form have equal trees; the span shows it in the source.
 */
export interface LiteralValue {
  readonly kind: "literal";
  readonly text: string;
  readonly span: Span;
}

/** A bare `entity.…` or `metadata.…` right-hand side (trigger dialect only). */
export interface FieldReference {
  readonly kind: "field";
  readonly segments: readonly string[];
  readonly span: Span;
}

export type Value = LiteralValue | FieldReference;

export type FilterAst = OrNode | AndNode | NotNode | ConditionNode;
