/**
 * The canonical text of a filter: lower-case keywords, one space around
 * operators and keywords, parentheses only where precedence needs them,
 * literals quoted, field references bare. `parse(format(x))` equals
 * `parse(x)` apart from spans, and `format` is idempotent.
 */
import type { FilterAst, Value } from "./ast";
import { referenceSegments } from "./grammar";
import { type ParseOptions, parse } from "./parser";

/** Options of {@link format}: how to parse when given text. */
export type FormatOptions = ParseOptions;

/**
 * Prints a filter in canonical form. Given text, parses it first (and throws
 * `FilterSyntaxError` as `parse` does). Given an AST that no filter text can
 * express (a field with characters outside `[A-Za-z0-9_.]`, a literal with a
 * line break), throws a TypeError.
 */
export function format(sourceOrAst: string | FilterAst, options?: FormatOptions): string {
  const ast = typeof sourceOrAst === "string" ? parse(sourceOrAst, options) : sourceOrAst;
  const text = print(ast);
  if (options?.dialect === "event-hub" && hasReference(ast)) {
    throw new TypeError("the event-hub dialect has no field references");
  }
  return text;
}

function hasReference(node: FilterAst): boolean {
  switch (node.kind) {
    case "or":
    case "and":
      return node.operands.some(hasReference);
    case "not":
      return hasReference(node.operand);
    case "condition":
      return node.value.kind === "field";
    default:
      return unreachable(node);
  }
}

// Binding strength: a child that binds more loosely than its parent needs parentheses.
const STRENGTH = { or: 1, and: 2, not: 3, condition: 4 } as const;

function print(node: FilterAst): string {
  switch (node.kind) {
    case "or":
    case "and":
      return node.operands.map((operand) => wrap(operand, STRENGTH[node.kind] + 1)).join(` ${node.kind} `);
    case "not":
      return `not ${wrap(node.operand, STRENGTH.not)}`;
    case "condition":
      return `${printField(node.field.segments)} ${node.operator} ${printValue(node.value)}`;
    default:
      return unreachable(node);
  }
}

function wrap(node: FilterAst, strength: number): string {
  const text = print(node);
  return STRENGTH[node.kind] < strength ? `(${text})` : text;
}

const FIELD = /^[A-Za-z0-9_.]+$/;
// What may stand between quotes and read back as the same text: the
// lexer's escapes (a backslash and any character but "x", or "\x" and a hex
// digit), with no tab (it would be expanded to spaces).
const DOUBLE_BODY = /^(?:""|\\(?:[^x\t]|x[0-9A-Fa-f])|[^"\\\n\r\t])*$/;
const SINGLE_BODY = /^(?:''|\\(?:[^x\t]|x[0-9A-Fa-f])|[^'\\\n\r\t])*$/;

function printField(segments: readonly string[]): string {
  const text = segments.join(".");
  // `not.x = 1` would read as `not (.x = 1)`: no text can name that field.
  if (!FIELD.test(text) || /^not\./i.test(text)) {
    throw new TypeError(`no filter text can name the field ${JSON.stringify(text)}`);
  }
  return text;
}

function printValue(value: Value): string {
  if (value.kind === "field") {
    const text = value.segments.join(".");
    if (referenceSegments(text) === undefined) throw new TypeError(`no filter text can refer to the field ${JSON.stringify(text)}`);
    return text;
  }
  const text = value.text;
  if (DOUBLE_BODY.test(text)) return `"${text}"`;
  if (SINGLE_BODY.test(text)) return `'${text}'`;
  throw new TypeError(`no quoted text can hold the literal ${JSON.stringify(text)}`);
}

function unreachable(node: never): never {
  throw new TypeError(`unknown node ${JSON.stringify(node)}`);
}
