/**
 * Byte-level helpers for raw event bodies: the UTF-8 size of a string
 * without encoding it, strict UTF-8 decoding, and reading a body stream
 * with a byte limit that stops reading as soon as the limit is passed.
 * Web-standard APIs only (`TextDecoder`, `ReadableStream`).
 */

/**
 * Whether `text` takes more than `max` bytes in UTF-8. Counts without
 * encoding, stopping as soon as the count passes `max`; a lone surrogate
 * counts 3 bytes (the replacement character an encoder writes for it).
 */
export function byteLengthOver(text: string, max: number): boolean {
  const length = text.length;
  // Every UTF-16 code unit takes 1 to 3 bytes (a pair takes 4, 2 per unit).
  if (length > max) return true;
  if (length * 3 <= max) return false;
  let bytes = 0;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
    if (bytes > max) return true;
  }
  return false;
}

// The byte order mark is kept, so that text and bytes bodies are read alike
// (the JSON step drops one leading mark from either).
const strictDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** `bytes` decoded as UTF-8 (a byte order mark kept), or undefined when they are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** The result of {@link readLimited}. */
export type LimitedRead = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly reason: "too-large" };

/**
 * Reads `stream` to the end, unless it yields more than `max` bytes: then
 * it stops reading at once, cancels the stream and reports `too-large`.
 * Errors of the stream propagate. Memory: at most `max` bytes plus one chunk.
 */
export async function readLimited(stream: ReadableStream<Uint8Array> | null, max: number): Promise<LimitedRead> {
  if (stream === null) return { ok: true, bytes: new Uint8Array(0) };
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > max) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: "too-large" };
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  if (chunks.length === 1 && chunks[0] !== undefined) return { ok: true, bytes: chunks[0] };
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}

/**
 * A short description of a thrown value for an error message; never throws
 * itself (a value whose `message` getter or `toString` throws, or a revoked
 * proxy, is "an unprintable value").
 */
export function describeThrown(error: unknown): string {
  try {
    return error instanceof Error ? String(error.message) : String(error);
  } catch {
    return "an unprintable value";
  }
}
