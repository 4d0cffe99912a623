/**
 * The checks `createWebhookHandler` makes of its routes when it is built:
 * each filter is linted as a trigger filter, so that a route that can never
 * fire (`entity.entity_type = "task"`, an event-hub expression, a field that
 * does not exist) is caught at start-up rather than by a silent webhook.
 * Every error names its route.
 */
import { type CompiledFilter, filterText, isCompiledFilter } from "../compiler/compile";
import type { Diagnostic } from "../lint/diagnostic";
import { lint } from "../lint/lint";
import type { FtrackSchema } from "../lint/schema";
import type { FilterAst } from "../syntax/ast";

/** How routes are linted: `"error"` (default) throws on lint errors, `"strict"` on warnings too, `"off"` not at all. */
export type WebhookLintMode = "error" | "strict" | "off";

/** What `onWarning` receives: a lint warning about one route's filter. */
export interface WebhookRouteWarning {
  readonly routeId: string;
  readonly diagnostic: Diagnostic;
  /** `route "ID": warning CODE at LINE:COLUMN: MESSAGE` */
  readonly message: string;
}

/**
 * A route that cannot be used: its filter has a syntax or lint error (or a
 * lint warning with `lint: "strict"`), or the route itself is malformed.
 * The message names the route; `diagnostic` is the lint finding, if that is
 * the reason, and `cause` the original error, if there was one.
 */
export class WebhookRouteError extends Error {
  override readonly name = "WebhookRouteError";
  readonly routeId: string;
  readonly diagnostic: Diagnostic | undefined;

  constructor(routeId: string, reason: string, details: { readonly diagnostic?: Diagnostic; readonly cause?: unknown } = {}) {
    super(
      `createWebhookHandler: route ${JSON.stringify(routeId)}: ${reason}`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.routeId = routeId;
    this.diagnostic = details.diagnostic;
  }
}

/** `warning CODE at LINE:COLUMN: MESSAGE` */
function describe(diagnostic: Diagnostic): string {
  return `${diagnostic.severity} ${diagnostic.code} at ${diagnostic.span.line}:${diagnostic.span.column}: ${diagnostic.message}`;
}

/**
 * Lints one route's filter as a trigger filter: throws a
 * {@link WebhookRouteError} for an error (and, in strict mode, a warning);
 * hands other warnings to `onWarning`. Infos are left out. Cost: one `lint`.
 */
export function lintRoute(
  routeId: string,
  filter: string | FilterAst | CompiledFilter,
  how: {
    readonly mode: WebhookLintMode;
    readonly onWarning: (warning: WebhookRouteWarning) => void;
    readonly schema: FtrackSchema | undefined;
  },
): void {
  const { mode, onWarning, schema } = how;
  if (mode === "off") return;
  // An event-hub filter compiled elsewhere is refused by the handler itself, not linted as a trigger.
  const text = isCompiledFilter(filter) && filter.dialect !== "trigger" ? undefined : filterText(filter, "trigger");
  if (text === undefined) return;
  for (const diagnostic of lint(text, schema === undefined ? { dialect: "trigger" } : { dialect: "trigger", schema })) {
    const failing = diagnostic.severity === "error" || (diagnostic.severity === "warning" && mode === "strict");
    if (failing) {
      const hint = diagnostic.severity === "warning" ? ' (lint: "strict" makes warnings errors)' : "";
      throw new WebhookRouteError(routeId, `${describe(diagnostic)}${hint}`, { diagnostic });
    }
    if (diagnostic.severity === "warning") {
      onWarning({ routeId, diagnostic, message: `route ${JSON.stringify(routeId)}: ${describe(diagnostic)}` });
    }
  }
}

/** The default `onWarning`: one line on the console. */
export function defaultOnWarning(warning: WebhookRouteWarning): void {
  console.warn(`ftrack webhook ${warning.message}`);
}
