/**
 * Prototype pollution for the "own properties only" properties: a recipe
 * names keys to define on `Object.prototype` or `Array.prototype` (plain
 * values, objects, getters that throw), and {@link withPollution} applies
 * it around one synchronous call and restores every property afterwards,
 * whatever happens.
 */
import fc from "fast-check";

export interface PollutionEntry {
  readonly target: "Object.prototype" | "Array.prototype";
  readonly key: string;
  readonly kind: "text" | "object" | "array" | "throwing-getter" | "matching-getter";
  readonly text: string;
}

const POLLUTED_KEYS = [
  "entity",
  "new",
  "old",
  "entity_type",
  "operation",
  "status_id",
  "x",
  "list",
  "obj",
  "a",
  "b",
  "data",
  "topic",
  "metadata",
  "resource_id",
  "0",
  "1",
  "length",
  "toString",
  "constructor",
  "__proto__",
] as const;

export const pollution: fc.Arbitrary<readonly PollutionEntry[]> = fc.array(
  fc.record({
    target: fc.constantFrom("Object.prototype" as const, "Array.prototype" as const),
    key: fc.constantFrom(...POLLUTED_KEYS),
    kind: fc.constantFrom("text" as const, "object" as const, "array" as const, "throwing-getter" as const, "matching-getter" as const),
    text: fc.constantFrom("a", "Task", "update", "1", "", "x*"),
  }),
  { minLength: 1, maxLength: 6 },
);

/** Keys whose pollution would break the JavaScript runtime itself, not the library: never polluted. */
const UNTOUCHABLE = new Set(["constructor", "__proto__", "length", "toString"]);

/**
 * Runs `fn` with the prototypes polluted as `entries` say, then restores
 * them (in a `finally`). Keys that the runtime needs are left alone.
 */
export function withPollution<T>(entries: readonly PollutionEntry[], fn: () => T): T {
  const saved: { target: object; key: string; descriptor: PropertyDescriptor | undefined }[] = [];
  try {
    for (const entry of entries) {
      if (UNTOUCHABLE.has(entry.key)) continue;
      const target: object = entry.target === "Object.prototype" ? Object.prototype : Array.prototype;
      if (!saved.some((s) => s.target === target && s.key === entry.key)) {
        saved.push({ target, key: entry.key, descriptor: Object.getOwnPropertyDescriptor(target, entry.key) });
      }
      // Getters come with a setter that makes an own property, as an inherited writable value would:
      // without it, every assignment of that key (an array's push) would throw, in any code.
      const set = function (this: object, value: unknown): void {
        Object.defineProperty(this, entry.key, { value, writable: true, enumerable: true, configurable: true });
      };
      const descriptor: PropertyDescriptor =
        entry.kind === "throwing-getter"
          ? {
              get: () => {
                throw new Error(`polluted getter ${entry.key}`);
              },
              set,
              configurable: true,
              enumerable: false,
            }
          : entry.kind === "matching-getter"
            ? { get: () => entry.text, set, configurable: true, enumerable: false }
            : {
                value:
                  entry.kind === "text"
                    ? entry.text
                    : entry.kind === "object"
                      ? { x: entry.text, status_id: entry.text, entity_type: entry.text }
                      : [entry.text],
                configurable: true,
                writable: true,
                enumerable: false,
              };
      Object.defineProperty(target, entry.key, descriptor);
    }
    return fn();
  } finally {
    for (const { target, key, descriptor } of saved.reverse()) {
      if (descriptor === undefined) delete (target as Record<string, unknown>)[key];
      else Object.defineProperty(target, key, descriptor);
    }
  }
}
