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
import { inputName, jsonErrorMessage, readText, splitLines, unreadable } from "./input";

/** One filter to work on. */
export interface FilterInput {
  /** Where it came from: `<arg N>`, `FILE:LINE` (a line of a file) or `FILE[INDEX]` (a JSON array item). */
  readonly source: string;
  /** The prefix of `LINE:COLUMN` positions in text output: `FILE` for a file line, else `source`. */
  readonly label: string;
  /** Added to a position's line in the filter to give the line shown (the file line for a file line). */
  readonly lineOffset: number;
  readonly filter: string;
}

/** The filters gathered, and the inputs that could not be read (already described). */
export interface GatheredFilters {
  readonly inputs: FilterInput[];
  readonly problems: CliError[];
}

/**
 * Gathers the filters given as arguments, then those of each file in order.
 * Reads standard input when there is neither, unless it is a terminal (a
 * usage error then). An unreadable file is recorded in `problems` and the
 * others are still read.
 */
export async function gatherFilters(args: readonly string[], files: readonly string[]): Promise<GatheredFilters> {
  const inputs: FilterInput[] = args.map((filter, i) => ({ source: `<arg ${i + 1}>`, label: `<arg ${i + 1}>`, lineOffset: 0, filter }));
  const problems: CliError[] = [];
  let paths = files;
  if (args.length === 0 && files.length === 0) {
    if (process.stdin.isTTY === true) throw usageError("no filters given: pass FILTER arguments, --file FILE, or pipe them in");
    paths = ["-"];
  }
  for (const path of paths) {
    try {
      inputs.push(...fileFilters(inputName(path), await readText(path)));
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      problems.push(error);
    }
  }
  return { inputs, problems };
}

/** The filters of one file's text. Throws a CliError for a malformed JSON array. */
export function fileFilters(name: string, text: string): FilterInput[] {
  if (text.trimStart().startsWith("[")) return arrayFilters(name, text);
  const inputs: FilterInput[] = [];
  splitLines(text).forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    inputs.push({ source: `${name}:${index + 1}`, label: name, lineOffset: index, filter: line });
  });
  return inputs;
}

function arrayFilters(name: string, text: string): FilterInput[] {
  let items: unknown;
  try {
    items = JSON.parse(text);
  } catch (error) {
    throw unreadable(name, `invalid JSON: ${jsonErrorMessage(error, text)}`);
  }
  if (!Array.isArray(items)) throw unreadable(name, "expected a JSON array of filter strings");
  return items.map((item: unknown, index) => {
    if (typeof item !== "string") {
      const kind = item === null ? "null" : Array.isArray(item) ? "an array" : `a ${typeof item}`;
      throw unreadable(name, `item ${index} of the JSON array is ${kind}, not a filter string`);
    }
    return { source: `${name}[${index}]`, label: `${name}[${index}]`, lineOffset: 0, filter: item };
  });
}
