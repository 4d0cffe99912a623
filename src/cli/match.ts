/**
 * `ftrack-filter match`: evaluates one filter against every event of the
 * inputs (JSON files, JSON Lines, standard input), printing each verdict as
 * it goes, or only the count, or each evaluation tree. Like grep: exit 0
 * when an event matched, 1 when none did, 2 when something could not be
 * read or evaluated (that outranks the other two).
 */

import { otherDialectShape } from "../matcher/event-shape";
import { CliError, dialectOption, EXIT, type ExitStatus, formatOption, type Parsed, usageError } from "./args";
import type { MATCH_OPTIONS } from "./commands";
import { readEvents } from "./events";
import { expandPatterns, filterText, shapeHint } from "./hints";
import { expandEventPaths } from "./input";
import type { CompiledFilter, Dialect, Explanation } from "./lib";
import { compile, explain, FilterEvaluationError } from "./lib";
import { drained, err, errStyle, out, outStyle, problem } from "./output";
import { filterArgument, renderSyntaxErrors, syntaxDiagnostics } from "./syntax";
import { colourVerdict, renderTree } from "./tree";

interface Verdict {
  readonly matched: boolean;
  readonly explanation?: Explanation;
  /** The evaluation error, reported in strict mode only. */
  readonly error?: FilterEvaluationError;
}

function evaluate(filter: CompiledFilter, event: unknown, explaining: boolean): Verdict {
  if (explaining) {
    const explanation = explain(filter, event);
    return { matched: explanation.matched, explanation };
  }
  try {
    return { matched: filter(event) };
  } catch (error) {
    // Only a strict filter throws, and only this error.
    if (error instanceof FilterEvaluationError) return { matched: false, error };
    throw error;
  }
}

/** Runs `match` with its parsed arguments; resolves to the exit status. */
export async function runMatch(parsed: Parsed<typeof MATCH_OPTIONS>): Promise<ExitStatus> {
  const { values, positionals } = parsed;
  const [filterArg, ...files] = positionals;
  if (filterArg === undefined) throw usageError("match needs a FILTER, then the EVENT files (or events on standard input)");
  const dialect = dialectOption(values.dialect);
  const json = formatOption(values.format, ["json"]) === "json";
  const counting = values.count === true;
  const explaining = values.explain === true;
  const strict = values.strict === true;
  if (counting && explaining) throw usageError("--count and --explain cannot be used together");
  if (files.length === 0 && filterArg !== "-" && process.stdin.isTTY === true) {
    throw usageError("no EVENT files given and standard input is a terminal: pass files, or pipe JSON Lines in");
  }
  if (filterArg === "-" && (files.length === 0 || files.includes("-"))) {
    throw usageError("the FILTER is read from standard input (-), so the events must come from EVENT files");
  }
  const source = await filterText(filterArg);
  const syntax = syntaxDiagnostics(source, dialect);
  if (syntax.length > 0) {
    err(renderSyntaxErrors(filterArgument(source), syntax, errStyle()));
    return EXIT.usage;
  }
  const filter = compile(source, { dialect, strict });
  const style = outStyle();

  const globbed = await expandPatterns(files.length === 0 ? ["-"] : files);
  const inputs = await expandEventPaths(globbed.paths);
  for (const unreadable of globbed.problems) problem(unreadable.message);
  for (const unreadable of inputs.problems) problem(unreadable.message);
  let otherShape: { source: string; dialect: Dialect } | undefined;
  let events = 0;
  let matched = 0;
  let failed = globbed.problems.length + inputs.problems.length > 0;
  for (const path of inputs.paths) {
    try {
      for await (const item of readEvents(path)) {
        if (item.kind === "malformed") {
          problem(`${item.source}: ${item.message}`);
          failed = true;
          continue;
        }
        events++;
        if (otherShape === undefined) {
          const other = otherDialectShape(dialect, item.event);
          if (other !== undefined) otherShape = { source: item.source, dialect: other };
        }
        const verdict = evaluate(filter, item.event, explaining);
        if (verdict.matched) matched++;
        const error = verdict.error ?? (strict ? (verdict.explanation?.error ?? undefined) : undefined);
        if (error !== undefined) {
          problem(`${item.source}: evaluation error ${error.code}: ${error.message}`);
          failed = true;
        }
        if (counting) continue;
        if (json) {
          out(
            JSON.stringify({
              source: item.source,
              file: item.file,
              line: item.line,
              matched: verdict.matched,
              ...(verdict.explanation !== undefined ? { explanation: verdict.explanation } : {}),
              ...(verdict.error !== undefined ? { error: verdict.error.toJSON() } : {}),
            }),
          );
        } else if (verdict.explanation !== undefined) {
          out(renderTree(verdict.explanation, `${style.bold(item.source)}: `, 2, style));
        } else if (verdict.error === undefined) {
          out(`${style.bold(item.source)}: ${colourVerdict(verdict.matched ? "match" : "no match", verdict.matched, style)}`);
        }
        // Read no further than standard output can take, so that memory stays flat.
        await drained();
      }
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      problem(error.message);
      failed = true;
    }
  }
  if (counting) out(json ? JSON.stringify({ matched, events }) : String(matched));
  if (events === 0 && !failed) problem("no events to match: the input is empty");
  if (otherShape !== undefined && matched < events) err(shapeHint(otherShape.source, otherShape.dialect));
  return failed ? EXIT.usage : matched > 0 ? EXIT.ok : EXIT.finding;
}
