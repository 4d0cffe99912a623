/**
 * A one-line rendering of any filter AST, including trees built by hand that
 * no filter text can express (a field name with a quote or a space, a
 * literal with a line break). Names that filter text could hold are printed
 * bare; others, and every literal, are quoted as JSON strings. Used where
 * `format` refuses a tree; the result is for people and cannot be parsed back.
 */
import type { FilterAst } from "../syntax/ast";

const PLAIN_NAME = /^[A-Za-z0-9_.]+$/;

function name(segments: readonly string[]): string {
  const text = segments.join(".");
  return PLAIN_NAME.test(text) ? text : JSON.stringify(text);
}

const STRENGTH = { or: 1, and: 2, not: 3, condition: 4 } as const;

/** The debug rendering of `node` (cost linear in its size). */
export function debugText(node: FilterAst): string {
  switch (node.kind) {
    case "or":
    case "and": {
      if (node.operands.length === 0) return `(${node.kind} of nothing)`;
      return node.operands.map((operand) => wrapped(operand, STRENGTH[node.kind] + 1)).join(` ${node.kind} `);
    }
    case "not":
      return `not ${wrapped(node.operand, STRENGTH.not)}`;
    case "condition": {
      const value = node.value;
      const right = value.kind === "field" ? name(value.segments) : JSON.stringify(value.text);
      return `${name(node.field.segments)} ${node.operator} ${right}`;
    }
    default: {
      const never: never = node;
      throw new TypeError(`invalid filter AST: ${String((never as { kind: unknown }).kind)}`);
    }
  }
}

function wrapped(node: FilterAst, strength: number): string {
  const text = debugText(node);
  return STRENGTH[node.kind] < strength ? `(${text})` : text;
}
