/**
 * The one line that reports a defect of ftrack-filter itself (exit status
 * 70), whatever was thrown: the executable (bin.ts) and the command line
 * (main.ts) both print it, never a stack trace.
 */
export function internalError(error: unknown): string {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return `internal error: ${reason.split("\n")[0] ?? ""} (please report this as a bug)`;
}
