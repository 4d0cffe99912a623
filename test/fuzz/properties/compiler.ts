/**
 * Fuzz targets of evaluation: compiled filters (both backends, strict and
 * not), `explain`, `matches` and `subscriptionMatches` on JSON events,
 * arbitrary values, odd objects and under a polluted `Object.prototype`.
 */
import fc from "fast-check";
import { compile } from "../../../src/compiler/compile";
import { explain } from "../../../src/compiler/explain";
import { FilterSet } from "../../../src/matcher/filter-set";
import type { Dialect } from "../../../src/syntax/ast";
import { anyEvent, buildOddEvent, jsonEvent, type OddRecipe, oddRecipe, type Placement } from "../arbitraries/events";
import { grammarFilter } from "../arbitraries/filters";
import { pollution, withPollution } from "../arbitraries/pollution";
import { check, safeJson } from "../support/check";
import { defineTarget, type FuzzTarget } from "../support/target";
import { checkEvaluation, compileAll } from "./evaluation-checks";

const dialect = fc.constantFrom<Dialect>("trigger", "event-hub");

/** Two equal structures 10,000 levels deep (or cyclic, or huge) on both sides of a field-against-field condition. */
function pair(kind: Placement["kind"], n: number): OddRecipe {
  const at = (path: string[]): Placement => ({ path, kind, key: "a", n, inner: "a" });
  return { base: { entity: { entity_type: "Task" } }, placements: [at(["entity", "new", "obj"]), at(["entity", "old", "obj"])] };
}

const PAIR_FILTERS = [
  "entity.new.obj = entity.old.obj",
  "entity.new.obj != entity.old.obj",
  "entity.new.obj < entity.old.obj",
  "entity.new.obj.a.a = a*",
  "entity.new.obj = a*",
];
const pathOf = (n: number): string => Array.from({ length: n }, () => "a").join(".");
/** A path 10,000 segments long, read from {@link DEEP_EVENT}, nested as deep. */
const DEEP_PATH_FILTER = `entity.x = a or ${pathOf(10_000)} = a*`;
/** Shorter long paths for the random cases (compiling 10,000 steps takes a few hundred milliseconds). */
const LONG_PATH_FILTERS = [`${pathOf(1000)} = a`, `${pathOf(999)} < b`, `${pathOf(1000)} = entity.new.x`];
/** `{ a: { a: ... "a" } }`, 10,000 levels deep. */
const DEEP_EVENT: OddRecipe = { base: {}, placements: [{ path: [], kind: "deep-object", key: "a", n: 10_000, inner: "a" }] };
const PAIRS: readonly OddRecipe[] = [
  pair("deep-object", 10_000),
  pair("deep-array", 10_000),
  pair("deep-object", 1000),
  pair("cyclic", 0),
  pair("cyclic", 1),
  pair("huge-array", 0),
];

export const compilerTargets: readonly FuzzTarget[] = [
  defineTarget({
    name: "evaluate-json",
    description:
      "both backends (strict and not), explain, matches and subscriptionMatches agree on JSON events and never throw outside strict mode",
    testRuns: 300,
    weight: 3,
    property: () =>
      fc.property(grammarFilter, dialect, jsonEvent, (source, d, event) => {
        checkEvaluation(compileAll(source, d), event, true);
      }),
  }),
  defineTarget({
    name: "evaluate-any-value",
    description:
      "the same on any JavaScript value as the event or inside it (undefined, NaN, -0, bigint, sparse arrays, null prototypes, boxed values)",
    testRuns: 150,
    weight: 2,
    property: () =>
      fc.property(grammarFilter, dialect, anyEvent, (source, d, event) => {
        checkEvaluation(compileAll(source, d), event, true);
      }),
  }),
  defineTarget({
    name: "evaluate-odd-objects",
    description:
      "non-strict evaluation never throws, strict throws only FilterEvaluationError, explain never throws, on getters that throw, proxies, cycles, 10,000-level nesting, huge arrays",
    testRuns: 150,
    weight: 3,
    property: () =>
      fc.property(
        fc.oneof(
          { weight: 20, arbitrary: grammarFilter },
          { weight: 4, arbitrary: fc.constantFrom(...PAIR_FILTERS) },
          { weight: 1, arbitrary: fc.constantFrom(...LONG_PATH_FILTERS) },
        ),
        dialect,
        fc.oneof({ weight: 9, arbitrary: oddRecipe }, { weight: 1, arbitrary: fc.constant(DEEP_EVENT) }),
        (source, d, recipe) => {
          const filters = compileAll(source, d);
          // Built fresh for each use: a revoked proxy or a cycle is not shared between calls.
          checkEvaluation(filters, buildOddEvent(recipe), false);
          const set = new FilterSet({ dialect: d });
          set.add("f", filters.codegen);
          const matched = set.match(buildOddEvent(recipe));
          check(Array.isArray(matched) && matched.length <= 1, "FilterSet.match on an odd event");
        },
      ),
    examples: () => [
      ...PAIR_FILTERS.flatMap((filter) => PAIRS.map((recipe): [string, Dialect, OddRecipe] => [filter, "trigger", recipe])),
      [DEEP_PATH_FILTER, "event-hub", DEEP_EVENT],
    ],
  }),
  defineTarget({
    name: "evaluate-polluted-prototype",
    description:
      "results on JSON events are the same with Object.prototype and Array.prototype polluted (values, objects, throwing getters)",
    testRuns: 150,
    weight: 2,
    property: () =>
      fc.property(grammarFilter, dialect, jsonEvent, pollution, (source, d, event, entries) => {
        const filters = compileAll(source, d);
        const set = new FilterSet({ dialect: d });
        set.add("f", filters.closure);
        const run = (fromText: boolean): unknown[] => {
          const results: unknown[] = [];
          for (const filter of [filters.codegen, filters.closure, filters.codegenStrict, filters.closureStrict]) {
            try {
              results.push(filter(event));
            } catch (error) {
              results.push(error instanceof Error ? `${error.name}: ${error.message}` : "non-error");
            }
          }
          results.push(explain(filters.codegen, event).matched, set.match(event).length);
          if (fromText)
            results.push(explain(source, event, { dialect: d }).matched, compile(source, { dialect: d, backend: "closure" })(event));
          return results;
        };
        // Parsing runs under pollution too, except of array indices: the parser's engine (Chevrotain)
        // reads arrays by index without own-property checks (see SECURITY.md).
        const fromText = !entries.some((entry) => /^\d+$/.test(entry.key));
        const clean = run(fromText);
        const polluted = withPollution(entries, () => run(fromText));
        check(safeJson(clean) === safeJson(polluted), "a polluted prototype changed a result", { source, event, entries, clean, polluted });
      }),
  }),
];
