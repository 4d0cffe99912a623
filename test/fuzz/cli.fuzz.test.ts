/**
 * Bounded fuzz run of the built command line on malformed input (fixed
 * seed, a few dozen processes). Needs dist/, which `npm test` builds first.
 * The property is in properties/cli.ts.
 */
import { cliTargets } from "./properties/cli";
import { boundedRuns } from "./support/bounded";

boundedRuns(cliTargets);
