/**
 * Small helpers `match` and `explain` share: the FILTER argument (`-` reads
 * it from standard input), event paths with patterns the shell left
 * unexpanded, and the hint for events shaped for the other dialect.
 */
import { type CliError, usageError } from "./args";
import { expandGlob } from "./glob";
import { readText, unreadable } from "./input";
import type { Dialect } from "./lib";

/** The filter text: the argument itself, or standard input for `-` (one filter; a final line break dropped). */
export async function filterText(arg: string): Promise<string> {
  if (arg !== "-") return arg;
  if (process.stdin.isTTY === true) throw usageError("FILTER is - but standard input is a terminal: pipe the filter in");
  return (await readText("-")).replace(/\r?\n$/, "");
}

/** Paths with `*`, `?` or `**` expanded when no file has that name; a pattern matching nothing is a problem. */
export async function expandPatterns(paths: readonly string[]): Promise<{ paths: string[]; problems: CliError[] }> {
  const expanded: string[] = [];
  const problems: CliError[] = [];
  for (const path of paths) {
    const found = path === "-" ? [path] : await expandGlob(path);
    if (found.length === 0) problems.push(unreadable(path, "no file matches this pattern"));
    for (const name of found) expanded.push(name);
  }
  return { paths: expanded, problems };
}

/** `hint: SOURCE looks like an event-hub event ...` for an event shaped for `other`. */
export function shapeHint(source: string, other: Dialect): string {
  return other === "event-hub"
    ? `hint: ${source} looks like an event-hub event (a topic, no entity), not a webhook entity event; for a subscription expression pass --dialect event-hub`
    : `hint: ${source} looks like a webhook entity event (an entity, no topic); for a trigger filter leave out --dialect event-hub`;
}
