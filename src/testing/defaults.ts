/**
 * Default property values for synthetic entity events: one value per direct
 * property the schema lists for an entity type, of the kind ftrack sends.
 *
 * Modelled on the one public webhook payload (a Task update): ids are uuids,
 * `thumbnail_id` is null, `description` is "", numbers are 0, unset dates
 * are null, and `context_type` is "task". That payload carries no `link`,
 * `_link`, `created_at` or `created_by_id` although the schema lists them,
 * so those are left out; a test that needs them passes them as overrides.
 */
import type { JsonValue } from "../compiler/json-safe";
import type { FtrackSchema, PropertyInfo } from "../lint/schema";
import type { IdSource } from "./ids";

/** Properties the schema lists that ftrack's entity events do not carry. */
const NOT_SENT: ReadonlySet<string> = new Set(["link", "_link", "created_at", "created_by_id"]);

/** Text properties with a conventional value. */
const TEXT: Readonly<Record<string, string>> = {
  description: "",
  comment: "",
  content: "",
  username: "jane.doe",
  email: "jane.doe@example.com",
  first_name: "Jane",
  last_name: "Doe",
  resource_type: "user",
  status: "active",
};

/** What to fill properties with. */
export interface DefaultsContext {
  readonly ids: IdSource;
  /** The entity's id, shared by `new` and `old`. */
  readonly id: string;
  /** A timestamp for dates the schema requires, in ftrack's format. */
  readonly now: string;
}

/**
 * The direct properties of `entityType` with default values, or undefined
 * when the schema does not know the type. Linear in the number of properties.
 */
export function defaultProperties(
  entityType: string,
  schema: FtrackSchema,
  context: DefaultsContext,
): Record<string, JsonValue> | undefined {
  const properties = schema.entityTypes.get(entityType);
  if (properties === undefined) return undefined;
  const out: Record<string, JsonValue> = {};
  for (const [name, info] of properties) {
    if (NOT_SENT.has(name)) continue;
    out[name] = defaultValue(entityType, name, info, context);
  }
  out.id = context.id;
  return out;
}

function defaultValue(entityType: string, name: string, info: PropertyInfo, context: DefaultsContext): JsonValue {
  switch (info.kind) {
    case "string":
      if (name === "id") return context.id;
      if (name === "thumbnail_id" && info.nullable) return null;
      if (name.endsWith("_id")) return context.ids();
      if (name === "name") return `${entityType.toLowerCase()}_010`;
      // Projects are "show" contexts; every typed context (Task, Shot, ...) is a "task" one.
      if (name === "context_type") return entityType === "Project" ? "show" : "task";
      if (Object.hasOwn(TEXT, name)) return TEXT[name] as string;
      return info.nullable ? null : name;
    case "integer":
      return name === "version" ? 1 : 0;
    case "number":
      return 0;
    case "boolean":
      return false;
    case "datetime":
      return info.nullable ? null : context.now;
    case "other":
      return null;
    default: {
      const never: never = info.kind;
      throw new TypeError(`unknown property kind ${String(never)}`);
    }
  }
}
