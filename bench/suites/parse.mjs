// Parse and format throughput of the public filters.
import { EVENT_HUB_EXPRESSIONS, STATUS_CHANGE_TO_FILTER, TRIGGER_FILTERS } from "../data/public-filters.mjs";
import { maxRatioTo, minOpsPerSec, needsBaseline } from "../lib/targets.mjs";

const PUBLIC = [
  ...TRIGGER_FILTERS.map((source) => ({ source, options: { dialect: "trigger" } })),
  ...EVENT_HUB_EXPRESSIONS.map((source) => ({ source, options: { dialect: "event-hub" } })),
];

const isAst = (value) => typeof value === "object" && value !== null && typeof value.kind === "string";
const astsOnly = ({ outputs }) => (outputs.every(isAst) ? undefined : "parse returned something other than an AST");

const FOUR = "parse: AssetVersion status change to Approved (4 conditions)";
const FOUR_BASE = "parse: the same, previous build (--baseline-dist)";
const ALL = "parse: all 11 public filters, cycled";
const ALL_BASE = "parse: all 11, previous build (--baseline-dist)";

/** The same AST, span for span, from this build and the previous one. */
const sameAsBaseline = ({ outputs, inputs, ctx }) => {
  const problem = astsOnly({ outputs });
  if (problem) return problem;
  for (const [i, input] of inputs.entries()) {
    const source = typeof input === "string" ? input : input.source;
    const options = typeof input === "string" ? undefined : input.options;
    if (JSON.stringify(ctx.baseline.lib.parse(source, options)) !== JSON.stringify(outputs[i]))
      return `another AST for ${JSON.stringify(source)}`;
  }
  return undefined;
};

export default {
  name: "parse",
  order: 10,
  description:
    "Text to AST, and canonical formatting, of ftrack's public filters: the 4 trigger filters and 7 event-hub expressions, each in its dialect.",
  kind: "ops",
  inputs: PUBLIC,
  cases: [
    {
      name: FOUR,
      inputs: [STATUS_CHANGE_TO_FILTER],
      setup:
        ({ lib }) =>
        (source) =>
          lib.parse(source),
      check: astsOnly,
    },
    {
      name: FOUR_BASE,
      skip: needsBaseline,
      inputs: [STATUS_CHANGE_TO_FILTER],
      setup:
        ({ baseline }) =>
        (source) =>
          baseline.lib.parse(source),
      check: astsOnly,
    },
    {
      name: ALL,
      setup:
        ({ lib }) =>
        (input) =>
          lib.parse(input.source, input.options),
      check: (args) => (args.ctx.baseline ? sameAsBaseline(args) : astsOnly(args)),
    },
    {
      name: ALL_BASE,
      skip: needsBaseline,
      setup:
        ({ baseline }) =>
        (input) =>
          baseline.lib.parse(input.source, input.options),
      check: astsOnly,
    },
    {
      name: "format: text to canonical text (parse + print), all 11",
      setup:
        ({ lib }) =>
        (input) =>
          lib.format(input.source, input.options),
      check: ({ outputs, inputs, ctx }) => {
        // Canonical text must parse back to the same filter and format to itself.
        for (const [i, text] of outputs.entries()) {
          if (typeof text !== "string") return `format returned ${typeof text}`;
          if (ctx.lib.format(text, inputs[i].options) !== text) return `format is not idempotent on ${JSON.stringify(text)}`;
        }
        return undefined;
      },
    },
    {
      name: "format: AST to canonical text (print only), all 11",
      inputs: ({ lib }) => PUBLIC.map((input) => lib.parse(input.source, input.options)),
      setup:
        ({ lib }) =>
        (ast) =>
          lib.format(ast),
      check: ({ outputs }) => (outputs.every((t) => typeof t === "string" && t.length > 0) ? undefined : "empty output"),
    },
  ],
  targets: [
    {
      description: "at least 250,000 parses/s of the four-condition AssetVersion filter",
      check: minOpsPerSec(FOUR, 250_000),
    },
    {
      description: "parse of the four-condition filter at most 0.75x the previous build's time, side by side",
      check: maxRatioTo(FOUR, FOUR_BASE, 0.75),
    },
    {
      description: "parse of all 11 public filters at most 0.75x the previous build's time, side by side",
      check: maxRatioTo(ALL, ALL_BASE, 0.75),
    },
  ],
};
