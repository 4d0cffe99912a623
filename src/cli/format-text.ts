/**
 * Canonical text for `format`: one filter, or a whole filter file whose
 * comments, blank lines, line breaks and unparsable lines are kept as they
 * were, so that the result can replace the file. A JSON array of filters
 * comes back as a JSON array, one string per line.
 */
import { fileFilters, type FilterInput } from "./filters";
import { format, type Diagnostic, type Dialect } from "./lib";
import { syntaxDiagnostics } from "./syntax";

/** What became of one filter: its canonical form, or its syntax errors (the filter is then kept as it was). */
export type FilterOutcome =
  | { readonly kind: "formatted"; readonly input: FilterInput; readonly canonical: string }
  | { readonly kind: "invalid"; readonly input: FilterInput; readonly diagnostics: readonly Diagnostic[] };

function formatOne(input: FilterInput, dialect: Dialect): FilterOutcome {
  const diagnostics = syntaxDiagnostics(input.filter, dialect);
  if (diagnostics.length > 0) return { kind: "invalid", input, diagnostics };
  return { kind: "formatted", input, canonical: format(input.filter, { dialect }) };
}

const textOf = (outcome: FilterOutcome): string => (outcome.kind === "formatted" ? outcome.canonical : outcome.input.filter);

/**
 * The canonical text of `text`: a single filter (`"line"`, named `name`) or
 * the contents of the file `name` (`"file"`). Each filter's outcome goes to
 * `report` in order. Throws a CliError for a malformed JSON array. Cost:
 * one parse per filter.
 */
export function formatText(name: string, text: string, dialect: Dialect, report: (outcome: FilterOutcome) => void, mode: "line" | "file"): string {
  if (mode === "line") {
    const outcome = formatOne({ source: name, label: name, lineOffset: 0, filter: text }, dialect);
    report(outcome);
    return textOf(outcome);
  }
  const { inputs } = fileFilters(name, text);
  const outcomes = inputs.map((input) => formatOne(input, dialect));
  outcomes.forEach(report);
  if (text.trimStart().startsWith("[")) {
    if (outcomes.length === 0) return "[]\n";
    return `[\n${outcomes.map((outcome) => `  ${JSON.stringify(textOf(outcome))}`).join(",\n")}\n]\n`;
  }
  // Lines are split as fileFilters splits them, and joined with the file's own line break.
  const lines = text.split(/\r\n|\r|\n/);
  const newline = /\r\n/.test(text) ? "\r\n" : /\r(?!\n)/.test(text) ? "\r" : "\n";
  for (const outcome of outcomes) lines[outcome.input.lineOffset] = textOf(outcome);
  return lines.join(newline);
}
