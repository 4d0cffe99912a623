/**
 * The part of the library the command line uses. The command line is a
 * client of the public API like any other; the names come from their own
 * modules rather than from the package's index, which holds more than the
 * command line needs (the test kit's helpers, `FilterSet`).
 */

export { compile } from "../compiler/compile";
export { FilterEvaluationError } from "../compiler/errors";
export { explain } from "../compiler/explain";
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
