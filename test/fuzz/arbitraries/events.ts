/**
 * Generators of events for the evaluation properties: JSON events shaped
 * like ftrack's (so that filters both match and fail), arbitrary values,
 * and odd objects, described by plain-data recipes (so that fast-check can
 * print and shrink them) and built fresh for every call: null prototypes,
 * throwing getters, frozen and sealed objects, proxies whose traps throw or
 * lie, revoked proxies, cycles, 10,000-level nesting, huge arrays, own
 * `__proto__`/`constructor`/`toString` keys, class instances.
 */
import fc from "fast-check";
import { LITERALS } from "./filters";

const KEYS = [
  "entity",
  "new",
  "old",
  "entity_type",
  "operation",
  "id",
  "status_id",
  "name",
  "x",
  "list",
  "obj",
  "parents",
  "metadata",
  "resource_id",
  "topic",
  "data",
  "a",
  "b",
  "0",
] as const;

/** Scalars that collide with the literals of generated filters. */
const scalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...LITERALS) },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.integer({ min: -2, max: 12 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 5 }) },
);

/** A JSON value made of the literals and keys filters use, nested a little. */
const shapedValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 5, arbitrary: scalar },
    { weight: 1, arbitrary: fc.array(tie("value"), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...KEYS, "__proto__", "constructor", "toString"), tie("value"), { maxKeys: 4 }) },
  ),
})).value;

const record = fc.dictionary(fc.constantFrom("status_id", "name", "x", "list", "obj", "bid", "__proto__", "toString"), shapedValue, {
  maxKeys: 5,
});

/** An event shaped like ftrack's entity events (fields optional), plus event-hub fields. */
const entityShaped: fc.Arbitrary<unknown> = fc
  .record(
    {
      entity: fc.record(
        {
          entity_type: fc.oneof(fc.constantFrom("Task", "AssetVersion", "task"), shapedValue),
          operation: fc.oneof(fc.constantFrom("update", "create"), shapedValue),
          id: fc.oneof(fc.array(fc.constantFrom("1", "a", "x*"), { maxLength: 2 }), shapedValue),
          new: fc.oneof({ weight: 4, arbitrary: record }, { weight: 1, arbitrary: shapedValue }),
          old: fc.oneof({ weight: 4, arbitrary: record }, { weight: 1, arbitrary: shapedValue }),
          parents: fc.array(record, { maxLength: 2 }),
          constructor: shapedValue,
        },
        { requiredKeys: [] },
      ),
      metadata: fc.record({ resource_id: shapedValue }, { requiredKeys: [] }),
      topic: shapedValue,
      data: fc.record({ x: shapedValue }, { requiredKeys: [] }),
      a: shapedValue,
      __proto__: shapedValue,
    },
    { requiredKeys: [] },
  )
  // Through JSON, as a webhook body arrives: `__proto__` becomes an own key.
  .map((event) => JSON.parse(JSON.stringify(event)) as unknown);

/** JSON events: shaped like ftrack's, or any JSON value. */
export const jsonEvent: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: entityShaped },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
);

/** Events that are any JavaScript value fast-check makes (undefined, -0, NaN, sparse arrays, null prototypes, boxed values...). */
export const anyEvent: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    maxDepth: 3,
    withNullPrototype: true,
    withBoxedValues: true,
    withSparseArray: true,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withTypedArray: true,
  }),
  fc
    .tuple(
      entityShaped,
      fc.anything({ maxDepth: 2, withNullPrototype: true, withBoxedValues: true, withSparseArray: true, withBigInt: true }),
    )
    .map(([event, value]) => place(structuredClone(event), ["entity", "new", "x"], value)),
);

// ------------------------------------------------------------ odd objects

/** The kinds of odd value a recipe can place in an event. */
export const ODD_KINDS = [
  "null-prototype",
  "frozen",
  "sealed",
  "getter-throws",
  "getter-value",
  "proxy-throws",
  "proxy-lies",
  "proxy-revoked",
  "cyclic",
  "deep-object",
  "deep-array",
  "huge-array",
  "own-special-keys",
  "class-instances",
  "function",
  "symbol-and-bigint",
] as const;
export type OddKind = (typeof ODD_KINDS)[number];

/** One odd value and where it goes: a key path from the event's root (empty: the event itself). */
export interface Placement {
  readonly path: readonly string[];
  readonly kind: OddKind;
  /** A parameter of the kind: which key a getter or trap targets, a depth, a size. */
  readonly key: string;
  readonly n: number;
  readonly inner: unknown;
}

/** A JSON event with odd values placed in it: plain data, built by {@link buildOddEvent}. */
export interface OddRecipe {
  readonly base: unknown;
  readonly placements: readonly Placement[];
}

const PATHS: readonly (readonly string[])[] = [
  [],
  ["entity"],
  ["entity", "new"],
  ["entity", "old"],
  ["entity", "new", "x"],
  ["entity", "old", "x"],
  ["entity", "new", "list"],
  ["entity", "new", "obj"],
  ["entity", "old", "obj"],
  ["entity", "entity_type"],
  ["entity", "id"],
  ["metadata"],
  ["data", "x"],
  ["a"],
];

const placement: fc.Arbitrary<Placement> = fc.record({
  path: fc.constantFrom(...PATHS),
  kind: fc.constantFrom(...ODD_KINDS),
  key: fc.constantFrom(...KEYS, "__proto__", "constructor", "toString"),
  n: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constantFrom(1000, 1001, 10_000)),
  inner: shapedValue,
});

export const oddRecipe: fc.Arbitrary<OddRecipe> = fc.record({
  base: entityShaped,
  placements: fc.array(placement, { minLength: 1, maxLength: 3 }),
});

const defineValue = (target: object, key: string, value: unknown): void => {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
};

function nested(depth: number, leaf: unknown, array: boolean, key: string): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) {
    if (array) value = [value];
    else {
      const next: Record<string, unknown> = {};
      defineValue(next, key, value);
      value = next;
    }
  }
  return value;
}

/** Builds one odd value (fresh each time: a revoked proxy cannot be reused). */
export function buildOdd(p: Placement): unknown {
  const inner = structuredClone(p.inner);
  const base = (): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    defineValue(out, p.key, inner);
    defineValue(out, "x", "a");
    return out;
  };
  switch (p.kind) {
    case "null-prototype":
      return Object.assign(Object.create(null) as object, base());
    case "frozen":
      return Object.freeze(base());
    case "sealed":
      return Object.seal(base());
    case "getter-throws": {
      const out = base();
      Object.defineProperty(out, p.key, {
        get: () => {
          throw new Error(`getter ${p.key}`);
        },
        enumerable: true,
      });
      return out;
    }
    case "getter-value": {
      const out = base();
      Object.defineProperty(out, p.key, { get: () => inner, enumerable: true });
      return out;
    }
    case "proxy-throws": {
      const trap = (): never => {
        throw p.n % 2 === 0 ? new Error("trap") : "a thrown string";
      };
      const traps = ["get", "has", "getPrototypeOf", "getOwnPropertyDescriptor", "ownKeys"];
      const handler: ProxyHandler<object> = {};
      // n selects which traps throw (a bit each), so every combination occurs.
      traps.forEach((name, i) => {
        if (((p.n + 1) >> i) % 2 === 1) (handler as Record<string, unknown>)[name] = trap;
      });
      return new Proxy(base(), handler);
    }
    case "proxy-lies":
      return new Proxy(p.n % 2 === 0 ? {} : [], {
        has: () => true,
        get: (_target, key) => (key === p.key ? inner : typeof key === "string" ? "a" : undefined),
        getPrototypeOf: () => [Object.prototype, Array.prototype, null][p.n % 3] ?? null,
        ownKeys: () => [p.key, "x"],
        getOwnPropertyDescriptor: () => ({ value: "a", enumerable: true, configurable: true, writable: true }),
      });
    case "proxy-revoked": {
      const { proxy, revoke } = Proxy.revocable(base(), {});
      revoke();
      return proxy;
    }
    case "cyclic": {
      const out = base();
      defineValue(out, p.key, out);
      const list: unknown[] = ["a"];
      list.push(list, out);
      defineValue(out, "list", list);
      return p.n % 2 === 0 ? out : list;
    }
    case "deep-object":
      return nested(p.n >= 1000 ? p.n : 10_000, inner, false, p.key);
    case "deep-array":
      return nested(p.n >= 1000 ? p.n : 10_000, inner, true, p.key);
    case "huge-array": {
      const list: unknown[] = new Array<unknown>(200_000).fill(inner);
      if (p.n % 2 === 0) list.push("a");
      return list;
    }
    case "own-special-keys": {
      const out = base();
      for (const key of ["__proto__", "constructor", "toString", "valueOf", "hasOwnProperty"])
        defineValue(out, key, p.n % 2 === 0 ? "a" : inner);
      return out;
    }
    case "class-instances":
      return [new Date(0), new Map([["x", "a"]]), /a/, new Uint8Array(3), Object("a"), new Error("a"), Promise.resolve("a")][p.n % 7];
    case "function":
      return Object.assign(() => "a", base());
    case "symbol-and-bigint":
      return [Symbol("a"), 10n, undefined, Number.NaN, -0, Infinity][p.n % 6];
  }
}

/** Sets `value` at `path` in `root` (own properties, created as needed); returns the new root. */
function place(root: unknown, path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const top: Record<string, unknown> =
    typeof root === "object" && root !== null && !Array.isArray(root) ? (root as Record<string, unknown>) : {};
  let parent = top;
  path.forEach((key, i) => {
    if (i === path.length - 1) {
      defineValue(parent, key, value);
      return;
    }
    const next = Object.hasOwn(parent, key) ? parent[key] : undefined;
    if (typeof next !== "object" || next === null || Array.isArray(next) || Object.isFrozen(next) || Object.isSealed(next)) {
      const fresh: Record<string, unknown> = {};
      defineValue(parent, key, fresh);
      parent = fresh;
    } else parent = next as Record<string, unknown>;
  });
  return top;
}

/** A fresh event built from `recipe`. Deterministic: building it twice gives events that behave the same. */
export function buildOddEvent(recipe: OddRecipe): unknown {
  let event = structuredClone(recipe.base);
  for (const p of recipe.placements) {
    try {
      event = place(event, p.path, buildOdd(p));
    } catch {
      // A path through an odd value placed before cannot be extended: keep the event as it is.
    }
  }
  return event;
}
