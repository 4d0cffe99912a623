/**
 * Hand-built ASTs for compiler tests: trees the grammar cannot write (field
 * names with quotes, literals with line breaks) and trees built without the
 * parser. Spans are placeholders unless given.
 */
import type { ConditionNode, FilterAst, Operator, Span } from "../../src/syntax/ast";

const NO_SPAN: Span = { start: 0, end: 0 };

/** A path from its text (`"a.b"`) or from explicit segments. */
function segmentsOf(path: string | readonly string[]): readonly string[] {
  return typeof path === "string" ? path.split(".") : path;
}

/** `field operator "literal"`. */
export function cond(field: string | readonly string[], operator: Operator, literal: string, span = NO_SPAN): ConditionNode {
  return {
    kind: "condition",
    field: { segments: segmentsOf(field), span },
    operator,
    value: { kind: "literal", text: literal, span },
    span,
  };
}

/** `field operator other.field` (a field reference, trigger dialect). */
export function ref(field: string | readonly string[], operator: Operator, other: string | readonly string[], span = NO_SPAN): ConditionNode {
  return {
    kind: "condition",
    field: { segments: segmentsOf(field), span },
    operator,
    value: { kind: "field", segments: segmentsOf(other), span },
    span,
  };
}

export function and(...operands: FilterAst[]): FilterAst {
  return { kind: "and", operands, span: NO_SPAN };
}

export function or(...operands: FilterAst[]): FilterAst {
  return { kind: "or", operands, span: NO_SPAN };
}

export function not(operand: FilterAst): FilterAst {
  return { kind: "not", operand, span: NO_SPAN };
}

/** Both backends, for `describe.each`. */
export const BACKENDS = ["codegen", "closure"] as const;
