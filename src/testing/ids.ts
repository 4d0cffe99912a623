/**
 * Ids and timestamps for synthetic events: random uuids by default, or a
 * seeded, repeatable sequence of uuids so that snapshot tests stay stable;
 * and dates written the way ftrack writes `metadata.date`.
 */

/** Where a builder takes its ids from: called once per id it needs. */
export type IdSource = () => string;

/** A random version-4 uuid from the platform's `crypto.randomUUID`. */
export const randomIds: IdSource = () => globalThis.crypto.randomUUID();

/**
 * A repeatable source of version-4-shaped uuids: two sources made from the
 * same seed return the same sequence. Use one per test (or per snapshot) and
 * pass it as the `ids` option of every builder. Not random enough for
 * anything but tests. Cost: a few integer operations per id.
 */
export function seededIds(seed: number | string): IdSource {
  if (typeof seed === "number" && !Number.isFinite(seed)) throw new TypeError("seededIds: the seed must be a finite number or a string");
  if (typeof seed !== "number" && typeof seed !== "string") throw new TypeError("seededIds: the seed must be a number or a string");
  let state = hashSeed(String(seed));
  // mulberry32: small, fast, and good enough to spread test ids.
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
  return () => {
    const hex = [next(), next(), next(), next()].map((word) => word.toString(16).padStart(8, "0")).join("");
    // Version 4 in the 13th digit, variant 10xx in the 17th, as randomUUID writes them.
    const variant = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
}

/** FNV-1a over the seed's UTF-16 units: any text becomes a 32-bit start state. */
function hashSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/** `n` hexadecimal digits from an id source (uuids stripped of their dashes). */
export function hexDigits(ids: IdSource, n: number): string {
  let out = "";
  while (out.length < n) out += ids().replace(/-/g, "");
  return out.slice(0, n);
}

/**
 * A time as ftrack writes `metadata.date`: ISO 8601 in UTC with microseconds
 * and an explicit offset (`2024-06-04T10:31:39.554607+00:00`). Text is
 * returned unchanged, so a test can give the exact value it wants.
 */
export function ftrackDate(date: Date | string): string {
  if (typeof date === "string") return date;
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new TypeError("the date must be a valid Date or text");
  // toISOString gives milliseconds and "Z"; ftrack's payloads carry microseconds and "+00:00".
  return date.toISOString().replace(/Z$/, "000+00:00");
}
