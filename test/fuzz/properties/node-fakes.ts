/**
 * Stand-ins for `http.IncomingMessage` and `http.ServerResponse` with just
 * what `toNodeListener` uses, so the webhook properties can run requests
 * through the Node adapter without opening sockets (the end-to-end test
 * with a real server lives in test/matcher).
 */
import type { NodeRequestLike, NodeResponseLike } from "../../../src/matcher/node-listener";

export interface NodeAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/** Sends one request through `listener` and collects the response (rejects after 10 s without one). */
export function nodeRoundTrip(
  listener: (request: NodeRequestLike, response: NodeResponseLike) => void,
  request: { readonly method: string; readonly pairs: readonly (readonly [string, string])[]; readonly chunks: readonly Uint8Array[] },
): Promise<NodeAnswer> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of request.pairs) {
    const key = name.toLowerCase();
    const before = headers[key];
    headers[key] = before === undefined ? value : Array.isArray(before) ? [...before, value] : [before, value];
  }
  const incoming: NodeRequestLike = {
    method: request.method,
    url: "/hook",
    headers: { host: "127.0.0.1:8080", ...headers },
    rawHeaders: ["Host", "127.0.0.1:8080", ...request.pairs.flat()],
    async *[Symbol.asyncIterator]() {
      for (const chunk of request.chunks) yield Buffer.from(chunk);
    },
  };
  return new Promise<NodeAnswer>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("toNodeListener sent no response within 10 s")), 10_000);
    const listeners = new Map<string, (() => void)[]>();
    const written: Uint8Array[] = [];
    const out = new Headers();
    const response = {
      statusCode: 200,
      destroyed: false,
      writableFinished: false,
      setHeader(name: string, value: string | string[]) {
        out.set(name, Array.isArray(value) ? value.join(", ") : value);
        return response;
      },
      write(chunk: Uint8Array) {
        written.push(chunk);
        return true;
      },
      end() {
        response.writableFinished = true;
        clearTimeout(timer);
        for (const listener of listeners.get("close") ?? []) listener();
        resolve({ status: response.statusCode, headers: out, text: Buffer.concat(written).toString("utf8") });
        return response;
      },
      once(event: "drain" | "close", listener: () => void) {
        listeners.set(event, [...(listeners.get(event) ?? []), listener]);
        return response;
      },
    };
    listener(incoming, response);
  });
}
