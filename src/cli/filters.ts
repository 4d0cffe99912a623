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
import { CliError, EXIT, usageError, type ExitStatus } from "./args";
import { inputName, jsonErrorMessage, readLines, unreadable } from "./input";
import { problem } from "./output";

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

/**
 * The filters given as arguments, then those of each file in order, as
 * they are read: a file of one filter per line is streamed line by line, so
 * memory stays flat however long it is (a JSON array file is read whole).
 * Reads standard input when there is neither, unless it is a terminal (a
 * usage error then, thrown before anything is yielded). An input that
 * cannot be read is passed to `unreadable`, and the others are still read.
 */
export async function* gatherFilters(
  args: readonly string[],
  files: readonly string[],
  unreadable: (problem: CliError) => void,
): AsyncGenerator<FilterInput> {
  let paths = files;
  if (args.length === 0 && files.length === 0) {
    if (process.stdin.isTTY === true) throw usageError("no filters given: pass FILTER arguments, --file FILE, or pipe them in");
    paths = ["-"];
  }
  for (let i = 0; i < args.length; i++) {
    yield { source: `<arg ${i + 1}>`, label: `<arg ${i + 1}>`, lineOffset: 0, filter: args[i] ?? "" };
  }
  for (const path of paths) {
    try {
      yield* fileFilters(path);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      unreadable(error);
    }
  }
}

/** Reports that no filter was found, unless an unreadable input already explains it; the exit status. */
export function noFilters(command: string, unreadable: number): ExitStatus {
  if (unreadable === 0) problem(`no filters to ${command}: the input holds nothing but blank lines and # comments`);
  return EXIT.usage;
}

/**
 * The filters of one file (`-`: standard input), as its lines arrive.
 * Throws a CliError when it cannot be read, or for a malformed JSON array.
 */
async function* fileFilters(path: string): AsyncGenerator<FilterInput> {
  const name = inputName(path);
  // Lines before the first filter (blank, or a JSON array's opening), kept until the file's kind is known.
  const opening: string[] = [];
  let array = false;
  let ended = false;
  let decided = false;
  for await (const line of readLines(path)) {
    if (!decided) {
      const trimmed = line.text.trim();
      if (trimmed === "") {
        opening.push(line.text);
        continue;
      }
      decided = true;
      array = trimmed.startsWith("[");
    }
    if (array) {
      opening.push(line.text);
      ended = line.ended;
      continue;
    }
    const trimmed = line.text.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    yield { source: `${name}:${line.number}`, label: name, lineOffset: line.number - 1, filter: line.text };
  }
  if (array) yield* arrayFilters(name, opening.join("\n") + (ended ? "\n" : ""));
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
