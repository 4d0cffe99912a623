/**
 * Argument parsing for the command line (node:util `parseArgs`), the exit
 * statuses, and the error type that carries a message and a status to the
 * top level instead of a stack trace.
 */
import type { ParseArgsConfig } from "node:util";
import { closest } from "../lint/suggest";
import { parseArgs } from "./node";

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

/**
 * Parses `args` against the option table. Every usage error reads the same
 * way (`unknown option --fromat; did you mean --format?`), whether this
 * check or node's parser finds it.
 */
export function parseCommand<T extends OptionSpecs>(args: string[], options: T): Parsed<T> {
  checkOptionNames(args, options);
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw usageError(nodeMessage(message));
  }
}

/** Options not in the table, found before node's parser words them its own way. */
function checkOptionNames(args: readonly string[], options: OptionSpecs): void {
  const longs = Object.keys(options);
  const shorts = new Map(
    Object.entries(options).flatMap(([name, spec]) => (spec.short === undefined ? [] : [[spec.short, name] as const])),
  );
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--") return;
    if (arg.startsWith("--")) {
      const name = arg.slice(2).split("=")[0] ?? "";
      const spec = options[name];
      if (spec === undefined)
        throw usageError(
          unknown(
            `--${name}`,
            longs.map((long) => `--${long}`),
          ),
        );
      if (spec.type === "string" && !arg.includes("=")) i++;
    } else if (arg.startsWith("-") && arg !== "-") {
      for (let at = 1; at < arg.length; at++) {
        const letter = arg[at] ?? "";
        const name = shorts.get(letter);
        // One letter is too little to guess from: no suggestion.
        if (name === undefined) throw usageError(unknown(`-${letter}`, []));
        if (options[name]?.type === "string") {
          if (at === arg.length - 1) i++;
          break;
        }
      }
    }
  }
}

/**
 * `; did you mean --format?` when a candidate is close to `word` (quoted as
 * JSON with `quote`), else the empty string. Cost: one bounded edit distance
 * per candidate.
 */
export function didYouMean(word: string, candidates: readonly string[], quote = false): string {
  const near = closest(word, candidates);
  return near === undefined ? "" : `; did you mean ${quote ? JSON.stringify(near) : near}?`;
}

/** `unknown option --fromat; did you mean --format?` (the hint when one is close). */
export function unknown(word: string, candidates: readonly string[], kind = "option"): string {
  return `unknown ${kind} ${word}${didYouMean(word, candidates)}`;
}

/** Node's parseArgs messages, reworded in the house style: lower case, names unquoted, one clause. */
function nodeMessage(message: string): string {
  const line = message.split("\n")[0] ?? message;
  const missing = /^Option '(-\w, )?(--[\w-]+)[^']*' argument missing/.exec(line);
  if (missing !== null) return `option ${missing[2] ?? ""} needs a value`;
  const unexpected = /^Unexpected argument '([^']*)'/.exec(line);
  if (unexpected !== null) return `unexpected argument ${unexpected[1] ?? ""}`;
  const stop = line.indexOf(". ");
  const first = (stop === -1 ? line : line.slice(0, stop)).replace(/\.$/, "").replace(/'/g, "");
  return first.charAt(0).toLowerCase() + first.slice(1);
}

/** The value of `--dialect`: `trigger` (the default) or `event-hub`. */
export function dialectOption(value: string | undefined): "trigger" | "event-hub" {
  if (value === undefined || value === "trigger" || value === "event-hub") return value ?? "trigger";
  throw usageError(`--dialect must be trigger or event-hub, not ${JSON.stringify(value)}${didYouMean(value, ["trigger", "event-hub"])}`);
}

/** The value of `--format`: `text` (the default) or one of `allowed`. */
export function formatOption<F extends string>(value: string | undefined, allowed: readonly F[]): "text" | F {
  if (value === undefined || value === "text") return "text";
  if ((allowed as readonly string[]).includes(value)) return value as F;
  const names = ["text", ...allowed];
  const list = `${names.slice(0, -1).join(", ")} or ${names[names.length - 1] ?? ""}`;
  throw usageError(`--format must be ${list}, not ${JSON.stringify(value)}${didYouMean(value, names)}`);
}

/** A non-negative integer option such as `--max-warnings`. */
export function countOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value)) throw usageError(`--${name} must be a whole number, not ${JSON.stringify(value)}`);
  return Number(value);
}
