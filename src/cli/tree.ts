/**
 * Explanation trees on a terminal: the tree that `Explanation.toString()`
 * renders, with its marks coloured (✓ green, ✗ red, ! yellow, · dim) and
 * its headline beside the event's name.
 */
import type { Explanation } from "./lib";
import type { Style } from "./style";

function colourMark(line: string, style: Style): string {
  // The marks as escapes: the command line's bundle stays ASCII, which its executable reads without decoding.
  return line.replace(/^(\s*)([\u2713\u2717!\u00b7])/, (_, indent: string, mark: string) => {
    const coloured =
      mark === "✓" ? style.green(mark) : mark === "✗" ? style.red(mark) : mark === "!" ? style.yellow(mark) : style.dim(mark);
    return `${indent}${style.bold(coloured)}`;
  });
}

/** The headline ("match", "no match", "no match: evaluation failed (CODE)") coloured. */
export function colourVerdict(verdict: string, matched: boolean, style: Style): string {
  return matched ? style.bold(style.green(verdict)) : style.bold(verdict);
}

/**
 * The explanation as text lines: `PREFIX` + headline, then the tree
 * indented by `indent` spaces. Cost linear in the filter's size.
 */
export function renderTree(explanation: Explanation, prefix: string, indent: number, style: Style): string {
  const [headline = "", ...tree] = String(explanation).split("\n");
  const pad = " ".repeat(indent);
  return [`${prefix}${colourVerdict(headline, explanation.matched, style)}`, ...tree.map((line) => pad + colourMark(line, style))].join(
    "\n",
  );
}
