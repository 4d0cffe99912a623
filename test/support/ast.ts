/** Test helpers for ASTs: comparison without spans. */
import type { FilterAst } from "../../src/syntax/ast";

/** A deep copy of an AST with every `span` removed, for structural comparison. */
export function withoutSpans(node: FilterAst): unknown {
  return JSON.parse(JSON.stringify(node, (key, value: unknown) => (key === "span" ? undefined : value)));
}
