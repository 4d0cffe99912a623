/**
 * The shared-secret check of ftrack webhooks: the receiver configures a
 * header (ftrack's examples use `ftrack-secret`) in the webhook's `headers`,
 * and accepts a request only when it carries the same value. The comparison
 * runs in constant time over the code units of the expected secret, with no
 * dependency on `node:crypto`, so it works on every runtime (Workers
 * included).
 */

/** The header ftrack's webhook examples carry the secret in. */
export const DEFAULT_SECRET_HEADER = "ftrack-secret";

/** A web-standard `Headers` object, or a Node-style headers record (`IncomingMessage.headers`). */
export type HeadersInput = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** Options of {@link verifyWebhookSecret}. */
export interface VerifySecretOptions {
  /** The header to read, matched case-insensitively (default `ftrack-secret`). */
  readonly header?: string;
}

// A header name as HTTP defines it (a "token"); anything else makes Headers throw.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Checks a header-name option: a TypeError unless it is a valid HTTP header name. */
export function checkHeaderName(name: unknown, caller: string): string {
  if (typeof name !== "string" || !HEADER_NAME.test(name)) {
    throw new TypeError(`${caller}: option header must be a valid HTTP header name`);
  }
  return name;
}

/**
 * The single value of header `name` (case-insensitive), or undefined when
 * the header is missing, holds an array (a repeated header in a Node
 * record), or appears under several spellings of its name.
 */
export function singleHeader(headers: HeadersInput, name: string): string | undefined {
  if (typeof (headers as Headers).get === "function") {
    return (headers as Headers).get(name) ?? undefined;
  }
  const wanted = name.toLowerCase();
  let found: string | undefined;
  let count = 0;
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    const value = (headers as Readonly<Record<string, unknown>>)[key];
    if (value === undefined) continue;
    count++;
    found = typeof value === "string" ? value : undefined;
  }
  return count === 1 ? found : undefined;
}

/**
 * Whether `provided` equals the secret `expected`, code unit by code unit
 * (so a lone surrogate equals only itself). The time taken depends on the
 * lengths of the two, never on their contents: every code unit of
 * `expected` is compared, without an early exit.
 */
export function secretEquals(provided: string, expected: string): boolean {
  let diff = provided.length === expected.length ? 0 : 1;
  for (let i = 0; i < expected.length; i++) {
    diff |= expected.charCodeAt(i) ^ (i < provided.length ? provided.charCodeAt(i) : 0);
  }
  return diff === 0;
}

/** A secret option, checked: a non-empty string. */
export function checkSecret(expected: unknown, caller: string): string {
  if (typeof expected !== "string" || expected === "") throw new TypeError(`${caller}: the secret must be a non-empty string`);
  return expected;
}

/**
 * Whether the request's secret header (default `ftrack-secret`, any case)
 * holds exactly `expected`. A missing header, an array value (the header
 * sent twice, in a Node record) or a header under two spellings fails.
 * Constant time in the secret's contents. Cost: one pass over the
 * secret. Throws a TypeError when `expected` is not a non-empty string.
 */
export function verifyWebhookSecret(headers: HeadersInput, expected: string, options?: VerifySecretOptions): boolean {
  const secret = checkSecret(expected, "verifyWebhookSecret");
  const name = checkHeaderName(options?.header ?? DEFAULT_SECRET_HEADER, "verifyWebhookSecret");
  if (typeof headers !== "object" || headers === null) return false;
  const provided = singleHeader(headers, name);
  return provided !== undefined && secretEquals(provided, secret);
}
