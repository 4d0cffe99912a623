/**
 * `ftrack-filter explain`: evaluates a filter against one event and prints
 * the evaluation tree (or the explanation as JSON). Exit 0 when the event
 * matches, 1 when it does not, 2 when the filter or the event is unusable.
 */

import { otherDialectShape } from "../matcher/event-shape";
import { CliError, dialectOption, EXIT, type ExitStatus, formatOption, type Parsed, usageError } from "./args";
import type { EXPLAIN_OPTIONS } from "./commands";
import { readEvents } from "./events";
import { expandPatterns, filterText, shapeHint } from "./hints";
import { inputName } from "./input";
import { explain } from "./lib";
import { err, errStyle, out, outStyle } from "./output";
import { filterArgument, renderSyntaxErrors, syntaxDiagnostics } from "./syntax";
import { renderTree } from "./tree";

/** Runs `explain` with its parsed arguments; resolves to the exit status. */
export async function runExplain(parsed: Parsed<typeof EXPLAIN_OPTIONS>): Promise<ExitStatus> {
  const { values, positionals } = parsed;
  const [filterArg, eventArg = "-", ...rest] = positionals;
  if (filterArg === undefined) throw usageError("explain needs a FILTER and an EVENT file");
  if (rest.length > 0) throw usageError("explain takes one EVENT file; use match --explain for several");
  if (eventArg === "-" && positionals.length < 2 && filterArg !== "-" && process.stdin.isTTY === true) {
    throw usageError("no EVENT file given and standard input is a terminal");
  }
  if (filterArg === "-" && eventArg === "-") throw usageError("the FILTER is read from standard input (-), so the EVENT must be a file");
  const source = await filterText(filterArg);
  const expanded = await expandPatterns([eventArg]);
  const [problem] = expanded.problems;
  if (problem !== undefined) throw problem;
  if (expanded.paths.length > 1)
    throw usageError(`${eventArg} matches ${expanded.paths.length} files; explain takes one (use match --explain for several)`);
  const path = expanded.paths[0] ?? eventArg;
  const dialect = dialectOption(values.dialect);
  const json = formatOption(values.format, ["json"]) === "json";
  const syntax = syntaxDiagnostics(source, dialect);
  if (syntax.length > 0) {
    err(renderSyntaxErrors(filterArgument(source), syntax, errStyle()));
    return EXIT.usage;
  }
  const event = await readOneEvent(path);
  const explanation = explain(source, event, { dialect });
  if (json) out(JSON.stringify(explanation, null, 2));
  else out(renderTree(explanation, "", 0, outStyle()));
  const other = explanation.matched ? undefined : otherDialectShape(dialect, event);
  if (other !== undefined) err(shapeHint(inputName(path), other));
  return explanation.matched ? EXIT.ok : EXIT.finding;
}

/** The single event of `path`; a CliError when it holds none, several, or malformed JSON. */
async function readOneEvent(path: string): Promise<unknown> {
  const events: unknown[] = [];
  for await (const item of readEvents(path)) {
    if (item.kind === "malformed") throw new CliError(`${item.source}: ${item.message}`);
    events.push(item.event);
  }
  if (events.length === 1) return events[0];
  const name = inputName(path);
  if (events.length === 0) throw new CliError(`${name}: no event: the input is empty`);
  throw new CliError(`${name}: holds ${events.length} events; explain takes one (use match --explain for several)`);
}
