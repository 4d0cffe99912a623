/**
 * `lint`: every problem in a filter, as plain diagnostics, never an
 * exception. Syntax errors come first and stop the other rules (which need a
 * complete AST); then each condition goes through the rules of its dialect.
 * The rules themselves live in ./rules, one file per subject; RULES.md lists
 * them.
 */
import type { Dialect, Span } from "../syntax/ast";
import { parseAll } from "../syntax/parser";
import { collectConditions, type LintContext } from "./context";
import { capDiagnostics, type Diagnostic, Reporter, type Severity } from "./diagnostic";
import { type RuleSettings, settingOf, validateRules } from "./rule-list";
import { checkContradictions } from "./rules/contradiction";
import { checkEntityType, checkOperation, checkProperties } from "./rules/entity";
import { checkFields } from "./rules/fields";
import { checkIdLiteral } from "./rules/literals";
import { checkNesting } from "./rules/nesting";
import { checkTypes } from "./rules/types";
import { checkEventHubReference, checkValues } from "./rules/values";
import { builtInSchema, FtrackSchema, loadSchema } from "./schema";

export interface LintOptions {
  /** `"trigger"` (webhook trigger filters, the default) or `"event-hub"`. */
  readonly dialect?: Dialect;
  /**
   * The entity types to check trigger filters against: a {@link FtrackSchema}
   * or a raw `query_schemas` result. Default: the built-in snapshot.
   */
  readonly schema?: FtrackSchema | unknown;
  /**
   * Per-rule severity, or `"off"`: `{ "field-reference": "off", "never-equal": "error" }`.
   * Rules not named keep their default (see `lintRules`); an unknown rule or
   * setting is reported as an `invalid-input` error.
   */
  readonly rules?: RuleSettings;
}

const OPTION_KEYS = new Set(["dialect", "schema", "rules"]);
const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** Raw query_schemas results already loaded, so passing the same array again costs nothing. */
const loadedSchemas = new WeakMap<object, FtrackSchema>();

/**
 * Lints a filter: syntax errors (all of them), then the rules of its
 * dialect, sorted by position: at most 50 diagnostics (as many as syntax errors), then one
 * `more-diagnostics` that counts the rest. Messages quote at most 80
 * characters of filter text, with control characters escaped. Never throws, whatever it is given: a
 * non-string filter or bad options come back as an `invalid-input` error.
 *
 * Costs about as much as parsing (microseconds per typical filter). The
 * built-in schema is decoded once per process; build your own schema once
 * with `loadSchema` (or pass the same raw array each time) and reuse it.
 */
export function lint(source: string, options?: LintOptions): Diagnostic[] {
  try {
    return lintOrThrow(source, options);
  } catch (error) {
    // A defect in a rule must not become an exception in the caller's hands.
    const reporter = new Reporter(typeof source === "string" ? source : "");
    const reason = error instanceof Error ? error.message : String(error);
    reporter.report("internal-error", "error", `the linter failed on this filter: ${reason}`, { start: 0, end: 0 });
    return reporter.diagnostics;
  }
}

function lintOrThrow(source: unknown, options: LintOptions | undefined): Diagnostic[] {
  const text = typeof source === "string" ? source : "";
  const reporter = new Reporter(text);
  const origin = { start: 0, end: 0 };
  if (typeof source !== "string") {
    reporter.report("invalid-input", "error", `the filter must be a string, not ${describe(source)}`, origin);
    return reporter.diagnostics;
  }
  let dialect: Dialect = "trigger";
  let schema: FtrackSchema | undefined;
  let rules: RuleSettings | undefined;
  try {
    ({ dialect, schema, rules } = resolveOptions(options));
  } catch (error) {
    reporter.report("invalid-input", "error", error instanceof Error ? error.message : String(error), origin);
    return reporter.diagnostics;
  }
  if (rules !== undefined) {
    const problems = validateRules(rules);
    for (const problem of problems) reporter.report("invalid-input", "error", `option rules: ${problem.message}`, origin);
    if (problems.length > 0) return reporter.diagnostics;
  }
  return lintParsed(source, dialect, schema, new ConfiguredReporter(source, rules));
}

/**
 * A reporter that applies the rule settings: a diagnostic takes the
 * caller's setting for its rule, else the rule's default; `"off"` drops it.
 */
class ConfiguredReporter extends Reporter {
  constructor(
    source: string,
    private readonly rules: RuleSettings | undefined,
  ) {
    super(source);
  }

  override report(code: string, severity: Severity, message: string, span: Span, fix?: { text: string; span: Span }, hint?: string): void {
    const setting = settingOf(code, this.rules) ?? severity;
    if (setting !== "off") super.report(code, setting, message, span, fix, hint);
  }
}

function lintParsed(source: string, dialect: Dialect, schema: FtrackSchema | undefined, reporter: Reporter): Diagnostic[] {
  const parsed = parseAll(source, { dialect });
  for (const error of parsed.errors) {
    reporter.report("syntax", "error", error.reason, { start: error.offset, end: error.offset + error.length }, undefined, error.hint);
  }
  if (parsed.ast === undefined || parsed.errors.length > 0) return reporter.diagnostics;
  const ctx: LintContext = {
    source,
    ast: parsed.ast,
    dialect,
    schema: schema ?? builtInSchema(),
    reporter,
    conditions: collectConditions(parsed.ast, dialect),
  };
  for (const info of ctx.conditions) {
    if (dialect === "trigger") {
      checkFields(ctx, info);
      checkOperation(ctx, info.node);
      checkEntityType(ctx, info.node);
      checkProperties(ctx, info);
      checkTypes(ctx, info);
      checkIdLiteral(ctx, info);
    } else {
      checkEventHubReference(ctx, info.node);
    }
    checkValues(ctx, info.node);
  }
  checkContradictions(ctx);
  checkNesting(ctx);
  const sorted = reporter.diagnostics.sort(
    (a, b) => a.span.start - b.span.start || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.span.end - b.span.end,
  );
  return capDiagnostics(sorted);
}

interface Resolved {
  readonly dialect: Dialect;
  readonly schema: FtrackSchema | undefined;
  readonly rules: RuleSettings | undefined;
}

function resolveOptions(options: unknown): Resolved {
  if (options === undefined) return { dialect: "trigger", schema: undefined, rules: undefined };
  if (options === null || typeof options !== "object") throw new TypeError("options must be an object");
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key)) throw new TypeError(`unknown option "${key}"`);
  }
  const { dialect = "trigger", schema, rules } = options as { dialect?: unknown; schema?: unknown; rules?: RuleSettings };
  if (dialect !== "trigger" && dialect !== "event-hub") {
    throw new TypeError(`dialect must be "trigger" or "event-hub", not ${describe(dialect)}`);
  }
  if (schema === undefined || schema instanceof FtrackSchema) return { dialect, schema, rules };
  if (typeof schema !== "object" || schema === null) {
    throw new TypeError("schema must be an FtrackSchema or a query_schemas result (an array)");
  }
  let loaded = loadedSchemas.get(schema);
  if (loaded === undefined) {
    loaded = loadSchema(schema);
    loadedSchemas.set(schema, loaded);
  }
  return { dialect, schema: loaded, rules };
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "object") return "an object";
  if (typeof value === "function") return "a function";
  return `${typeof value} ${String(value)}`;
}
