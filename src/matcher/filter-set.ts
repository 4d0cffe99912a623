/**
 * `FilterSet`: many filters of one dialect, each with an id and a value of
 * the caller's (a handler, a queue name), matched against an event at a cost
 * that grows with the number of filters the event could match rather than
 * with the size of the set. The index that finds those candidates is in
 * `./filter-index`.
 */
import { type CompiledFilter, compile, isCompiledFilter } from "../compiler/compile";
import { readPath } from "../compiler/values";
import type { Dialect, FilterAst } from "../syntax/ast";
import { CandidateIndex, type Indexed, type PathBuckets, requiredEqualities } from "./filter-index";

/** Options of {@link FilterSet}. */
export interface FilterSetOptions {
  /** The dialect of every filter of the set: `"trigger"` (the default) or `"event-hub"`. */
  readonly dialect?: Dialect;
  /** The compiler backend for filters given as text or AST (see `compile`). */
  readonly backend?: "auto" | "codegen" | "closure";
}

/** One filter of a set, as `match` returns it. Frozen. */
export interface FilterSetEntry<T> {
  readonly id: string;
  readonly filter: CompiledFilter;
  readonly value: T;
}

/** The arguments after the filter in {@link FilterSet.add}: the value is optional when `T` admits undefined. */
export type FilterSetValueArgs<T> = undefined extends T ? [value?: T] : [value: T];

interface Entry<T> extends Indexed {
  /** Insertion rank: `match` returns entries in this order. */
  readonly rank: number;
  readonly entry: FilterSetEntry<T>;
}

/**
 * A set of filters matched together against events, for routing one
 * webhook's events to many automations. Filters are evaluated leniently (an
 * evaluation error means no match, as in ftrack), and `match` returns
 * exactly the entries whose filter, tested alone, matches the event.
 *
 * Only candidate filters are tested: a filter that requires
 * `field = "literal"` in every case (the condition is the filter, or an
 * operand of its top-level `and`) is filed under such a condition and tested
 * only when the event's field holds that literal. Filters without one are
 * tested for every event. Write each filter with its most specific
 * equalities (`entity.entity_type`, `entity.operation`, a status id) at the
 * top level, not inside `or` or `not`, to keep it out of that list.
 *
 * `add` with an id the set already holds replaces that entry in place: it
 * keeps its position in the order `match` returns.
 */
export class FilterSet<T = undefined> implements Iterable<FilterSetEntry<T>> {
  readonly dialect: Dialect;
  readonly #backend: "auto" | "codegen" | "closure";
  readonly #entries = new Map<string, Entry<T>>();
  readonly #index = new CandidateIndex();
  #nextRank = 0;

  constructor(options?: FilterSetOptions) {
    if (options !== undefined && (typeof options !== "object" || options === null)) {
      throw new TypeError("FilterSet: options must be an object");
    }
    for (const key of Object.keys(options ?? {})) {
      if (key !== "dialect" && key !== "backend") {
        throw new TypeError(`FilterSet: unknown option ${JSON.stringify(key)} (known: dialect, backend)`);
      }
    }
    const dialect = options?.dialect ?? "trigger";
    const backend = options?.backend ?? "auto";
    if (dialect !== "trigger" && dialect !== "event-hub")
      throw new TypeError(`FilterSet: option "dialect" must be "trigger" or "event-hub"`);
    if (backend !== "auto" && backend !== "codegen" && backend !== "closure") {
      throw new TypeError(`FilterSet: option "backend" must be "auto", "codegen" or "closure"`);
    }
    this.dialect = dialect;
    this.#backend = backend;
  }

  /** How many filters the set holds. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * Adds the filter `filter` under `id`, or replaces the entry `id` in
   * place. `filter` is text or an AST (compiled here, in the set's dialect:
   * throws `FilterSyntaxError` for bad text), or a filter from `compile` of
   * the set's dialect (TypeError otherwise; a strict one is evaluated
   * leniently). Cost: one compilation, plus O(1) amortised for the index.
   * Returns the new entry.
   */
  add(id: string, filter: string | FilterAst | CompiledFilter, ...value: FilterSetValueArgs<T>): FilterSetEntry<T> {
    if (typeof id !== "string") throw new TypeError("FilterSet.add: the id must be a string");
    const compiled = this.#compile(filter);
    const previous = this.#entries.get(id);
    if (previous !== undefined) this.#index.delete(previous);
    const entry: FilterSetEntry<T> = Object.freeze({ id, filter: compiled, value: value[0] as T });
    const item: Entry<T> = {
      rank: previous?.rank ?? this.#nextRank++,
      entry,
      requirements: requiredEqualities(compiled.ast),
      slot: undefined,
    };
    this.#entries.set(id, item);
    this.#index.insert(item);
    return entry;
  }

  /** Removes the entry `id`; returns whether there was one. */
  remove(id: string): boolean {
    const item = this.#entries.get(id);
    if (item === undefined) return false;
    this.#entries.delete(id);
    this.#index.delete(item);
    return true;
  }

  /** Whether the set holds an entry `id`. */
  has(id: string): boolean {
    return this.#entries.has(id);
  }

  /** The entry `id`, if any. */
  get(id: string): FilterSetEntry<T> | undefined {
    return this.#entries.get(id)?.entry;
  }

  /** Removes every entry. */
  clear(): void {
    this.#entries.clear();
    this.#index.clear();
  }

  /** The entries in insertion order. */
  *[Symbol.iterator](): Iterator<FilterSetEntry<T>> {
    for (const item of this.#entries.values()) yield item.entry;
  }

  /**
   * The entries whose filter matches `event`, in insertion order. Never
   * throws: an evaluation error, or an error while reading the event, means
   * that filter does not match. Cost: one path read per distinct indexed
   * path, plus one evaluation per candidate (see {@link candidates}).
   */
  match(event: unknown): FilterSetEntry<T>[] {
    const candidates = this.#collect(event);
    let found = 0;
    for (const item of candidates) {
      let hit = false;
      try {
        hit = item.entry.filter(event);
      } catch {
        // A strict filter reports its evaluation errors; here they mean no match.
      }
      if (hit) candidates[found++] = item;
    }
    candidates.length = found;
    return ordered(candidates);
  }

  /**
   * The entries `match` would test for `event`, in insertion order: every
   * entry filed under a required equality that the event satisfies, and
   * every entry without one. For diagnostics and capacity planning.
   */
  candidates(event: unknown): FilterSetEntry<T>[] {
    return ordered(this.#collect(event));
  }

  /** The candidates for `event`, in no particular order. */
  #collect(event: unknown): Entry<T>[] {
    const index = this.#index;
    if (index.stale) index.rebuild(this.#entries.values());
    const out: Entry<T>[] = [];
    if (index.unindexed.size > 0) for (const item of index.unindexed) out.push(item as Entry<T>);
    const paths = index.paths;
    for (let i = 0; i < paths.length; i++) {
      const path = paths[i] as PathBuckets;
      let value: unknown;
      try {
        value = readPath(event, path.segments);
      } catch {
        // The event cannot be read here: every filter filed under this path
        // reads it too, so test them all and let each fail on its own.
        for (const bucket of path.buckets.values()) for (const item of bucket) out.push(item as Entry<T>);
        continue;
      }
      if (typeof value !== "string") continue;
      const bucket = path.buckets.get(value);
      if (bucket !== undefined) for (const item of bucket) out.push(item as Entry<T>);
    }
    return out;
  }

  #compile(filter: string | FilterAst | CompiledFilter): CompiledFilter {
    if (isCompiledFilter(filter)) {
      if (filter.dialect !== this.dialect) {
        throw new TypeError(`FilterSet.add: the filter was compiled for the ${filter.dialect} dialect, the set is ${this.dialect}`);
      }
      return filter;
    }
    if (typeof filter === "function") throw new TypeError("FilterSet.add: a function filter must come from compile()");
    return compile(filter, { dialect: this.dialect, backend: this.#backend });
  }
}

function ordered<T>(items: Entry<T>[]): FilterSetEntry<T>[] {
  if (items.length > 1) items.sort((a, b) => a.rank - b.rank);
  return items.map((item) => item.entry);
}
