/**
 * Machine-readable lint reports: JSON (the schema is in README.md, "JSON
 * output"), GitHub Actions workflow commands (annotations on the pull
 * request) and SARIF 2.1.0 (code scanning). Positions are the file's: the
 * line of a filter file, and the column within that line.
 */
import { version } from "../../package.json";
import type { FilterInput } from "./filters";
import type { Diagnostic } from "./lib";
import type { Tally } from "./report";

/** The version of the JSON report's shape; raised when a field changes or goes. */
export const JSON_REPORT_VERSION = 1;

/** One filter's diagnostics. */
export interface LintResult {
  readonly input: FilterInput;
  readonly diagnostics: readonly Diagnostic[];
}

/** A position in the input's file (or argument): 1-based line and column, end exclusive. */
export interface FilePosition {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** Where `diagnostic` is in the file its filter came from. */
export function filePosition(input: FilterInput, diagnostic: Diagnostic): FilePosition {
  const { span } = diagnostic;
  const place = input.place;
  if (place === undefined) {
    return { line: span.line + input.lineOffset, column: span.column, endLine: span.endLine + input.lineOffset, endColumn: span.endColumn };
  }
  if (!place.exact) return { line: place.line, column: place.column, endLine: place.line, endColumn: place.column + 1 };
  const column = (line: number, value: number): number => (line === 1 ? place.column + value - 1 : value);
  return {
    line: place.line + span.line - 1,
    column: column(span.line, span.column),
    endLine: place.line + span.endLine - 1,
    endColumn: column(span.endLine, span.endColumn),
  };
}

/**
 * The JSON report, `{ version, tool, results, summary }`, in three parts
 * so that it can be written while the filters are linted: `head` up to the
 * opening of `results`, each `item` (the first without a comma before
 * it), and `tail` with the summary. Together they are exactly what
 * `JSON.stringify(report, null, 2)` gives.
 */
export const jsonReport = {
  head(): string {
    const opened = JSON.stringify({ version: JSON_REPORT_VERSION, tool: { name: "ftrack-filter", version }, results: [null] }, null, 2);
    return opened.slice(0, opened.lastIndexOf("null"));
  },
  item({ input, diagnostics }: LintResult, first: boolean): string {
    const item = {
      source: input.source,
      file: input.file ?? null,
      filter: input.filter,
      diagnostics: diagnostics.map((diagnostic) => ({ ...filePosition(input, diagnostic), ...diagnostic })),
    };
    return `${first ? "" : ",\n    "}${JSON.stringify(item, null, 2).replaceAll("\n", "\n    ")}`;
  },
  tail(filters: number, tally: Tally): string {
    const summary = { filters, errors: tally.error, warnings: tally.warning, infos: tally.info };
    return `\n  ],\n  "summary": ${JSON.stringify(summary, null, 2).replaceAll("\n", "\n  ")}\n}`;
  },
};

const escapeData = (text: string): string => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (text: string): string => escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
const GITHUB_LEVEL = { error: "error", warning: "warning", info: "notice" } as const;

/**
 * GitHub Actions workflow commands for one filter, one line per diagnostic:
 * `::error file=F,line=L,col=C,endLine=..,endColumn=..,title=CODE::MESSAGE`.
 * A filter given as an argument has no file; its annotation has no place.
 */
export function githubReport({ input, diagnostics }: LintResult): string[] {
  return diagnostics.map((diagnostic) => {
    const at = filePosition(input, diagnostic);
    const place =
      input.file === undefined || input.file === "<stdin>"
        ? []
        : [
            `file=${escapeProperty(input.file)}`,
            `line=${at.line}`,
            `col=${at.column}`,
            `endLine=${at.endLine}`,
            `endColumn=${at.endColumn}`,
          ];
    const properties = [...place, `title=${escapeProperty(`ftrack-filter ${diagnostic.code}`)}`].join(",");
    const message = input.file === undefined ? `${input.source}: ${diagnostic.message}` : diagnostic.message;
    return `::${GITHUB_LEVEL[diagnostic.severity]} ${properties}::${escapeData(message)}`;
  });
}

const sarifRegion = (at: FilePosition) => ({ startLine: at.line, startColumn: at.column, endLine: at.endLine, endColumn: at.endColumn });

const SARIF_LEVEL = { error: "error", warning: "warning", info: "note" } as const;

/**
 * A SARIF 2.1.0 log with one run: a rule per code that occurs, a result
 * per diagnostic (with its fix when the linter suggests one). It is one
 * JSON document whose rules come before the results, so the results are
 * collected before it is written.
 */
export function sarifReport(results: readonly LintResult[]): string {
  const codes = [...new Set(results.flatMap(({ diagnostics }) => diagnostics.map((d) => d.code)))].sort();
  const sarifResults = results.flatMap(({ input, diagnostics }) =>
    diagnostics.map((diagnostic) => {
      const region = sarifRegion(filePosition(input, diagnostic));
      const artifact = input.file === undefined || input.file === "<stdin>" ? undefined : { uri: input.file.split("\\").join("/") };
      const suggestion = diagnostic.suggestion;
      return {
        ruleId: diagnostic.code,
        ruleIndex: codes.indexOf(diagnostic.code),
        level: SARIF_LEVEL[diagnostic.severity],
        message: { text: artifact === undefined ? `${input.source}: ${diagnostic.message}` : diagnostic.message },
        // A filter given as an argument has no file, so no location.
        ...(artifact === undefined ? {} : { locations: [{ physicalLocation: { artifactLocation: artifact, region } }] }),
        ...(suggestion === undefined || artifact === undefined
          ? {}
          : {
              fixes: [
                {
                  description: { text: `replace with ${suggestion.text}` },
                  artifactChanges: [
                    {
                      artifactLocation: artifact,
                      replacements: [
                        {
                          deletedRegion: sarifRegion(filePosition(input, { ...diagnostic, span: suggestion.span })),
                          insertedContent: { text: suggestion.text },
                        },
                      ],
                    },
                  ],
                },
              ],
            }),
      };
    }),
  );
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "ftrack-filter",
            version,
            informationUri: "https://www.npmjs.com/package/ftrack-filter",
            rules: codes.map((code) => ({ id: code, shortDescription: { text: `ftrack-filter rule ${code}` } })),
          },
        },
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
