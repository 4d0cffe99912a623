/**
 * `deep-nesting` (both dialects): ftrack's own parser backtracks at every
 * precedence level, so its parse time grows about fourfold with each level
 * of nested parentheses or each extra pair of chained `not`s (5 levels take
 * about 0.35 s, 6 about 1.3 s, 8 about 21 s; around 30 it fails outright).
 * This library parses such filters in microseconds; ftrack may time out.
 */
import type { LintContext } from "../context";

/** Levels from which the warning is given (5 levels: about a third of a second). */
export const NESTING_WARNING_LEVEL = 5;

const SECONDS_BY_LEVEL: readonly string[] = ["", "", "", "0.02", "0.13", "0.35", "1.3", "5.7", "21"];

/** Reports the most deeply nested condition, once, when it reaches the warning level. O(length). */
export function checkNesting(ctx: LintContext): void {
  const { source, conditions } = ctx;
  let position = 0;
  let depth = 0;
  let deepest = 0;
  let where = conditions[0]?.node.span;
  for (const info of conditions) {
    // Parentheses sit between conditions; quoted values (inside conditions) are skipped.
    for (let i = position; i < info.node.span.start; i++) {
      const c = source.charCodeAt(i);
      if (c === 40 /* ( */) depth++;
      else if (c === 41 /* ) */) depth--;
    }
    position = info.node.span.end;
    const level = depth + Math.floor(info.nots / 2);
    if (level > deepest) {
      deepest = level;
      where = info.node.span;
    }
  }
  if (deepest < NESTING_WARNING_LEVEL || where === undefined) return;
  const seconds = SECONDS_BY_LEVEL[deepest];
  const cost = seconds === undefined ? "more than 20 s, or fail outright" : `about ${seconds} s`;
  ctx.reporter.report(
    "deep-nesting",
    "warning",
    `this condition is nested ${deepest} levels deep (parentheses, and pairs of chained "not"); ftrack's own parser slows about fourfold per level and would take ${cost} to read this filter; flatten it (a and (b and c) is a and b and c)`,
    where,
  );
}
