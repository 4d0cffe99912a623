// The events the match benchmarks evaluate: ftrack's one public webhook
// payload and synthetic AssetVersion events (see README.md in this folder).
import { readFileSync } from "node:fs";

const load = (name) => JSON.parse(readFileSync(new URL(name, import.meta.url), "utf8"));

/** `[{ label, synthetic, event }]`: the real Task payload first, then the synthetic AssetVersion events. */
export function loadEvents() {
  return [
    { label: "Task update: status changed (real payload)", synthetic: false, event: load("./task-update-status.json") },
    ...load("./synthetic-assetversion-events.json"),
  ];
}
