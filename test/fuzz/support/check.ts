/**
 * Small helpers shared by the fuzz properties: an assertion that throws a
 * plain Error (the properties run under vitest and under the fuzz script,
 * which has no test framework), timing of one call against a generous
 * bound, an independent line/column computation, and a JSON-serialisability
 * check.
 *
 * Unit tests never assert on time (the machine they run on may be busy):
 * under vitest there is no clock, `ms` is always 0 and `checkTime` always
 * holds, and the bounds they keep are counted ones (errors, diagnostics,
 * bytes, reads). The fuzz script (`npm run fuzz`), a tool that hunts for
 * hangs in long runs, sets a clock with `useClock`; growth with input size
 * is measured by the bench suite `scaling`.
 */

/** The seed of the bounded runs in `npm test`: fixed, so a failure reproduces. */
export const FIXED_SEED = 0x5eed_f17e;

/**
 * The most one call may take, in milliseconds, for inputs up to 64 KiB.
 * Generous on purpose: it catches catastrophic backtracking and quadratic
 * blow-ups (seconds to minutes), not noise on a slow or busy machine.
 */
export const CALL_BOUND_MS = 2000;

/** Throws an Error with `message` (and the details, as JSON) unless `condition` holds. */
export function check(condition: unknown, message: string, details?: unknown): asserts condition {
  if (condition) return;
  throw new Error(details === undefined ? message : `${message}: ${safeJson(details)}`);
}

/** JSON of `value`, cut to 500 characters, or a note when it cannot be serialised. */
export function safeJson(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? `${item}n` : item));
    if (text === undefined) return String(value);
    return text.length > 500 ? `${text.slice(0, 500)}…` : text;
  } catch {
    return "[not serialisable]";
  }
}

let now: () => number = () => 0;

/** Makes `attempt` time its calls with `clock` (the fuzz script passes `performance.now`). */
export function useClock(clock: () => number): void {
  now = clock;
}

/** The clock's time in milliseconds (always 0 without a clock). */
export function clockTime(): number {
  return now();
}

/** What a call did: its value or what it threw, and how long it took (0 without a clock). */
export type Outcome<T> =
  | { readonly ok: true; readonly value: T; readonly ms: number }
  | { readonly ok: false; readonly error: unknown; readonly ms: number };

/** Runs `fn`, catching whatever it throws, and measures it. */
export function attempt<T>(fn: () => T): Outcome<T> {
  const start = now();
  try {
    const value = fn();
    return { ok: true, value, ms: now() - start };
  } catch (error) {
    return { ok: false, error, ms: now() - start };
  }
}

/** Checks that a call stayed within {@link CALL_BOUND_MS} (always true without a clock). */
export function checkTime(outcome: { readonly ms: number }, what: string, inputLength: number): void {
  check(
    outcome.ms < CALL_BOUND_MS,
    `${what} took ${outcome.ms.toFixed(0)} ms on an input of ${inputLength} characters (bound ${CALL_BOUND_MS} ms)`,
  );
}

/** A short description of a thrown value for failure messages. */
export function describeThrown(error: unknown): string {
  try {
    if (error instanceof Error) return `${error.constructor.name}: ${error.message.slice(0, 300)}`;
    return `${typeof error} ${safeJson(error)}`;
  } catch {
    return "an unprintable value";
  }
}

/**
 * The 1-based line and column of `offset` in `source`, computed here
 * without the library: `\n`, `\r\n` and `\r` each end a line; columns count
 * UTF-16 code units.
 */
export function expectedLineColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = source[i];
    if (c === "\n" || (c === "\r" && source[i + 1] !== "\n")) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Whether `JSON.stringify` accepts `value` and `JSON.parse` reads the text back. */
export function isJsonSerialisable(value: unknown): boolean {
  try {
    const text = JSON.stringify(value);
    if (typeof text !== "string") return false;
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** `value` with every `span` key removed, recursively (to compare ASTs apart from positions). */
export function withoutSpans(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSpans);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (key !== "span") out[key] = withoutSpans(item);
  return out;
}

/** Deep equality of JSON-like data (plain objects, arrays, primitives). */
export function sameData(a: unknown, b: unknown): boolean {
  return safeJsonExact(a) === safeJsonExact(b);
}

function safeJsonExact(value: unknown): string {
  return JSON.stringify(value) ?? "undefined";
}
