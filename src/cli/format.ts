/**
 * `ftrack-filter format`: prints filters in canonical form. A filter given
 * as an argument prints as one line; a file (or standard input) prints as a
 * whole, its comments, blank lines and unparsable lines kept as they were,
 * so the output can replace it (`--write` does so in place, through a
 * temporary file). Files are read, formatted and written line by line, so
 * memory stays flat however long they are (a JSON array is read whole).
 * `--check` lists the filters that are not canonical and changes nothing. A filter
 * with syntax errors is reported as `lint` reports it (on standard error)
 * and makes the exit status 1, like a filter that is not canonical.
 */
import { CliError, dialectOption, EXIT, type ExitStatus, type Parsed, usageError } from "./args";
import type { FORMAT_OPTIONS } from "./commands";
import { filePieces } from "./filters";
import { type FilterOutcome, formatArray, formatLine, formatOne, textOf } from "./format-text";
import { expandPatterns } from "./hints";
import { inputName } from "./input";
import { drained, err, errStyle, out, outStyle, problem, write } from "./output";
import { renderSyntaxErrors } from "./syntax";
import { type Replacement, replaceFile } from "./write-file";

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

  for (let i = 0; i < args.length; i++) {
    const label = `<arg ${i + 1}>`;
    const outcome = formatOne({ source: label, label, lineOffset: 0, filter: args[i] ?? "" }, dialect);
    report(outcome);
    if (!checking) out(textOf(outcome));
  }
  let unreadableInputs = 0;
  const expanded = await expandPatterns(paths);
  for (const unmatched of expanded.problems) problem(unmatched.message);
  unreadableInputs += expanded.problems.length;
  for (const path of expanded.paths) {
    const changedBefore = counts.changed;
    let replacement: Replacement | undefined;
    try {
      if (writing) replacement = await replaceFile(path);
    } catch (error) {
      problem(cannotWrite(path, error));
      unreadableInputs++;
      continue;
    }
    // Each line is formatted and written as it is read: to standard output, or with --write to the replacement.
    const emit = async (text: string): Promise<void> => {
      if (replacement !== undefined) await replacement.write(text);
      else if (!checking) write(text);
      await drained();
    };
    const name = inputName(path);
    try {
      for await (const piece of filePieces(path)) {
        await emit(piece.kind === "line" ? formatLine(name, piece.line, dialect, report) : formatArray(name, piece.text, dialect, report));
      }
    } catch (error) {
      // An input that cannot be read, or a replacement that cannot be written: the file is left as it was.
      await replacement?.discard();
      if (error instanceof CliError) problem(error.message);
      else if (replacement !== undefined) problem(cannotWrite(path, error));
      else throw error;
      unreadableInputs++;
      continue;
    }
    if (replacement === undefined) continue;
    if (counts.changed === changedBefore) {
      await replacement.discard();
      continue;
    }
    try {
      await replacement.commit();
      out(`${outStyle().bold(path)}: formatted`);
    } catch (error) {
      problem(cannotWrite(path, error));
      unreadableInputs++;
    }
  }
  if (checking || writing) out(summary(counts, writing));
  if (unreadableInputs > 0) return EXIT.usage;
  return counts.invalid > 0 || (checking && counts.changed > 0) ? EXIT.finding : EXIT.ok;
}

const cannotWrite = (path: string, error: unknown): string =>
  `${path}: cannot be written (${(error as { code?: string }).code ?? String(error)}); left as it was`;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/** `12 filters: 5 not in canonical form, 1 with syntax errors` (or `… rewritten` with --write). */
function summary(counts: Counts, writing: boolean): string {
  const style = outStyle();
  const parts: string[] = [];
  if (counts.changed > 0)
    parts.push(style.yellow(`${counts.changed} ${writing ? "rewritten in canonical form" : "not in canonical form"}`));
  if (counts.invalid > 0) parts.push(style.red(`${counts.invalid} with syntax errors (left as they were)`));
  const text = parts.length === 0 ? style.green(counts.filters === 1 ? "in canonical form" : "all in canonical form") : parts.join(", ");
  return `${style.bold(`${plural(counts.filters, "filter")}:`)} ${text}`;
}
