// Loading many filters: a fresh process imports the build, adds 10,000
// trigger filters of distinct shapes (each on a field of its own) to a
// FilterSet and matches one event, as a service that loads its users'
// automations at start pays before its first answer.
import { readFileSync } from "node:fs";
import { maxMedianMs, needsBaseline } from "../lib/targets.mjs";

const COUNT = 10_000;
const ENTITY_TYPES = ["Task", "AssetVersion", "Shot", "Sequence", "AssetBuild", "Milestone", "Episode", "Folder"];
const EVENT_TEXT = JSON.stringify(
  JSON.parse(readFileSync(new URL("../../test/fixtures/events/task-update-status.json", import.meta.url), "utf8")),
);

/**
 * Filter i: an entity type (one of 8) and a change of a field of its own, so
 * that no two filters share a shape; filter 0 watches `status_id`, which the
 * event (a Task status change) changes, so exactly one filter matches.
 */
const script = (build) => `
const start = performance.now();
const lib = await import(${JSON.stringify(build.esmUrl)});
const types = ${JSON.stringify(ENTITY_TYPES)};
const texts = [];
for (let i = 0; i < ${COUNT}; i++) {
  const field = i === 0 ? "status_id" : "custom_" + i;
  texts.push('entity.entity_type = "' + types[i % types.length] + '" and entity.new.' + field + " != entity.old." + field);
}
const event = JSON.parse(${JSON.stringify(EVENT_TEXT)});
const imported = performance.now();
const set = new lib.FilterSet();
for (let i = 0; i < texts.length; i++) set.add("route-" + i, texts[i]);
const added = performance.now();
const matched = set.match(event).length;
const done = performance.now();
if (matched !== 1) throw new Error("expected one match, got " + matched);
console.log(JSON.stringify({ ms: done - imported, add: added - imported, firstMatch: done - added, import: imported - start }));
`;

const OURS = `${COUNT.toLocaleString("en-US")} filters of distinct shapes: FilterSet.add each, then the first match`;
const BASE = `the same, previous build (--baseline-dist)`;
const noFilterSet = (ctx) => (typeof ctx.lib.FilterSet === "function" ? undefined : "the build exports no FilterSet");

export default {
  name: "load",
  order: 65,
  description:
    `Fresh Node processes (the cases alternating): import the build, then add ${COUNT.toLocaleString("en-US")} trigger filters, each on a field ` +
    "of its own (so no two share generated code), to a FilterSet with the default backend, and match one Task event. `ms` counts from after " +
    "the import to the first answer; `add` and `firstMatch` are its parts.",
  kind: "process",
  cases: [
    { name: OURS, skip: noFilterSet, script: (ctx) => script(ctx.dist) },
    { name: BASE, skip: needsBaseline, script: (ctx) => script(ctx.baseline.dist) },
  ],
  targets: [
    {
      description: `${COUNT.toLocaleString("en-US")} filters of distinct shapes added and first-matched in under 0.25 s`,
      check: maxMedianMs(OURS, 250),
    },
  ],
};
