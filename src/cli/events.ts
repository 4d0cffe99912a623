/**
 * Events for `match` and `explain`, read from a file or standard input that
 * holds either one JSON value (pretty-printed or not) or JSON Lines (one
 * value per line, blank lines skipped).
 *
 * Which of the two is decided by the first non-blank line: when it is a
 * complete JSON value on its own, the input is JSON Lines and is processed
 * as it streams in; otherwise the input is read whole as one JSON value.
 * Should that fail while later lines hold complete JSON objects, the input
 * is taken to be JSON Lines with a broken first line, so the good lines are
 * still evaluated. An input with a single event is named by its path
 * (`FILE`, `<stdin>`); each event of a longer JSON Lines input by its line
 * (`FILE:LINE`).
 */
import { inputName, type Line, locateJsonError, MAX_LINE_LENGTH, readLines, unreadable } from "./input";

/** An event read, or a line (or document) that is not valid JSON. */
export type EventItem = (
  | { readonly kind: "event"; readonly source: string; readonly event: unknown }
  | { readonly kind: "malformed"; readonly source: string; readonly message: string }
) & {
  /** The input's name (`<stdin>` for standard input) and the line where the event starts in it. */
  readonly file: string;
  readonly line: number;
};

type Parsed = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

function tryParse(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error };
  }
}

function lineItem(name: string, line: Line, parsed: Parsed): EventItem {
  const at = { source: `${name}:${line.number}`, file: name, line: line.number };
  if (parsed.ok) return { kind: "event", ...at, event: parsed.value };
  const { reason, column } = locateJsonError(parsed.error, line.text);
  return { kind: "malformed", ...at, message: `invalid JSON: ${reason} (column ${column})` };
}

/** Longest single JSON document of events read whole (JSON Lines are read a line at a time). */
const MAX_DOCUMENT_LENGTH = 4 * MAX_LINE_LENGTH;

/**
 * The events of `path` (`-` for standard input), in order. Throws a
 * CliError when the input cannot be read at all (missing, not text, a
 * single document longer than 64 Mi characters); a malformed event is an
 * item of its own and reading goes on.
 */
export async function* readEvents(path: string): AsyncGenerator<EventItem> {
  const name = inputName(path);
  let mode: "start" | "lines" | "document" = "start";
  // The first event of JSON Lines, held back until another line shows that there are several.
  let held: { line: Line; value: unknown } | undefined;
  const document: Line[] = [];
  let documentLength = 0;
  for await (const line of readLines(path)) {
    if (mode === "document") {
      documentLength += line.text.length + 1;
      if (documentLength > MAX_DOCUMENT_LENGTH) throw unreadable(name, `a JSON document longer than ${MAX_DOCUMENT_LENGTH} characters`);
      document.push(line);
      continue;
    }
    if (line.text.trim() === "") continue;
    const parsed = tryParse(line.text);
    if (mode === "start") {
      if (parsed.ok) {
        mode = "lines";
        held = { line, value: parsed.value };
      } else {
        mode = "document";
        document.push(line);
      }
      continue;
    }
    if (held !== undefined) {
      yield { kind: "event", source: `${name}:${held.line.number}`, file: name, line: held.line.number, event: held.value };
      held = undefined;
    }
    yield lineItem(name, line, parsed);
  }
  if (held !== undefined) yield { kind: "event", source: name, file: name, line: held.line.number, event: held.value };
  if (mode === "document") yield* documentItems(name, document);
}

function documentItems(name: string, lines: readonly Line[]): EventItem[] {
  const first = lines[0]?.number ?? 1;
  const text = lines.map((line) => line.text).join("\n");
  const whole = tryParse(text);
  if (whole.ok) return [{ kind: "event", source: name, file: name, line: first, event: whole.value }];
  const parsedLines = lines.filter((line) => line.text.trim() !== "").map((line) => ({ line, parsed: tryParse(line.text) }));
  const looksLikeLines = parsedLines.some(
    ({ parsed }) => parsed.ok && typeof parsed.value === "object" && parsed.value !== null && !Array.isArray(parsed.value),
  );
  if (looksLikeLines) return parsedLines.map(({ line, parsed }) => lineItem(name, line, parsed));
  const { reason, line, column } = locateJsonError(whole.error, text);
  const at = first + line - 1;
  return [{ kind: "malformed", source: `${name}:${at}`, file: name, line: at, message: `invalid JSON: ${reason} (column ${column})` }];
}
