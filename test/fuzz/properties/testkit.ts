/**
 * Fuzz targets of the test kit (`ftrack-filter/testing`): the event
 * builders make events that validate, or throw a TypeError; the assertions
 * throw only `FilterAssertionError`, exactly when the outcome differs from
 * the expectation or the lint gate stops the filter, on any event, odd
 * objects included.
 */
import fc from "fast-check";
import { parseEntityEvent } from "../../../src/matcher/event";
import type { Dialect } from "../../../src/syntax/ast";
import { checkFilter, expectMatch, expectNoMatch, FilterAssertionError } from "../../../src/testing/assertions";
import { entityEvent, type PropertyOverrides } from "../../../src/testing/entity-events";
import { eventHubEvent } from "../../../src/testing/event-hub";
import { seededIds } from "../../../src/testing/ids";
import type { LintGate } from "../../../src/testing/lint-check";
import { isEntityEvent } from "../arbitraries/bodies";
import { buildOddEvent, jsonEvent, oddRecipe } from "../arbitraries/events";
import { grammarFilter } from "../arbitraries/filters";
import { attempt, check, describeThrown, isJsonSerialisable, safeJson } from "../support/check";
import { defineTarget, type FuzzTarget } from "../support/target";

const overrides = fc.dictionary(
  fc.oneof(fc.constantFrom("id", "status_id", "name", "bid", "__proto__", "constructor", "toString"), fc.string({ maxLength: 6 })),
  fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined), fc.constantFrom(Number.NaN, Infinity)),
  { maxKeys: 4 },
);

/** An assertion's outcome: passed, or the class of what it threw. */
function assertion(fn: () => unknown): "passed" | "failed" {
  const outcome = attempt(fn);
  if (outcome.ok) return "passed";
  check(
    outcome.error instanceof FilterAssertionError,
    `an assertion threw something other than FilterAssertionError: ${describeThrown(outcome.error)}`,
  );
  check(typeof outcome.error.message === "string" && outcome.error.message.length > 0, "an assertion error without a message");
  return "failed";
}

export const testkitTargets: readonly FuzzTarget[] = [
  defineTarget({
    name: "testkit-builders",
    description: "entityEvent and eventHubEvent with any overrides return valid, JSON-serialisable events or throw a TypeError",
    testRuns: 150,
    weight: 1,
    property: () =>
      fc.property(
        fc.record({
          entityType: fc.constantFrom("Task", "AssetVersion", "Shot", "task", "NoSuchType", "__proto__", "constructor", ""),
          operation: fc.constantFrom("update", "create", "delete", ""),
          new: overrides,
          old: overrides,
          oldOnCreate: fc.constantFrom("nulls" as const, "empty" as const),
          schema: fc.constantFrom(undefined, null),
          seed: fc.nat(),
        }),
        fc.string({ maxLength: 10 }),
        (init, topic) => {
          const built = attempt(() =>
            entityEvent({
              entityType: init.entityType,
              operation: init.operation,
              // fast-check's JSON type, plus NaN and Infinity, which the builder must refuse.
              new: init.new as PropertyOverrides,
              old: init.old as PropertyOverrides,
              oldOnCreate: init.oldOnCreate,
              ids: seededIds(init.seed),
              date: "2024-06-04T10:31:39.554607+00:00",
              ...(init.schema === null ? { schema: null } : {}),
            }),
          );
          if (!built.ok) {
            check(built.error instanceof TypeError, `entityEvent threw something other than a TypeError: ${describeThrown(built.error)}`);
          } else {
            const text = JSON.stringify(built.value);
            check(
              isJsonSerialisable(built.value) && isEntityEvent(JSON.parse(text)),
              "entityEvent built an event of the wrong shape",
              built.value,
            );
            const parsed = attempt(() => parseEntityEvent(text));
            check(parsed.ok, `parseEntityEvent refuses a built event: ${parsed.ok ? "" : describeThrown(parsed.error)}`);
          }
          const hub = attempt(() => eventHubEvent({ topic, data: init.new as Record<string, never>, ids: seededIds(init.seed) }));
          if (!hub.ok)
            check(hub.error instanceof TypeError, `eventHubEvent threw something other than a TypeError: ${describeThrown(hub.error)}`);
          else check(isJsonSerialisable(hub.value) && hub.value.topic === topic, "eventHubEvent built an unusable event", hub.value);
        },
      ),
  }),
  defineTarget({
    name: "testkit-assertions",
    description:
      "checkFilter never throws; expectMatch and expectNoMatch throw only FilterAssertionError, exactly when they should, on any event",
    testRuns: 150,
    weight: 1,
    property: () =>
      fc.property(
        grammarFilter,
        fc.constantFrom<Dialect>("trigger", "event-hub"),
        fc.boolean(),
        fc.oneof(
          jsonEvent.map((event) => ({ event })),
          oddRecipe.map((recipe) => ({ recipe })),
        ),
        fc.constantFrom<LintGate>("warnings", "errors", "off"),
        (source, dialect, strict, input, lint) => {
          const event = "recipe" in input ? buildOddEvent(input.recipe) : input.event;
          const options = { dialect, strict, lint };
          const checked = attempt(() => checkFilter(source, event, options));
          check(checked.ok, `checkFilter threw ${checked.ok ? "" : describeThrown(checked.error)}`);
          const { matched, strictFailure } = checked.value;
          // A filter with lint findings the gate stops fails both assertions, whatever the outcome.
          const stopped = checked.value.lintFailures.length > 0;
          check(!stopped || lint !== "off", "lint: off stopped an assertion");
          check(
            typeof checked.value.message(true) === "string" && typeof checked.value.message(false) === "string",
            "checkFilter's messages are not text",
          );
          const positive = assertion(() => expectMatch(source, event, options));
          const negative = assertion(() => expectNoMatch(source, event, options));
          const context = { source, dialect, strict, lint, matched, strictFailure, stopped, event: safeJson(event) };
          check(
            positive === (matched && !strictFailure && !stopped ? "passed" : "failed"),
            "expectMatch disagrees with checkFilter",
            context,
          );
          check(
            negative === (!matched && !strictFailure && !stopped ? "passed" : "failed"),
            "expectNoMatch disagrees with checkFilter",
            context,
          );
        },
      ),
  }),
];
