/**
 * Rule settings for `lint`: per-rule severity or `off`, from `--rule
 * code=severity`, from the configuration file, and the `--quiet` filter.
 *
 * The settings are applied to the diagnostics `lint()` returns, by
 * {@link applyRuleSettings}: the one place that knows how a setting changes
 * a diagnostic. Should the library take the settings itself, that function
 * is the only one to replace.
 */
import type { Diagnostic, Severity } from "./lib";
import { didYouMean } from "./args";

/** What a rule can be set to. */
export type RuleSetting = Severity | "off";

/** Settings by rule code; a code not listed keeps its own severity. */
export type RuleSettings = Readonly<Record<string, RuleSetting>>;

/** The codes of src/lint/RULES.md, in its order (a test keeps the two in step). */
export const RULE_CODES = [
  "syntax",
  "invalid-input",
  "unknown-field",
  "unknown-operation",
  "unknown-entity-type",
  "unknown-property",
  "never-equal",
  "ordering-type",
  "nullable-error",
  "list-equality",
  "field-reference",
  "empty-equals",
  "wildcard",
  "contradiction",
  "deep-nesting",
  "internal-error",
] as const;

/** Codes that report a filter that cannot be checked at all: always errors, never off. */
const FIXED_CODES: ReadonlySet<string> = new Set(["syntax", "invalid-input", "internal-error"]);

/** Codes a setting or a directive may name. */
export const SETTABLE_CODES: readonly string[] = RULE_CODES.filter((code) => !FIXED_CODES.has(code));

const SETTINGS: readonly RuleSetting[] = ["off", "error", "warning", "info"];

/**
 * Why `code` cannot be set, or undefined when it can: an unknown code (with
 * the closest known one), or one of the codes that are always errors.
 */
export function ruleCodeProblem(code: string): string | undefined {
  if (SETTABLE_CODES.includes(code)) return undefined;
  if (FIXED_CODES.has(code)) return `${JSON.stringify(code)} reports a filter that cannot be checked; it is always an error`;
  return `no rule has the code ${JSON.stringify(code)}${didYouMean(code, SETTABLE_CODES, true)}`;
}

/** Why `value` is not a setting, or undefined when it is one. */
export function ruleSettingProblem(value: unknown): string | undefined {
  if (typeof value === "string" && (SETTINGS as readonly string[]).includes(value)) return undefined;
  const hint = typeof value === "string" ? didYouMean(value, SETTINGS) : "";
  return `a rule is set to off, error, warning or info, not ${JSON.stringify(value)}${hint}`;
}

/**
 * The diagnostics with the settings applied: a rule set to `off` is
 * dropped, another setting replaces the severity. Order is kept. Cost:
 * linear in the number of diagnostics.
 */
export function applyRuleSettings(diagnostics: readonly Diagnostic[], rules: RuleSettings): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const setting = Object.hasOwn(rules, diagnostic.code) ? rules[diagnostic.code] : undefined;
    if (setting === undefined || FIXED_CODES.has(diagnostic.code)) out.push(diagnostic);
    else if (setting !== "off") out.push(setting === diagnostic.severity ? diagnostic : { ...diagnostic, severity: setting });
  }
  return out;
}
