/**
 * Fuzz targets of the webhook receiver: `createWebhookHandler` called with
 * web-standard Requests directly and through `toNodeListener` (fake Node
 * request and response objects), on any method, secret header,
 * Content-Length (missing, right, huge, lying, garbage), body transport
 * (text, bytes, chunked stream, failing stream) and body; and
 * `verifyWebhookSecret` on Node header records and Headers objects. The
 * expected status of every request is worked out here, without the library.
 */
import fc from "fast-check";
import type { EntityEvent } from "../../../src/matcher/event";
import { EventValidationError, parseEntityEvent } from "../../../src/matcher/event";
import { toNodeListener } from "../../../src/matcher/node-listener";
import { verifyWebhookSecret } from "../../../src/matcher/secret";
import { createWebhookHandler } from "../../../src/matcher/webhook";
import { type Body, body, bodyBytes } from "../arbitraries/bodies";
import { check, clockTime, safeJson } from "../support/check";
import { defineTarget, type FuzzTarget } from "../support/target";
import { nodeRoundTrip } from "./node-fakes";

const SECRET = "s3cret-Token_42";

const SECRET_MODES = {
  right: SECRET,
  "wrong-same-length": SECRET.replace("4", "5"),
  "wrong-length": `${SECRET}x`,
  prefix: SECRET.slice(0, -1),
  empty: "",
  padded: ` ${SECRET}\t`,
  latin1: SECRET.replace("t", "\u00f6"),
} as const;
type SecretMode = keyof typeof SECRET_MODES | "missing" | "twice" | "upper-case-name";

const CONTENT_LENGTHS = ["none", "right", "huge", "lying-small", "garbage", "negative", "spaced", "zero"] as const;
type ContentLength = (typeof CONTENT_LENGTHS)[number];

interface RequestRecipe {
  readonly method: string;
  readonly secret: SecretMode;
  readonly contentLength: ContentLength;
  readonly transport: "text" | "bytes" | "stream" | "failing-stream" | "node";
  /** Where a stream cuts the body into chunks (fractions of its length). */
  readonly cuts: readonly number[];
  /** For a failing stream: how many chunks arrive before the error, and what is thrown. */
  readonly failAfter: number;
  readonly failWith: "error" | "string";
  readonly maxBodyBytes: number | undefined;
  readonly body: Body;
}

const recipe: fc.Arbitrary<RequestRecipe> = fc.record({
  method: fc.oneof(
    { weight: 6, arbitrary: fc.constant("POST") },
    { weight: 2, arbitrary: fc.constantFrom("GET", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS", "post") },
  ),
  secret: fc.oneof(
    { weight: 6, arbitrary: fc.constant<SecretMode>("right") },
    {
      weight: 3,
      arbitrary: fc.constantFrom<SecretMode>(
        ...(Object.keys(SECRET_MODES) as (keyof typeof SECRET_MODES)[]),
        "missing",
        "twice",
        "upper-case-name",
      ),
    },
  ),
  contentLength: fc.oneof(
    { weight: 3, arbitrary: fc.constant<ContentLength>("none") },
    { weight: 2, arbitrary: fc.constantFrom(...CONTENT_LENGTHS) },
  ),
  transport: fc.constantFrom("text" as const, "bytes" as const, "stream" as const, "failing-stream" as const, "node" as const),
  cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }),
  failAfter: fc.integer({ min: 0, max: 4 }),
  failWith: fc.constantFrom("error" as const, "string" as const),
  maxBodyBytes: fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 400 }) },
    { weight: 1, arbitrary: fc.constant(Infinity) },
  ),
  body,
});

/** The body cut into chunks at `cuts`. */
function chunksOf(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => Math.floor(c * bytes.length)))].filter((p) => p > 0 && p < bytes.length).sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    chunks.push(bytes.slice(from, p));
    from = p;
  }
  return chunks.filter((chunk, i) => chunk.length > 0 || i === 0);
}

/** The header pairs of a request, as a client would send them. */
function headerPairs(r: RequestRecipe, size: number): [string, string][] {
  const pairs: [string, string][] = [];
  if (r.secret === "twice") pairs.push(["ftrack-secret", SECRET], ["ftrack-secret", SECRET]);
  else if (r.secret === "upper-case-name") pairs.push(["FTRACK-SECRET", SECRET]);
  else if (r.secret !== "missing") pairs.push(["ftrack-secret", SECRET_MODES[r.secret]]);
  const declared = {
    none: undefined,
    right: String(size),
    huge: "99999999999999999999",
    "lying-small": "1",
    garbage: "12abc",
    negative: "-5",
    spaced: ` ${size} `,
    zero: "0",
  }[r.contentLength];
  if (declared !== undefined) pairs.push(["content-length", declared]);
  return pairs;
}

const hasBody = (method: string): boolean => method !== "GET" && method !== "HEAD";

function streamOf(chunks: readonly Uint8Array[], failAfter: number | undefined, failWith: "error" | "string"): ReadableStream<Uint8Array> {
  let next = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (failAfter !== undefined && next >= failAfter) {
        controller.error(failWith === "error" ? new Error("connection reset") : "connection reset");
        return;
      }
      const chunk = chunks[next++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(chunk);
    },
  });
}

/** What the handler must answer, worked out from the recipe and the request as built. */
function expected(
  r: RequestRecipe,
  request: Request,
  chunks: readonly Uint8Array[],
): { status: number; code?: string; matched?: string[]; failed?: string[] } {
  if (request.method !== "POST") return { status: 405, code: "method-not-allowed" };
  if (request.headers.get("ftrack-secret") !== SECRET) return { status: 401, code: "unauthorized" };
  const max = r.maxBodyBytes ?? 1_048_576;
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\s*\d+\s*$/.test(declared) && Number(declared) > max) return { status: 413, code: "too-large" };
  let seen = 0;
  const arriving = r.transport === "failing-stream" ? chunks.slice(0, r.failAfter) : chunks;
  for (const chunk of arriving) {
    seen += chunk.byteLength;
    if (seen > max) return { status: 413, code: "too-large" };
  }
  if (r.transport === "failing-stream" && r.failAfter < chunks.length + 1) return { status: 400, code: "unreadable-body" };
  let event: EntityEvent;
  try {
    event = parseEntityEvent(bodyBytes(r.body), { maxBytes: Infinity });
  } catch (error) {
    if (!(error instanceof EventValidationError)) throw error;
    return { status: 400, code: error.code };
  }
  const entity = event.entity;
  const flag = entity.new !== undefined && Object.hasOwn(entity.new, "flag") ? entity.new["flag"] : undefined;
  const matched = [
    entity.entity_type === "Task" ? "task" : undefined,
    entity.operation === "update" ? "update" : undefined,
    entity.entity_type === "Boom" ? "boom" : undefined,
    flag === "yes" ? "yes" : undefined,
    flag === "reject" ? "reject" : undefined,
  ].filter((id): id is string => id !== undefined);
  if (matched.length === 0) return { status: 204 };
  const failed = matched.filter((id) => id === "boom" || id === "reject");
  return failed.length > 0 ? { status: 500, code: "handler-failed", matched, failed } : { status: 200, matched };
}

function makeHandler(maxBodyBytes: number | undefined, errors: string[]): (request: Request) => Promise<Response> {
  return createWebhookHandler({
    secret: SECRET,
    ...(maxBodyBytes !== undefined ? { maxBodyBytes } : {}),
    onError: (_error, context) => {
      errors.push(context.routeId);
    },
    routes: [
      { id: "task", filter: 'entity.entity_type = "Task"', handler: () => undefined },
      { id: "update", filter: "entity.operation = update", handler: () => undefined },
      {
        id: "boom",
        filter: "entity.entity_type = Boom",
        handler: () => {
          throw new Error("boom");
        },
      },
      {
        id: "yes",
        filter: 'entity.new.flag = "yes"',
        handler: async () => {
          await Promise.resolve();
        },
      },
      { id: "reject", filter: 'entity.new.flag = "reject"', handler: () => Promise.reject(new Error("rejected")) },
    ],
  });
}

async function checkRequest(r: RequestRecipe): Promise<void> {
  const bytes = bodyBytes(r.body);
  const chunks = chunksOf(bytes, r.cuts);
  const pairs = headerPairs(r, bytes.byteLength);
  const errors: string[] = [];
  const handler = makeHandler(r.maxBodyBytes, errors);
  const headers = new Headers();
  for (const [name, value] of pairs) headers.append(name, value);
  const withBody = hasBody(r.method.toUpperCase());
  const init: RequestInit & { duplex?: "half" } = { method: r.method, headers };
  if (withBody) {
    if (r.transport === "text" && r.body.text !== undefined) init.body = r.body.text;
    else if (r.transport === "text" || r.transport === "bytes" || r.transport === "node") init.body = new Uint8Array(bytes);
    else {
      init.body = streamOf(chunks, r.transport === "failing-stream" ? r.failAfter : undefined, r.failWith);
      init.duplex = "half";
    }
  }
  const request = new Request("http://127.0.0.1/hook", init);
  const want = withBody ? expected(r, request, chunks) : expected(r, request, []);
  const context = {
    method: r.method,
    secret: r.secret,
    contentLength: r.contentLength,
    transport: r.transport,
    max: r.maxBodyBytes,
    body: r.body.kind,
    size: bytes.byteLength,
  };

  let status: number;
  let text: string;
  let contentType: string | null;
  let allow: string | null;
  const started = clockTime();
  if (r.transport === "node") {
    const answer = await nodeRoundTrip(toNodeListener(handler), { method: r.method, pairs, chunks: withBody ? chunks : [] });
    ({ status, text } = answer);
    contentType = answer.headers.get("content-type");
    allow = answer.headers.get("allow");
  } else {
    let response: Response;
    try {
      response = await handler(request);
    } catch (error) {
      throw new Error(`the webhook handler rejected: ${error instanceof Error ? error.message : String(error)} ${safeJson(context)}`);
    }
    check(response instanceof Response, "the handler did not resolve to a Response");
    status = response.status;
    text = await response.text();
    contentType = response.headers.get("content-type");
    allow = response.headers.get("allow");
  }
  check(clockTime() - started < 5000, "a request took more than 5 s (timed only by the fuzz script)", context);
  check(status === want.status, `status ${status}, expected ${want.status}: ${text.slice(0, 300)}`, context);
  if (status === 204) {
    check(text === "", "a 204 with a body", context);
    return;
  }
  check(contentType?.startsWith("application/json") === true, `content type ${contentType}`, context);
  const json = JSON.parse(text) as { error?: { code?: string }; matched?: string[]; failed?: string[] };
  if (want.code !== undefined) check(json.error?.code === want.code, `error code ${json.error?.code}, expected ${want.code}`, context);
  if (want.matched !== undefined)
    check(
      safeJson(json.matched) === safeJson(want.matched),
      `matched ${safeJson(json.matched)}, expected ${safeJson(want.matched)}`,
      context,
    );
  if (want.failed !== undefined) {
    check(safeJson(json.failed) === safeJson(want.failed), `failed ${safeJson(json.failed)}, expected ${safeJson(want.failed)}`, context);
    check(safeJson(errors) === safeJson(want.failed), "onError was not called once per failed handler", { errors, ...context });
  }
  if (status === 405) check(allow === "POST", "a 405 without Allow: POST", context);
}

const headerName = fc.constantFrom("ftrack-secret", "FTRACK-SECRET", "Ftrack-Secret", "x-other", "ftrack-secret ");
const headerValue = fc.oneof(
  fc.constantFrom(SECRET, `${SECRET} `, "", SECRET.toUpperCase()),
  fc.string({ unit: "grapheme", maxLength: 20 }),
);

export const webhookTargets: readonly FuzzTarget[] = [
  defineTarget({
    name: "webhook-requests",
    description:
      "the webhook handler, direct and through toNodeListener, answers every malformed request with the right status and never rejects",
    testRuns: 150,
    weight: 3,
    property: () => fc.asyncProperty(recipe, checkRequest),
  }),
  defineTarget({
    name: "webhook-secret",
    description:
      "verifyWebhookSecret accepts exactly one header (any case) holding exactly the secret, in Node records and Headers objects",
    testRuns: 200,
    weight: 1,
    property: () =>
      fc.property(
        fc.array(fc.tuple(headerName, fc.oneof(headerValue, fc.array(headerValue, { maxLength: 2 }), fc.constant(undefined))), {
          maxLength: 4,
        }),
        fc.oneof(fc.constant(SECRET), fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 })),
        (entries, expectedSecret) => {
          const record: Record<string, string | string[] | undefined> = {};
          for (const [name, value] of entries) record[name] = value;
          const present = Object.entries(record).filter(([name, value]) => name.toLowerCase() === "ftrack-secret" && value !== undefined);
          const want = present.length === 1 && present[0]?.[1] === expectedSecret;
          check(verifyWebhookSecret(record, expectedSecret) === want, "verifyWebhookSecret on a Node record", {
            record,
            expectedSecret,
            want,
          });
          const headers = new Headers();
          for (const [name, value] of entries) {
            for (const item of typeof value === "string" ? [value] : (value ?? [])) {
              try {
                headers.append(name, item);
              } catch {
                // Not a valid header: a client could not send it.
              }
            }
          }
          const wantHeaders = headers.get("ftrack-secret") === expectedSecret;
          check(verifyWebhookSecret(headers, expectedSecret) === wantHeaders, "verifyWebhookSecret on Headers", {
            entries,
            expectedSecret,
            wantHeaders,
          });
        },
      ),
  }),
];
