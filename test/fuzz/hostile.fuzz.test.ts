/**
 * Bounded fuzz run (fixed seed) of event intake on hostile shapes: sparse
 * and huge arrays, many distinct keys, directly and as webhook bodies. The
 * properties are in properties/hostile-events.ts.
 */
import { hostileEventTargets } from "./properties/hostile-events";
import { boundedRuns } from "./support/bounded";

boundedRuns(hostileEventTargets);
