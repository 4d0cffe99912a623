/** Shared helpers of the linter tests. */

import type { Diagnostic } from "../../src/lint/diagnostic";
import { type LintOptions, lint } from "../../src/lint/lint";
import published from "../fixtures/public-filters.json";

/** The diagnostics of one rule for `source`. */
export function only(code: string, source: string, options?: LintOptions): Diagnostic[] {
  return lint(source, options).filter((diagnostic) => diagnostic.code === code);
}

/** The source text a diagnostic (or its suggestion) covers. */
export function covered(source: string, span: { start: number; end: number }): string {
  return source.slice(span.start, span.end);
}

/** `source` with the diagnostic's suggestion applied. */
export function applySuggestion(source: string, diagnostic: Diagnostic): string {
  const fix = diagnostic.suggestion;
  if (fix === undefined) throw new Error(`no suggestion on ${diagnostic.code}: ${diagnostic.message}`);
  return source.slice(0, fix.span.start) + fix.text + source.slice(fix.span.end);
}

/** The public trigger filters as ftrack published them, with a real status id filled in. */
export const PUBLIC_TRIGGER_FILTERS: readonly string[] = published.trigger;

/** The public event-hub expressions, placeholders filled in. */
export const PUBLIC_EVENT_HUB_EXPRESSIONS: readonly string[] = published.eventHub;
