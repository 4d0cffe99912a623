/**
 * Small helpers shared by the test kit's builders: option-key checks (a
 * misspelt option is an error, never silently ignored) and copies of
 * JSON values, so an event never shares objects with what built it.
 */

/** Throws a TypeError unless every own key of `options` is in `known`. */
export function checkKeys(caller: string, options: object, known: readonly string[]): void {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TypeError(`${caller}: options must be an object`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new TypeError(`${caller}: unknown option ${JSON.stringify(key)} (known: ${known.join(", ")})`);
    }
  }
}

/**
 * A deep copy of a JSON value, made of plain objects and arrays with own
 * properties only (a `__proto__` key stays an ordinary key). Throws a
 * TypeError for anything JSON cannot carry, so events stay serialisable.
 */
export function cloneJson(value: unknown, path = "value", depth = 0): unknown {
  if (depth > 100) throw new TypeError(`${path} is nested too deeply (or cyclic)`);
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`${path} is not a finite number; JSON cannot carry it`);
    return value;
  }
  if (Array.isArray(value)) return value.map((item, i) => cloneJson(item, `${path}[${i}]`, depth + 1));
  if (typeof value === "object") {
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
      throw new TypeError(`${path} is ${typeof name === "string" ? `a ${name}` : "not a plain object"}; pass JSON values (text for dates)`);
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) setOwn(out, key, cloneJson(item, `${path}.${key}`, depth + 1));
    return out;
  }
  throw new TypeError(`${path} is ${typeof value === "undefined" ? "undefined" : `a ${typeof value}`}; JSON cannot carry it`);
}

/** Sets an own, enumerable property, even for the key `__proto__`. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
