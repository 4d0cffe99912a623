/**
 * Every fuzz target, in the order the fuzz script runs them. The vitest
 * files run each group with the fixed seed; `npm run fuzz` runs them all.
 */
import { cliTargets } from "./properties/cli";
import { compilerTargets } from "./properties/compiler";
import { eventTargets } from "./properties/events";
import { hostileEventTargets } from "./properties/hostile-events";
import { lintSchemaTargets } from "./properties/lint-schema";
import { syntaxTargets } from "./properties/syntax";
import { testkitTargets } from "./properties/testkit";
import { webhookTargets } from "./properties/webhook";
import type { FuzzTarget } from "./support/target";

export const allTargets: readonly FuzzTarget[] = [
  ...syntaxTargets,
  ...lintSchemaTargets,
  ...compilerTargets,
  ...eventTargets,
  ...hostileEventTargets,
  ...webhookTargets,
  ...testkitTargets,
  ...cliTargets,
];
