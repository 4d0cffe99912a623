/**
 * The candidate index behind `FilterSet`: which filters an event could
 * possibly match, found without testing the others.
 *
 * A filter's *required equalities* are the conditions `field = "literal"`
 * (a non-empty literal not ending in `*`; never a field reference) that
 * stand at its root or directly in its top-level `and`. Such a condition is
 * true only when the field holds exactly that string, and when it is false
 * the `and` is false (or, if another operand fails, the evaluation aborts,
 * which also means no match). So a filter need only be tested when the
 * event holds the literal at the path of any one of its required
 * equalities.
 *
 * Each filter is filed under one of them, its *slot*: the (path, literal)
 * pair that the fewest filters of the set require, so that thousands of
 * filters sharing `entity.entity_type` and `entity.operation` values but
 * each with its own `entity.new.status_id` land in buckets of one. Filters
 * with no required equality are always candidates. Slots are chosen from
 * the pair counts at insertion, and re-chosen for every filter once a
 * quarter of the set has changed since the last full rebuild, so bulk
 * loading costs O(1) per filter, amortised, however many distinct paths
 * the filters use.
 */
import type { FilterAst } from "../syntax/ast";

/** A required equality: the path (split as in the filter) must hold `value`. */
export interface Requirement {
  readonly segments: readonly string[];
  /** A key that identifies the path (segments may hold any text). */
  readonly pathKey: string;
  readonly value: string;
}

/** What the index needs to know about a filter. */
export interface Indexed {
  readonly requirements: readonly Requirement[];
  /**
   * Where the index filed the filter: under one of its requirements, in the
   * always-tested set (`null`), or nowhere yet (`undefined`). Managed by the index.
   */
  slot: Requirement | null | undefined;
}

/** The buckets of one path: literal → the filters filed under (path, literal). */
export interface PathBuckets {
  readonly segments: readonly string[];
  readonly buckets: Map<string, Set<Indexed>>;
  /** Where the path stands in the index's path list. Managed by the index. */
  position: number;
}

/**
 * The required equalities of a filter (deduplicated, in source order). An
 * `and` nested directly in the top-level `and` (possible in a hand-built
 * tree) is followed too, since its operands are just as required.
 */
export function requiredEqualities(ast: FilterAst): Requirement[] {
  const out: Requirement[] = [];
  const seen = new Set<string>();
  const visit = (node: FilterAst): void => {
    if (node.kind === "and") {
      for (const operand of node.operands) visit(operand);
      return;
    }
    if (node.kind !== "condition" || node.operator !== "=" || node.value.kind !== "literal") return;
    const value = node.value.text;
    if (value === "" || value.endsWith("*")) return;
    const segments = node.field.segments;
    const pathKey = JSON.stringify(segments);
    const key = `${pathKey}=${value}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ segments, pathKey, value });
  };
  visit(ast);
  return out;
}

/** The index proper: slots, per-pair counts, and the always-tested filters. */
export class CandidateIndex {
  /** pathKey → its buckets; paths without buckets are dropped. */
  readonly #paths = new Map<string, PathBuckets>();
  /**
   * The values of `#paths`, as an array for the matching loop, in no
   * particular order: a path is appended when it gets its first bucket and
   * swapped with the last when it loses its last, so both cost O(1).
   */
  readonly #pathList: PathBuckets[] = [];
  /** Filters without a required equality, tested for every event. */
  readonly unindexed = new Set<Indexed>();
  /** pathKey → literal → how many filters of the set require that pair. */
  readonly #counts = new Map<string, Map<string, number>>();
  #size = 0;
  #changes = 0;

  /** Files `item` and counts its requirements. */
  insert(item: Indexed): void {
    for (const r of item.requirements) {
      let byValue = this.#counts.get(r.pathKey);
      if (byValue === undefined) {
        byValue = new Map();
        this.#counts.set(r.pathKey, byValue);
      }
      byValue.set(r.value, (byValue.get(r.value) ?? 0) + 1);
    }
    this.#size++;
    this.#changes++;
    this.#file(item);
  }

  /** Unfiles `item` and uncounts its requirements. */
  delete(item: Indexed): void {
    for (const r of item.requirements) {
      const byValue = this.#counts.get(r.pathKey);
      const count = byValue?.get(r.value) ?? 0;
      if (count <= 1) {
        byValue?.delete(r.value);
        if (byValue?.size === 0) this.#counts.delete(r.pathKey);
      } else byValue?.set(r.value, count - 1);
    }
    this.#size--;
    this.#changes++;
    this.#unfile(item);
  }

  /** The paths filters are filed under, each with its buckets. Do not modify. */
  get paths(): readonly PathBuckets[] {
    return this.#pathList;
  }

  /** Whether the slots are due to be re-chosen: more than a quarter of the set changed since the last rebuild. */
  get stale(): boolean {
    return this.#changes > this.#size >> 2;
  }

  /** Empties the index. */
  clear(): void {
    this.#paths.clear();
    this.#pathList.length = 0;
    this.unindexed.clear();
    this.#counts.clear();
    this.#size = 0;
    this.#changes = 0;
  }

  /** Re-chooses every slot. `items`: every filter of the set, in insertion order. */
  rebuild(items: Iterable<Indexed>): void {
    this.#paths.clear();
    this.#pathList.length = 0;
    this.unindexed.clear();
    for (const item of items) {
      item.slot = undefined;
      this.#file(item);
    }
    this.#changes = 0;
  }

  #file(item: Indexed): void {
    let best: Requirement | undefined;
    let bestCount = Infinity;
    for (const r of item.requirements) {
      const count = this.#counts.get(r.pathKey)?.get(r.value) ?? 0;
      if (count < bestCount) {
        best = r;
        bestCount = count;
      }
    }
    if (best === undefined) {
      this.unindexed.add(item);
      item.slot = null;
      return;
    }
    let path = this.#paths.get(best.pathKey);
    if (path === undefined) {
      path = { segments: best.segments, buckets: new Map(), position: this.#pathList.length };
      this.#paths.set(best.pathKey, path);
      this.#pathList.push(path);
    }
    let bucket = path.buckets.get(best.value);
    if (bucket === undefined) {
      bucket = new Set();
      path.buckets.set(best.value, bucket);
    }
    bucket.add(item);
    item.slot = best;
  }

  #unfile(item: Indexed): void {
    const slot = item.slot;
    item.slot = undefined;
    if (slot === null) {
      this.unindexed.delete(item);
      return;
    }
    if (slot === undefined) return;
    const path = this.#paths.get(slot.pathKey);
    const bucket = path?.buckets.get(slot.value);
    if (path === undefined || bucket === undefined) return;
    bucket.delete(item);
    // Drop an emptied bucket, and its path with its last bucket, so that
    // `match` never reads a path no filter is filed under.
    if (bucket.size > 0) return;
    path.buckets.delete(slot.value);
    if (path.buckets.size === 0) {
      this.#paths.delete(slot.pathKey);
      const list = this.#pathList;
      const last = list.pop();
      if (last !== undefined && last !== path) {
        list[path.position] = last;
        last.position = path.position;
      }
    }
  }
}
