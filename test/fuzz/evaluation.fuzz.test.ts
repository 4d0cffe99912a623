/**
 * Bounded fuzz runs of evaluation (fixed seed): compiled filters, explain,
 * matches and subscriptionMatches on JSON events, any values, odd objects
 * and polluted prototypes. The properties are in properties/compiler.ts.
 */
import { compilerTargets } from "./properties/compiler";
import { boundedRuns } from "./support/bounded";

boundedRuns(compilerTargets);
