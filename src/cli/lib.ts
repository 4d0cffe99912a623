/**
 * The part of the library the command line uses, in one place. The command
 * line is a client of the public API like any other; the modules that
 * import this one are loaded only once a command needs them, so that the
 * parser (Chevrotain) stays out of `--help` and `--version`.
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
export {
  compile,
  explain,
  FilterEvaluationError,
  format,
  isRuleCode,
  lineColumn,
  lint,
  lintRules,
  loadSchema,
  parseAll,
  validateRules,
} from "../index";
