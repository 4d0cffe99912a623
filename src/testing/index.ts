/**
 * `ftrack-filter/testing`: what a test of ftrack automations needs, with no
 * test framework: builders of realistic synthetic events (entity events for
 * trigger filters, event-hub events for subscriptions) and assertions whose
 * failures show the explanation tree. `ftrack-filter/vitest` adds
 * `expect(event).toMatchFilter(filter)` on top.
 */
export {
  entityEvent,
  statusChanged,
  created,
  updated,
  STATUS_IDS,
} from "./entity-events";
export type {
  EntityEventInit,
  EntityEventOptions,
  EntityProperties,
  KnownStatusName,
  PropertyOverrides,
  SyntheticEntityEvent,
} from "./entity-events";
export { eventHubEvent } from "./event-hub";
export type { EventHubEventInit, EventHubSource, SyntheticEventHubEvent } from "./event-hub";
export { randomIds, seededIds } from "./ids";
export type { IdSource } from "./ids";
export { checkFilter, expectMatch, expectNoMatch, FilterAssertionError } from "./assertions";
export type { FilterCheck, FilterCheckOptions, FilterInput } from "./assertions";
export type { LintGate } from "./lint-check";
export type { IdNames } from "./names";
export { filterMatchers } from "./matchers";
export type { FilterMatcherResult, FilterMatchers } from "./matchers";
