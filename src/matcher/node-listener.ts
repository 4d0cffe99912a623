/**
 * `toNodeListener`: runs a Fetch-style handler (`createWebhookHandler`'s)
 * behind `node:http` (or Express, which passes the same objects). The
 * request body is streamed to the handler as it arrives, and the response
 * body is streamed back with back-pressure. No `node:` module is imported,
 * so the library stays loadable on every runtime; the request and response
 * are typed by the members used here, which `IncomingMessage` and
 * `ServerResponse` have.
 */

/** The parts of `http.IncomingMessage` the adapter reads. */
export interface NodeRequestLike extends AsyncIterable<unknown> {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Header names and values as received, alternating; preferred over `headers` when present. */
  readonly rawHeaders?: readonly string[];
}

/** The parts of `http.ServerResponse` the adapter writes. */
export interface NodeResponseLike {
  statusCode: number;
  readonly destroyed: boolean;
  /** True once the whole response has been handed to the system. */
  readonly writableFinished: boolean;
  setHeader(name: string, value: string | string[]): unknown;
  write(chunk: Uint8Array): boolean;
  end(): unknown;
  once(event: "drain" | "close", listener: () => void): unknown;
}

/** A Fetch-style handler. */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

/**
 * Wraps `handler` as a `node:http` request listener:
 * `http.createServer(toNodeListener(createWebhookHandler(...)))`. The
 * Request's URL is built from the Host header (`http://localhost` when it is
 * missing or malformed, credentials in it dropped), so that no Host header
 * or request target fails the request; its `signal` aborts when the client goes away. When
 * the handler answers without reading the whole body (a bad secret, an
 * oversized body), the response closes the connection rather than let Node
 * drain a body of any size. A handler that throws gives an empty 500.
 */
export function toNodeListener(handler: FetchHandler): (request: NodeRequestLike, response: NodeResponseLike) => void {
  if (typeof handler !== "function") throw new TypeError("toNodeListener: the handler must be a function");
  return (request, response) => {
    serve(handler, request, response).catch(() => {
      // Only writing to a connection that has gone can fail here.
    });
  };
}

async function serve(handler: FetchHandler, incoming: NodeRequestLike, outgoing: NodeResponseLike): Promise<void> {
  const method = (incoming.method ?? "GET").toUpperCase();
  const aborter = new AbortController();
  // "close" also follows a normal end; only a connection lost first aborts.
  outgoing.once("close", () => {
    if (!outgoing.writableFinished) aborter.abort();
  });
  let finished = method === "GET" || method === "HEAD";
  let response: Response;
  try {
    const chunks = incoming[Symbol.asyncIterator]();
    const body = finished
      ? null
      : new ReadableStream<Uint8Array>({
          async pull(controller) {
            const next = await chunks.next();
            if (next.done === true) {
              finished = true;
              controller.close();
            } else controller.enqueue(toBytes(next.value));
          },
        });
    const init: RequestInit & { duplex?: "half" } = { method, headers: toHeaders(incoming), body, signal: aborter.signal };
    if (body !== null) init.duplex = "half";
    response = await handler(new Request(requestUrl(incoming), init));
  } catch {
    response = new Response(null, { status: 500 });
  }
  await send(response, outgoing, !finished);
}

async function send(response: Response, outgoing: NodeResponseLike, closeConnection: boolean): Promise<void> {
  outgoing.statusCode = response.status;
  const cookies = typeof response.headers.getSetCookie === "function" ? response.headers.getSetCookie() : [];
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie" || cookies.length === 0) outgoing.setHeader(name, value);
  });
  if (cookies.length > 0) outgoing.setHeader("set-cookie", cookies);
  if (closeConnection) outgoing.setHeader("connection", "close");
  if (response.body !== null) {
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done || outgoing.destroyed) break;
        if (!outgoing.write(value)) await drained(outgoing);
      }
    } finally {
      reader.cancel().catch(() => undefined);
    }
  }
  outgoing.end();
}

function drained(outgoing: NodeResponseLike): Promise<void> {
  return new Promise((resolve) => {
    outgoing.once("drain", resolve);
    outgoing.once("close", resolve);
  });
}

function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  return new TextEncoder().encode(String(chunk));
}

function toHeaders(incoming: NodeRequestLike): Headers {
  const headers = new Headers();
  const add = (name: string, value: string): void => {
    try {
      headers.append(name, value);
    } catch {
      // Node has already rejected what HTTP forbids; anything Headers still refuses is dropped.
    }
  };
  const raw = incoming.rawHeaders;
  if (raw !== undefined) {
    for (let i = 0; i + 1 < raw.length; i += 2) add(raw[i] ?? "", raw[i + 1] ?? "");
    return headers;
  }
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (typeof value === "string") add(name, value);
    else if (Array.isArray(value)) for (const item of value) add(name, item);
  }
  return headers;
}

function requestUrl(incoming: NodeRequestLike): string {
  const host = incoming.headers["host"];
  const path = incoming.url ?? "/";
  let url: URL;
  try {
    url = new URL(path, `http://${typeof host === "string" && host !== "" ? host : "localhost"}`);
  } catch {
    try {
      url = new URL(path.startsWith("/") ? path : "/", "http://localhost");
    } catch {
      url = new URL("http://localhost/");
    }
  }
  // A Request refuses a URL that carries credentials (a Host header of
  // `user:pw@host`); routing a webhook never needs them.
  url.username = "";
  url.password = "";
  return url.href;
}
