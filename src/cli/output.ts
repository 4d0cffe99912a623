/**
 * Where the command line writes: results on standard output, problems on
 * standard error, each with its own colour decision. A closed pipe on
 * standard output (`ftrack-filter match ... | head -1`) ends the process
 * quietly instead of with an EPIPE stack trace.
 */
import { styleFor, type Style } from "./style";

let stdoutStyle: Style | undefined;
let stderrStyle: Style | undefined;

/** The styles of standard output (computed once). */
export function outStyle(): Style {
  return (stdoutStyle ??= styleFor(process.stdout));
}

/** The styles of standard error (computed once). */
export function errStyle(): Style {
  return (stderrStyle ??= styleFor(process.stderr));
}

/** The width of standard output when it is a terminal (for cutting long lines), else undefined. */
export function terminalWidth(): number | undefined {
  return process.stdout.isTTY === true && process.stdout.columns > 0 ? process.stdout.columns : undefined;
}

/** Writes one line (a newline is added) to standard output. */
export function out(line: string): void {
  process.stdout.write(`${line}\n`);
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

/** Makes a closed standard output end the process (status 0 as far as it got) rather than crash it. */
export function handleClosedOutput(): void {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}
