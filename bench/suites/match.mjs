// Match time: the AssetVersion status-change filter against realistic events,
// compiled by each backend, against a careful hand-written function.
import { STATUS_CHANGE_FILTER } from "../data/public-filters.mjs";
import { loadEvents } from "../data/events.mjs";
import { maxRatio } from "../lib/targets.mjs";

const EVENTS = loadEvents();

/** What the filter must answer for each event, by label. */
const EXPECTED = {
  "Task update: status changed (real payload)": false,
  "AssetVersion update: status Pending Review -> Approved": true,
  "AssetVersion update: status Approved -> Pending Review": true,
  "AssetVersion update: comment changed, status unchanged": false,
  "AssetVersion create (old values null)": false,
};

const isRecord = (value) => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The status-change filter as a careful developer writes it by hand: own
 * properties only, objects checked before each step, strings compared as
 * strings, and anything missing means no match.
 */
function handWritten(event) {
  if (!isRecord(event) || !Object.hasOwn(event, "entity")) return false;
  const entity = event.entity;
  if (!isRecord(entity)) return false;
  if (!Object.hasOwn(entity, "entity_type") || !Object.hasOwn(entity, "operation")) return false;
  const type = entity.entity_type;
  const operation = entity.operation;
  if (typeof type !== "string" || type !== "AssetVersion") return false;
  if (typeof operation !== "string" || operation !== "update") return false;
  if (!Object.hasOwn(entity, "new") || !Object.hasOwn(entity, "old")) return false;
  const next = entity.new;
  const previous = entity.old;
  if (!isRecord(next) || !isRecord(previous)) return false;
  if (!Object.hasOwn(next, "status_id") || !Object.hasOwn(previous, "status_id")) return false;
  const a = next.status_id;
  const b = previous.status_id;
  return typeof a === "string" && typeof b === "string" && a !== b;
}

function agreesWithExpected({ outputs }) {
  for (const [i, { label }] of EVENTS.entries()) {
    if (!(label in EXPECTED)) return `no expected answer for "${label}"`;
    if (outputs[i] !== EXPECTED[label]) return `"${label}": returned ${outputs[i]}, expected ${EXPECTED[label]}`;
  }
  return undefined;
}

const CODEGEN = "compile (codegen)";
const CLOSURE = "compile (closure)";

export default {
  name: "match",
  order: 30,
  description:
    `\`${STATUS_CHANGE_FILTER}\` against ${EVENTS.length} events, cycled: ftrack's real Task update payload and ` +
    `${EVENTS.filter((e) => e.synthetic).length} synthetic AssetVersion events (2 match). Baseline: a hand-written function doing the same checks.`,
  kind: "ops",
  skip: ({ lib }) => (typeof lib.compile === "function" ? undefined : "compile is not exported yet"),
  inputs: EVENTS.map((e) => e.event),
  cases: [
    { name: "hand-written function", baseline: true, setup: () => handWritten, check: agreesWithExpected },
    {
      name: CODEGEN,
      setup: ({ lib }) => lib.compile(STATUS_CHANGE_FILTER, { backend: "codegen" }),
      check: agreesWithExpected,
    },
    {
      name: CLOSURE,
      setup: ({ lib }) => lib.compile(STATUS_CHANGE_FILTER, { backend: "closure" }),
      check: agreesWithExpected,
    },
  ],
  targets: [
    { description: "codegen at most 2x the hand-written function", check: maxRatio(CODEGEN, 2) },
    { description: "closures at most 12x the hand-written function", check: maxRatio(CLOSURE, 12) },
  ],
};
