/**
 * Syntax errors: a stable code, a position, a message that says what was
 * expected and what was found, and a caret excerpt of the offending line.
 */
import { brandErrorClass } from "../identity";

/** The stable codes of {@link FilterSyntaxError}. */
export type SyntaxErrorCode =
  | "empty"
  | "too-long"
  | "too-deep"
  | "unexpected-character"
  | "unterminated-string"
  | "unexpected-token"
  | "unexpected-end"
  | "invalid-field";

export interface LineColumn {
  /** 1-based line; `\n`, `\r\n` and `\r` each end a line. */
  readonly line: number;
  /** 1-based column, counted in UTF-16 code units as editors do. */
  readonly column: number;
}

/** The 1-based line and column of a 0-based offset into `source`. */
export function lineColumn(source: string, offset: number): LineColumn {
  return new LineIndex(source).at(offset);
}

/**
 * Lines and columns of one source, found by binary search over its line
 * starts (computed once, on first use), so that many positions in one
 * source cost linear time in all.
 */
export class LineIndex {
  private starts: number[] | undefined;

  constructor(private readonly source: string) {}

  at(offset: number): LineColumn {
    this.starts ??= lineStarts(this.source);
    const starts = this.starts;
    const end = Math.max(0, Math.min(offset, this.source.length));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if ((starts[mid] as number) <= end) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: end - (starts[low] as number) + 1 };
  }
}

/** Where each line starts: after `\n`, `\r\n` or a lone `\r`. */
function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10 || (c === 13 && source.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

/**
 * Renders the line of `source` that holds `offset`, with carets under
 * `length` characters (at least one):
 *
 * ```text
 *   1 | key=value and
 *     |              ^
 * ```
 */
export function renderExcerpt(source: string, offset: number, length = 1): string {
  const { line, column } = lineColumn(source, offset);
  let start = offset - (column - 1);
  let end = start;
  while (end < source.length && source[end] !== "\n" && source[end] !== "\r") end++;
  // Very long lines are cut to a window around the problem.
  const window = 100;
  let text = source.slice(start, end);
  let caretAt = column - 1;
  if (text.length > window) {
    const from = Math.max(0, Math.min(caretAt - window / 2, text.length - window));
    text = (from > 0 ? "…" : "") + text.slice(from, from + window) + (from + window < text.length ? "…" : "");
    caretAt = caretAt - from + (from > 0 ? 1 : 0);
    start += from;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters would move the caret, so they show as blanks
  const visible = text.replace(/[\t\u0000-\u001f\u007f]/g, " ");
  const carets = "^".repeat(Math.max(1, Math.min(length, visible.length - caretAt)));
  const gutter = String(line);
  const pad = " ".repeat(gutter.length);
  return `${gutter} | ${visible}\n${pad} | ${" ".repeat(caretAt)}${carets}`;
}

/**
 * Thrown by `parse` (and everything that parses) for a filter that ftrack
 * would reject, or that exceeds a configured limit.
 */
export class FilterSyntaxError extends Error {
  override readonly name = "FilterSyntaxError";
  /** A stable code for programs; the message is for people. */
  readonly code: SyntaxErrorCode;
  /** 0-based UTF-16 offset of the problem in `source`. */
  readonly offset: number;
  /** Number of code units the problem spans (0 at the end of the input). */
  readonly length: number;
  readonly line: number;
  readonly column: number;
  /** The filter as given. */
  readonly source: string;
  /** The message without its position, as a linter shows it beside a span (the hint included). */
  readonly reason: string;
  /** What to write instead, where it is known, such as `use "=" (ftrack has no "==")`; the message ends with it too. */
  readonly hint?: string;

  constructor(code: SyntaxErrorCode, description: string, source: string, offset: number, length: number, hint?: string) {
    const { line, column } = lineColumn(source, offset);
    const reason = hint === undefined ? description : `${description}; ${hint}`;
    super(`${reason} (at line ${line}, column ${column})`);
    if (hint !== undefined) this.hint = hint;
    this.code = code;
    this.offset = offset;
    this.length = length;
    this.line = line;
    this.column = column;
    this.source = source;
    this.reason = reason;
  }

  /** The offending line of the source with a caret under the problem. */
  excerpt(): string {
    return renderExcerpt(this.source, this.offset, this.length);
  }

  /** Plain data, for logs and JSON output. */
  toJSON(): {
    name: string;
    code: SyntaxErrorCode;
    message: string;
    offset: number;
    length: number;
    line: number;
    column: number;
    hint?: string;
  } {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      offset: this.offset,
      length: this.length,
      line: this.line,
      column: this.column,
      ...(this.hint === undefined ? {} : { hint: this.hint }),
    };
  }
}

brandErrorClass(FilterSyntaxError, "FilterSyntaxError");
