/**
 * The entity model the linter checks trigger filters against: entity type
 * names and, per type, the direct properties an entity event carries in
 * `entity.new` / `entity.old` with the kind of value each holds.
 *
 * Built from a `query_schemas` result (ftrack's API action, possibly with a
 * site's custom entity types) by `loadSchema`, or decoded once from the
 * snapshot compiled into the library (`builtInSchema`).
 */
import { SCHEMA_DATA } from "./schema-data";

/**
 * The kind of value a property holds. `datetime` values travel as ISO 8601
 * text (or null), like strings; `other` is anything the schema types loosely
 * (objects, `variable`, untyped columns).
 */
export type PropertyKind = "string" | "integer" | "number" | "boolean" | "datetime" | "other";

/** One direct property of an entity type. */
export interface PropertyInfo {
  readonly kind: PropertyKind;
  /** False when the schema lists the property as required; such a value is never null. */
  readonly nullable: boolean;
}

/**
 * An immutable set of entity types with their direct properties. Names are
 * case-sensitive, as ftrack sends them. Lookup indexes (lower-case names,
 * the union of all property names) are built once, in the constructor.
 */
export class FtrackSchema {
  /** Entity type name to property name to property. */
  readonly entityTypes: ReadonlyMap<string, ReadonlyMap<string, PropertyInfo>>;
  /** Every entity type name, sorted. */
  readonly entityTypeNames: readonly string[];
  /** Every property name of any entity type, to the entity types that have it. */
  readonly propertyOwners: ReadonlyMap<string, readonly string[]>;
  /** Lower-case entity type name, to the names that lower-case to it. */
  readonly entityTypesByLowerCase: ReadonlyMap<string, readonly string[]>;

  constructor(entityTypes: Iterable<readonly [string, Iterable<readonly [string, PropertyInfo]>]>) {
    const types = new Map<string, ReadonlyMap<string, PropertyInfo>>();
    const owners = new Map<string, string[]>();
    const lower = new Map<string, string[]>();
    for (const [name, properties] of entityTypes) {
      const map = new Map<string, PropertyInfo>();
      for (const [property, info] of properties) map.set(property, Object.freeze({ ...info }));
      types.set(name, map);
    }
    const names = [...types.keys()].sort();
    for (const name of names) {
      const key = name.toLowerCase();
      const same = lower.get(key);
      if (same) same.push(name);
      else lower.set(key, [name]);
      for (const property of types.get(name)?.keys() ?? []) {
        const list = owners.get(property);
        if (list) list.push(name);
        else owners.set(property, [name]);
      }
    }
    this.entityTypes = types;
    this.entityTypeNames = Object.freeze(names);
    this.propertyOwners = owners;
    this.entityTypesByLowerCase = lower;
    Object.freeze(this);
  }

  /** The property `name` of `entityType`, if that type has it. */
  property(entityType: string, name: string): PropertyInfo | undefined {
    return this.entityTypes.get(entityType)?.get(name);
  }
}

const KIND_BY_CODE: Readonly<Record<string, PropertyKind>> = {
  s: "string",
  i: "integer",
  n: "number",
  b: "boolean",
  d: "datetime",
  o: "other",
};

let builtIn: FtrackSchema | undefined;

/**
 * The schema compiled into the library: ftrack's 116 standard entity types
 * from a snapshot of `query_schemas`. Decoded on first use (well under a
 * millisecond) and shared afterwards; pass a schema of your own to `lint`
 * when your site has custom entity types.
 */
export function builtInSchema(): FtrackSchema {
  if (builtIn === undefined) {
    const entries: [string, [string, PropertyInfo][]][] = [];
    for (const name of Object.keys(SCHEMA_DATA)) {
      const props: [string, PropertyInfo][] = [];
      for (const item of (SCHEMA_DATA[name] ?? "").split(",")) {
        if (item === "") continue;
        const colon = item.indexOf(":");
        const nullable = item.endsWith("?");
        const code = item.slice(colon + 1, nullable ? -1 : undefined);
        props.push([item.slice(0, colon), { kind: KIND_BY_CODE[code] ?? "other", nullable }]);
      }
      entries.push([name, props]);
    }
    builtIn = new FtrackSchema(entries);
  }
  return builtIn;
}

/**
 * The kind of one property schema of `query_schemas`, or undefined when the
 * property is not a direct one: a relation (`$ref` without a scalar type) or
 * an array of relations (`array`, `mapped_array`). A foreign key that also
 * names its target (`type: "string", $ref: ...`) is a direct string column.
 */
function propertyKind(property: unknown): PropertyKind | undefined {
  if (property === null || typeof property !== "object") return undefined;
  const { type, format, $ref } = property as { type?: unknown; format?: unknown; $ref?: unknown };
  if (type === undefined && $ref !== undefined) return undefined;
  if (type === "array" || type === "mapped_array") return undefined;
  if (type === "string") return format === "date-time" || format === "date" ? "datetime" : "string";
  if (type === "integer" || type === "number" || type === "boolean") return type;
  return "other";
}

function stringList(value: unknown, where: string): ReadonlySet<string> {
  if (value === undefined) return new Set();
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw new TypeError(`${where} must be an array of strings`);
  }
  return new Set(value);
}

/**
 * Turns the result of ftrack's `query_schemas` API action (the array of
 * entity schemas, as JSON-decoded; custom entity types included) into a
 * schema for `lint`. Keeps every entity type's direct, non-computed
 * properties. Throws a TypeError naming the first malformed entry.
 *
 * Linear in the size of the input; build it once and reuse it for every
 * `lint` call (passing the raw result to `lint` instead is cached per array).
 */
export function loadSchema(querySchemasResult: unknown): FtrackSchema {
  if (!Array.isArray(querySchemasResult)) {
    throw new TypeError("loadSchema expects the array that ftrack's query_schemas action returns");
  }
  const entries: [string, [string, PropertyInfo][]][] = [];
  querySchemasResult.forEach((schema: unknown, index) => {
    const where = `query_schemas[${index}]`;
    if (schema === null || typeof schema !== "object" || Array.isArray(schema)) {
      throw new TypeError(`${where} must be an object`);
    }
    const { id, properties, computed, required } = schema as Record<string, unknown>;
    if (typeof id !== "string" || id === "") throw new TypeError(`${where}.id must be a non-empty string`);
    if (properties === null || typeof properties !== "object" || Array.isArray(properties)) {
      throw new TypeError(`${where}.properties (${id}) must be an object`);
    }
    const computedSet = stringList(computed, `${where}.computed (${id})`);
    const requiredSet = stringList(required, `${where}.required (${id})`);
    const props: [string, PropertyInfo][] = [];
    for (const [name, property] of Object.entries(properties)) {
      if (computedSet.has(name)) continue;
      const kind = propertyKind(property);
      if (kind !== undefined) props.push([name, { kind, nullable: !requiredSet.has(name) }]);
    }
    entries.push([id, props]);
  });
  return new FtrackSchema(entries);
}
