/**
 * Compiler-style text for diagnostics: a `SOURCE:LINE:COLUMN: severity
 * code: message` headline, the offending line with carets under the
 * problem, and the suggested replacement when there is one.
 *
 * ```text
 * filters.txt:3:22: warning unknown-entity-type: "task" is not an entity type ...
 *   3 | entity.entity_type = "task"
 *     |                      ^^^^^^
 *     = help: replace "task" with "Task"
 * ```
 */
import type { Diagnostic, Severity } from "../index";
import type { FilterInput } from "./filters";
import type { Style } from "./style";

/** Lines are cut to a window around the problem when longer than the terminal, or than this elsewhere. */
const MAX_WIDTH = 240;

function severityText(severity: Severity, style: Style): string {
  switch (severity) {
    case "error":
      return style.bold(style.red("error"));
    case "warning":
      return style.bold(style.yellow("warning"));
    case "info":
      return style.bold(style.cyan("info"));
    default: {
      const never: never = severity;
      return String(never);
    }
  }
}

/**
 * The diagnostic as text lines (no trailing newline), its excerpt fitted to
 * `width` columns (a terminal's width; default 240). Cost linear in the
 * filter's length.
 */
export function renderDiagnostic(input: FilterInput, diagnostic: Diagnostic, style: Style, width = MAX_WIDTH): string {
  const { span } = diagnostic;
  const shownLine = span.line + input.lineOffset;
  const head =
    `${style.bold(`${input.label}:${shownLine}:${span.column}:`)} ${severityText(diagnostic.severity, style)} ` +
    `${style.dim(diagnostic.code)}: ${diagnostic.message}`;
  const lines = input.filter.split(/\r\n|\r|\n/);
  const text = lines[span.line - 1] ?? "";
  const lastColumn = span.endLine === span.line ? span.endColumn : text.length + 1;
  const excerpt = excerptLines(text, span.column, Math.max(1, lastColumn - span.column), String(shownLine), style, width);
  const out = [head, ...excerpt];
  const suggestion = diagnostic.suggestion;
  if (suggestion !== undefined) {
    const pad = " ".repeat(String(shownLine).length);
    const replaced = input.filter.slice(suggestion.span.start, suggestion.span.end);
    const help = replaced === "" ? `insert ${oneLine(suggestion.text)}` : `replace ${oneLine(replaced)} with ${oneLine(suggestion.text)}`;
    out.push(`${pad} ${style.dim("=")} ${style.bold("help")}: ${help}`);
  }
  return out.join("\n");
}

function excerptLines(text: string, column: number, length: number, gutter: string, style: Style, width: number): string[] {
  let shown = oneLine(text);
  let caretAt = Math.min(column - 1, shown.length);
  // Room for the text after the gutter, with two columns kept for the ellipses.
  const room = Math.max(40, width - gutter.length - 5);
  if (shown.length > room) {
    const from = Math.max(0, Math.min(caretAt - Math.floor(room / 3), shown.length - room));
    const cut = shown.slice(from, from + room);
    shown = (from > 0 ? "…" : "") + cut + (from + room < shown.length ? "…" : "");
    caretAt = caretAt - from + (from > 0 ? 1 : 0);
  }
  const carets = "^".repeat(Math.max(1, Math.min(length, shown.length - caretAt)));
  const pad = " ".repeat(gutter.length);
  return [`${style.dim(`${gutter} |`)} ${shown}`, `${style.dim(`${pad} |`)} ${" ".repeat(caretAt)}${style.bold(style.green(carets))}`];
}

/** Text on one line: tabs and other control characters shown as one space each, so carets line up. */
function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this replaces
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, " ");
}

/** Counts of diagnostics by severity. */
export interface Tally {
  error: number;
  warning: number;
  info: number;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The closing line of a lint run: `3 filters: 1 error, 2 warnings` or `3 filters: no problems`. */
export function renderSummary(filters: number, tally: Tally, style: Style): string {
  const parts: string[] = [];
  if (tally.error > 0) parts.push(style.red(plural(tally.error, "error")));
  if (tally.warning > 0) parts.push(style.yellow(plural(tally.warning, "warning")));
  if (tally.info > 0) parts.push(style.cyan(plural(tally.info, "info")));
  const found = parts.length === 0 ? style.green("no problems") : parts.join(", ");
  return `${style.bold(`${plural(filters, "filter")}:`)} ${found}`;
}
