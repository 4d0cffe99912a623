/**
 * Bounded fuzz runs of the front end and the linter (fixed seed); the
 * properties are in properties/syntax.ts and properties/lint-schema.ts, and
 * `npm run fuzz` runs the same targets with random seeds for longer.
 */
import { lintSchemaTargets } from "./properties/lint-schema";
import { syntaxTargets } from "./properties/syntax";
import { boundedRuns } from "./support/bounded";

boundedRuns([...syntaxTargets, ...lintSchemaTargets]);
