/**
 * `ftrack-filter lint`: lints every filter given (arguments, files,
 * standard input) and prints the diagnostics compiler style, or as JSON.
 * Exit 0 when there is no error (and no more warnings than
 * `--max-warnings`), 1 otherwise, 2 when an input could not be read.
 */
import { CliError, countOption, dialectOption, EXIT, formatOption, type ExitStatus, type Parsed } from "./args";
import type { LINT_OPTIONS } from "./commands";
import { gatherFilters } from "./filters";
import { inputName, jsonErrorMessage, readText } from "./input";
import { lint, loadSchema, type FtrackSchema } from "./lib";
import { out, outStyle, problem, terminalWidth } from "./output";
import { renderDiagnostic, renderSummary, type Tally } from "./report";

/** Runs `lint` with its parsed arguments; resolves to the exit status. */
export async function runLint(parsed: Parsed<typeof LINT_OPTIONS>): Promise<ExitStatus> {
  const { values, positionals } = parsed;
  const dialect = dialectOption(values.dialect);
  const outputFormat = formatOption(values.format);
  const maxWarnings = countOption("max-warnings", values["max-warnings"]);
  const schema = values.schema === undefined ? undefined : await readSchema(values.schema);

  const { inputs, problems } = await gatherFilters(positionals, values.file ?? []);
  for (const unreadable of problems) problem(unreadable.message);
  if (inputs.length === 0) {
    if (problems.length === 0) problem("no filters to lint: the input holds nothing but blank lines and # comments");
    return EXIT.usage;
  }

  const options = schema === undefined ? { dialect } : { dialect, schema };
  const results = inputs.map((input) => ({ input, diagnostics: lint(input.filter, options) }));
  const tally: Tally = { error: 0, warning: 0, info: 0 };
  for (const { diagnostics } of results) for (const d of diagnostics) tally[d.severity]++;

  if (outputFormat === "json") {
    const report = results.map(({ input, diagnostics }) => ({ source: input.source, filter: input.filter, diagnostics }));
    out(JSON.stringify(report, null, 2));
  } else {
    const style = outStyle();
    const width = terminalWidth();
    for (const { input, diagnostics } of results) {
      for (const diagnostic of diagnostics) out(renderDiagnostic(input, diagnostic, style, width));
    }
    out(renderSummary(inputs.length, tally, style));
    if (maxWarnings !== undefined && tally.warning > maxWarnings) {
      out(style.yellow(`more warnings than --max-warnings ${maxWarnings} allows`));
    }
  }

  if (problems.length > 0) return EXIT.usage;
  const tooManyWarnings = maxWarnings !== undefined && tally.warning > maxWarnings;
  return tally.error > 0 || tooManyWarnings ? EXIT.finding : EXIT.ok;
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
