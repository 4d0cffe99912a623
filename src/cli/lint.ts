/**
 * `ftrack-filter lint`: lints every filter given (arguments, files,
 * standard input) and prints the diagnostics compiler style, or as JSON,
 * GitHub Actions annotations or SARIF. Rule settings come from the
 * configuration file, then `--rule`; `# ftrack-filter-disable-next-line`
 * comments silence the line below them. Exit 0 when there is no error (and
 * no more warnings than `--max-warnings`), 1 otherwise, 2 when an input or
 * the configuration could not be read.
 */
import { CliError, countOption, dialectOption, EXIT, formatOption, usageError, type ExitStatus, type Parsed } from "./args";
import type { LINT_OPTIONS } from "./commands";
import { findConfig, loadConfig, type LintConfig } from "./config";
import { gatherFilters, type Directive } from "./filters";
import { inputName, jsonErrorMessage, readText } from "./input";
import { lint, loadSchema, type Diagnostic, type FtrackSchema } from "./lib";
import { githubReport, jsonReport, sarifReport, type LintResult } from "./machine";
import { out, outStyle, problem, terminalWidth } from "./output";
import { renderDiagnostic, renderSummary, type Tally } from "./report";
import { applyRuleSettings, ruleCodeProblem, ruleSettingProblem, type RuleSetting, type RuleSettings } from "./rules";

/** Runs `lint` with its parsed arguments; resolves to the exit status. */
export async function runLint(parsed: Parsed<typeof LINT_OPTIONS>): Promise<ExitStatus> {
  const { values, positionals } = parsed;
  const outputFormat = formatOption(values.format, ["json", "github", "sarif"]);
  const config = await configFor(values.config, values["no-config"] === true);
  const rules: RuleSettings = { ...config?.rules, ...ruleOptions(values.rule ?? []) };
  const dialect = dialectOption(values.dialect ?? config?.dialect);
  const maxWarnings = countOption("max-warnings", values["max-warnings"]) ?? config?.maxWarnings;
  const schemaPath = values.schema ?? config?.schema;
  const schema = schemaPath === undefined ? undefined : await readSchema(schemaPath);
  const quiet = values.quiet === true;

  const { inputs, directives, problems } = await gatherFilters(positionals, values.file ?? []);
  for (const unreadable of problems) problem(unreadable.message);
  if (inputs.length === 0) {
    if (problems.length === 0) problem("no filters to lint: the input holds nothing but blank lines and # comments");
    return EXIT.usage;
  }

  const options = schema === undefined ? { dialect } : { dialect, schema };
  const results: LintResult[] = inputs.map((input) => {
    const diagnostics = applyRuleSettings(lint(input.filter, options), rules);
    return { input, diagnostics: input.directive === undefined ? diagnostics : silence(diagnostics, input.directive) };
  });
  results.push(...unusedDirectives(directives, rules));
  const tally: Tally = { error: 0, warning: 0, info: 0 };
  for (const { diagnostics } of results) {
    for (const d of diagnostics) {
      // A `more-diagnostics` entry stands for the diagnostics it counts.
      if (d.omitted === undefined) tally[d.severity]++;
      else for (const severity of ["error", "warning", "info"] as const) tally[severity] += d.omitted[severity];
    }
  }
  const tooManyWarnings = maxWarnings !== undefined && tally.warning > maxWarnings;
  // --quiet hides warnings and infos; they still count against --max-warnings.
  const shown = quiet ? results.map((r) => ({ ...r, diagnostics: r.diagnostics.filter((d) => d.severity === "error") })) : results;

  if (outputFormat === "json") {
    out(jsonReport(shown, inputs.length, tally));
  } else if (outputFormat === "sarif") {
    out(sarifReport(shown));
  } else if (outputFormat === "github") {
    for (const line of githubReport(shown)) out(line);
    if (tooManyWarnings) out(`::error title=ftrack-filter::more warnings than --max-warnings ${maxWarnings} allows`);
  } else {
    const style = outStyle();
    const width = terminalWidth();
    for (const { input, diagnostics } of shown) {
      for (const diagnostic of diagnostics) out(renderDiagnostic(input, diagnostic, style, width));
    }
    out(renderSummary(inputs.length, quiet ? { error: tally.error, warning: 0, info: 0 } : tally, style));
    if (tooManyWarnings) out(style.yellow(`more warnings than --max-warnings ${maxWarnings} allows`));
  }

  if (problems.length > 0) return EXIT.usage;
  return tally.error > 0 || tooManyWarnings ? EXIT.finding : EXIT.ok;
}

/** The configuration: `--config FILE`, none with `--no-config`, else the nearest one found. */
async function configFor(path: string | undefined, none: boolean): Promise<LintConfig | undefined> {
  if (path !== undefined && none) throw usageError("--config and --no-config cannot be used together");
  if (none) return undefined;
  return path === undefined ? findConfig(process.cwd()) : loadConfig(path, process.cwd());
}

/** The `--rule code=setting` options, checked. */
function ruleOptions(options: readonly string[]): Record<string, RuleSetting> {
  const rules: Record<string, RuleSetting> = {};
  for (const option of options) {
    const equals = option.indexOf("=");
    if (equals === -1) throw usageError(`--rule takes CODE=SETTING (such as field-reference=off), not ${JSON.stringify(option)}`);
    const code = option.slice(0, equals).trim();
    const setting = option.slice(equals + 1).trim();
    const reason = ruleCodeProblem(code) ?? ruleSettingProblem(setting);
    if (reason !== undefined) throw usageError(`--rule ${option}: ${reason}`);
    rules[code] = setting as RuleSetting;
  }
  return rules;
}

/** The diagnostics a directive leaves, its codes that silenced one marked used. */
function silence(diagnostics: readonly Diagnostic[], directive: Directive): Diagnostic[] {
  const codes = new Set(directive.codes.map(({ code }) => code));
  return diagnostics.filter((diagnostic) => {
    if (diagnostic.code === "syntax" || !codes.has(diagnostic.code)) return true;
    directive.used.add(diagnostic.code);
    return false;
  });
}

/**
 * A warning `unused-directive` for each code of a directive that silenced
 * nothing (a misspelt code, a rule set to off, a fixed filter), and for a
 * directive naming no code. Setting `unused-directive` is not offered: fix
 * or remove the comment.
 */
function unusedDirectives(directives: readonly Directive[], rules: RuleSettings): LintResult[] {
  const results: LintResult[] = [];
  for (const directive of directives) {
    const text = directive.line.filter;
    const at = (start: number, end: number): Diagnostic["span"] => ({ start, end, line: 1, column: start + 1, endLine: 1, endColumn: end + 1 });
    const diagnostics: Diagnostic[] = [];
    if (directive.codes.length === 0) {
      const end = text.trimEnd().length;
      diagnostics.push({
        code: "unused-directive",
        severity: "warning",
        message: "the directive names no rule; write the codes to silence after it, separated by commas",
        span: at(text.length - text.trimStart().length, end),
      });
    }
    for (const { code, start, end } of directive.codes) {
      if (directive.used.has(code)) continue;
      const reason =
        ruleCodeProblem(code) ??
        (rules[code] === "off" ? `the rule ${code} is off` : `the next line has no ${code} diagnostic to silence; remove the code`);
      diagnostics.push({ code: "unused-directive", severity: "warning", message: `unused directive: ${reason}`, span: at(start, end) });
    }
    if (diagnostics.length > 0) results.push({ input: directive.line, diagnostics });
  }
  return results;
}

/** Reads a `query_schemas` result from a file; a CliError (status 2) when it is not one. */
async function readSchema(path: string): Promise<FtrackSchema> {
  const name = inputName(path);
  const text = await readText(path);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${name}: invalid JSON: ${jsonErrorMessage(error, text)}`);
  }
  try {
    return loadSchema(data);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`${name}: not a query_schemas result: ${reason}`);
  }
}
