/**
 * The filters that `lint` and `format` work on, gathered from the command
 * line, from files and from standard input, each with the name it is
 * reported under.
 *
 * A file holds either a JSON array of strings (when its first non-blank
 * character is `[`, which no filter can start with) or one filter per line;
 * blank lines and lines whose first non-blank character is `#` are skipped
 * (no filter can start with `#` either, so nothing is lost).
 */
import { CliError, EXIT, type ExitStatus, usageError } from "./args";
import { expandPatterns } from "./hints";
import { inputName, jsonErrorMessage, type Line, readLines, unreadable } from "./input";
import { problem } from "./output";

/** One filter to work on. */
export interface FilterInput {
  /** Where it came from: `<arg N>`, `FILE:LINE` (a line of a file) or `FILE[INDEX]` (a JSON array item). */
  readonly source: string;
  /** The prefix of `LINE:COLUMN` positions in text output: `FILE` for a file line, else `source`. */
  readonly label: string;
  /** The file (or `<stdin>`) it came from; absent for an argument. */
  readonly file?: string;
  /** Added to a position's line in the filter to give the line in its file (or argument). */
  readonly lineOffset: number;
  /**
   * For a JSON array item: where its text starts in the file (the character
   * after the opening quote; the quote itself when an escape makes columns
   * inside differ). Text output gives positions within the item instead.
   */
  readonly place?: { readonly line: number; readonly column: number; readonly exact: boolean };
  readonly filter: string;
  /** The `# ftrack-filter-disable-next-line` directive on the line above, if any. */
  readonly directive?: Directive;
}

/** A `# ftrack-filter-disable-next-line CODE[, CODE]` comment of a filter file. */
export interface Directive {
  /** The comment line, as an input whose diagnostics point into it. */
  readonly line: FilterInput;
  /** The codes named, each with its offsets in the comment line. */
  readonly codes: readonly { readonly code: string; readonly start: number; readonly end: number }[];
  /** The codes that silenced a diagnostic; filled in while linting its next line. */
  readonly used: Set<string>;
}

/** What gathering gives, in input order: a filter, or a directive whose next line holds no filter. */
export type Gathered =
  | { readonly kind: "filter"; readonly input: FilterInput }
  | { readonly kind: "directive"; readonly directive: Directive };

/**
 * The filters given as arguments (`-` reads standard input there), then
 * those of each file in order, as they are read: a file of one filter per
 * line is streamed line by line, so memory stays flat however long it is
 * (a JSON array file is read whole). A file name with `*`, `?` or `**`
 * that names no file is expanded. Reads standard input when there is
 * neither, unless it is a terminal (a usage error then, thrown before
 * anything is yielded). An input that cannot be read is passed to
 * `unreadable`, and the others are still read.
 */
export async function* gatherFilters(
  args: readonly string[],
  files: readonly string[],
  unreadable: (problem: CliError) => void,
): AsyncGenerator<Gathered> {
  let paths: readonly string[] = files;
  if (args.length === 0 && files.length === 0) {
    if (process.stdin.isTTY === true) throw usageError("no filters given: pass FILTER arguments, --file FILE, or pipe them in");
    paths = ["-"];
  }
  const readFile = async function* (path: string): AsyncGenerator<Gathered> {
    try {
      yield* fileFilters(path);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      unreadable(error);
    }
  };
  let argument = 0;
  for (const filter of args) {
    argument++;
    if (filter === "-") yield* readFile("-");
    else yield { kind: "filter", input: { source: `<arg ${argument}>`, label: `<arg ${argument}>`, lineOffset: 0, filter } };
  }
  const expanded = await expandPatterns(paths);
  for (const problem of expanded.problems) unreadable(problem);
  for (const path of expanded.paths) yield* readFile(path);
}

/** Reports that no filter was found, unless an unreadable input already explains it; the exit status. */
export function noFilters(command: string, unreadable: number): ExitStatus {
  if (unreadable === 0) problem(`no filters to ${command}: the input holds nothing but blank lines and # comments`);
  return EXIT.usage;
}

/** A piece of a filter file: one of its lines, or the whole text of a JSON array file. */
export type FilePiece = { readonly kind: "line"; readonly line: Line } | { readonly kind: "array"; readonly text: string };

/**
 * The lines of the filter file `path` (`-`: standard input) as they are
 * read; when its first non-blank character is `[`, the blank lines before
 * it, then its whole text as a JSON array. Throws a CliError when it
 * cannot be read. Cost: memory of one line, or of the whole JSON array.
 */
export async function* filePieces(path: string): AsyncGenerator<FilePiece> {
  // The text up to the first non-blank line, kept in case the file is a JSON array.
  let opening = "";
  let decided = false;
  let array: string[] | undefined;
  for await (const line of readLines(path)) {
    if (array !== undefined) {
      array.push(line.text, line.newline);
      continue;
    }
    if (!decided) {
      const trimmed = line.text.trim();
      if (trimmed.startsWith("[")) {
        array = [opening, line.text, line.newline];
        continue;
      }
      if (trimmed === "") opening += line.text + line.newline;
      else decided = true;
    }
    yield { kind: "line", line };
  }
  if (array !== undefined) yield { kind: "array", text: array.join("") };
}

/** Whether a line of a filter file holds a filter: it is neither blank nor a `#` comment. */
export function isFilterLine(text: string): boolean {
  const trimmed = text.trim();
  return trimmed !== "" && !trimmed.startsWith("#");
}

const DIRECTIVE = /^(\s*#\s*)ftrack-filter-disable-next-line\b/;

/**
 * The filters of one file as they are read, each with the directive of the
 * line above it; a directive followed by anything but a filter is given on
 * its own. Throws a CliError when it cannot be read, or for a malformed
 * JSON array.
 */
async function* fileFilters(path: string): AsyncGenerator<Gathered> {
  const name = inputName(path);
  let pending: Directive | undefined;
  for await (const piece of filePieces(path)) {
    if (piece.kind === "array") {
      for (const input of arrayFilters(name, piece.text)) yield { kind: "filter", input };
      continue;
    }
    const { number, text } = piece.line;
    const directive = pending;
    pending = undefined;
    const at = { source: `${name}:${number}`, label: name, file: name, lineOffset: number - 1, filter: text };
    if (isFilterLine(text)) {
      yield { kind: "filter", input: directive === undefined ? at : { ...at, directive } };
      continue;
    }
    if (directive !== undefined) yield { kind: "directive", directive };
    const found = DIRECTIVE.exec(text);
    if (found !== null) pending = parseDirective(at, found[0].length);
  }
  if (pending !== undefined) yield { kind: "directive", directive: pending };
}

/** The codes after the directive's name: separated by commas, up to an optional ` -- reason`. */
function parseDirective(line: FilterInput, from: number): Directive {
  const text = line.filter;
  const reason = text.indexOf("--", from);
  const end = reason === -1 ? text.length : reason;
  const codes: { code: string; start: number; end: number }[] = [];
  const word = /[^\s,]+/g;
  word.lastIndex = from;
  for (let match = word.exec(text); match !== null && match.index < end; match = word.exec(text)) {
    codes.push({ code: match[0], start: match.index, end: match.index + match[0].length });
  }
  return { line, codes, used: new Set() };
}

/** The filters of a JSON array of strings. Throws a CliError when it is not one. */
export function arrayFilters(name: string, text: string): FilterInput[] {
  let items: unknown;
  try {
    items = JSON.parse(text);
  } catch (error) {
    throw unreadable(name, `invalid JSON: ${jsonErrorMessage(error, text)}`);
  }
  if (!Array.isArray(items)) throw unreadable(name, "expected a JSON array of filter strings");
  const places = stringPlaces(text);
  return items.map((item: unknown, index) => {
    if (typeof item !== "string") {
      const kind = item === null ? "null" : Array.isArray(item) ? "an array" : `a ${typeof item}`;
      throw unreadable(name, `item ${index} of the JSON array is ${kind}, not a filter string`);
    }
    const place = places[index];
    const base = { source: `${name}[${index}]`, label: `${name}[${index}]`, file: name, filter: item };
    if (place === undefined) return { ...base, lineOffset: 0 };
    // Columns inside the string are the file's only when no escape shifts them.
    return { ...base, lineOffset: 0, place: { line: place.line, column: place.column + (place.plain ? 1 : 0), exact: place.plain } };
  });
}

/**
 * Where each string of a JSON array of strings starts: the line and column
 * of its opening quote, and whether it holds no escape. Cost: one pass.
 */
function stringPlaces(text: string): { line: number; column: number; plain: boolean }[] {
  const places: { line: number; column: number; plain: boolean }[] = [];
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") {
      line++;
      lineStart = i + 1;
    } else if (c === '"') {
      const place = { line, column: i - lineStart + 1, plain: true };
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === "\\") {
          place.plain = false;
          i++;
        }
      }
      places.push(place);
    }
  }
  return places;
}
