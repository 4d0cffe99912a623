/**
 * `ftrack-filter format`: prints each filter in canonical form, one per
 * line, or with `--check` lists the filters that are not already canonical.
 * A filter with syntax errors is reported as `lint` reports it (on standard
 * error) and makes the exit status 1, like a filter that is not canonical.
 */
import { CliError, dialectOption, EXIT, type ExitStatus, type Parsed } from "./args";
import type { FORMAT_OPTIONS } from "./commands";
import { gatherFilters, noFilters } from "./filters";
import { format } from "./lib";
import { drained, err, errStyle, out, outStyle, problem } from "./output";
import { renderSyntaxErrors, syntaxDiagnostics } from "./syntax";

/** Runs `format` with its parsed arguments; resolves to the exit status. */
export async function runFormat(parsed: Parsed<typeof FORMAT_OPTIONS>): Promise<ExitStatus> {
  const { values, positionals } = parsed;
  const dialect = dialectOption(values.dialect);
  const checking = values.check === true;
  const style = outStyle();
  let filters = 0;
  let unreadable = 0;
  let invalid = 0;
  let changed = 0;
  // Each filter is formatted and printed as it is read, so memory stays flat however many there are.
  const report = (error: CliError): void => {
    problem(error.message);
    unreadable++;
  };
  for await (const input of gatherFilters(positionals, values.file ?? [], report)) {
    filters++;
    const syntax = syntaxDiagnostics(input.filter, dialect);
    if (syntax.length > 0) {
      err(renderSyntaxErrors(input, syntax, errStyle()));
      invalid++;
      continue;
    }
    const canonical = format(input.filter, { dialect });
    if (!checking) {
      out(canonical);
    } else if (canonical !== input.filter) {
      changed++;
      out(`${style.bold(input.source)}: not in canonical form; canonical:`);
      out(`  ${style.green(canonical)}`);
    }
    await drained();
  }
  if (filters === 0) return noFilters("format", unreadable);
  if (checking) {
    const checked = filters - invalid;
    const summary =
      changed === 0
        ? style.green(`${checked} ${checked === 1 ? "filter" : "filters"} in canonical form`)
        : style.yellow(`${changed} of ${checked} ${checked === 1 ? "filter" : "filters"} not in canonical form`);
    out(summary);
  }
  if (unreadable > 0) return EXIT.usage;
  return invalid > 0 || changed > 0 ? EXIT.finding : EXIT.ok;
}
