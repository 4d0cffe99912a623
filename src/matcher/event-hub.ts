/**
 * Event-hub subscriptions: whether an expression such as
 * `topic=ftrack.update and data.entityType=task` selects an event-hub event
 * (`{ topic, data, source, target, ... }`), as ftrack's event hub decides it
 * (the `event-hub` dialect: every right-hand value is a literal).
 */
import { defaultFilterCache } from "../compiler/cache";
import type { JsonValue } from "../compiler/json-safe";
import type { JsonObject } from "./event";

/** The common shape of an ftrack event-hub event. Other fields are allowed. */
export interface EventHubEvent {
  readonly topic: string;
  readonly data?: JsonObject;
  /** Who sent it: `{ id, applicationId, user: { username, id } }` and so on. */
  readonly source?: JsonObject;
  /** A target expression naming the intended receivers. */
  readonly target?: string;
  readonly id?: string;
  readonly sent?: JsonValue;
  readonly in_reply_to_event?: string | null;
  readonly [key: string]: JsonValue | undefined;
}

/**
 * Whether the event-hub expression `expression` matches `event`. Compiles
 * through the same bounded cache as `matches` (`defaultFilterCache`, keyed
 * by dialect and text), so calling it per event with a handful of
 * subscriptions costs a map lookup plus the evaluation. Throws
 * `FilterSyntaxError` for a bad expression; an evaluation error means no
 * match, as in ftrack.
 */
export function subscriptionMatches(expression: string, event: unknown): boolean {
  return defaultFilterCache.compile(expression, { dialect: "event-hub" })(event);
}
