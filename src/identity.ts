/**
 * One library, however it is loaded. A service can hold both builds of the
 * package at once (one dependency `require`s it, another `import`s it), and
 * then every class and module-level table exists twice. What must be
 * recognised across the copies is keyed by `Symbol.for`, which every copy
 * in the process shares:
 *
 * - an error class answers `instanceof` for an error of the same name thrown
 *   by any copy, through a brand on its prototype;
 * - compiled filters are registered in one process-wide table, so a filter
 *   compiled by one copy is accepted by `FilterSet`, `explain` and the test
 *   kit of the other.
 *
 * Keys carry a format number: two copies that disagree on what a registered
 * filter carries ignore each other's filters rather than misread them.
 */

const ERROR_BRAND = Symbol.for("ftrack-filter.error-class");
const defaultHasInstance = Function.prototype[Symbol.hasInstance];

/**
 * Makes `instanceof errorClass` hold for an error of the same class from
 * another copy of the library. Subclasses keep the ordinary check.
 */
export function brandErrorClass(errorClass: abstract new (...args: never[]) => Error, name: string): void {
  Object.defineProperty(errorClass.prototype, ERROR_BRAND, { value: name });
  Object.defineProperty(errorClass, Symbol.hasInstance, {
    value(this: unknown, value: unknown): boolean {
      if (defaultHasInstance.call(this, value)) return true;
      return this === errorClass && brandOf(value) === name;
    },
  });
}

function brandOf(value: unknown): unknown {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return undefined;
  try {
    return (value as { [ERROR_BRAND]?: unknown })[ERROR_BRAND];
  } catch {
    // A proxy or a getter that throws: not one of ours, and instanceof never throws.
    return undefined;
  }
}

/**
 * The process-wide table `name` (made by whichever copy asks first). Read
 * as an own property of `globalThis`, so a polluted `Object.prototype`
 * cannot supply a table; one that is not a WeakMap is left alone and this
 * copy keeps a table of its own.
 */
export function sharedTable<K extends object, V>(name: string): WeakMap<K, V> {
  const key = Symbol.for(`ftrack-filter.${name}`);
  const existing = Object.getOwnPropertyDescriptor(globalThis, key)?.value as unknown;
  if (existing instanceof WeakMap) return existing as WeakMap<K, V>;
  const table = new WeakMap<K, V>();
  if (existing === undefined) {
    try {
      Object.defineProperty(globalThis, key, { value: table });
    } catch {
      // A frozen global object: this copy keeps its table to itself.
    }
  }
  return table;
}
