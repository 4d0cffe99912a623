/**
 * Canonical text for `format`: one filter, or the lines of a filter file,
 * whose comments, blank lines, line breaks and unparsable lines are kept as
 * they were, so that the result can replace the file. A JSON array of
 * filters comes back as a JSON array, one string per line.
 */
import { arrayFilters, type FilterInput, isFilterLine } from "./filters";
import type { Line } from "./input";
import { type Diagnostic, type Dialect, format, parseAll } from "./lib";
import { asDiagnostics } from "./syntax";

/** What became of one filter: its canonical form, or its syntax errors (the filter is then kept as it was). */
export type FilterOutcome =
  | { readonly kind: "formatted"; readonly input: FilterInput; readonly canonical: string }
  | { readonly kind: "invalid"; readonly input: FilterInput; readonly diagnostics: readonly Diagnostic[] };

/** The outcome of formatting one filter. Cost: one parse. */
export function formatOne(input: FilterInput, dialect: Dialect): FilterOutcome {
  const { ast, errors } = parseAll(input.filter, { dialect });
  if (ast === undefined || errors.length > 0) return { kind: "invalid", input, diagnostics: asDiagnostics(input.filter, errors) };
  return { kind: "formatted", input, canonical: format(ast, { dialect }) };
}

/** The text that replaces the filter: its canonical form, or itself when it does not parse. */
export const textOf = (outcome: FilterOutcome): string => (outcome.kind === "formatted" ? outcome.canonical : outcome.input.filter);

/**
 * The canonical text of one line of the filter file `name`, its line break
 * kept: a comment or blank line as it is, a filter formatted (its outcome
 * goes to `report`). Cost: one parse.
 */
export function formatLine(name: string, line: Line, dialect: Dialect, report: (outcome: FilterOutcome) => void): string {
  if (!isFilterLine(line.text)) return line.text + line.newline;
  const outcome = formatOne(
    { source: `${name}:${line.number}`, label: name, file: name, lineOffset: line.number - 1, filter: line.text },
    dialect,
  );
  report(outcome);
  return textOf(outcome) + line.newline;
}

/**
 * The canonical text of the JSON array file `name`: one string per line.
 * Each filter's outcome goes to `report` in order. Throws a CliError for a
 * malformed array. Cost: one parse per filter.
 */
export function formatArray(name: string, text: string, dialect: Dialect, report: (outcome: FilterOutcome) => void): string {
  const items: string[] = [];
  for (const input of arrayFilters(name, text)) {
    const outcome = formatOne(input, dialect);
    report(outcome);
    items.push(`  ${JSON.stringify(textOf(outcome))}`);
  }
  return items.length === 0 ? "[]\n" : `[\n${items.join(",\n")}\n]\n`;
}
