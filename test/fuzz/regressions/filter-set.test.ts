/**
 * The FilterSet index on filters that each use a path of their own, the
 * worst case for its path list: adding and removing keeps the list exact
 * (no path twice, none missing, each at its recorded position) without
 * rebuilding it, and matching stays equal to testing each filter alone.
 */
import { describe, expect, test } from "vitest";
import { compile } from "../../../src/compiler/compile";
import { CandidateIndex, type Indexed, requiredEqualities } from "../../../src/matcher/filter-index";
import { FilterSet } from "../../../src/matcher/filter-set";

const filterOf = (i: number): string => `entity.new.field_${i} = "v${i}"`;

function item(i: number): Indexed {
  return { requirements: requiredEqualities(compile(filterOf(i), { backend: "closure" }).ast), slot: undefined };
}

describe("FilterSet index with a distinct path per filter", () => {
  test("the path list stays exact through adds and removes, and is never copied", () => {
    const index = new CandidateIndex();
    const items = Array.from({ length: 2_000 }, (_, i) => item(i));
    for (const each of items) index.insert(each);
    const list = index.paths;
    // Remove every third, in an order that swaps paths from the end into the middle.
    for (let i = 0; i < items.length; i += 3) index.delete(items[i] as Indexed);
    for (let i = 0; i < 500; i += 3) index.insert(items[i] as Indexed);
    expect(index.paths).toBe(list);
    const expected = new Set<string>();
    for (let i = 0; i < items.length; i++) if (i % 3 !== 0 || i < 500) expected.add(`field_${i}`);
    const seen = index.paths.map((path, position) => {
      expect(path.position).toBe(position);
      return path.segments[2];
    });
    expect(seen).toHaveLength(expected.size);
    expect(new Set(seen)).toEqual(expected);
  });

  test("match after churn finds exactly the filters that match", () => {
    const set = new FilterSet({ backend: "closure" });
    for (let i = 0; i < 3_000; i++) set.add(`f${i}`, filterOf(i));
    for (let i = 0; i < 3_000; i += 2) set.remove(`f${i}`);
    for (let i = 0; i < 1_000; i += 4) set.add(`f${i}`, filterOf(i));
    const ids = (event: unknown): string[] => set.match(event).map((entry) => entry.id);
    expect(ids({ entity: { new: { field_8: "v8", field_9: "v9", field_10: "v10", field_2001: "v2001", field_2002: "v2002" } } })).toEqual([
      "f9",
      "f2001",
      "f8",
    ]);
    expect(set.size).toBe(1_500 + 250);
  });
});
