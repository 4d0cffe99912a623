/**
 * Bounded fuzz runs of event intake and routing (fixed seed):
 * parseEntityEvent, FilterSet, the webhook handler (direct and through
 * toNodeListener) and verifyWebhookSecret. The properties are in
 * properties/events.ts and properties/webhook.ts.
 */
import { eventTargets } from "./properties/events";
import { webhookTargets } from "./properties/webhook";
import { boundedRuns } from "./support/bounded";

boundedRuns([...eventTargets, ...webhookTargets]);
