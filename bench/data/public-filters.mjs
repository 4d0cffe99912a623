// The filters ftrack has published, copied here so the benchmarks never read
// anything outside the project. Sources: the trigger filters from
// ftrackhq/cloud-run-webhook-handler's README and ftrack's webhook
// documentation; the event-hub expressions from ftrack's event-hub
// documentation and examples. Placeholders that the caller fills in
// (`{status_id}`, `<topic>`, `<username>`, `<uuid>`) are filled in with
// plausible values: the status id is ftrack's default "Approved" status.

/** ftrack's default workflow status "Approved". */
export const APPROVED_STATUS_ID = "44de097a-4164-11df-9218-0019bb4983d8";

/** The four public webhook trigger filters (dialect `trigger`). */
export const TRIGGER_FILTERS = [
  "entity.entity_type = AssetVersion",
  'entity.entity_type = "AssetVersion" and entity.operation = "update" and entity.new.status_id != entity.old.status_id',
  'entity.entity_type = "Task" and entity.operation = "create"',
  `entity.entity_type = "AssetVersion" and entity.operation = "update" and entity.new.status_id != entity.old.status_id and entity.new.status_id = "${APPROVED_STATUS_ID}"`,
];

/** The AssetVersion status-change filter (the second public trigger filter). */
export const STATUS_CHANGE_FILTER = TRIGGER_FILTERS[1];

/** The four-condition filter: a status change to one given status (the fourth public trigger filter). */
export const STATUS_CHANGE_TO_FILTER = TRIGGER_FILTERS[3];

/** The public event-hub subscription and target expressions (dialect `event-hub`). */
export const EVENT_HUB_EXPRESSIONS = [
  "topic=ftrack.update",
  "topic=ftrack.*",
  "topic=ftrack.location.component-added and data.locationId=london",
  "topic=foo and data.eventType=Shot",
  "topic=ftrack.connect.application.discover and data.application.identifier=maya* and data.application.version >= 2021",
  'topic="ftrack.action.launch" and source.user.username="jane.doe"',
  'applicationId=ftrack.client.web and user.id="bcdf57b0-acc6-11e1-a554-f23c91df1211"',
];
