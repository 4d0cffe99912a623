// Compile time: filter text to a predicate (parse + code generation, or
// parse + closure building), against parsing alone.
import { STATUS_CHANGE_FILTER, STATUS_CHANGE_TO_FILTER, APPROVED_STATUS_ID } from "../data/public-filters.mjs";
import { maxNsPerOp } from "../lib/targets.mjs";

const UNIQUE = "compile (codegen), 4 conditions, a new status id every call";
const SAME = "compile (codegen), status-change filter";

/**
 * A predicate source that never repeats: V8 reuses the compiled code of a
 * `new Function` whose source it has seen, so compiling the same text over
 * and over is cheaper than compiling a filter for the first time. Building
 * the text costs well under 1% of a compile.
 */
function freshText() {
  let counter = 0;
  const prefix = APPROVED_STATUS_ID.slice(0, -12);
  return (template) => template.replace(APPROVED_STATUS_ID, prefix + (counter++).toString(16).padStart(12, "0"));
}

const isPredicate = (backend) => ({ outputs }) =>
  outputs.every((f) => typeof f === "function" && f.backend === backend) ? undefined : `expected ${backend} predicates`;

export default {
  name: "compile",
  order: 20,
  description:
    "Filter text to predicate with `compile(text, { backend })`: parse plus code generation (`new Function`) or closure building. " +
    "Baseline: `parse` of the same text.",
  kind: "ops",
  skip: ({ lib }) => (typeof lib.compile === "function" ? undefined : "compile is not exported yet"),
  inputs: [STATUS_CHANGE_FILTER],
  cases: [
    { name: "parse only, status-change filter", baseline: true, setup: ({ lib }) => (text) => lib.parse(text) },
    {
      name: SAME,
      setup: ({ lib }) => (text) => lib.compile(text, { backend: "codegen" }),
      check: isPredicate("codegen"),
    },
    {
      name: "compile (closure), status-change filter",
      setup: ({ lib }) => (text) => lib.compile(text, { backend: "closure" }),
      check: isPredicate("closure"),
    },
    {
      name: UNIQUE,
      inputs: [STATUS_CHANGE_TO_FILTER],
      setup: ({ lib }) => {
        const next = freshText();
        return (template) => lib.compile(next(template), { backend: "codegen" });
      },
      check: isPredicate("codegen"),
    },
  ],
  targets: [
    { description: "compile (codegen) of the status-change filter in at most 30 µs", check: maxNsPerOp(SAME, 30_000) },
    { description: "the same with text V8 has not seen before, in at most 30 µs", check: maxNsPerOp(UNIQUE, 30_000) },
  ],
};
