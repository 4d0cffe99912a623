/**
 * A builder of synthetic event-hub events, the `{topic, data, source, ...}`
 * objects that event-hub subscriptions (the `event-hub` dialect) are
 * evaluated against.
 *
 * Keys are as ftrack's Python API hands an event to subscribers, which is
 * what its subscription expressions are matched against: `in_reply_to_event`
 * where the wire format and the JavaScript API say `inReplyToEvent`.
 */
import type { JsonValue } from "../compiler/json-safe";
import { type IdSource, randomIds } from "./ids";
import { checkKeys, cloneJson, setOwn } from "./shared";

/** Who published an event: the hub's id, the application and the user. */
export type EventHubSource = {
  id: string;
  applicationId: string;
  user: { username: string; id: string; [key: string]: JsonValue };
  [key: string]: JsonValue;
};

/** An event-hub event as {@link eventHubEvent} returns it. */
export type SyntheticEventHubEvent = {
  topic: string;
  data: { [key: string]: JsonValue };
  source: EventHubSource;
  /** An expression naming the subscribers the event is for; "" for everyone. */
  target: string;
  id: string;
  /** When the event was sent; null until the hub sends it. */
  sent: string | null;
  /** The id of the event this one replies to, or null. */
  in_reply_to_event: string | null;
};

/** What {@link eventHubEvent} takes; everything but `topic` has a default. */
export interface EventHubEventInit {
  readonly topic: string;
  readonly data?: { readonly [key: string]: JsonValue };
  /** Values over the default source; `user` is merged one level deeper. */
  readonly source?: {
    readonly id?: string;
    readonly applicationId?: string;
    readonly user?: { readonly username?: string; readonly id?: string; readonly [key: string]: JsonValue | undefined };
    readonly [key: string]: JsonValue | undefined | { readonly [key: string]: JsonValue | undefined };
  };
  readonly target?: string;
  readonly id?: string;
  readonly sent?: string | null;
  readonly inReplyToEvent?: string | null;
  /** Where ids come from (default: random uuids); `seededIds(n)` makes events repeatable. */
  readonly ids?: IdSource;
}

const KEYS = ["topic", "data", "source", "target", "id", "sent", "inReplyToEvent", "ids"];

/**
 * An event-hub event with realistic defaults: a uuid `id`, empty `data`,
 * `target` "" (every subscriber), `sent` and `in_reply_to_event` null, and a
 * source published from ftrack's web client by the user `jane.doe`. Throws a
 * TypeError for a missing topic or an unknown option key. Cheap: a copy of
 * `data` and a few ids.
 */
export function eventHubEvent(init: EventHubEventInit): SyntheticEventHubEvent {
  if (typeof init !== "object" || init === null) throw new TypeError("eventHubEvent expects an object");
  checkKeys("eventHubEvent", init, KEYS);
  if (typeof init.topic !== "string" || init.topic === "") throw new TypeError("eventHubEvent: topic must be a non-empty string");
  const ids = init.ids ?? randomIds;
  const id = init.id ?? ids();
  const { user: userOverrides, ...sourceOverrides } = init.source ?? {};
  const user = merge({ username: "jane.doe", id: ids() }, userOverrides);
  const source = merge({ id: ids(), applicationId: "ftrack.client.web" }, sourceOverrides);
  setOwn(source, "user", user);
  return {
    topic: init.topic,
    data: cloneJson(init.data ?? {}, "data") as SyntheticEventHubEvent["data"],
    source: source as EventHubSource,
    target: init.target ?? "",
    id,
    sent: init.sent ?? null,
    in_reply_to_event: init.inReplyToEvent ?? null,
  };
}

function merge(target: Record<string, unknown>, overrides: { readonly [key: string]: unknown } | undefined): Record<string, unknown> {
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (value === undefined) delete target[key];
    else setOwn(target, key, cloneJson(value, key));
  }
  return target;
}
