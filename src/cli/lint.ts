/**
 * `ftrack-filter lint`: lints every filter given (arguments, files,
 * standard input) and prints the diagnostics compiler style, or as JSON,
 * GitHub Actions annotations or SARIF. Rule settings come from the
 * configuration file, then `--rule`; `# ftrack-filter-disable-next-line`
 * comments silence the line below them. Filters are linted and reported
 * as they are read, one line at a time. Exit 0 when there is no error (and
 * no more warnings than `--max-warnings`), 1 otherwise, 2 when an input or
 * the configuration could not be read.
 */
import { CliError, countOption, dialectOption, EXIT, type ExitStatus, formatOption, type Parsed, usageError } from "./args";
import type { LINT_OPTIONS } from "./commands";
import { findConfig, type LintConfig, loadConfig } from "./config";
import { lintUnderDirective, unusedDirective } from "./directives";
import { gatherFilters, noFilters } from "./filters";
import { inputName, jsonErrorMessage, readText } from "./input";
import { type FtrackSchema, lint, loadSchema, type RuleSettings } from "./lib";
import { lintReporter } from "./lint-report";
import type { LintResult } from "./machine";
import { drained, problem } from "./output";
import type { Tally } from "./report";
import { checkRules } from "./rules";

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

  const options = schema === undefined ? { dialect, rules } : { dialect, schema, rules };
  const tally: Tally = { error: 0, warning: 0, info: 0 };
  const reporter = lintReporter(outputFormat);
  const report = (result: LintResult): void => {
    for (const d of result.diagnostics) {
      // A `more-diagnostics` entry stands for the diagnostics it counts.
      if (d.omitted === undefined) tally[d.severity]++;
      else for (const severity of ["error", "warning", "info"] as const) tally[severity] += d.omitted[severity];
    }
    // --quiet hides warnings and infos; they still count against --max-warnings.
    reporter.result(quiet ? { ...result, diagnostics: result.diagnostics.filter((d) => d.severity === "error") } : result);
  };
  let filters = 0;
  let unreadable = 0;
  const unreadableInput = (error: CliError): void => {
    problem(error.message);
    unreadable++;
  };
  // Each filter is linted and reported as it is read, so memory stays flat however many there are.
  for await (const item of gatherFilters(positionals, values.file ?? [], unreadableInput)) {
    if (item.kind === "directive") {
      const unused = unusedDirective(item.directive, rules);
      if (unused !== undefined) report(unused);
    } else {
      const { input } = item;
      filters++;
      const directive = input.directive;
      if (directive === undefined) {
        report({ input, diagnostics: lint(input.filter, options) });
      } else {
        const left = lintUnderDirective(input.filter, options, directive);
        const unused = unusedDirective(directive, rules);
        if (unused !== undefined) report(unused);
        report({ input, diagnostics: left });
      }
    }
    await drained();
  }
  reporter.end({ filters, tally, maxWarnings, quiet });
  if (filters === 0) return noFilters("lint", unreadable);
  if (unreadable > 0) return EXIT.usage;
  const tooManyWarnings = maxWarnings !== undefined && tally.warning > maxWarnings;
  return tally.error > 0 || tooManyWarnings ? EXIT.finding : EXIT.ok;
}

/** The configuration: `--config FILE`, none with `--no-config`, else the nearest one found. */
async function configFor(path: string | undefined, none: boolean): Promise<LintConfig | undefined> {
  if (path !== undefined && none) throw usageError("--config and --no-config cannot be used together");
  if (none) return undefined;
  return path === undefined ? findConfig(process.cwd()) : loadConfig(path, process.cwd());
}

/** The `--rule code=setting` options, checked; a later one for the same code wins. */
function ruleOptions(options: readonly string[]): RuleSettings {
  const rules: Record<string, string> = {};
  const given: Record<string, string> = {};
  for (const option of options) {
    const equals = option.indexOf("=");
    if (equals === -1) throw usageError(`--rule takes CODE=SETTING (such as field-reference=off), not ${JSON.stringify(option)}`);
    const code = option.slice(0, equals).trim();
    rules[code] = option.slice(equals + 1).trim();
    given[code] = option;
  }
  return checkRules(rules, (code, reason) => usageError(`--rule ${given[code] ?? code}: ${reason}`));
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
