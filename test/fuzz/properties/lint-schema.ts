/**
 * Fuzz target of the linter with a user's own schema: `lint` with a
 * `query_schemas` result that is well-formed, malformed, or any JSON never
 * throws; a schema that `loadSchema` accepts lints like any other, and one
 * it refuses gives a single `invalid-input` error.
 */
import fc from "fast-check";
import { lint } from "../../../src/lint/lint";
import { loadSchema } from "../../../src/lint/schema";
import { grammarFilter, mutatedFilter } from "../arbitraries/filters";
import { attempt, check, checkTime, describeThrown } from "../support/check";
import { defineTarget, type FuzzTarget } from "../support/target";
import { checkDiagnostics } from "./syntax-checks";

const name = fc.oneof(
  fc.constantFrom("Task", "AssetVersion", "task", "__proto__", "constructor", "toString", "hasOwnProperty", "", "status_id"),
  fc.string({ maxLength: 8 }),
);

const propertySchema = fc.oneof(
  fc.constantFrom<unknown>(
    { type: "string" },
    { type: "integer" },
    { type: "number" },
    { type: "boolean" },
    { type: "string", format: "date-time" },
    { $ref: "Task" },
    { type: "array", items: { $ref: "Task" } },
    { type: "mapped_array" },
    { type: "object" },
    { type: "string", $ref: "Status" },
  ),
  fc.jsonValue({ maxDepth: 2 }),
);

const entitySchema = fc.record(
  {
    id: fc.oneof({ weight: 5, arbitrary: name }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) }),
    properties: fc.oneof(
      { weight: 5, arbitrary: fc.dictionary(name, propertySchema, { maxKeys: 6 }) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) },
    ),
    computed: fc.oneof(fc.array(name, { maxLength: 3 }), fc.jsonValue({ maxDepth: 1 })),
    required: fc.oneof(fc.array(name, { maxLength: 3 }), fc.jsonValue({ maxDepth: 1 })),
  },
  { requiredKeys: ["id", "properties"] },
);

/** query_schemas results: mostly well-formed, sometimes not, sometimes any JSON; through JSON, as the API returns them. */
const schema = fc
  .oneof({ weight: 6, arbitrary: fc.array(entitySchema, { maxLength: 5 }) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) })
  .map((value) => JSON.parse(JSON.stringify(value)) as unknown);

export const lintSchemaTargets: readonly FuzzTarget[] = [
  defineTarget({
    name: "lint-user-schema",
    description:
      "lint with any query_schemas result (well-formed, malformed, any JSON) never throws and refuses a bad schema with one invalid-input error",
    testRuns: 150,
    weight: 1,
    property: () =>
      fc.property(fc.oneof(grammarFilter, mutatedFilter), schema, (source, raw) => {
        const loaded = attempt(() => loadSchema(raw));
        if (!loaded.ok)
          check(loaded.error instanceof TypeError, `loadSchema threw something other than a TypeError: ${describeThrown(loaded.error)}`);
        const linted = attempt(() => lint(source, { schema: raw }));
        check(linted.ok, `lint threw ${linted.ok ? "" : describeThrown(linted.error)}`);
        checkTime(linted, "lint", source.length);
        checkDiagnostics(linted.value, source, !loaded.ok);
        const refusals = linted.value.filter((d) => d.code === "invalid-input");
        check(
          refusals.length === (loaded.ok ? 0 : 1),
          `${refusals.length} invalid-input errors for a schema that loadSchema ${loaded.ok ? "accepts" : "refuses"}`,
        );
        if (loaded.ok) {
          const again = lint(source, { schema: loaded.value });
          check(JSON.stringify(again) === JSON.stringify(linted.value), "lint differs between the raw schema and the loaded one");
        }
      }),
  }),
];
