/**
 * `createWebhookHandler`: a complete receiver for ftrack webhooks as a
 * web-standard `(request: Request) => Promise<Response>` (Node through
 * `toNodeListener`, Deno, Bun, Workers, Cloud Run, Lambda adapters). It
 * checks the method and the shared secret before it reads the body, limits
 * the body's size while it streams, validates the entity event, and runs
 * the handler of every route whose filter matches.
 *
 * Responses (JSON unless 204):
 * - 405 `{ error }` for any method but POST;
 * - 401 `{ error }` when the secret header is missing or wrong;
 * - 413 `{ error }` when the body is larger than `maxBodyBytes`;
 * - 400 `{ error: { code, message, problems, omitted } }` for a body that
 *   is not JSON or not an entity event (codes of `EventValidationError`; at
 *   most 100 problems, `omitted` counts the rest, so the body stays under
 *   about 10 KiB whatever was sent);
 * - 204 when no route matched;
 * - 200 `{ matched }`, the ids of the routes whose handler ran;
 * - 500 `{ error, matched, failed }` when a handler threw or rejected.
 */
import type { CompiledFilter } from "../compiler/compile";
import { FtrackSchema, loadSchema } from "../lint/schema";
import type { FilterAst } from "../syntax/ast";
import { describeThrown, readLimited } from "./bytes";
import { DEFAULT_MAX_EVENT_BYTES, type EntityEvent, EventValidationError, parseEntityEvent } from "./event";
import { FilterSet } from "./filter-set";
import { defaultOnWarning, lintRoute, type WebhookLintMode, WebhookRouteError, type WebhookRouteWarning } from "./route-lint";
import { checkHeaderName, checkSecret, DEFAULT_SECRET_HEADER, secretEquals, singleHeader } from "./secret";

/** What a route's handler receives beside the event. */
export interface WebhookRouteContext {
  readonly routeId: string;
  readonly filter: CompiledFilter;
  readonly request: Request;
}

/** A route's handler; it may return a promise, which the response waits for. */
export type WebhookRouteHandler = (event: EntityEvent, context: WebhookRouteContext) => unknown;

/** One automation: its id, its trigger filter, and its handler. */
export interface WebhookRoute {
  readonly id: string;
  readonly filter: string | FilterAst | CompiledFilter;
  readonly handler: WebhookRouteHandler;
}

/** What `onError` receives beside the error. */
export interface WebhookErrorContext {
  readonly routeId: string;
  readonly event: EntityEvent;
  readonly request: Request;
}

interface CommonOptions {
  /** The shared secret the webhook sends in its secret header. */
  readonly secret: string;
  /** The secret header (default `ftrack-secret`, matched in any case). */
  readonly header?: string;
  /** Largest body accepted, in bytes (default 1 MiB). */
  readonly maxBodyBytes?: number;
  /**
   * Called once per failed handler, before the response is sent (a promise
   * it returns is awaited; whatever it throws is ignored). Default:
   * `console.error`.
   */
  readonly onError?: (error: unknown, context: WebhookErrorContext) => unknown;
  /**
   * How route filters are linted here, as trigger filters: `"error"` (the
   * default) throws a `WebhookRouteError` for a lint error, naming the route
   * and the diagnostic, and passes warnings to `onWarning`; `"strict"`
   * throws for warnings too; `"off"` lints nothing.
   */
  readonly lint?: WebhookLintMode;
  /** Receives each lint warning of a route (default: `console.warn`). */
  readonly onWarning?: (warning: WebhookRouteWarning) => void;
  /**
   * The schema routes are linted against: an `FtrackSchema`, or your site's
   * `query_schemas` result (custom entity types and attributes). Default:
   * the built-in snapshot of ftrack's standard types.
   */
  readonly schema?: FtrackSchema | unknown;
}

/** Options of {@link createWebhookHandler}: `routes` or a `filterSet` of handlers. */
export type WebhookHandlerOptions = CommonOptions &
  (
    | { readonly routes: readonly WebhookRoute[]; readonly filterSet?: never }
    | { readonly filterSet: FilterSet<WebhookRouteHandler>; readonly routes?: never }
  );

/**
 * Builds a webhook receiver. `routes` are linted and compiled once, here
 * (throws a `WebhookRouteError` naming the route for a filter with a syntax
 * or lint error, TypeError for bad options); a `filterSet` is linted as it
 * is now, then used live, so routes added to it later take effect at once
 * (unlinted). Handlers of the matching routes start in route order and
 * run concurrently; the response waits for all of them, and one that fails
 * does not stop the others.
 */
export function createWebhookHandler(options: WebhookHandlerOptions): (request: Request) => Promise<Response> {
  if (typeof options !== "object" || options === null) throw new TypeError("createWebhookHandler: options must be an object");
  const secret = checkSecret(options.secret, "createWebhookHandler");
  const header = checkHeaderName(options.header ?? DEFAULT_SECRET_HEADER, "createWebhookHandler");
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_EVENT_BYTES;
  if (typeof maxBytes !== "number" || !(maxBytes === Infinity || (Number.isSafeInteger(maxBytes) && maxBytes >= 0))) {
    throw new TypeError("createWebhookHandler: option maxBodyBytes must be a non-negative integer or Infinity");
  }
  const onError = options.onError ?? defaultOnError;
  const lintMode = options.lint ?? "error";
  if (lintMode !== "error" && lintMode !== "strict" && lintMode !== "off") {
    throw new TypeError('createWebhookHandler: option lint must be "error", "strict" or "off"');
  }
  const onWarning = options.onWarning ?? defaultOnWarning;
  if (typeof onWarning !== "function") throw new TypeError("createWebhookHandler: option onWarning must be a function");
  const schema = routeSchema(options.schema);
  const set = routeSet(options, (id, filter) => lintRoute(id, filter, { mode: lintMode, onWarning, schema }));

  return async (request) => {
    if (request.method !== "POST") {
      discard(request);
      return json(405, { error: { code: "method-not-allowed", message: "webhooks are POST requests" } }, { allow: "POST" });
    }
    const provided = singleHeader(request.headers, header);
    if (provided === undefined || !secretEquals(provided, secret)) {
      discard(request);
      return json(401, { error: { code: "unauthorized", message: `missing or wrong ${header} header` } });
    }
    const declared = request.headers.get("content-length");
    if (declared !== null && /^\s*\d+\s*$/.test(declared) && Number(declared) > maxBytes) {
      discard(request);
      return tooLarge(maxBytes);
    }
    let body: Uint8Array;
    try {
      const read = await readLimited(request.body, maxBytes);
      if (!read.ok) return tooLarge(maxBytes);
      body = read.bytes;
    } catch (error) {
      return json(400, { error: { code: "unreadable-body", message: `the body could not be read: ${describeThrown(error)}` } });
    }
    let event: EntityEvent;
    try {
      event = parseEntityEvent(body, { maxBytes });
    } catch (error) {
      if (!(error instanceof EventValidationError)) throw error;
      return json(error.code === "too-large" ? 413 : 400, errorBody(error));
    }
    const entries = set.match(event);
    if (entries.length === 0) return new Response(null, { status: 204 });
    const outcomes = await Promise.all(
      entries.map((entry) => run(entry.value, event, { routeId: entry.id, filter: entry.filter, request })),
    );
    const failed: string[] = [];
    for (let i = 0; i < outcomes.length; i++) {
      const outcome = outcomes[i];
      const entry = entries[i];
      if (outcome === undefined || entry === undefined || outcome.ok) continue;
      failed.push(entry.id);
      await report(onError, outcome.error, { routeId: entry.id, event, request });
    }
    const matched = entries.map((entry) => entry.id);
    if (failed.length === 0) return json(200, { matched });
    const message = `${failed.length} of ${matched.length} handlers failed`;
    return json(500, { error: { code: "handler-failed", message }, matched, failed });
  };
}

type RouteCheck = (id: string, filter: WebhookRoute["filter"]) => void;

function routeSet(options: WebhookHandlerOptions, check: RouteCheck): FilterSet<WebhookRouteHandler> {
  if (options.filterSet !== undefined) {
    if (options.routes !== undefined) throw new TypeError("createWebhookHandler: give routes or filterSet, not both");
    if (!(options.filterSet instanceof FilterSet)) throw new TypeError("createWebhookHandler: filterSet must be a FilterSet");
    if (options.filterSet.dialect !== "trigger")
      throw new TypeError("createWebhookHandler: filterSet must hold trigger filters, not event-hub ones");
    for (const entry of options.filterSet) check(entry.id, entry.filter);
    return options.filterSet;
  }
  if (!Array.isArray(options.routes)) throw new TypeError("createWebhookHandler: routes must be an array (or give filterSet)");
  const set = new FilterSet<WebhookRouteHandler>();
  options.routes.forEach((route: Partial<WebhookRoute> | null | undefined, index) => {
    const id = route?.id;
    if (typeof id !== "string") throw new TypeError(`createWebhookHandler: route ${index} has no string id`);
    if (typeof route?.handler !== "function") throw new WebhookRouteError(id, "has no handler function");
    if (set.has(id)) throw new WebhookRouteError(id, "duplicate route id");
    if (route.filter === undefined) throw new WebhookRouteError(id, "has no filter");
    check(id, route.filter);
    try {
      set.add(id, route.filter, route.handler);
    } catch (error) {
      // Syntax errors when linting is off, a filter compiled for the event-hub dialect, a malformed AST.
      throw new WebhookRouteError(id, error instanceof Error ? error.message : String(error), { cause: error });
    }
  });
  return set;
}

type Outcome = { readonly ok: true } | { readonly ok: false; readonly error: unknown };

async function run(handler: WebhookRouteHandler, event: EntityEvent, context: WebhookRouteContext): Promise<Outcome> {
  try {
    if (typeof handler !== "function") throw new TypeError(`route ${context.routeId} has no handler function`);
    await handler(event, context);
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  }
}

async function report(onError: NonNullable<CommonOptions["onError"]>, error: unknown, context: WebhookErrorContext): Promise<void> {
  try {
    await onError(error, context);
  } catch {
    // A failing error reporter must not turn one failure into another.
  }
}

function defaultOnError(error: unknown, context: WebhookErrorContext): void {
  console.error(`ftrack webhook route ${context.routeId} failed:`, error);
}

/** Stops reading a body the response does not need (a Node adapter can then close the connection). */
function discard(request: Request): void {
  if (request.body !== null && !request.bodyUsed) request.body.cancel().catch(() => undefined);
}

function errorBody(error: EventValidationError): unknown {
  return { error: { code: error.code, message: error.message, problems: error.problems, omitted: error.omitted } };
}

function tooLarge(maxBytes: number): Response {
  const error = new EventValidationError("too-large", [{ path: "$", message: `the body is larger than ${maxBytes} bytes` }]);
  return json(413, errorBody(error));
}

function json(status: number, body: unknown, headers?: Readonly<Record<string, string>>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

/** The schema option, loaded once: a TypeError here, rather than a lint error on every route. */
function routeSchema(schema: unknown): FtrackSchema | undefined {
  if (schema === undefined || schema instanceof FtrackSchema) return schema;
  try {
    return loadSchema(schema);
  } catch (error) {
    throw new TypeError(`createWebhookHandler: option schema: ${error instanceof Error ? error.message : String(error)}`);
  }
}
