/**
 * Syntax errors of a filter given to `match`, `explain` or `format`, as
 * diagnostics (every error, not only the first) so that they print like the
 * linter's: position, message, caret.
 */

import type { FilterInput } from "./filters";
import { type Diagnostic, type Dialect, type FilterSyntaxError, lineColumn, parseAll } from "./lib";
import { renderDiagnostic } from "./report";
import type { Style } from "./style";

/** Every syntax error of `filter` in `dialect`; empty when it parses. Cost: one parse. */
export function syntaxDiagnostics(filter: string, dialect: Dialect): Diagnostic[] {
  return asDiagnostics(filter, parseAll(filter, { dialect }).errors);
}

/** The syntax errors `parseAll` gave for `filter`, as diagnostics. */
export function asDiagnostics(filter: string, errors: readonly FilterSyntaxError[]): Diagnostic[] {
  return errors.map((error) => {
    const end = lineColumn(filter, error.offset + error.length);
    return {
      code: "syntax",
      severity: "error",
      message: error.reason,
      span: {
        start: error.offset,
        end: error.offset + error.length,
        line: error.line,
        column: error.column,
        endLine: end.line,
        endColumn: end.column,
      },
    };
  });
}

/** A filter given on the command line, named `<filter>` in messages. */
export function filterArgument(filter: string): FilterInput {
  return { source: "<filter>", label: "<filter>", lineOffset: 0, filter };
}

/** The syntax errors rendered as the linter renders diagnostics, one block per error. */
export function renderSyntaxErrors(input: FilterInput, diagnostics: readonly Diagnostic[], style: Style): string {
  return diagnostics.map((diagnostic) => renderDiagnostic(input, diagnostic, style)).join("\n");
}
