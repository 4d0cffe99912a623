// Match time: the AssetVersion status-change filter against realistic events,
// compiled by each backend, against a careful hand-written function.

import { loadEvents } from "../data/events.mjs";
import { STATUS_CHANGE_FILTER } from "../data/public-filters.mjs";
import { maxRatio, maxRatioTo } from "../lib/targets.mjs";

const EVENTS = loadEvents();
/** Copies of the real payload, each parsed from JSON text anew, as webhook bodies arrive. */
const PAYLOAD_COPIES = 8;
const payloadText = JSON.stringify(EVENTS[0].event);
const payloadCopies = () => Array.from({ length: PAYLOAD_COPIES }, () => JSON.parse(payloadText));

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

/**
 * The status-change filter as most people write it by hand: plain property
 * reads and `===`, no checks of kinds or own properties (it throws where a
 * level is missing, and it reads inherited properties). The floor that the
 * generated code is held to.
 */
export function naive(event) {
  const entity = event.entity;
  return entity.entity_type === "AssetVersion" && entity.operation === "update" && entity.new.status_id !== entity.old.status_id;
}

const noneMatch = ({ outputs }) => (outputs.some(Boolean) ? "a copy of the Task payload matched" : undefined);

function agreesWithExpected({ outputs }) {
  for (const [i, { label }] of EVENTS.entries()) {
    if (!(label in EXPECTED)) return `no expected answer for "${label}"`;
    if (outputs[i] !== EXPECTED[label]) return `"${label}": returned ${outputs[i]}, expected ${EXPECTED[label]}`;
  }
  return undefined;
}

const CODEGEN = "compile (codegen)";
const CLOSURE = "compile (closure)";
const NAIVE = "naive hand-written function";
const NAIVE_COPIES = `naive hand-written function, ${PAYLOAD_COPIES} JSON-parsed copies of the real payload`;
const CODEGEN_COPIES = `compile (codegen), ${PAYLOAD_COPIES} JSON-parsed copies of the real payload`;

export default {
  name: "match",
  order: 30,
  description:
    `\`${STATUS_CHANGE_FILTER}\` against ${EVENTS.length} events, cycled: ftrack's real Task update payload and ` +
    `${EVENTS.filter((e) => e.synthetic).length} synthetic AssetVersion events (2 match). Baselines: a careful hand-written function doing the same checks, and the naive one most people write.`,
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
    { name: NAIVE, setup: () => naive, check: agreesWithExpected },
    { name: NAIVE_COPIES, inputs: payloadCopies, setup: () => naive, check: noneMatch },
    {
      name: CODEGEN_COPIES,
      inputs: payloadCopies,
      setup: ({ lib }) => lib.compile(STATUS_CHANGE_FILTER, { backend: "codegen" }),
      check: noneMatch,
    },
  ],
  targets: [
    { description: "codegen at most 1.5x the naive function (the moonshot: 1.25x)", check: maxRatioTo(CODEGEN, NAIVE, 1.5) },
    {
      description: "codegen at most 1.5x the naive function on JSON-parsed copies of the real payload",
      check: maxRatioTo(CODEGEN_COPIES, NAIVE_COPIES, 1.5),
    },
    { description: "codegen at most 2x the hand-written function", check: maxRatio(CODEGEN, 2) },
    { description: "closures at most 12x the hand-written function", check: maxRatio(CLOSURE, 12) },
  ],
};
