/**
 * `# ftrack-filter-disable-next-line CODE[, CODE]` comments of filter files:
 * the diagnostics of the next line they silence, and the `unused-directive`
 * warning for a code that silenced nothing.
 */
import type { Directive } from "./filters";
import { type Diagnostic, type LintOptions, lint, type RuleSettings } from "./lib";
import type { LintResult } from "./machine";
import { isOff, ruleCodeProblem } from "./rules";

/**
 * Lints the filter under a directive: its codes are set to off for this
 * filter, so that the cap of 50 diagnostics counts only what is left (a
 * silenced rule never hides the others). A code is marked used when the
 * filter, linted as it stands, reports it, or may report it: past the cap
 * the codes of the diagnostics left out are not known. Codes that name no
 * rule that can be set silence nothing (the unused-directive warning says
 * why). Cost: two `lint` calls, on lines with a directive only.
 */
export function lintUnderDirective(filter: string, options: LintOptions, directive: Directive): Diagnostic[] {
  const codes = directive.codes.map(({ code }) => code).filter((code) => ruleCodeProblem(code) === undefined);
  if (codes.length === 0) return lint(filter, options);
  const unsilenced = lint(filter, options);
  const capped = unsilenced.some((diagnostic) => diagnostic.code === "more-diagnostics");
  for (const code of codes) if (capped || unsilenced.some((diagnostic) => diagnostic.code === code)) directive.used.add(code);
  const rules: Record<string, "off"> = {};
  for (const code of codes) rules[code] = "off";
  return lint(filter, { ...options, rules: { ...options.rules, ...rules } });
}

/**
 * The `unused-directive` warnings of a directive whose next line has been
 * linted (or holds no filter): one for each code that silenced nothing (a
 * misspelt code, a rule that is off, a fixed filter), one for a directive
 * naming no code; undefined when there is none. Setting `unused-directive`
 * is not offered: fix or remove the comment.
 */
export function unusedDirective(directive: Directive, rules: RuleSettings): LintResult | undefined {
  const text = directive.line.filter;
  const at = (start: number, end: number): Diagnostic["span"] => ({
    start,
    end,
    line: 1,
    column: start + 1,
    endLine: 1,
    endColumn: end + 1,
  });
  const diagnostics: Diagnostic[] = [];
  if (directive.codes.length === 0) {
    diagnostics.push({
      code: "unused-directive",
      severity: "warning",
      message: "the directive names no rule; write the codes to silence after it, separated by commas",
      span: at(text.length - text.trimStart().length, text.trimEnd().length),
    });
  }
  for (const { code, start, end } of directive.codes) {
    if (directive.used.has(code)) continue;
    const reason =
      ruleCodeProblem(code) ??
      (isOff(code, rules) ? `the rule ${code} is off` : `the next line has no ${code} diagnostic to silence; remove the code`);
    diagnostics.push({ code: "unused-directive", severity: "warning", message: `unused directive: ${reason}`, span: at(start, end) });
  }
  return diagnostics.length === 0 ? undefined : { input: directive.line, diagnostics };
}
