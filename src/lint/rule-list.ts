/**
 * The lint rules by code, with their default severity and dialect, and the
 * per-rule settings a caller may give `lint` (`{ rules: { code: setting } }`),
 * in the conventions of eslint and biome: a severity, or `"off"`.
 *
 * `validateRules` checks such a settings object without linting anything, so
 * a tool can check a configuration file once, before it lints.
 */
import type { Severity } from "./diagnostic";
import { closest } from "./suggest";

/** What a rule is known by, outside its code. */
export interface RuleInfo {
  /** The severity a diagnostic of this rule has unless the caller sets another; `"off"` when it is opt-in. */
  readonly severity: RuleSetting;
  /** The dialect whose filters the rule checks. */
  readonly dialect: "trigger" | "event-hub" | "both";
  /** False for the codes that report on the input itself (`syntax`, `invalid-input`, `internal-error`), which cannot be turned off or re-graded. */
  readonly configurable: boolean;
  /** What the rule catches, in one line. */
  readonly description: string;
}

/** A rule's setting: its severity, or `"off"` to drop its diagnostics. */
export type RuleSetting = "off" | Severity;

const RULE_LIST = {
  syntax: {
    severity: "error",
    dialect: "both",
    configurable: false,
    description: "a syntax error; the other rules need a filter that parses",
  },
  "invalid-input": {
    severity: "error",
    dialect: "both",
    configurable: false,
    description: "a filter that is not a string, or bad options",
  },
  "internal-error": {
    severity: "error",
    dialect: "both",
    configurable: false,
    description: "a defect in the linter itself, reported instead of thrown",
  },
  "unknown-field": {
    severity: "error",
    dialect: "trigger",
    configurable: true,
    description: "a field outside the entity event, so always missing",
  },
  "unknown-operation": {
    severity: "error",
    dialect: "trigger",
    configurable: true,
    description: "entity.operation compared with an operation ftrack never sends",
  },
  "unknown-entity-type": {
    severity: "warning",
    dialect: "trigger",
    configurable: true,
    description: "an entity type the schema does not have (names are case-sensitive)",
  },
  "unknown-property": {
    severity: "warning",
    dialect: "trigger",
    configurable: true,
    description: "a property no allowed entity type sends in its events",
  },
  "never-equal": {
    severity: "warning",
    dialect: "trigger",
    configurable: true,
    description: "text compared with a number or boolean property, which never converts",
  },
  "json-literal": {
    severity: "warning",
    dialect: "trigger",
    configurable: true,
    description: "null, None, true, false or a number written as a value: it is text, never that JSON value",
  },
  "id-literal": {
    severity: "warning",
    dialect: "trigger",
    configurable: true,
    description: "an id property compared with a value that cannot be an id, such as a name",
  },
  "ordering-type": {
    severity: "warning",
    dialect: "trigger",
    configurable: true,
    description: "<, <=, >, >= on a value that is not text: an evaluation error",
  },
  "nullable-error": {
    severity: "info",
    dialect: "trigger",
    configurable: true,
    description: "ordering or a wildcard on an optional property: an evaluation error where it is null",
  },
  "list-equality": { severity: "warning", dialect: "trigger", configurable: true, description: "the list entity.id compared with = or !=" },
  "field-reference": {
    severity: "warning",
    dialect: "both",
    configurable: true,
    description: "a bare path read otherwise than it is plausibly meant: as a field where text is likelier (trigger), as text (event hub)",
  },
  "empty-equals": { severity: "warning", dialect: "both", configurable: true, description: 'x = "": an evaluation error in ftrack' },
  wildcard: { severity: "info", dialect: "both", configurable: true, description: 'a "*" that is an ordinary character, not a wildcard' },
  "wildcard-substring": {
    severity: "off",
    dialect: "both",
    configurable: true,
    description: 'a trailing "*" tests for a substring anywhere (or a list element, or an object key), not a prefix',
  },
  contradiction: {
    severity: "warning",
    dialect: "both",
    configurable: true,
    description: "conditions that can never hold together, or a branch that always holds",
  },
  "deep-nesting": {
    severity: "warning",
    dialect: "both",
    configurable: true,
    description: "nesting deep enough to make ftrack's own parser slow",
  },
} as const satisfies Readonly<Record<string, RuleInfo>>;

/** The code of a lint rule, as diagnostics carry it. */
export type RuleCode = keyof typeof RULE_LIST;

/** Per-rule settings for `lint`: `{ "field-reference": "off", "never-equal": "error" }`. */
export type RuleSettings = { readonly [code in RuleCode]?: RuleSetting };

/**
 * Every lint rule, by code, with its default severity, its dialect and a one
 * line description (RULES.md has the details and examples). Frozen.
 */
export const lintRules: Readonly<Record<RuleCode, RuleInfo>> = Object.freeze(
  Object.fromEntries(Object.entries(RULE_LIST).map(([code, info]) => [code, Object.freeze({ ...info })])) as Record<RuleCode, RuleInfo>,
);

const RULE_CODES: readonly string[] = Object.keys(RULE_LIST);
const SETTINGS: readonly string[] = ["off", "error", "warning", "info"];
/** Settings of other linters, mapped to ours for a did-you-mean. */
const SETTING_ALIASES: Readonly<Record<string, RuleSetting>> = {
  warn: "warning",
  "0": "off",
  "1": "warning",
  "2": "error",
  information: "info",
  hint: "info",
  none: "off",
};

/** One problem with a rules object: the key it concerns and a message saying what to write instead. */
export interface RuleProblem {
  /** The rule code as given (the empty string when the object itself is wrong). */
  readonly rule: string;
  readonly message: string;
}

/** True when `code` is the code of a lint rule. */
export function isRuleCode(code: string): code is RuleCode {
  return Object.hasOwn(RULE_LIST, code);
}

/**
 * Checks a per-rule settings object (for `lint`'s `rules` option, or a
 * configuration file) and returns its problems, empty when it is valid:
 * an unknown rule (with a did-you-mean), a setting that is not `"off"`,
 * `"error"`, `"warning"` or `"info"`, or a rule that cannot be configured.
 * Pure; never throws. Cost: one edit distance per rule code for each
 * unknown key.
 */
export function validateRules(rules: unknown): RuleProblem[] {
  if (rules === null || typeof rules !== "object" || Array.isArray(rules)) {
    return [{ rule: "", message: 'rules must be an object of rule codes to settings, such as { "field-reference": "off" }' }];
  }
  let entries: [string, unknown][];
  try {
    entries = Object.entries(rules);
  } catch {
    return [{ rule: "", message: "rules could not be read (a getter or proxy threw)" }];
  }
  const problems: RuleProblem[] = [];
  for (const [rule, setting] of entries) {
    if (!isRuleCode(rule)) {
      const candidate = closest(rule, RULE_CODES);
      const hint = candidate === undefined ? ` (rules: ${RULE_CODES.join(", ")})` : `; did you mean "${candidate}"?`;
      problems.push({ rule, message: `unknown lint rule "${rule}"${hint}` });
      continue;
    }
    if (!RULE_LIST[rule].configurable) {
      problems.push({ rule, message: `the lint rule "${rule}" reports on the input itself and cannot be configured` });
      continue;
    }
    if (typeof setting === "string" && SETTINGS.includes(setting)) continue;
    const alias = SETTING_ALIASES[String(setting).toLowerCase()];
    const hint = alias === undefined ? "" : `; did you mean "${alias}"?`;
    problems.push({
      rule,
      message: `the setting of "${rule}" must be "off", "error", "warning" or "info", not ${describeSetting(setting)}${hint}`,
    });
  }
  return problems;
}

/** The severity `code` has under `settings`: the caller's setting, else the rule's default. */
export function settingOf(code: string, settings: RuleSettings | undefined): RuleSetting | undefined {
  if (!isRuleCode(code)) return undefined;
  return (settings !== undefined && Object.hasOwn(settings, code) ? settings[code] : undefined) ?? RULE_LIST[code].severity;
}

function describeSetting(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === null || typeof value === "number" || typeof value === "boolean") return String(value);
  return Array.isArray(value) ? "an array" : `a value of type ${typeof value}`;
}
