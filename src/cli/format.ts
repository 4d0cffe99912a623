/**
 * `ftrack-filter format`: prints filters in canonical form. A filter given
 * as an argument prints as one line; a file (or standard input) prints as a
 * whole, its comments, blank lines and unparsable lines kept as they were,
 * so the output can replace it (`--write` does so in place). `--check`
 * lists the filters that are not canonical and changes nothing. A filter
 * with syntax errors is reported as `lint` reports it (on standard error)
 * and makes the exit status 1, like a filter that is not canonical.
 */
import { CliError, dialectOption, EXIT, usageError, type ExitStatus, type Parsed } from "./args";
import type { FORMAT_OPTIONS } from "./commands";
import { expandPatterns } from "./hints";
import { formatText, type FilterOutcome } from "./format-text";
import { inputName, readText } from "./input";
import { err, errStyle, out, outStyle, problem } from "./output";
import { renderSyntaxErrors } from "./syntax";
import { replaceFile } from "./write-file";

/** Counts over every filter seen. */
interface Counts {
  filters: number;
  changed: number;
  invalid: number;
}

/** Runs `format` with its parsed arguments; resolves to the exit status. */
export async function runFormat(parsed: Parsed<typeof FORMAT_OPTIONS>): Promise<ExitStatus> {
  const { values, positionals } = parsed;
  const dialect = dialectOption(values.dialect);
  const checking = values.check === true;
  const writing = values.write === true;
  if (checking && writing) throw usageError("--check and --write cannot be used together");
  const args = positionals.filter((arg) => arg !== "-");
  let paths = [...(positionals.includes("-") ? ["-"] : []), ...(values.file ?? [])];
  if (args.length === 0 && paths.length === 0) {
    if (process.stdin.isTTY === true) throw usageError("no filters given: pass FILTER arguments, --file FILE, or pipe them in");
    paths = ["-"];
  }
  if (writing && (args.length > 0 || paths.includes("-"))) {
    throw usageError("--write rewrites files: give them with --file, not as arguments or on standard input");
  }

  const counts: Counts = { filters: 0, changed: 0, invalid: 0 };
  const report = (outcome: FilterOutcome): void => {
    counts.filters++;
    if (outcome.kind === "invalid") {
      counts.invalid++;
      err(renderSyntaxErrors(outcome.input, outcome.diagnostics, errStyle()));
    } else if (outcome.canonical !== outcome.input.filter) {
      counts.changed++;
      if (checking) {
        const style = outStyle();
        out(`${style.bold(outcome.input.source)}: not in canonical form; canonical:`);
        out(`  ${style.green(outcome.canonical)}`);
      }
    }
  };

  args.forEach((filter, i) => {
    const label = `<arg ${i + 1}>`;
    const text = formatText(label, filter, dialect, report, "line");
    if (!checking) out(text);
  });
  let unreadableInputs = 0;
  const expanded = await expandPatterns(paths);
  for (const unmatched of expanded.problems) problem(unmatched.message);
  unreadableInputs += expanded.problems.length;
  for (const path of expanded.paths) {
    const changedBefore = counts.changed;
    let formatted: string;
    try {
      formatted = formatText(inputName(path), await readText(path), dialect, report, "file");
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      problem(error.message);
      unreadableInputs++;
      continue;
    }
    if (writing) {
      if (counts.changed > changedBefore) {
        try {
          await replaceFile(path, formatted);
          out(`${outStyle().bold(path)}: formatted`);
        } catch (error) {
          problem(`${path}: cannot be written (${(error as { code?: string }).code ?? String(error)}); left as it was`);
          unreadableInputs++;
        }
      }
    } else if (!checking) {
      process.stdout.write(formatted);
    }
  }
  if (checking || writing) out(summary(counts, writing));
  if (unreadableInputs > 0) return EXIT.usage;
  return counts.invalid > 0 || (checking && counts.changed > 0) ? EXIT.finding : EXIT.ok;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/** `12 filters: 5 not in canonical form, 1 with syntax errors` (or `… rewritten` with --write). */
function summary(counts: Counts, writing: boolean): string {
  const style = outStyle();
  const parts: string[] = [];
  if (counts.changed > 0) parts.push(style.yellow(`${counts.changed} ${writing ? "rewritten in canonical form" : "not in canonical form"}`));
  if (counts.invalid > 0) parts.push(style.red(`${counts.invalid} with syntax errors (left as they were)`));
  const text = parts.length === 0 ? style.green(counts.filters === 1 ? "in canonical form" : "all in canonical form") : parts.join(", ");
  return `${style.bold(`${plural(counts.filters, "filter")}:`)} ${text}`;
}
