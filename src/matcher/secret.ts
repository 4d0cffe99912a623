/**
 * The shared-secret check of ftrack webhooks: the receiver configures a
 * header (ftrack's examples use `ftrack-secret`) in the webhook's `headers`,
 * and accepts a request only when it carries the same value. The comparison
 * runs in constant time over the bytes of the expected secret, with no
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

const encoder = new TextEncoder();

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
 * Whether `provided` equals the secret whose UTF-8 bytes are `expected`.
 * The time taken depends on the length of `expected` and of `provided`,
 * never on their contents: every byte of `expected` is compared, without an
 * early exit.
 */
export function secretEquals(provided: string, expected: Uint8Array): boolean {
  const given = encoder.encode(provided);
  let diff = given.length === expected.length ? 0 : 1;
  for (let i = 0; i < expected.length; i++) {
    diff |= (expected[i] ?? 0) ^ (i < given.length ? (given[i] ?? 0) : 0);
  }
  return diff === 0;
}

/** The UTF-8 bytes of a secret, checked: a non-empty string. */
export function secretBytes(expected: unknown, caller: string): Uint8Array {
  if (typeof expected !== "string" || expected === "") throw new TypeError(`${caller}: the secret must be a non-empty string`);
  return encoder.encode(expected);
}

/**
 * Whether the request's secret header (default `ftrack-secret`, any case)
 * holds exactly `expected`. A missing header, an array value (the header
 * sent twice, in a Node record) or a header under two spellings fails.
 * Constant time in the secret's contents. Cost: one UTF-8 encoding of each
 * side; to check many requests, `createWebhookHandler` encodes the expected
 * secret once. Throws a TypeError when `expected` is not a non-empty string.
 */
export function verifyWebhookSecret(headers: HeadersInput, expected: string, options?: VerifySecretOptions): boolean {
  const bytes = secretBytes(expected, "verifyWebhookSecret");
  const name = options?.header ?? DEFAULT_SECRET_HEADER;
  if (typeof name !== "string" || name === "") throw new TypeError("verifyWebhookSecret: option header must be a non-empty string");
  if (typeof headers !== "object" || headers === null) return false;
  const provided = singleHeader(headers, name);
  return provided !== undefined && secretEquals(provided, bytes);
}
