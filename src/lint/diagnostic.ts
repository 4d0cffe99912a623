/**
 * What the linter reports: plain JSON data (no classes, no functions), so a
 * diagnostic can be logged, sent over the wire or compared with `toEqual`.
 */
import type { Span } from "../syntax/ast";
import { LineIndex } from "../syntax/errors";

export type Severity = "error" | "warning" | "info";

/**
 * A range of the source: `start`/`end` are 0-based UTF-16 offsets (end
 * exclusive); lines and columns are 1-based, and `endLine`/`endColumn` give
 * the position of `end` (just past the last character).
 */
export interface DiagnosticSpan {
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** A replacement that fixes the problem: put `text` in place of `span`. */
export interface Suggestion {
  readonly text: string;
  readonly span: DiagnosticSpan;
}

export interface Diagnostic {
  /** The rule's stable code, such as `unknown-field` (see RULES.md). */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: DiagnosticSpan;
  readonly suggestion?: Suggestion;
  /** Syntax errors: what to write instead, where known (the message ends with it too). */
  readonly hint?: string;
  /** On `more-diagnostics` only: how many diagnostics of each severity it stands for. */
  readonly omitted?: Readonly<Record<Severity, number>>;
}

/** The position data of `span` in `source`. */
export function toDiagnosticSpan(source: string, span: Span, lines: LineIndex = new LineIndex(source)): DiagnosticSpan {
  const from = lines.at(span.start);
  const to = span.end === span.start ? from : lines.at(span.end);
  return { start: span.start, end: span.end, line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}

/** Most diagnostics `lint` returns for one filter; a last `more-diagnostics` one counts the rest. */
export const MAX_DIAGNOSTICS = 50;

/** Most characters of filter text a message quotes: a token, path or value. */
export const QUOTED_TOKEN = 40;
/** Most characters of filter text a message quotes: a whole condition. */
export const QUOTED_CONDITION = 80;

/** Longest message: a few quotes within fixed text; a longer one is cut (a net for every rule). */
const MAX_MESSAGE = 600;

// C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional
// controls that can reorder what a terminal or an editor shows.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what messages escape
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const ESCAPES: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** `text` with every control character written as an escape (`\n`, `\u001b`), so it prints as it reads. */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * Filter text as a message quotes it: cut to `max` characters (ending in
 * `…`, never inside a surrogate pair), control characters escaped. Cost
 * O(max), whatever the length of `text`.
 */
export function quoteText(text: string, max: number = QUOTED_TOKEN): string {
  if (text.length <= max) return escapeControls(text);
  const end = isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max;
  return `${escapeControls(text.slice(0, end))}…`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Collects the diagnostics of one `lint` call; rules report through it. */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  private readonly lines: LineIndex;

  constructor(readonly source: string) {
    this.lines = new LineIndex(source);
  }

  /**
   * Records a diagnostic. Whatever the rule wrote, the message has its
   * control characters escaped and is cut to a few hundred characters.
   */
  report(code: string, severity: Severity, message: string, span: Span, fix?: { text: string; span: Span }, hint?: string): void {
    const base: Diagnostic = {
      code,
      severity,
      message: quoteText(message, MAX_MESSAGE),
      span: toDiagnosticSpan(this.source, span, this.lines),
    };
    const diagnostic: Diagnostic = hint === undefined ? base : { ...base, hint };
    this.diagnostics.push(
      fix === undefined
        ? diagnostic
        : { ...diagnostic, suggestion: { text: fix.text, span: toDiagnosticSpan(this.source, fix.span, this.lines) } },
    );
  }
}

/**
 * The first {@link MAX_DIAGNOSTICS} of `sorted`, then, when there are more, one
 * `more-diagnostics` diagnostic at the first one left out, counting them
 * (in its message, and by severity in `omitted`), with the highest severity
 * among them (so an error is never hidden behind a count of warnings).
 */
export function capDiagnostics(sorted: Diagnostic[]): Diagnostic[] {
  if (sorted.length <= MAX_DIAGNOSTICS) return sorted;
  const rest = sorted.slice(MAX_DIAGNOSTICS);
  const tally: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of rest) tally[d.severity]++;
  const parts = (["error", "warning", "info"] as const)
    .filter((severity) => tally[severity] > 0)
    .map((severity) => `${tally[severity]} ${severity === "info" ? "info" : `${severity}${tally[severity] === 1 ? "" : "s"}`}`);
  const severity: Severity = tally.error > 0 ? "error" : tally.warning > 0 ? "warning" : "info";
  const first = rest[0] as Diagnostic;
  const more: Diagnostic = {
    code: "more-diagnostics",
    severity,
    message: `and ${rest.length} more (${parts.join(", ")}), not listed: at most ${MAX_DIAGNOSTICS} diagnostics are reported per filter`,
    span: first.span,
    omitted: tally,
  };
  sorted.length = MAX_DIAGNOSTICS;
  sorted.push(more);
  return sorted;
}
