// Side by side, evaluation: the AssetVersion status-change filter compiled
// by this library's two backends and by each peer library in its own
// language (bench/data/peers-forms.mjs), on the same events, against the
// match suite's hand-written function. Every peer is compiled once, outside
// the timed call. The peers' adapters and the target checks are exported
// for the compile-step suite (peers-compile.mjs).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parse as celParse } from "@marcbachmann/cel-js";
import { compileExpression, useDotAccessOperator } from "filtrex";
import jexl from "jexl";
import jsonLogic from "json-logic-js";
import { Query } from "mingo";
import sift from "sift";
import { loadShapedEvents } from "../data/peers-events.mjs";
import * as forms from "../data/peers-forms.mjs";
import { formatRatio, median } from "../lib/stats.mjs";
import { maxRatio, maxRatioTo } from "../lib/targets.mjs";
import matchSuite, { naive } from "./match.mjs";

const require = createRequire(import.meta.url);

/** The installed version of package `name` (read from its package.json beside its entry point). */
function versionOf(name) {
  const entry = require.resolve(name);
  const marker = `node_modules/${name}/`;
  const dir = entry.slice(0, entry.lastIndexOf(marker) + marker.length);
  return JSON.parse(readFileSync(`${dir}package.json`, "utf8")).version;
}

/**
 * The peers: `name` labels the evaluation case and `step` the compile-step
 * case; `form` builds the filter in the peer's language (a status id adds
 * the fourth condition), `compile` is the peer's compile or prepare step
 * (undefined when it has none), `predicate` turns what `compile`
 * returns (or the form itself) into `(event) => result`.
 */
export const PEERS = [
  {
    name: "filtrex (`of` for nested properties)",
    step: "filtrex compileExpression (`of` form)",
    package: "filtrex",
    form: forms.FILTREX_OF_FORM,
    compile: (text) => compileExpression(text),
    predicate: (filter) => filter,
  },
  {
    name: "filtrex (dotted paths via customProp useDotAccessOperator)",
    step: "filtrex compileExpression (dotted form, customProp)",
    package: "filtrex",
    form: forms.FILTREX_DOTTED_FORM,
    compile: (text) => compileExpression(text, { customProp: useDotAccessOperator }),
    predicate: (filter) => filter,
  },
  {
    name: "jexl (compiled expression, evalSync)",
    step: "jexl.compile",
    package: "jexl",
    form: forms.JEXL_FORM,
    compile: (text) => jexl.compile(text),
    predicate: (expression) => (event) => expression.evalSync(event),
  },
  {
    name: "CEL (cel-js parsed program)",
    step: "CEL: cel-js parse",
    package: "@marcbachmann/cel-js",
    form: forms.CEL_FORM,
    compile: (text) => celParse(text),
    predicate: (program) => program,
  },
  {
    name: "JsonLogic (json-logic-js apply; no compile step)",
    step: "JsonLogic: none",
    package: "json-logic-js",
    form: forms.JSON_LOGIC_FORM,
    compile: undefined,
    predicate: (rule) => (event) => jsonLogic.apply(rule, event),
  },
  {
    name: "sift ($where JS: sift cannot compare two fields)",
    step: "sift(query) ($where for the field comparison)",
    package: "sift",
    form: forms.SIFT_FORM,
    compile: (query) => sift(query),
    predicate: (test) => test,
  },
  {
    name: "mingo Query.test (whole filter in $expr)",
    step: "mingo new Query (whole filter in $expr)",
    package: "mingo",
    form: forms.MINGO_EXPR_FORM,
    compile: (query) => new Query(query),
    predicate: (query) => (event) => query.test(event),
  },
  {
    name: "mingo Query.test (field equalities + $expr $ne)",
    step: "mingo new Query (field equalities + $expr $ne)",
    package: "mingo",
    form: forms.MINGO_FIELDS_FORM,
    compile: (query) => new Query(query),
    predicate: (query) => (event) => query.test(event),
  },
];

/** "filtrex 3.1.0, jexl 2.3.0, …": the peers' installed versions. */
export const PEER_VERSIONS = [...new Set(PEERS.map((p) => p.package))].map((p) => `${p} ${versionOf(p)}`).join(", ");

/** The peer's predicate for the filter `form(statusId)`, compiled once. */
export function peerPredicate(peer, statusId) {
  const form = peer.form(statusId);
  return peer.predicate(peer.compile ? peer.compile(form) : form);
}

const measured = (row) => row !== undefined && !row.skipped && !row.error;

/**
 * A target check: case `name` is faster than each case of `rivals`, judged
 * by the median over rounds of the ratio of the two batches timed in the
 * same round (the pairing cancels a shared machine's drift). Written here
 * because lib/targets.mjs compares a case with the baseline only.
 */
export function fasterThanEach(name, rivals) {
  return (cases) => {
    const row = cases[name];
    if (!measured(row)) return { pass: null, detail: `${name}: ${row?.skipped ?? row?.error ?? "no such case"}` };
    const missing = rivals.filter((r) => !measured(cases[r]));
    const ratios = rivals
      .filter((r) => measured(cases[r]))
      .map((r) => ({ name: r, ratio: median(row.samplesNs.map((s, i) => s / cases[r].samplesNs[i])) }))
      .sort((a, b) => b.ratio - a.ratio);
    const slower = ratios.filter((r) => r.ratio >= 1);
    const closest = ratios[0];
    const parts = [];
    if (slower.length) parts.push(`slower than ${slower.map((r) => `${r.name} (${formatRatio(r.ratio)} its time)`).join(", ")}`);
    else if (closest) parts.push(`${formatRatio(closest.ratio)} the time of the fastest peer, ${closest.name}`);
    if (missing.length) parts.push(`not measured: ${missing.join(", ")}`);
    const pass = slower.length > 0 ? false : missing.length > 0 || !closest ? null : true;
    return { pass, detail: parts.join("; ") };
  };
}

const EVENTS = loadShapedEvents();
const reference = matchSuite.cases.find((c) => c.baseline);

/** The hand-written function answers the match suite's expectations, and each reordered copy as its original. */
function baselineIsRight({ outputs }) {
  const originals = outputs.filter((_, i) => EVENTS[i].original === undefined);
  const problem = reference.check?.({ outputs: originals });
  if (problem) return problem;
  for (const [i, item] of EVENTS.entries()) {
    if (item.original === undefined) continue;
    const j = EVENTS.findIndex((e) => e.label === item.original);
    if (outputs[i] !== outputs[j]) return `"${item.label}": ${outputs[i]}, its original ${outputs[j]}`;
  }
  return undefined;
}

/** The case returns exactly what the hand-written function returns, event by event. */
function agreesWithBaseline({ outputs, baseline }) {
  if (!baseline) return "the hand-written function was not measured";
  for (const [i, { label }] of EVENTS.entries()) {
    if (outputs[i] !== baseline[i]) return `"${label}": returned ${String(outputs[i])}, the hand-written function ${baseline[i]}`;
  }
  return undefined;
}

const CODEGEN = "ftrack-filter compile (codegen)";
const NAIVE = "naive hand-written function";
const CLOSURE = "ftrack-filter compile (closure)";

export default {
  name: "peers",
  order: 32,
  description:
    `The AssetVersion status-change filter in each library's own language against ${EVENTS.length} events, cycled: the match suite's ` +
    `events (ftrack's real Task payload, synthetic AssetVersion events) and a copy of each with its keys in reverse order ` +
    `(${EVENTS.filter((e) => reference.setup()(e.event)).length} of them match). Every filter is compiled once, outside the timed call. ` +
    `Baselines: the match suite's careful hand-written function, and its naive one. Peers: ${PEER_VERSIONS}.`,
  kind: "ops",
  skip: ({ lib }) => (typeof lib.compile === "function" ? undefined : "compile is not exported yet"),
  inputs: EVENTS.map((e) => e.event),
  cases: [
    { name: "hand-written function", baseline: true, setup: () => reference.setup(), check: baselineIsRight },
    { name: NAIVE, setup: () => naive, check: agreesWithBaseline },
    {
      name: CODEGEN,
      setup: ({ lib }) => lib.compile(forms.FTRACK_FORM(), { backend: "codegen" }),
      check: agreesWithBaseline,
    },
    {
      name: CLOSURE,
      setup: ({ lib }) => lib.compile(forms.FTRACK_FORM(), { backend: "closure" }),
      check: agreesWithBaseline,
    },
    ...PEERS.map((peer) => ({ name: peer.name, setup: () => peerPredicate(peer), check: agreesWithBaseline })),
  ],
  targets: [
    { description: "codegen at most 1.5x the hand-written function", check: maxRatio(CODEGEN, 1.5) },
    {
      // The issue's target is the match suite's. Here entity.new and entity.old come in four shapes each, and
      // with several shapes V8 no longer answers the generated code's prototype test (is this a plain object?)
      // from the shape: the test becomes a call per object, about 7 ns each (measured by removing it).
      description: "beyond the issue's target: codegen at most 1.5x the naive hand-written function on these events too",
      check: maxRatioTo(CODEGEN, NAIVE, 1.5),
    },
    {
      description: "the closure backend faster than every peer",
      check: fasterThanEach(
        CLOSURE,
        PEERS.map((p) => p.name),
      ),
    },
  ],
};
