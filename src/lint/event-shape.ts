/**
 * The shape of the entity event (`fez_id: "ftrack_entity_event_v1"`) that
 * webhook trigger filters are evaluated against, and the resolution of a
 * field path within it. Entity properties (`entity.new.X`) are checked
 * separately, against the schema.
 */

/** A place in the event: a text leaf, the `entity.id` list, or a properties object. */
type Shape = "text" | "list" | "properties" | { readonly [key: string]: Shape };

const ENTITY_EVENT: { readonly [key: string]: Shape } = {
  id: "text",
  fez_id: "text",
  metadata: { date: "text", resource_id: "text", server_url: "text", configuration_hash: "text" },
  entity: { id: "list", entity_type: "text", operation: "text", new: "properties", old: "properties" },
};

/** What a field path names in the entity event. */
export type FieldTarget =
  | { readonly ok: true; readonly kind: "text" | "list"; readonly path: string }
  | { readonly ok: true; readonly kind: "property"; readonly side: "new" | "old"; readonly property: string }
  | {
      readonly ok: false;
      /** Index of the first segment that does not resolve. */
      readonly segment: number;
      readonly problem: "unknown" | "object" | "flat" | "list-index" | "text";
      /** The keys valid at that segment, for a did-you-mean. */
      readonly candidates: readonly string[];
    };

const hasOwn = (object: object, key: string): boolean => Object.hasOwn(object, key);

/** Resolves `segments` in the entity event's shape. O(number of segments). */
export function resolveEventField(segments: readonly string[]): FieldTarget {
  let shape: Shape = ENTITY_EVENT;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    if (typeof shape === "string") {
      if (shape === "properties") {
        if (i === segments.length - 1) return { ok: true, kind: "property", side: segments[1] as "new" | "old", property: segment };
        return { ok: false, segment: i + 1, problem: "flat", candidates: [] };
      }
      return { ok: false, segment: i, problem: shape === "list" ? "list-index" : "text", candidates: [] };
    }
    if (!hasOwn(shape, segment)) return { ok: false, segment: i, problem: "unknown", candidates: Object.keys(shape) };
    shape = shape[segment] as Shape;
  }
  if (shape === "text" || shape === "list") return { ok: true, kind: shape, path: segments.join(".") };
  return { ok: false, segment: segments.length - 1, problem: "object", candidates: [] };
}

/** The top-level keys of the entity event, and those under `entity`, for hints. */
export const ENTITY_KEYS: readonly string[] = Object.keys(ENTITY_EVENT.entity as object);
export const EVENT_HUB_KEYS: readonly string[] = ["topic", "data", "source", "target", "sent", "in_reply_to_event"];
