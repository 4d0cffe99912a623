/**
 * Which dialect an event's shape belongs to, for hints when a filter of one
 * dialect is given events of the other: an event-hub event has a `topic`
 * and no `entity`; a webhook entity event has an `entity` and no `topic`.
 */
import type { Dialect } from "../syntax/ast";

/**
 * The other dialect when `event` is shaped for it rather than for
 * `dialect`, else undefined. Never throws (an event whose reading throws
 * gets no answer). Cost: two own-key checks.
 */
export function otherDialectShape(dialect: Dialect, event: unknown): Dialect | undefined {
  try {
    if (typeof event !== "object" || event === null) return undefined;
    const has = (key: string): boolean => Object.hasOwn(event, key);
    if (dialect === "trigger" && has("topic") && !has("entity")) return "event-hub";
    if (dialect === "event-hub" && has("entity") && !has("topic")) return "trigger";
  } catch {
    // No hint for an event that cannot be read.
  }
  return undefined;
}
