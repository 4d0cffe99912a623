/**
 * The example events of the page's menu, and the state a first visit
 * starts from: ftrack's one published webhook payload (a Task whose status
 * changed) under its status-change trigger filter.
 */

import assetVersionApproved from "../../examples/events/synthetic-assetversion-approved.json";
import assetVersionComment from "../../examples/events/synthetic-assetversion-comment.json";
import taskCreate from "../../examples/events/synthetic-task-create.json";
import taskUpdate from "../../examples/events/task-update-status.json";
import type { Dialect } from "../../src/index";
import actionLaunch from "../examples/synthetic-event-hub-action-launch.json";
import hubUpdate from "../examples/synthetic-event-hub-update.json";
import type { PlaygroundState } from "./state";

export interface ExampleEvent {
  readonly id: string;
  readonly label: string;
  readonly dialect: Dialect;
  /** A filter that fits the event, offered when the example is picked. */
  readonly filter: string;
  readonly event: unknown;
}

export const EXAMPLE_EVENTS: readonly ExampleEvent[] = [
  {
    id: "task-update",
    label: "Task status changed (ftrack's published payload)",
    dialect: "trigger",
    filter: 'entity.entity_type = "Task" and entity.operation = "update" and entity.new.status_id != entity.old.status_id',
    event: taskUpdate,
  },
  {
    id: "assetversion-approved",
    label: "AssetVersion status changed to Approved (synthetic)",
    dialect: "trigger",
    filter:
      'entity.entity_type = "AssetVersion" and entity.operation = "update" and entity.new.status_id != entity.old.status_id' +
      ' and entity.new.status_id = "44de097a-4164-11df-9218-0019bb4983d8"',
    event: assetVersionApproved,
  },
  {
    id: "assetversion-comment",
    label: "AssetVersion comment changed, same status (synthetic)",
    dialect: "trigger",
    filter: 'entity.entity_type = "AssetVersion" and entity.operation = "update" and entity.new.status_id != entity.old.status_id',
    event: assetVersionComment,
  },
  {
    id: "task-create",
    label: "Task created (synthetic)",
    dialect: "trigger",
    filter: 'entity.entity_type = "Task" and entity.operation = "create"',
    event: taskCreate,
  },
  {
    id: "hub-update",
    label: "Event hub: ftrack.update (synthetic)",
    dialect: "event-hub",
    filter: "topic=ftrack.update and source.user.username=jane.doe",
    event: hubUpdate,
  },
  {
    id: "hub-action-launch",
    label: "Event hub: ftrack.action.launch (synthetic)",
    dialect: "event-hub",
    filter: 'topic="ftrack.action.launch" and data.actionIdentifier=publish-dailies',
    event: actionLaunch,
  },
];

/** The example's event as the editor shows it. */
export function eventText(example: ExampleEvent): string {
  return JSON.stringify(example.event, null, 2);
}

const first = EXAMPLE_EVENTS[0] as ExampleEvent;

/** What a visit without a fragment starts from. */
export const DEFAULT_STATE: PlaygroundState = { filter: first.filter, dialect: first.dialect, event: eventText(first) };
