// Parse and format throughput of the public filters.
import { EVENT_HUB_EXPRESSIONS, STATUS_CHANGE_TO_FILTER, TRIGGER_FILTERS } from "../data/public-filters.mjs";
import { minOpsPerSec } from "../lib/targets.mjs";

const PUBLIC = [
  ...TRIGGER_FILTERS.map((source) => ({ source, options: { dialect: "trigger" } })),
  ...EVENT_HUB_EXPRESSIONS.map((source) => ({ source, options: { dialect: "event-hub" } })),
];

const isAst = (value) => typeof value === "object" && value !== null && typeof value.kind === "string";

export default {
  name: "parse",
  order: 10,
  description:
    "Text to AST, and canonical formatting, of ftrack's public filters: the 4 trigger filters and 7 event-hub expressions, each in its dialect.",
  kind: "ops",
  inputs: PUBLIC,
  cases: [
    {
      name: "parse: AssetVersion status change to Approved (4 conditions)",
      inputs: [STATUS_CHANGE_TO_FILTER],
      setup: ({ lib }) => (source) => lib.parse(source),
      check: ({ outputs }) => (outputs.every(isAst) ? undefined : "parse returned something other than an AST"),
    },
    {
      name: "parse: all 11 public filters, cycled",
      setup: ({ lib }) => (input) => lib.parse(input.source, input.options),
      check: ({ outputs }) => (outputs.every(isAst) ? undefined : "parse returned something other than an AST"),
    },
    {
      name: "format: text to canonical text (parse + print), all 11",
      setup: ({ lib }) => (input) => lib.format(input.source, input.options),
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
      setup: ({ lib }) => (ast) => lib.format(ast),
      check: ({ outputs }) => (outputs.every((t) => typeof t === "string" && t.length > 0) ? undefined : "empty output"),
    },
  ],
  targets: [
    {
      description: "at least 250,000 parses/s of the four-condition AssetVersion filter",
      check: minOpsPerSec("parse: AssetVersion status change to Approved (4 conditions)", 250_000),
    },
  ],
};
