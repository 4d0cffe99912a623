/**
 * The portable backend: a tree of closures, for runtimes that forbid
 * `new Function` (a content security policy without `unsafe-eval`).
 *
 * It evaluates exactly as ftrack's engine does: every operand of every `and`
 * and `or`, left to right, depth first, before combining them, so the first
 * error in source order aborts the evaluation. Results equal the code
 * generator's on every event. Each condition reads its own fields, so a
 * getter on a shared prefix (`entity` in `entity.a` and `entity.b`) runs once
 * per condition here, and once per call in generated code.
 */
import type { ConditionNode, FilterAst } from "../syntax/ast";
import { locateError } from "./errors";
import { decideFields, decideLiteral, readPath } from "./values";

type Predicate = (event: unknown) => boolean;

/**
 * Compiles `ast` into a predicate built from closures. Strict predicates
 * throw a `FilterEvaluationError`; the others return false on any error.
 * Cost: one walk of the tree; each call walks the closures once.
 */
export function compileWithClosures(ast: FilterAst, strict: boolean): Predicate {
  const root = build(ast, strict);
  return (event: unknown): boolean => {
    try {
      return root(event);
    } catch (error) {
      if (strict) throw error;
      return false;
    }
  };
}

function build(node: FilterAst, strict: boolean): Predicate {
  switch (node.kind) {
    case "condition":
      return condition(node, strict);
    case "not": {
      const operand = build(node.operand, strict);
      return (event) => !operand(event);
    }
    case "and": {
      const operands = node.operands.map((operand) => build(operand, strict));
      return (event) => {
        let result = true;
        for (const operand of operands) if (!operand(event)) result = false;
        return result;
      };
    }
    case "or": {
      const operands = node.operands.map((operand) => build(operand, strict));
      return (event) => {
        let result = false;
        for (const operand of operands) if (operand(event)) result = true;
        return result;
      };
    }
    default: {
      const never: never = node;
      throw new TypeError(`invalid filter AST: ${String((never as { kind: unknown }).kind)}`);
    }
  }
}

function condition(node: ConditionNode, strict: boolean): Predicate {
  const { operator, value } = node;
  const segments = [...node.field.segments];
  let decide: Predicate;
  if (value.kind === "field") {
    const other = [...value.segments];
    decide = (event) => decideFields(operator, readPath(event, segments), readPath(event, other));
  } else {
    const text = value.text;
    decide = (event) => decideLiteral(operator, readPath(event, segments), text);
  }
  if (!strict) return decide;
  return (event) => {
    try {
      return decide(event);
    } catch (error) {
      throw locateError(error, node);
    }
  };
}
