/**
 * Reading inputs for the command line: files and standard input as strict
 * UTF-8 text (binary data is refused, not guessed at), whole or line by
 * line, with errors that name the input and never carry a stack trace.
 */

import { CliError } from "./args";
import { findJsonError } from "./json-error";
import { createReadStream, join, readdir, readFile, stat } from "./node";

/** The name standard input goes by in messages and sources. */
export const STDIN_NAME = "<stdin>";

/** The name of an input path: `-` is standard input. */
export function inputName(path: string): string {
  return path === "-" ? STDIN_NAME : path;
}

/** An input that cannot be read (missing, a directory, not text). Exit status 2. */
export function unreadable(name: string, reason: string): CliError {
  return new CliError(`${name}: ${reason}`);
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EISDIR":
      return "is a directory, not a file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** File names a directory of events contributes: JSON and JSON Lines files. */
const EVENT_FILE = /\.(?:json|jsonl|ndjson)$/i;

/**
 * The event inputs named by `paths`: a directory stands for the `.json`,
 * `.jsonl` and `.ndjson` files directly in it, in name order (so that
 * `match FILTER events/` works where the shell does not expand `*`); a
 * directory without such files is a problem. Other paths, and paths that
 * cannot be examined, are kept as given; reading them reports the problem.
 */
export async function expandEventPaths(paths: readonly string[]): Promise<{ paths: string[]; problems: CliError[] }> {
  const expanded: string[] = [];
  const problems: CliError[] = [];
  for (const path of paths) {
    let names: string[] | undefined;
    try {
      if (path !== "-" && (await stat(path)).isDirectory()) {
        names = (await readdir(path)).filter((name) => EVENT_FILE.test(name)).sort();
      }
    } catch {
      // Reported when the path is read.
    }
    if (names === undefined) expanded.push(path);
    else if (names.length === 0) problems.push(unreadable(path, "a directory without .json, .jsonl or .ndjson files"));
    else for (const name of names) expanded.push(join(path, name));
  }
  return { paths: expanded, problems };
}

const NOT_TEXT = "not UTF-8 text (a binary file?)";

/** Decodes strict UTF-8 (a leading BOM dropped); undefined for bytes that are not text. */
function decode(decoder: TextDecoder, bytes: Uint8Array, stream: boolean): string | undefined {
  let text: string;
  try {
    text = decoder.decode(bytes, { stream });
  } catch {
    return undefined;
  }
  // NUL never occurs in filters or JSON text, but it does in binary files that happen to be valid UTF-8.
  return text.includes("\u0000") ? undefined : text;
}

/** The whole of `path` (or standard input for `-`) as text. Throws a CliError naming it. */
export async function readText(path: string): Promise<string> {
  const name = inputName(path);
  let bytes: Uint8Array;
  try {
    if (path === "-") {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      bytes = Buffer.concat(chunks);
    } else {
      bytes = await readFile(path);
    }
  } catch (error) {
    throw unreadable(name, describeFsError(error));
  }
  const text = decode(new TextDecoder("utf-8", { fatal: true }), bytes, false);
  if (text === undefined) throw unreadable(name, NOT_TEXT);
  return text;
}

/** One line of an input: its 1-based number, its text and the line break that ended it. */
export interface Line {
  readonly number: number;
  readonly text: string;
  /** `\n`, `\r\n` or `\r`; empty only for a last line without one. */
  readonly newline: string;
}

/**
 * Longest line the command line reads, in UTF-16 code units (16 Mi): far
 * beyond any filter (64 KiB) or webhook event (1 MiB), and short enough that
 * a stream without line breaks cannot exhaust memory.
 */
export const MAX_LINE_LENGTH = 16 * 1024 * 1024;

/**
 * The lines of `path` (or standard input for `-`) as they arrive, so that
 * a long file or stream is processed while it is read, in memory of one
 * chunk and one line. `\n`, `\r\n` and `\r` end a line (a line ended by
 * `\r` is given once the next character shows whether `\n` follows).
 * Throws a CliError naming the input when it cannot be read, is not UTF-8
 * text, or holds a line longer than {@link MAX_LINE_LENGTH}.
 */
export async function* readLines(path: string): AsyncGenerator<Line> {
  const name = inputName(path);
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const source: AsyncIterable<unknown> = path === "-" ? process.stdin : createReadStream(path);
  let pending = "";
  let number = 0;
  // A line ended by \r, held until the next character (maybe in the next chunk) says whether it is \r\n.
  let held: string | undefined;
  const iterator = source[Symbol.asyncIterator]();
  for (;;) {
    let step: IteratorResult<unknown>;
    try {
      step = await iterator.next();
    } catch (error) {
      throw unreadable(name, describeFsError(error));
    }
    const done = step.done === true;
    const text = decode(decoder, done ? new Uint8Array(0) : (step.value as Uint8Array), !done);
    if (text === undefined) {
      await iterator.return?.();
      throw unreadable(name, NOT_TEXT);
    }
    let from = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (held !== undefined) {
        yield { number: ++number, text: held, newline: c === 10 ? "\r\n" : "\r" };
        held = undefined;
        if (c === 10) {
          from = i + 1;
          continue;
        }
      }
      if (c === 10) {
        yield { number: ++number, text: pending + text.slice(from, i), newline: "\n" };
      } else if (c === 13) {
        held = pending + text.slice(from, i);
      } else {
        continue;
      }
      pending = "";
      from = i + 1;
    }
    pending += text.slice(from);
    if (pending.length > MAX_LINE_LENGTH) {
      await iterator.return?.();
      throw unreadable(name, `line ${number + 1} is longer than ${MAX_LINE_LENGTH} characters`);
    }
    if (done) break;
  }
  if (held !== undefined) yield { number: ++number, text: held, newline: "\r" };
  if (pending !== "") yield { number: ++number, text: pending, newline: "" };
}

/** Where JSON.parse stopped, as a reason and a 1-based line and column of the text parsed. */
export interface JsonProblem {
  readonly reason: string;
  readonly line: number;
  readonly column: number;
}

/**
 * Locates a JSON.parse error in `text`. V8 does not always give the
 * position, so the text is checked again by a small JSON syntax checker,
 * which also words the reason the same way every time.
 */
export function locateJsonError(error: unknown, text: string): JsonProblem {
  const located = findJsonError(text);
  const offset = located?.offset ?? text.length;
  const reason = located?.reason ?? (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
  const lines = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { reason, line: lines.length, column: (lines[lines.length - 1] ?? "").length + 1 };
}

/** A JSON.parse error as `REASON (line L, column C)`, lines counted from `firstLine`. */
export function jsonErrorMessage(error: unknown, text: string, firstLine = 1): string {
  const { reason, line, column } = locateJsonError(error, text);
  return `${reason} (line ${firstLine + line - 1}, column ${column})`;
}
