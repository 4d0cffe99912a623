/**
 * `ftrack-filter lint`: lints every filter given (arguments, files,
 * standard input) and prints the diagnostics compiler style, or as JSON.
 * Exit 0 when there is no error (and no more warnings than
 * `--max-warnings`), 1 otherwise, 2 when an input could not be read.
 */
import { CliError, countOption, dialectOption, EXIT, formatOption, type ExitStatus, type Parsed } from "./args";
import type { LINT_OPTIONS } from "./commands";
import { gatherFilters, noFilters } from "./filters";
import { inputName, jsonErrorMessage, readText } from "./input";
import { lint, loadSchema, type FtrackSchema } from "./lib";
import { drained, out, outStyle, problem, terminalWidth } from "./output";
import { renderDiagnostic, renderSummary, type Tally } from "./report";

/** Runs `lint` with its parsed arguments; resolves to the exit status. */
export async function runLint(parsed: Parsed<typeof LINT_OPTIONS>): Promise<ExitStatus> {
  const { values, positionals } = parsed;
  const dialect = dialectOption(values.dialect);
  const outputFormat = formatOption(values.format);
  const maxWarnings = countOption("max-warnings", values["max-warnings"]);
  const schema = values.schema === undefined ? undefined : await readSchema(values.schema);

  const options = schema === undefined ? { dialect } : { dialect, schema };
  const tally: Tally = { error: 0, warning: 0, info: 0 };
  const style = outStyle();
  const width = terminalWidth();
  const json = outputFormat === "json";
  let filters = 0;
  let unreadable = 0;
  let pending: string | undefined;
  // Each filter is linted and printed as it is read, so memory stays flat
  // however many there are; JSON output is one array written item by item.
  const report = (error: CliError): void => {
    problem(error.message);
    unreadable++;
  };
  for await (const input of gatherFilters(positionals, values.file ?? [], report)) {
    const diagnostics = lint(input.filter, options);
    for (const d of diagnostics) {
      if (d.omitted === undefined) tally[d.severity]++;
      else for (const severity of ["error", "warning", "info"] as const) tally[severity] += d.omitted[severity];
    }
    if (json) {
      // The text JSON.stringify gives the whole array, one item behind so that its comma can follow it.
      if (pending === undefined) out("[");
      else out(`${pending},`);
      pending = `  ${JSON.stringify({ source: input.source, filter: input.filter, diagnostics }, null, 2).replaceAll("\n", "\n  ")}`;
    } else {
      for (const diagnostic of diagnostics) out(renderDiagnostic(input, diagnostic, style, width));
    }
    filters++;
    await drained();
  }
  if (filters === 0) return noFilters("lint", unreadable);

  if (json) {
    out(pending ?? "");
    out("]");
  } else {
    out(renderSummary(filters, tally, style));
    if (maxWarnings !== undefined && tally.warning > maxWarnings) {
      out(style.yellow(`more warnings than --max-warnings ${maxWarnings} allows`));
    }
  }

  if (unreadable > 0) return EXIT.usage;
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
