/**
 * A bounded LRU cache of compiled filters, and `matches`, which compiles
 * through the shared cache: the convenient call for code that holds filter
 * text rather than compiled filters (a webhook handler reading its filters
 * from configuration).
 */
import type { Dialect } from "../syntax/ast";
import { type CompiledFilter, compile } from "./compile";
import { checkOptions, optionChecks } from "./validate";

/** Entries the shared cache holds before it evicts the least recently used. */
export const DEFAULT_CACHE_SIZE = 1000;

/**
 * Most filter text the shared cache holds, in UTF-16 code units summed over
 * its compiled filters: 1 MiB of text. A compiled filter retains 1 to about
 * 60 bytes of heap per code unit of its text (its AST, and its generated
 * code or closures), so this keeps the cache under about 64 MB however long
 * the filters, while 1,000 typical filters of a few hundred characters fit.
 */
export const DEFAULT_CACHE_LENGTH = 1_048_576;

/** Options of {@link FilterCache}. */
export interface FilterCacheOptions {
  /** Most compiled filters kept (default 1,000; 0 disables caching). */
  readonly maxSize?: number;
  /**
   * Most filter text kept, in code units summed over the compiled filters
   * (each dialect and strictness of a text counts its length once more);
   * default 1 MiB ({@link DEFAULT_CACHE_LENGTH}). A filter longer than this
   * is compiled and returned, never cached.
   */
  readonly maxLength?: number;
}

/** Options of {@link matches} and {@link FilterCache.compile}. */
export interface MatchOptions {
  readonly dialect?: Dialect;
  readonly strict?: boolean;
}

const matchChecks = { dialect: optionChecks.dialect, strict: optionChecks.strict };

/** The slot of a dialect and strictness in an entry's variants. */
function variantOf(options: MatchOptions | undefined): number {
  if (options === undefined) return 0;
  const opts = checkOptions<MatchOptions>("FilterCache.compile", options, matchChecks);
  return (opts.dialect === "event-hub" ? 2 : 0) + (opts.strict === true ? 1 : 0);
}

const VARIANTS: readonly MatchOptions[] = [
  { dialect: "trigger", strict: false },
  { dialect: "trigger", strict: true },
  { dialect: "event-hub", strict: false },
  { dialect: "event-hub", strict: true },
];

/**
 * Compiled filters keyed by text, dialect and strictness, least recently
 * used text evicted first. `maxSize` bounds the number of compiled filters
 * held, and `maxLength` the text they were compiled from, so the memory
 * held is bounded by both. A hit costs one `Map` lookup by the text (whose hash the engine
 * keeps) and a re-insertion; a miss costs a `compile`. Filter text that
 * fails to parse is not cached (the `FilterSyntaxError` propagates each
 * time).
 */
export class FilterCache {
  readonly maxSize: number;
  readonly maxLength: number;
  /** Per text, the filter compiled for each variant (see `VARIANTS`), in recency order. */
  readonly #entries = new Map<string, (CompiledFilter | undefined)[]>();
  #count = 0;
  #length = 0;

  constructor(options?: FilterCacheOptions) {
    const opts = checkOptions<FilterCacheOptions>("FilterCache", options, {
      maxSize: optionChecks.maxSize,
      maxLength: optionChecks.maxSize,
    });
    this.maxSize = opts.maxSize ?? DEFAULT_CACHE_SIZE;
    this.maxLength = opts.maxLength ?? DEFAULT_CACHE_LENGTH;
  }

  /** How many compiled filters the cache holds. */
  get size(): number {
    return this.#count;
  }

  /** The length of the text of the compiled filters the cache holds, in code units (see `maxLength`). */
  get length(): number {
    return this.#length;
  }

  /** The compiled filter for `source`, compiling it on a miss. */
  compile(source: string, options?: MatchOptions): CompiledFilter {
    if (typeof source !== "string") throw new TypeError("FilterCache.compile expects the filter as a string");
    const variant = variantOf(options);
    const entries = this.#entries;
    let variants = entries.get(source);
    if (variants !== undefined) {
      entries.delete(source);
      entries.set(source, variants);
      const hit = variants[variant];
      if (hit !== undefined) return hit;
    }
    const filter = compile(source, VARIANTS[variant]);
    if (this.maxSize === 0 || source.length > this.maxLength) return filter;
    if (variants === undefined) {
      variants = [undefined, undefined, undefined, undefined];
      entries.set(source, variants);
    }
    variants[variant] = filter;
    this.#count++;
    this.#length += source.length;
    for (const [oldest, held] of entries) {
      if (this.#count <= this.maxSize && this.#length <= this.maxLength) break;
      entries.delete(oldest);
      const dropped = held.filter((compiled) => compiled !== undefined).length;
      this.#count -= dropped;
      this.#length -= dropped * oldest.length;
    }
    return filter;
  }

  /** Whether `source` matches `event`, compiling through this cache. */
  matches(source: string, event: unknown, options?: MatchOptions): boolean {
    return this.compile(source, options)(event);
  }

  /** Empties the cache. */
  clear(): void {
    this.#entries.clear();
    this.#count = 0;
    this.#length = 0;
  }
}

/** The cache `matches` uses: at most {@link DEFAULT_CACHE_SIZE} filters and {@link DEFAULT_CACHE_LENGTH} code units of text. */
export const defaultFilterCache = new FilterCache();

/**
 * Whether the filter `source` matches `event`. Compiles through
 * {@link defaultFilterCache} (at most 1,000 filters and 1 MiB of their
 * text, least recently used evicted), so repeated calls with the same text cost a map lookup plus the
 * evaluation. Throws `FilterSyntaxError` for bad text; evaluation errors make
 * it return false, or throw `FilterEvaluationError` with `strict: true`.
 */
export function matches(source: string, event: unknown, options?: MatchOptions): boolean {
  return defaultFilterCache.compile(source, options)(event);
}
