/**
 * Argument parsing for the command line (node:util `parseArgs`), the exit
 * statuses, and the error type that carries a message and a status to the
 * top level instead of a stack trace. Light on purpose: loaded before the
 * library, so `--version` and `--help` start fast.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

/** Exit statuses, the same for every command. */
export const EXIT = {
  /** Success: clean lint, at least one match, canonical form, explained event matched. */
  ok: 0,
  /** A finding: lint errors (or too many warnings), no match, not canonical, syntax errors in `format`. */
  finding: 1,
  /** A usage error, or input that could not be read (missing file, invalid JSON, binary data). */
  usage: 2,
  /** A defect in ftrack-filter itself (sysexits EX_SOFTWARE). */
  internal: 70,
} as const;

export type ExitStatus = (typeof EXIT)[keyof typeof EXIT];

/**
 * A problem to report in one line on standard error, then exit with
 * `status`. `usage` adds a hint to run `--help` (of `command` when known).
 */
export class CliError extends Error {
  override readonly name = "CliError";
  constructor(
    message: string,
    readonly status: ExitStatus = EXIT.usage,
    readonly usage = false,
    readonly command?: string,
  ) {
    super(message);
  }
}

/** A usage error: bad option, wrong number of arguments. */
export function usageError(message: string): CliError {
  return new CliError(message, EXIT.usage, true);
}

type OptionSpecs = NonNullable<ParseArgsConfig["options"]>;

/** The parsed arguments of one command, typed by its option table. */
export type Parsed<T extends OptionSpecs> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>
>;

/** Parses `args` against the option table; unknown or malformed options become a usage error. */
export function parseCommand<T extends OptionSpecs>(args: string[], options: T): Parsed<T> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Node's messages run over several sentences; the first says what is wrong.
    throw usageError(firstSentence(message));
  }
}

function firstSentence(message: string): string {
  const line = message.split("\n")[0] ?? message;
  const stop = line.indexOf(". ");
  return (stop === -1 ? line : line.slice(0, stop)).replace(/\.$/, "");
}

/** The value of `--dialect`: `trigger` (the default) or `event-hub`. */
export function dialectOption(value: string | undefined): "trigger" | "event-hub" {
  if (value === undefined || value === "trigger" || value === "event-hub") return value ?? "trigger";
  throw usageError(`--dialect must be trigger or event-hub, not ${JSON.stringify(value)}`);
}

/** The value of `--format`: `text` (the default) or `json`. */
export function formatOption(value: string | undefined): "text" | "json" {
  if (value === undefined || value === "text" || value === "json") return value ?? "text";
  throw usageError(`--format must be text or json, not ${JSON.stringify(value)}`);
}

/** A non-negative integer option such as `--max-warnings`. */
export function countOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value)) throw usageError(`--${name} must be a whole number, not ${JSON.stringify(value)}`);
  return Number(value);
}
