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
}

/** The position data of `span` in `source`. */
export function toDiagnosticSpan(source: string, span: Span, lines: LineIndex = new LineIndex(source)): DiagnosticSpan {
  const from = lines.at(span.start);
  const to = span.end === span.start ? from : lines.at(span.end);
  return { start: span.start, end: span.end, line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}

/** Collects the diagnostics of one `lint` call; rules report through it. */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  private readonly lines: LineIndex;

  constructor(readonly source: string) {
    this.lines = new LineIndex(source);
  }

  report(code: string, severity: Severity, message: string, span: Span, fix?: { text: string; span: Span }, hint?: string): void {
    const base: Diagnostic = { code, severity, message, span: toDiagnosticSpan(this.source, span, this.lines) };
    const diagnostic: Diagnostic = hint === undefined ? base : { ...base, hint };
    this.diagnostics.push(
      fix === undefined
        ? diagnostic
        : { ...diagnostic, suggestion: { text: fix.text, span: toDiagnosticSpan(this.source, fix.span, this.lines) } },
    );
  }
}
