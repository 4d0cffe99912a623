/**
 * Copies event values into small, plain, JSON-safe data for error reports and
 * explanations: long strings and large or deep structures are cut, cycles
 * cannot recur, non-JSON values become descriptive text, and a value whose
 * reading throws (a getter, a proxy) becomes "[unreadable]".
 */

/** A JSON value: what `JSON.parse` can return. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** Longest string kept whole; longer ones are cut and end with "…". */
const MAX_STRING = 200;
/** Most elements or keys kept per array or object. */
const MAX_ITEMS = 20;
/** Deepest structure kept; deeper ones are replaced by a marker. */
const MAX_DEPTH = 5;
/** Most values copied in one call, whatever the shape. */
const MAX_NODES = 200;

const hasOwn = Object.hasOwn;
const isArray = Array.isArray;
const objectKeys = Object.keys;
const defineProperty = Object.defineProperty;

/**
 * A JSON-safe, truncated copy of `value`. Cost is bounded (at most a few
 * hundred values are visited) whatever the input; never throws.
 */
export function toJsonSafe(value: unknown): JsonValue {
  const budget = { nodes: MAX_NODES };
  try {
    return copy(value, 0, budget);
  } catch {
    return "[unreadable]";
  }
}

/** `text` cut to at most `max` UTF-16 units plus "…", never splitting a surrogate pair. */
export function truncateText(text: string, max = MAX_STRING): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

function copy(value: unknown, depth: number, budget: { nodes: number }): JsonValue {
  budget.nodes--;
  switch (typeof value) {
    case "string":
      return truncateText(value);
    case "number":
      return Number.isFinite(value) ? value : String(value);
    case "bigint":
      return `${value}n`;
    case "boolean":
      return value;
    case "undefined":
      return "[undefined]";
    case "function":
      return "[function]";
    case "symbol":
      return "[symbol]";
    case "object":
      break;
  }
  if (value === null) return null;
  try {
    if (isArray(value)) return copyArray(value, depth, budget);
    return copyObject(value as object, depth, budget);
  } catch {
    return "[unreadable]";
  }
}

function copyArray(value: readonly unknown[], depth: number, budget: { nodes: number }): JsonValue {
  if (depth >= MAX_DEPTH || budget.nodes <= 0) return `[array of ${value.length}]`;
  const out: JsonValue[] = [];
  const n = Math.min(value.length, MAX_ITEMS);
  for (let i = 0; i < n; i++) {
    if (budget.nodes <= 0) break;
    out.push(copy(hasOwn(value, i) ? value[i] : undefined, depth + 1, budget));
  }
  if (out.length < value.length) out.push(`… ${value.length - out.length} more`);
  return out;
}

function copyObject(value: object, depth: number, budget: { nodes: number }): JsonValue {
  const keys = objectKeys(value);
  if (depth >= MAX_DEPTH || budget.nodes <= 0) return `[object with ${keys.length} keys]`;
  const out: Record<string, JsonValue> = {};
  let kept = 0;
  for (const key of keys) {
    if (kept >= MAX_ITEMS || budget.nodes <= 0) break;
    // defineProperty, not assignment: an own "__proto__" key stays data.
    defineProperty(out, truncateText(key), {
      value: copy((value as Record<string, unknown>)[key], depth + 1, budget),
      enumerable: true,
      writable: true,
      configurable: true,
    });
    kept++;
  }
  if (kept < keys.length) {
    defineProperty(out, "…", { value: `${keys.length - kept} more keys`, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
