/**
 * `ftrack-filter format`: prints each filter in canonical form, one per
 * line, or with `--check` lists the filters that are not already canonical.
 * A filter with syntax errors is reported as `lint` reports it (on standard
 * error) and makes the exit status 1, like a filter that is not canonical.
 */
import { dialectOption, EXIT, type ExitStatus, type Parsed } from "./args";
import type { FORMAT_OPTIONS } from "./commands";
import { gatherFilters } from "./filters";
import { format } from "./lib";
import { err, errStyle, out, outStyle, problem } from "./output";
import { renderSyntaxErrors, syntaxDiagnostics } from "./syntax";

/** Runs `format` with its parsed arguments; resolves to the exit status. */
export async function runFormat(parsed: Parsed<typeof FORMAT_OPTIONS>): Promise<ExitStatus> {
  const { values, positionals } = parsed;
  const dialect = dialectOption(values.dialect);
  const checking = values.check === true;
  const { inputs, problems } = await gatherFilters(positionals, values.file ?? []);
  for (const unreadable of problems) problem(unreadable.message);
  if (inputs.length === 0) {
    if (problems.length === 0) problem("no filters to format: the input holds nothing but blank lines and # comments");
    return EXIT.usage;
  }

  const style = outStyle();
  let invalid = 0;
  let changed = 0;
  for (const input of inputs) {
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
  }
  if (checking) {
    const checked = inputs.length - invalid;
    const summary =
      changed === 0
        ? style.green(`${checked} ${checked === 1 ? "filter" : "filters"} in canonical form`)
        : style.yellow(`${changed} of ${checked} ${checked === 1 ? "filter" : "filters"} not in canonical form`);
    out(summary);
  }
  if (problems.length > 0) return EXIT.usage;
  return invalid > 0 || changed > 0 ? EXIT.finding : EXIT.ok;
}
