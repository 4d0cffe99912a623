/**
 * The part of the library the command line uses to read and check filters.
 * The command line is a client of the public API like any other; the
 * modules that import this one are loaded only once a command needs them,
 * so that the parser (Chevrotain) stays out of `--help` and `--version`.
 * The names come from their own modules rather than from the package's
 * index, and evaluation has a module of its own (`./evaluation`), so that
 * `lint` and `format` load no compiler.
 */

export type {
  CompiledFilter,
  Diagnostic,
  Dialect,
  Explanation,
  FilterSyntaxError,
  FtrackSchema,
  LintOptions,
  RuleSetting,
  RuleSettings,
  Severity,
} from "../index";
export { lint } from "../lint/lint";
export { isRuleCode, lintRules, validateRules } from "../lint/rule-list";
export { loadSchema } from "../lint/schema";
export { lineColumn } from "../syntax/errors";
export { format } from "../syntax/format";
export { parseAll } from "../syntax/parser";
