/**
 * Rule settings for `lint` (per-rule severity or `off`, from `--rule
 * code=setting` and the configuration file), checked by the library's
 * `validateRules` against its `lintRules`, and worded for the command line
 * with a did-you-mean. `lint()` itself applies them.
 */
import { didYouMean } from "./args";
import { isRuleCode, lintRules, type RuleSettings, validateRules } from "./lib";

/** Codes a setting or a directive may name: those of `lintRules` that are configurable. */
const SETTABLE_CODES: readonly string[] = Object.entries(lintRules)
  .filter(([, info]) => info.configurable)
  .map(([code]) => code);

const SETTINGS: readonly string[] = ["off", "error", "warning", "info"];

/**
 * Why `code` cannot be set or silenced, or undefined when it can: an
 * unknown code (with the closest known one), or one of the codes that
 * report a filter that cannot be checked, which are always errors.
 */
export function ruleCodeProblem(code: string): string | undefined {
  if (!isRuleCode(code)) return `no rule has the code ${JSON.stringify(code)}${didYouMean(code, SETTABLE_CODES, true)}`;
  if (!lintRules[code].configurable) return `${JSON.stringify(code)} reports a filter that cannot be checked; it is always an error`;
  return undefined;
}

/** Why `value` is not a setting, or undefined when it is one. */
export function ruleSettingProblem(value: unknown): string | undefined {
  if (typeof value === "string" && SETTINGS.includes(value)) return undefined;
  const hint = typeof value === "string" ? didYouMean(value, SETTINGS) : "";
  return `a rule is set to off, error, warning or info, not ${JSON.stringify(value)}${hint}`;
}

/**
 * Checks settings by code (from `--rule` or a configuration file) with
 * `validateRules`, and returns them as `lint` takes them. Throws what
 * `fail` makes of the first problem, worded for the command line. Cost: one
 * look-up per code.
 */
export function checkRules(rules: Readonly<Record<string, unknown>>, fail: (code: string, message: string) => Error): RuleSettings {
  const [first] = validateRules(rules);
  if (first === undefined) return rules as RuleSettings;
  throw fail(first.rule, ruleCodeProblem(first.rule) ?? ruleSettingProblem(rules[first.rule]) ?? first.message);
}

/** Whether the rule `code` is off under `rules`: set to off, or off by default and not turned on. */
export function isOff(code: string, rules: RuleSettings): boolean {
  if (!isRuleCode(code)) return false;
  return (Object.hasOwn(rules, code) ? rules[code] : lintRules[code].severity) === "off";
}
