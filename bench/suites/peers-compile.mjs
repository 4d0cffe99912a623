// Side by side, the compile step: filter text (or a query object) to
// something that evaluates events, for this library and each peer that has
// such a step, with a different status id in every call so that no cache
// (the library's, the peer's, or V8's for `new Function` source it has seen)
// can serve a call from an earlier one.

import { loadShapedEvents } from "../data/peers-events.mjs";
import { FTRACK_FORM } from "../data/peers-forms.mjs";
import { APPROVED_STATUS_ID } from "../data/public-filters.mjs";
import { fasterThanEach, PEER_VERSIONS, PEERS } from "./peers.mjs";

const EVENTS = loadShapedEvents();

/**
 * A source of status ids: ftrack's "Approved" first (so that the first call,
 * whose result the checks evaluate, builds a filter the events can match),
 * then ids shaped like ftrack's that no call has used.
 */
function statusIds() {
  const prefix = APPROVED_STATUS_ID.slice(0, -12);
  let counter = 0;
  return () => (counter++ === 0 ? APPROVED_STATUS_ID : prefix + counter.toString(16).padStart(12, "0"));
}

/** What the four-condition filter answers on each event, by this library's default compile. */
let expected;
function expectedAnswers(lib) {
  expected ??= EVENTS.map(({ event }) => lib.compile(FTRACK_FORM(APPROVED_STATUS_ID))(event));
  return expected;
}

/**
 * A check: what the first call built (the filter for the "Approved" id),
 * turned into a predicate by `toPredicate`, answers every event as this
 * library does, and matches some event.
 */
const answersAsExpected =
  (toPredicate) =>
  ({ outputs, ctx }) => {
    const predicate = toPredicate(outputs[0]);
    const want = expectedAnswers(ctx.lib);
    if (!want.some(Boolean)) return "the reference filter matches no event";
    for (const [i, { label, event }] of EVENTS.entries()) {
      const got = predicate(event);
      if (got !== want[i]) return `"${label}": returned ${String(got)}, expected ${want[i]}`;
    }
    return undefined;
  };

/** A case compiling the ftrack text with `compile` (or `parse` when `backend` is undefined). */
function ours(name, backend, baseline = false) {
  return {
    name,
    baseline,
    inputs: [FTRACK_FORM],
    setup: ({ lib }) => {
      const next = statusIds();
      return backend ? (form) => lib.compile(form(next()), { backend }) : (form) => lib.parse(form(next()));
    },
    ...(backend && {
      check: (args) =>
        args.outputs.every((f) => f.backend === backend) ? answersAsExpected((f) => f)(args) : `expected ${backend} predicates`,
    }),
  };
}

function peerCase(peer) {
  if (!peer.compile) {
    return { name: peer.step, skip: () => "none: no compile step (apply walks the rule object on every call)", setup: () => undefined };
  }
  return {
    name: peer.step,
    inputs: [peer.form],
    setup: () => {
      const next = statusIds();
      return (form) => peer.compile(form(next()));
    },
    check: answersAsExpected(peer.predicate),
  };
}

/** cel-js type-checks a parsed program on its first evaluation and keeps the result on the AST: that step too. */
const CEL = PEERS.find((p) => p.package === "@marcbachmann/cel-js");
const celChecked = {
  name: "CEL: cel-js parse + check()",
  inputs: [CEL.form],
  setup: () => {
    const next = statusIds();
    return (form) => {
      const program = CEL.compile(form(next()));
      if (program.check().valid !== true) throw new Error("cel-js: the filter does not type-check");
      return program;
    };
  },
  check: answersAsExpected(CEL.predicate),
};

const CODEGEN = "ftrack-filter compile (codegen): parse + generate";
const CLOSURE = "ftrack-filter compile (closure): parse + build closures";
const PEER_CASES = [...PEERS.map(peerCase), celChecked];
const COMPILING_PEERS = PEER_CASES.filter((c) => !c.skip).map((c) => c.name);

export default {
  name: "peers-compile",
  order: 33,
  description:
    "The compile step of each library for the four-condition AssetVersion filter (the status-change filter and `entity.new.status_id = <id>`), " +
    "a new status id every call; the peers' forms as in the peers suite. Query-object peers are handed a fresh object (no JSON parsing). " +
    `Baseline: this library's default backend (codegen). Peers: ${PEER_VERSIONS}.`,
  kind: "ops",
  skip: ({ lib }) => (typeof lib.compile === "function" ? undefined : "compile is not exported yet"),
  cases: [
    ours(CODEGEN, "codegen", true),
    ours(CLOSURE, "closure"),
    ours("ftrack-filter parse only (for reference)", undefined),
    ...PEER_CASES,
  ],
  targets: [
    { description: "parse + compile (codegen) faster than every peer's compile step", check: fasterThanEach(CODEGEN, COMPILING_PEERS) },
    { description: "parse + compile (closure) faster than every peer's compile step", check: fasterThanEach(CLOSURE, COMPILING_PEERS) },
  ],
  notes: [
    'JsonLogic has no compile step: `jsonLogic.apply(rule, data)` interprets the rule object on every call, so its row reads "none". ' +
      "sift's `$where` string is compiled with `new Function` on every `sift(query)`, but its text does not change with the status id, " +
      "so V8 serves it from its compilation cache after the first call. No peer caches compiled filters by text.",
  ],
};
