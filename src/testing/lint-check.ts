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

/**
 * Lint results by schema (the built-in one under `builtIn`), dialect and
 * text: tests assert the same filter many times.
 */
const caches = new WeakMap<object, Map<string, readonly Diagnostic[]>>();
const builtIn = {};
const CACHE_SIZE = 500;

/** Throws a TypeError unless `value` is a lint gate. */
export function checkGate(value: unknown): LintGate {
  if (typeof value === "string" && GATES.includes(value)) return value as LintGate;
  throw new TypeError('option "lint" must be "warnings" (the default), "errors" or "off"');
}

/**
 * The diagnostics of `filter` that fail an assertion under `gate`, linted
 * against `schema` (an `FtrackSchema` or a `query_schemas` result; the
 * built-in one when undefined). Cost: one `lint` per distinct filter text
 * and schema (cached).
 */
export function failingDiagnostics(
  filter: string | CompiledFilter | FilterAst,
  dialect: Dialect,
  gate: LintGate,
  schema?: unknown,
): readonly Diagnostic[] {
  if (gate === "off") return [];
  const text = filterText(filter, dialect);
  if (text === undefined) return [];
  const owner = typeof schema === "object" && schema !== null ? schema : builtIn;
  let cache = caches.get(owner);
  if (cache === undefined) {
    cache = new Map();
    caches.set(owner, cache);
  }
  const key = `${dialect}\u0000${text}`;
  let diagnostics = cache.get(key);
  if (diagnostics === undefined) {
    diagnostics = lint(text, schema === undefined ? { dialect } : { dialect, schema });
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
