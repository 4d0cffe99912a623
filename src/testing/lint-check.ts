/**
 * The lint gate of the test kit's assertions: a filter with lint errors
 * (and, by default, warnings) fails every assertion, `.not` included, since
 * a test of a filter that can never fire proves nothing: a negative test
 * stays green for ever. Infos never fail.
 */
import { type CompiledFilter, filterText } from "../compiler/compile";
import type { Diagnostic } from "../lint/diagnostic";
import { lint } from "../lint/lint";
import type { Dialect, FilterAst } from "../syntax/ast";

/** Which lint findings fail an assertion: `"warnings"` (the default: errors and warnings), `"errors"`, or `"off"`. */
export type LintGate = "warnings" | "errors" | "off";

const GATES: readonly string[] = ["warnings", "errors", "off"];

/** Lint results by dialect and text: tests assert the same filter many times. */
const cache = new Map<string, readonly Diagnostic[]>();
const CACHE_SIZE = 500;

/** Throws a TypeError unless `value` is a lint gate. */
export function checkGate(value: unknown): LintGate {
  if (typeof value === "string" && GATES.includes(value)) return value as LintGate;
  throw new TypeError('option "lint" must be "warnings" (the default), "errors" or "off"');
}

/**
 * The diagnostics of `filter` that fail an assertion under `gate`. Cost:
 * one `lint` per distinct filter text (cached).
 */
export function failingDiagnostics(filter: string | CompiledFilter | FilterAst, dialect: Dialect, gate: LintGate): readonly Diagnostic[] {
  if (gate === "off") return [];
  const text = filterText(filter, dialect);
  if (text === undefined) return [];
  const key = `${dialect}\u0000${text}`;
  let diagnostics = cache.get(key);
  if (diagnostics === undefined) {
    diagnostics = lint(text, { dialect });
    if (cache.size >= CACHE_SIZE) cache.clear();
    cache.set(key, diagnostics);
  }
  return diagnostics.filter((d) => d.severity === "error" || (gate === "warnings" && d.severity === "warning"));
}

/** The failure message for a filter the gate stops. */
export function lintFailureMessage(diagnostics: readonly Diagnostic[], gate: LintGate, dialect: Dialect, source: string): string {
  const kinds = diagnostics.some((d) => d.severity === "error") ? "lint errors" : "lint warnings";
  const lines = [
    `the filter has ${kinds}, so the assertion proves nothing about it (a filter that can never fire passes every negative test):`,
    ...diagnostics.map((d) => `  ${d.span.line}:${d.span.column} ${d.severity} ${d.code}: ${d.message}`),
    `filter (${dialect}): ${source}`,
  ];
  if (gate === "warnings" && !diagnostics.some((d) => d.severity === "error")) {
    lines.push('fix the filter, or pass { lint: "errors" } to allow warnings ({ lint: "off" } to skip the check)');
  } else {
    lines.push('fix the filter, or pass { lint: "off" } to skip the check');
  }
  return lines.join("\n");
}
