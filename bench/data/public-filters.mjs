// The filters ftrack has published, as the tests use them
// (test/fixtures/public-filters.json, which names their sources), and the
// ones the suites single out.
import { readFileSync } from "node:fs";

/** ftrack's default workflow status "Approved". */
export const APPROVED_STATUS_ID = "44de097a-4164-11df-9218-0019bb4983d8";

const PUBLISHED = JSON.parse(readFileSync(new URL("../../test/fixtures/public-filters.json", import.meta.url), "utf8"));

/** The four public webhook trigger filters (dialect `trigger`). */
export const TRIGGER_FILTERS = PUBLISHED.trigger;

/** The AssetVersion status-change filter (the second public trigger filter). */
export const STATUS_CHANGE_FILTER = TRIGGER_FILTERS[1];

/** The four-condition filter: a status change to one given status (the fourth public trigger filter). */
export const STATUS_CHANGE_TO_FILTER = TRIGGER_FILTERS[3];

/** The public event-hub subscription and target expressions (dialect `event-hub`). */
export const EVENT_HUB_EXPRESSIONS = PUBLISHED.eventHub;
