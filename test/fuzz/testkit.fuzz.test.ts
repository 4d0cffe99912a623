/**
 * Bounded fuzz runs of the test kit (fixed seed): the event builders and
 * the assertions. The properties are in properties/testkit.ts.
 */
import { testkitTargets } from "./properties/testkit";
import { boundedRuns } from "./support/bounded";

boundedRuns(testkitTargets);
