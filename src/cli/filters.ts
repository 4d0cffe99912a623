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
import { CliError, usageError } from "./args";
import { expandPatterns } from "./hints";
import { inputName, jsonErrorMessage, readText, splitLines, unreadable } from "./input";

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
  /** The codes that silenced a diagnostic; filled in while linting. */
  readonly used: Set<string>;
}

/** The filters gathered, the directives of their files, and the inputs that could not be read (already described). */
export interface GatheredFilters {
  readonly inputs: FilterInput[];
  readonly directives: Directive[];
  readonly problems: CliError[];
}

/**
 * Gathers the filters given as arguments (`-` reads standard input there),
 * then those of each file in order; a file name with `*`, `?` or `**` that
 * names no file is expanded. Reads standard input when there is neither,
 * unless it is a terminal (a usage error then). An unreadable file is
 * recorded in `problems` and the others are still read.
 */
export async function gatherFilters(args: readonly string[], files: readonly string[]): Promise<GatheredFilters> {
  const inputs: FilterInput[] = [];
  const directives: Directive[] = [];
  const problems: CliError[] = [];
  const readFile = async (path: string): Promise<void> => {
    try {
      const found = fileFilters(inputName(path), await readText(path));
      inputs.push(...found.inputs);
      directives.push(...found.directives);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      problems.push(error);
    }
  };
  let argument = 0;
  for (const filter of args) {
    argument++;
    if (filter === "-") await readFile("-");
    else inputs.push({ source: `<arg ${argument}>`, label: `<arg ${argument}>`, lineOffset: 0, filter });
  }
  let paths: readonly string[] = files;
  if (args.length === 0 && files.length === 0) {
    if (process.stdin.isTTY === true) throw usageError("no filters given: pass FILTER arguments, --file FILE, or pipe them in");
    paths = ["-"];
  }
  const expanded = await expandPatterns(paths);
  problems.push(...expanded.problems);
  for (const path of expanded.paths) await readFile(path);
  return { inputs, directives, problems };
}

const DIRECTIVE = /^(\s*#\s*)ftrack-filter-disable-next-line\b/;

/** The filters of one file's text. Throws a CliError for a malformed JSON array. */
export function fileFilters(name: string, text: string): { inputs: FilterInput[]; directives: Directive[] } {
  if (text.trimStart().startsWith("[")) return { inputs: arrayFilters(name, text), directives: [] };
  const inputs: FilterInput[] = [];
  const directives: Directive[] = [];
  let pending: Directive | undefined;
  splitLines(text).forEach((line, index) => {
    const directive = pending;
    pending = undefined;
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) {
      const found = DIRECTIVE.exec(line);
      if (found !== null) {
        pending = parseDirective({ source: `${name}:${index + 1}`, label: name, file: name, lineOffset: index, filter: line }, found[0].length);
        directives.push(pending);
      }
      return;
    }
    const input = { source: `${name}:${index + 1}`, label: name, file: name, lineOffset: index, filter: line };
    inputs.push(directive === undefined ? input : { ...input, directive });
  });
  return { inputs, directives };
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

function arrayFilters(name: string, text: string): FilterInput[] {
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
