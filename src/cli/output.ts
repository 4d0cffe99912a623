/**
 * Where the command line writes: results on standard output, problems on
 * standard error, each with its own colour decision. A closed pipe on
 * standard output (`ftrack-filter match ... | head -1`) silences the
 * results, and the command runs on to its true exit status; output that
 * cannot be written (a full disk) ends the process with one line on
 * standard error and status 2, never a stack trace.
 */
import { type Style, styleFor } from "./style";

let stdoutStyle: Style | undefined;
let stderrStyle: Style | undefined;
/** Set once standard output is closed by its reader: results are dropped from then on. */
let closed = false;

/** The styles of standard output (computed once). */
export function outStyle(): Style {
  stdoutStyle ??= styleFor(process.stdout);
  return stdoutStyle;
}

/** The styles of standard error (computed once). */
export function errStyle(): Style {
  stderrStyle ??= styleFor(process.stderr);
  return stderrStyle;
}

/** The width of standard output when it is a terminal (for cutting long lines), else undefined. */
export function terminalWidth(): number | undefined {
  return process.stdout.isTTY === true && process.stdout.columns > 0 ? process.stdout.columns : undefined;
}

/** Writes one line (a newline is added) to standard output. */
export function out(line: string): void {
  if (!closed) process.stdout.write(`${line}\n`);
}

/** Writes text as it is (no newline added) to standard output. */
export function write(text: string): void {
  if (!closed) process.stdout.write(text);
}

/**
 * Resolves once standard output has room again (at once when it has), so
 * that a command printing as it reads never buffers more than one chunk
 * of its output.
 */
export function drained(): Promise<void> {
  const stdout = process.stdout;
  if (!stdout.writableNeedDrain || closed) return Promise.resolve();
  return new Promise((resolve) => {
    stdout.once("drain", resolve);
    stdout.once("close", resolve);
  });
}

/** Writes one line (a newline is added) to standard error. */
export function err(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Reports a problem on standard error as `ftrack-filter: MESSAGE`. */
export function problem(message: string): void {
  const style = errStyle();
  err(`${style.bold("ftrack-filter:")} ${message}`);
}

/**
 * Makes a closed standard output (EPIPE) silence the results rather than
 * crash or end the process: the command finishes, so that its exit status
 * still says what it found (`match ... | head -1` exits 1 when nothing
 * matched). Any other write error (ENOSPC on a full disk, EIO) is one line
 * on standard error and exit status 2.
 */
export function handleClosedOutput(): void {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") {
      closed = true;
      return;
    }
    closed = true;
    const reason = error.code === "ENOSPC" ? "no space left on the device" : error.message;
    process.stderr.write(`ftrack-filter: cannot write the results: ${reason}${error.code === undefined ? "" : ` (${error.code})`}\n`);
    process.exit(2);
  });
  // Problems are reported on standard error; when it is gone there is nowhere left to report.
  process.stderr.on("error", () => undefined);
}
