// FilterSet routing: one entity event (ftrack's public Task status-change
// payload, test/fixtures/events/task-update-status.json) against 10, 100,
// 1,000 and 10,000 realistic trigger filters, matched by `FilterSet.match`
// and, as the baseline, by testing each compiled filter in turn.
//
// Filter i requires an entity type (8 kinds), an operation (update or
// create) and a status id of its own; every other filter also requires
// `entity.new.status_id != entity.old.status_id`. Filter 0 is the one the
// event matches, so every case returns one match and the event has only a
// handful of candidates at any size. Every case shares the same compiled
// filters (compiled once, with the default backend).
import { readFileSync } from "node:fs";
import { formatNs } from "../lib/stats.mjs";
import { maxRatio } from "../lib/targets.mjs";

const SIZES = [10, 100, 1_000, 10_000];
const ENTITY_TYPES = ["Task", "AssetVersion", "Shot", "Sequence", "AssetBuild", "Milestone", "Episode", "Folder"];
const OPERATIONS = ["update", "create"];
/** The new status id of the event (ftrack's default workflow). */
const EVENT_STATUS = "44ddd0fe-4164-11df-9218-0019bb4983d8";

const name = (kind, size) => `${kind}, ${size.toLocaleString("en-US")} filters`;

/** A status id of filter i's own, shaped like ftrack's (filter 0 gets the event's). */
function statusId(i) {
  if (i === 0) return EVENT_STATUS;
  return `${(0x10000000 + i).toString(16)}-4164-11df-9218-0019bb4983d8`;
}

function filterText(i) {
  const type = ENTITY_TYPES[i % ENTITY_TYPES.length];
  const operation = OPERATIONS[Math.floor(i / ENTITY_TYPES.length) % OPERATIONS.length];
  const changed = i % 2 === 0 ? " and entity.new.status_id != entity.old.status_id" : "";
  return `entity.entity_type = "${type}" and entity.operation = "${operation}" and entity.new.status_id = "${statusId(i)}"${changed}`;
}

const EVENT = JSON.parse(readFileSync(new URL("../../test/fixtures/events/task-update-status.json", import.meta.url), "utf8"));

let shared;
/** The compiled filters, built once for every case. */
function fixtures(ctx) {
  if (shared) return shared;
  const largest = SIZES[SIZES.length - 1];
  const filters = Array.from({ length: largest }, (_, i) => ctx.lib.compile(filterText(i)));
  shared = { filters, candidates: new Map() };
  return shared;
}

function eachInTurn(size) {
  return {
    name: name("each in turn", size),
    baseline: size === 10_000,
    setup(ctx) {
      const filters = fixtures(ctx).filters.slice(0, size);
      return (event) => {
        let matched = 0;
        for (let i = 0; i < filters.length; i++) if (filters[i](event)) matched++;
        return matched;
      };
    },
  };
}

function filterSet(size) {
  return {
    name: name("FilterSet.match", size),
    skip: (ctx) => (typeof ctx.lib.FilterSet === "function" ? undefined : "the build exports no FilterSet"),
    setup(ctx) {
      const { filters, candidates } = fixtures(ctx);
      const set = new ctx.lib.FilterSet();
      for (let i = 0; i < size; i++) set.add(`route-${i}`, filters[i]);
      candidates.set(size, set.candidates(EVENT).length);
      return (e) => set.match(e).length;
    },
    check({ outputs }) {
      return outputs.every((count) => count === 1) ? undefined : `expected one match, got ${outputs.join(", ")}`;
    },
  };
}

/** At most `limit` times the median of another case. */
function maxGrowth(from, to, limit) {
  return (cases) => {
    const a = cases[from];
    const b = cases[to];
    for (const [label, row] of [
      [from, a],
      [to, b],
    ]) {
      if (!row || row.skipped || row.error) return { pass: null, detail: `${label}: ${row?.skipped ?? row?.error ?? "no such case"}` };
    }
    const growth = b.medianNs / a.medianNs;
    return {
      pass: growth <= limit,
      detail: `${formatNs(b.medianNs)} against ${formatNs(a.medianNs)}: ${growth.toFixed(2)}x, limit ${limit}x`,
    };
  };
}

export default {
  name: "filterset",
  description:
    "One Task status-change event against N trigger filters (entity type x operation x a status id each; half also require a status change): FilterSet.match against testing each compiled filter in turn.",
  kind: "ops",
  order: 60,
  inputs: [EVENT],
  cases: SIZES.flatMap((size) => [eachInTurn(size), filterSet(size)]),
  targets: [
    {
      description: "FilterSet.match at 10,000 filters is at least 20x faster than testing each in turn",
      check: maxRatio(name("FilterSet.match", 10_000), 0.05),
    },
    {
      description: "FilterSet.match at 10,000 filters takes at most 4x its time at 100",
      check: maxGrowth(name("FilterSet.match", 100), name("FilterSet.match", 10_000), 4),
    },
  ],
  notes: () => {
    const counts = shared ? [...shared.candidates].map(([size, n]) => `${size.toLocaleString("en-US")}: ${n}`) : [];
    return counts.length ? [`Candidates tested per event by FilterSet.match (filters in the set: candidates): ${counts.join(", ")}.`] : [];
  },
};
