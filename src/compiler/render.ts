/**
 * Renders an explanation as an indented tree that a person reads in a test
 * failure or a terminal: a headline, then one line per node with a mark
 * (✓ true, ✗ false, ! error, · not evaluated), the node's text, and what
 * each side of a condition resolved to.
 *
 * ```text
 * no match
 * ✗ and
 *   ✓ entity.entity_type = "AssetVersion"    entity.entity_type is "AssetVersion"
 *   ✗ entity.new.status_id != entity.old.status_id    entity.new.status_id is "44dd…" ; entity.old.status_id is "44dd…"
 * ```
 */
import type { ExplainNode, ExplainResult, ExplainSide, Explanation } from "./explain";
import { truncateText } from "./json-safe";

const MARK: Readonly<Record<ExplainResult, string>> = {
  true: "✓",
  false: "✗",
  error: "!",
  "not-evaluated": "·",
};

/** Longest node text or value shown on a line before it is cut. */
const MAX_SHOWN = 120;

/** Options of {@link renderExplanation}. */
export interface RenderOptions {
  /** Names for ids: a value or literal that is a key reads `Approved (44de097a…)`. */
  readonly names?: Readonly<Record<string, string>>;
}

type Names = ReadonlyMap<string, string>;

/**
 * The explanation as text, one node per line; with `names`, ids read as
 * `Name (44de097a…)`. Cost linear in the filter's size.
 */
export function renderExplanation(explanation: Explanation, options?: RenderOptions): string {
  const lines: string[] = [];
  const error = explanation.error;
  const names: Names = new Map(options?.names === undefined ? [] : Object.entries(options.names));
  lines.push(error === null ? (explanation.matched ? "match" : "no match") : `no match: evaluation failed (${error.code})`);
  renderNode(explanation.root, 0, lines, names);
  return lines.join("\n");
}

/** `Approved (44de097a…)` for a named id; undefined for anything else. */
function named(value: unknown, names: Names): string | undefined {
  if (typeof value !== "string") return undefined;
  const name = names.get(value);
  return name === undefined ? undefined : `${name} (${value.length > 9 ? `${value.slice(0, 8)}…` : value})`;
}

function renderNode(node: ExplainNode, depth: number, lines: string[], names: Names): void {
  const indent = "  ".repeat(depth);
  const mark = MARK[node.result];
  switch (node.kind) {
    case "and":
    case "or":
      lines.push(`${indent}${mark} ${node.kind}`);
      for (const operand of node.operands) renderNode(operand, depth + 1, lines, names);
      return;
    case "not":
      lines.push(`${indent}${mark} not`);
      renderNode(node.operand, depth + 1, lines, names);
      return;
    case "condition": {
      const sides: string[] = [];
      if (node.left !== undefined) sides.push(describeSide(node.left, names));
      if (node.right !== undefined && "path" in node.right) sides.push(describeSide(node.right, names));
      const literal = node.right !== undefined && "literal" in node.right ? named(node.right.literal, names) : undefined;
      if (literal !== undefined) sides.push(`the literal is ${literal}`);
      const resolved = sides.length > 0 ? `    ${sides.join(" ; ")}` : node.result === "not-evaluated" ? "    (not evaluated)" : "";
      lines.push(`${indent}${mark} ${oneLine(node.text)}${resolved}`);
      if (node.error !== undefined) lines.push(`${indent}  ! ${node.error.code}: ${oneLine(node.error.message)}`);
      return;
    }
    default: {
      const never: never = node;
      throw new TypeError(`unknown explanation node ${String(never)}`);
    }
  }
}

function describeSide(side: ExplainSide, names: Names): string {
  const path = oneLine(side.path);
  if (!side.found) return `${path} is missing`;
  return `${path} is ${oneLine(named(side.value, names) ?? JSON.stringify(side.value))}`;
}

/** Text on one line: line breaks and other controls shown as spaces, long text cut. */
function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this replaces
  return truncateText(text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, " "), MAX_SHOWN);
}
