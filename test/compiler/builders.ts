/**
 * Hand-built ASTs for compiler tests: trees the grammar cannot write (field
 * names with quotes, literals with line breaks) and trees built without the
 * parser. Spans are placeholders unless given.
 */
import fc from "fast-check";
import type { CompiledFilter } from "../../src/compiler/compile";
import { FilterEvaluationError } from "../../src/compiler/errors";
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
export function ref(
  field: string | readonly string[],
  operator: Operator,
  other: string | readonly string[],
  span = NO_SPAN,
): ConditionNode {
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

/**
 * Random filter trees over the given conditions: `not`, and `and`/`or` of 2
 * to `maxOperands` operands, every node with an empty span.
 */
export function treesOf(condition: fc.Arbitrary<FilterAst>, maxOperands: number): fc.Arbitrary<FilterAst> {
  const span = { start: 0, end: 0 };
  return fc.letrec<{ tree: FilterAst }>((tie) => ({
    tree: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      { weight: 3, arbitrary: condition },
      { weight: 1, arbitrary: tie("tree").map((operand): FilterAst => ({ kind: "not", operand, span })) },
      {
        weight: 2,
        arbitrary: fc
          .tuple(fc.constantFrom("and" as const, "or" as const), fc.array(tie("tree"), { minLength: 2, maxLength: maxOperands }))
          .map(([kind, operands]): FilterAst => ({ kind, operands, span })),
      },
    ),
  })).tree;
}

/** Gives every condition its own span (its index), so a failure can be traced to it. */
export function numbered(ast: FilterAst): FilterAst {
  let next = 0;
  const visit = (node: FilterAst): FilterAst => {
    if (node.kind === "condition") return { ...node, span: { start: next, end: ++next } };
    if (node.kind === "not") return { ...node, operand: visit(node.operand) };
    return { ...node, operands: node.operands.map(visit) };
  };
  return visit(ast);
}

/** What a strict filter does with `input`: its result, or its error's code and condition (by span start). */
export function outcome(filter: CompiledFilter, input: unknown): { result: boolean } | { error: string; at: number } {
  try {
    return { result: filter(input) };
  } catch (error) {
    if (error instanceof FilterEvaluationError) return { error: error.code, at: error.span.start };
    throw error;
  }
}
