/**
 * `ftrack-filter/testing`: what a test of ftrack automations needs, with no
 * test framework: builders of realistic synthetic events (entity events for
 * trigger filters, event-hub events for subscriptions) and assertions whose
 * failures show the explanation tree. `ftrack-filter/vitest` adds
 * `expect(event).toMatchFilter(filter)` on top.
 */

export type { FilterCheck, FilterCheckOptions, FilterInput } from "./assertions";
export { checkFilter, expectMatch, expectNoMatch, FilterAssertionError } from "./assertions";
export type {
  EntityEventInit,
  EntityEventOptions,
  EntityProperties,
  KnownStatusName,
  PropertyOverrides,
  SyntheticEntityEvent,
} from "./entity-events";
export {
  created,
  entityEvent,
  STATUS_IDS,
  statusChanged,
  updated,
} from "./entity-events";
export type { EventHubEventInit, EventHubSource, SyntheticEventHubEvent } from "./event-hub";
export { eventHubEvent } from "./event-hub";
export type { IdSource } from "./ids";
export { randomIds, seededIds } from "./ids";
export type { LintGate } from "./lint-check";
export type { FilterMatcherResult, FilterMatchers } from "./matchers";
export { filterMatchers } from "./matchers";
export type { IdNames } from "./names";
