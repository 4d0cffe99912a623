/**
 * Builders of synthetic entity events (`fez_id: "ftrack_entity_event_v1"`),
 * the bodies ftrack's webhooks POST and trigger filters are evaluated
 * against: `entityEvent` for any case, and short forms for the common ones
 * (`created`, `updated`, `statusChanged`). Every event is a fresh, plain,
 * JSON-serialisable object shaped like ftrack's one public payload.
 */
import type { JsonValue } from "../compiler/json-safe";
import { builtInSchema, type FtrackSchema } from "../lint/schema";
import { defaultProperties } from "./defaults";
import { ftrackDate, hexDigits, type IdSource, randomIds } from "./ids";
import { checkNames, type IdNames, idOfName, rememberNames, STATUS_IDS } from "./names";
import { checkKeys, cloneJson, setOwn } from "./shared";

/** The direct properties of an entity, as `entity.new` and `entity.old` carry them. */
export type EntityProperties = { [property: string]: JsonValue };

/** Property values to set; `undefined` removes the property (to test a missing field). */
export type PropertyOverrides = { readonly [property: string]: JsonValue | undefined };

/** An entity event as the builders return it (before any overrides that remove properties). */
export type SyntheticEntityEvent = {
  /** The event's own id. */
  id: string;
  metadata: {
    /** When the change happened: ISO 8601 with microseconds, as ftrack writes it. */
    date: string;
    /** The id of the user whose action caused the event. */
    resource_id: string;
    /** `https://<workspace>.ftrackapp.com/` */
    server_url: string;
    configuration_hash: string;
    [key: string]: JsonValue;
  };
  fez_id: "ftrack_entity_event_v1";
  entity: {
    /** The entity's id, as a one-element list (ftrack sends a list). */
    id: string[];
    entity_type: string;
    operation: "create" | "update" | (string & {});
    new: EntityProperties;
    old: EntityProperties;
  };
};

/** Options shared by every entity event builder. */
export interface EntityEventOptions {
  /** The event's own id (default: a new id). */
  readonly id?: string;
  /** Values for `entity.new`, over the defaults. Its `id` is the entity's id. */
  readonly new?: PropertyOverrides;
  /** Values for `entity.old`, over the defaults (on `update`, the same as `new`'s). */
  readonly old?: PropertyOverrides;
  /** Values for `metadata`, over the defaults; `undefined` removes a key. */
  readonly metadata?: PropertyOverrides;
  /** Where ids come from (default: random uuids); `seededIds(n)` makes events repeatable. */
  readonly ids?: IdSource;
  /** The time of the change, `metadata.date` (default: now). Text is used as given. */
  readonly date?: Date | string;
  /** The workspace in `metadata.server_url` (default `"studio"`). */
  readonly workspace?: string;
  /**
   * The schema whose properties fill `new` and `old` (default: the built-in
   * one); `null` fills nothing but `id`. An entity type the schema does not
   * know gets only `id` plus the overrides.
   */
  readonly schema?: FtrackSchema | null;
  /**
   * What `entity.old` holds on `create`, which ftrack does not document:
   * `"nulls"` (the default) every property of `new`, set to null; `"empty"`
   * an empty object. Test a trigger against both when it reads `entity.old`.
   */
  readonly oldOnCreate?: "nulls" | "empty";
  /**
   * Names for ids, such as a site's own statuses (`{ "<uuid>": "Blocked" }`):
   * `statusChanged` accepts these names for `from` and `to`, and failure
   * messages of assertions on this event show `Blocked (1a2b3c4d…)`.
   */
  readonly names?: IdNames;
}

/** What {@link entityEvent} takes: the entity type, the operation and any options. */
export interface EntityEventInit extends EntityEventOptions {
  /** The entity type as ftrack names it (`"Task"`, `"AssetVersion"`); case-sensitive. */
  readonly entityType: string;
  /** `"update"` (the default) or `"create"`; ftrack sends no deletes. */
  readonly operation?: "create" | "update" | (string & {});
}

const OPTION_KEYS = ["id", "new", "old", "metadata", "ids", "date", "workspace", "schema", "oldOnCreate", "names"];
const INIT_KEYS = ["entityType", "operation", ...OPTION_KEYS];

export { STATUS_IDS };

/** A status name {@link statusChanged} knows the id of. */
export type KnownStatusName = keyof typeof STATUS_IDS;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A well-formed entity event. `new` and `old` hold every direct property the
 * schema lists for the entity type, with realistic defaults (uuid ids,
 * `""` descriptions, 0 for numbers, false for booleans, null for unset
 * dates), then the overrides; on `update` both sides start equal, so only
 * the overridden properties differ. `entity.id` is `[new.id]`.
 *
 * Throws a TypeError for unknown option keys, and for an entity type the
 * schema knows only in another letter case (`"task"` for `"Task"`), which
 * would never match a trigger. Cost: one object per property; build events
 * freely, one or more per test.
 */
export function entityEvent(init: EntityEventInit): SyntheticEntityEvent {
  if (typeof init !== "object" || init === null) throw new TypeError("entityEvent expects an object");
  checkKeys("entityEvent", init, INIT_KEYS);
  const { entityType, operation = "update" } = init;
  if (typeof entityType !== "string" || entityType === "") throw new TypeError("entityEvent: entityType must be a non-empty string");
  if (typeof operation !== "string" || operation === "") throw new TypeError("entityEvent: operation must be a non-empty string");
  const ids = init.ids ?? randomIds;
  const schema = init.schema === undefined ? builtInSchema() : init.schema;
  const now = ftrackDate(init.date ?? new Date());
  const eventId = init.id ?? ids();
  const entityId = textOf(init.new?.id) ?? textOf(init.old?.id) ?? ids();

  const known = schema === null ? undefined : defaultProperties(entityType, schema, { ids, id: entityId, now });
  if (known === undefined && schema !== null) checkLetterCase(entityType, schema);
  const defaults: EntityProperties = known ?? { id: entityId };
  const next = withOverrides({ ...defaults }, init.new);
  let previous: EntityProperties;
  if (operation === "create") {
    previous = (init.oldOnCreate ?? "nulls") === "nulls" ? Object.fromEntries(Object.keys(next).map((key) => [key, null])) : {};
  } else {
    previous = { ...defaults };
  }
  previous = withOverrides(previous, init.old);

  const workspace = init.workspace ?? "studio";
  if (typeof workspace !== "string" || workspace === "") throw new TypeError("entityEvent: workspace must be a non-empty string");
  const metadata = withOverrides(
    { date: now, resource_id: ids(), server_url: `https://${workspace}.ftrackapp.com/`, configuration_hash: hexDigits(ids, 64) },
    init.metadata,
  );
  const event: SyntheticEntityEvent = {
    id: eventId,
    metadata: metadata as SyntheticEntityEvent["metadata"],
    fez_id: "ftrack_entity_event_v1",
    entity: {
      id: [textOf(next.id) ?? entityId],
      entity_type: entityType,
      operation,
      new: next,
      old: previous,
    },
  };
  if (init.names !== undefined) rememberNames(event, checkNames("entityEvent", init.names));
  return event;
}

/**
 * An `update` event in which only the status changed: `old.status_id` is
 * `from` and `new.status_id` is `to`, each a status id, a known name of
 * ftrack's default workflow (`"Pending Review"`, `"Approved"`; see
 * {@link STATUS_IDS}) or a name given in the `names` option. Throws a TypeError for any other text, and for an
 * entity type that the schema knows has no `status_id`. Costs what
 * {@link entityEvent} costs.
 */
export function statusChanged(
  entityType: string,
  from: KnownStatusName | (string & {}),
  to: KnownStatusName | (string & {}),
  options?: EntityEventOptions,
): SyntheticEntityEvent {
  if (options !== undefined) checkKeys("statusChanged", options, OPTION_KEYS);
  const schema = options?.schema === undefined ? builtInSchema() : options.schema;
  const properties = schema?.entityTypes.get(entityType);
  if (properties !== undefined && !properties.has("status_id")) {
    throw new TypeError(`statusChanged: ${entityType} has no status_id`);
  }
  return entityEvent({
    ...options,
    entityType,
    operation: "update",
    new: { ...options?.new, status_id: statusId(to, options?.names) },
    old: { ...options?.old, status_id: statusId(from, options?.names) },
  });
}

/**
 * A `create` event: `new` holds the defaults and `props`; `old` holds what
 * the `oldOnCreate` option says (by default every property, null), since
 * ftrack does not document it. Costs what {@link entityEvent} costs.
 */
export function created(entityType: string, props?: PropertyOverrides, options?: Omit<EntityEventOptions, "new">): SyntheticEntityEvent {
  if (options !== undefined)
    checkKeys(
      "created",
      options,
      OPTION_KEYS.filter((key) => key !== "new"),
    );
  return entityEvent({ ...options, entityType, operation: "create", new: { ...props } });
}

/**
 * An `update` event: `old` is the entity before (the defaults and `base`),
 * `new` the same plus `changes`. Throws a TypeError when `changes` is empty.
 * Costs what {@link entityEvent} costs.
 */
export function updated(
  entityType: string,
  changes: PropertyOverrides,
  base?: PropertyOverrides,
  options?: Omit<EntityEventOptions, "new" | "old">,
): SyntheticEntityEvent {
  if (typeof changes !== "object" || changes === null || Object.keys(changes).length === 0) {
    throw new TypeError("updated: changes must name at least one property");
  }
  if (options !== undefined)
    checkKeys(
      "updated",
      options,
      OPTION_KEYS.filter((key) => key !== "new" && key !== "old"),
    );
  return entityEvent({ ...options, entityType, operation: "update", old: { ...base }, new: { ...base, ...changes } });
}

/** The id of a status given by id, by a default status name, or by a name of `names`. */
function statusId(status: string, names: IdNames | undefined): string {
  const named =
    typeof status === "string" ? idOfName(status, names === undefined ? undefined : checkNames("statusChanged", names)) : undefined;
  if (named !== undefined) return named;
  if (typeof status === "string" && UUID.test(status)) return status;
  const known = [...Object.keys(STATUS_IDS), ...Object.values(names ?? {})].map((name) => JSON.stringify(name)).join(", ");
  throw new TypeError(
    `statusChanged: ${JSON.stringify(status)} is neither a status id nor a known status name (${known}); pass the status's id, or name it in the names option`,
  );
}

function checkLetterCase(entityType: string, schema: FtrackSchema): void {
  const names = schema.entityTypesByLowerCase.get(entityType.toLowerCase());
  if (names !== undefined && !names.includes(entityType)) {
    throw new TypeError(
      `entityEvent: the schema has no entity type ${JSON.stringify(entityType)}, but has ${names.map((n) => JSON.stringify(n)).join(", ")} ` +
        "(ftrack's names are case-sensitive); pass schema: null to build the event anyway",
    );
  }
}

/** `target` with each override applied: a copied value, or the key removed for `undefined`. */
function withOverrides(target: EntityProperties, overrides: PropertyOverrides | undefined): EntityProperties {
  if (overrides === undefined) return target;
  if (typeof overrides !== "object" || overrides === null || Array.isArray(overrides)) {
    throw new TypeError("entityEvent: properties and metadata must be given as objects");
  }
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete target[key];
    else setOwn(target, key, cloneJson(value, key));
  }
  return target;
}

function textOf(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}
