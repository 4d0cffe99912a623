/**
 * Writing `lint`'s report while the filters are linted: text, JSON and
 * GitHub annotations are printed result by result as they come (the JSON
 * report is one document written item by item); SARIF, one document whose
 * rules come first, collects the results that have diagnostics and is
 * printed at the end.
 */
import { githubReport, jsonReport, type LintResult, sarifReport } from "./machine";
import { out, outStyle, terminalWidth, write } from "./output";
import { renderDiagnostic, renderSummary, type Tally } from "./report";

/** How the run ended, for the report's last lines. */
export interface LintEnd {
  /** Filters linted (directive lines not included). */
  readonly filters: number;
  /** Every diagnostic, shown or not, `more-diagnostics` counted as the diagnostics it stands for. */
  readonly tally: Tally;
  /** Set when the warnings are more than `--max-warnings` allows. */
  readonly maxWarnings?: number | undefined;
  /** `--quiet`: only errors are shown, and only errors are summed up in text. */
  readonly quiet: boolean;
}

/** A report being written. */
export interface LintReporter {
  /** Writes one filter's result, or a directive line's, as it comes. */
  result(result: LintResult): void;
  /** Writes the end of the report; nothing when no filter was linted and nothing was written. */
  end(end: LintEnd): void;
}

const tooMany = ({ tally, maxWarnings }: LintEnd): boolean => maxWarnings !== undefined && tally.warning > maxWarnings;

/** The reporter of `--format`. Cost: constant memory, except SARIF (its results with diagnostics). */
export function lintReporter(format: "text" | "json" | "github" | "sarif"): LintReporter {
  switch (format) {
    case "json": {
      let written = 0;
      return {
        result(result) {
          write(`${written === 0 ? jsonReport.head() : ""}${jsonReport.item(result, written === 0)}`);
          written++;
        },
        end({ filters, tally }) {
          if (written > 0) out(jsonReport.tail(filters, tally));
        },
      };
    }
    case "github":
      return {
        result(result) {
          for (const line of githubReport(result)) out(line);
        },
        end(end) {
          if (end.filters > 0 && tooMany(end))
            out(`::error title=ftrack-filter::more warnings than --max-warnings ${end.maxWarnings} allows`);
        },
      };
    case "sarif": {
      const results: LintResult[] = [];
      return {
        result(result) {
          if (result.diagnostics.length > 0) results.push(result);
        },
        end({ filters }) {
          if (filters > 0) out(sarifReport(results));
        },
      };
    }
    default: {
      const style = outStyle();
      const width = terminalWidth();
      return {
        result({ input, diagnostics }) {
          for (const diagnostic of diagnostics) out(renderDiagnostic(input, diagnostic, style, width));
        },
        end(end) {
          if (end.filters === 0) return;
          const { tally } = end;
          out(renderSummary(end.filters, end.quiet ? { error: tally.error, warning: 0, info: 0 } : tally, style));
          if (tooMany(end)) out(style.yellow(`more warnings than --max-warnings ${end.maxWarnings} allows`));
        },
      };
    }
  }
}
