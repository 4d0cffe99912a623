/**
 * Regression tests for defects the fuzz properties found, one per defect,
 * each with the smallest input that showed it; every one is fixed. A new
 * defect gets a `test.fails` here until it is fixed, and the fuzz
 * properties may relax the one check it breaks meanwhile.
 */
import { describe, expect, test } from "vitest";
import { compile } from "../../src/compiler/compile";
import { lint } from "../../src/lint/lint";
import { EventValidationError, parseEntityEvent } from "../../src/matcher/event";
import { verifyWebhookSecret } from "../../src/matcher/secret";
import { createWebhookHandler } from "../../src/matcher/webhook";
import { parse } from "../../src/syntax/parser";

/** Conditions made by `condition(i)`, joined by `joiner`, as many as fit in `size` characters. */
function filterOf(size: number, condition: (i: number) => string, joiner: string): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; ; i++) {
    const next = condition(i);
    const added = (parts.length === 0 ? 0 : joiner.length) + next.length;
    if (length + added > size) break;
    parts.push(next);
    length += added;
  }
  return parts.join(joiner);
}

/** A value whose conversion to text throws, as a hostile getter or stream might throw it. */
const unprintable = {
  toString(): string {
    throw new Error("no text");
  },
};

const EVENT = '{"fez_id":"ftrack_entity_event_v1","entity":{"id":["1"],"entity_type":"Task","operation":"update"}}';

// Each of these inputs once cost time quadratic in its length (or, for the
// last, many times a valid filter's). Their growth with size is measured
// by the bench suite `scaling`, side by side at N, 2N, 4N and 8N; here
// each is checked for what it must give, and for a bound that is counted,
// never timed (vitest's timeout still stops a hang).
describe("bounded work on 64 KiB inputs", () => {
  // Was: FilterParser.expandTabs (src/syntax/grammar.ts) scans back to the start of the line for every
  // quoted value holding a tab, so a line of n such values costs O(n²). Input: `a="<TAB>" or ` repeated.
  test("parse: 64 KiB of quoted values holding tabs", () => {
    const source = filterOf(65_536, () => 'a="\t"', " or ");
    const ast = parse(source, { dialect: "event-hub" });
    expect(ast.kind).toBe("or");
    // Each tab stands for the spaces up to its 8-column stop, counted from the start of the line.
    const texts =
      ast.kind === "or"
        ? ast.operands.map((node) => (node.kind === "condition" && node.value.kind === "literal" ? node.value.text : ""))
        : [];
    expect(texts.length).toBe(source.split(" or ").length);
    expect(texts.every((text) => /^ {1,8}$/.test(text))).toBe(true);
  });

  // Was: every diagnostic computes its line and column by scanning the source from offset 0
  // (toDiagnosticSpan → lineColumn, src/lint/diagnostic.ts), O(diagnostics × length).
  // Input: `x0=* or x1=* or …`, an unknown-field error per condition.
  test("lint: 64 KiB filter with a diagnostic per condition", () => {
    const diagnostics = lint(filterOf(65_536, (i) => `x${i.toString(36)}=*`, " or "));
    // Capped: 50 listed, then one that counts the rest.
    expect(diagnostics.length).toBe(51);
    expect(diagnostics.at(-1)?.code).toBe("more-diagnostics");
  });

  // Was: the contradiction rule compares every pair of conditions on one field under an `and`
  // (findConflicts, src/lint/rules/contradiction.ts), O(k²). Input: `a=1 and a=1 and …` (event-hub: no other rule fires).
  test("lint: 64 KiB and of conditions on one field", () => {
    expect(
      lint(
        filterOf(65_536, () => "a=1", " and "),
        { dialect: "event-hub" },
      ),
    ).toEqual([]);
  });

  // Was: with recovery, Chevrotain reports an error for nearly every token of `or a or a …`, and
  // parseAll (src/syntax/parser.ts, run) turned every one into a FilterSyntaxError (each scanning for its
  // line) before it kept the first 50: thousands of errors for 64 KiB, each costly to raise.
  test("lint: 64 KiB of 'or a or a'", () => {
    const diagnostics = lint("or a ".repeat(13_107));
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.length).toBeLessThanOrEqual(50);
    expect(diagnostics.every((diagnostic) => diagnostic.code === "syntax")).toBe(true);
  });
});

describe("parseEntityEvent throws only EventValidationError", () => {
  // Was: `body instanceof Uint8Array` (src/matcher/event.ts, parseEntityEvent) runs outside the guard
  // around the shape checks; on a revoked proxy it throws a TypeError.
  test("parseEntityEvent: a revoked proxy as the body", () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(() => parseEntityEvent(proxy)).toThrow(EventValidationError);
  });

  // Was: the guard describes what a getter threw with String(error) (src/matcher/event.ts), which throws
  // for a value whose toString throws; that value escapes.
  test("parseEntityEvent: a getter throwing an unprintable value", () => {
    const body = {
      get fez_id(): never {
        throw unprintable;
      },
    };
    expect(() => parseEntityEvent(body)).toThrow(EventValidationError);
  });

  // Was: for bytes, TextDecoder drops a leading byte order mark and parseJson (src/matcher/event.ts) drops
  // another, so two BOMs are accepted as bytes but refused as text. One BOM is ignored, as documented.
  test("parseEntityEvent: two byte order marks, as text and as bytes", () => {
    const text = `\ufeff\ufeff${EVENT}`;
    const outcome = (body: unknown): string => {
      try {
        parseEntityEvent(body);
        return "accepted";
      } catch (error) {
        return error instanceof EventValidationError ? error.code : "other";
      }
    };
    expect(outcome(new TextEncoder().encode(text))).toBe(outcome(text));
  });
});

describe("the webhook handler always resolves to a response", () => {
  // Was: the handler describes a body stream's error with String(error) (src/matcher/webhook.ts), which
  // throws for an unprintable value, so the returned promise rejects instead of answering 400.
  test("webhook: a body stream failing with an unprintable value", async () => {
    const handler = createWebhookHandler({ secret: "s", routes: [] });
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(unprintable);
      },
    });
    const request = new Request("http://127.0.0.1/", {
      method: "POST",
      headers: { "ftrack-secret": "s" },
      body,
      duplex: "half",
    } as RequestInit);
    const response = await handler(request);
    expect(response.status).toBe(400);
  });

  // Was: createWebhookHandler accepts any non-empty `header` option; one that is not a valid header
  // name makes Headers.get throw on every request, so every call rejects. Expected: a TypeError when the
  // handler is built (or a response).
  test("webhook: an invalid header name option", async () => {
    let handler: ((request: Request) => Promise<Response>) | undefined;
    try {
      handler = createWebhookHandler({ secret: "s", header: "bad header", routes: [] });
    } catch (error) {
      expect(error).toBeInstanceOf(TypeError);
      return;
    }
    const response = await handler(new Request("http://127.0.0.1/", { method: "POST", body: EVENT }));
    expect(response.status).toBe(401);
  });

  // Was: secretEquals (src/matcher/secret.ts) compares UTF-8 bytes, and TextEncoder writes every lone
  // surrogate as U+FFFD, so distinct strings verify as equal.
  test("verifyWebhookSecret: a lone surrogate is not U+FFFD", () => {
    expect(verifyWebhookSecret({ "ftrack-secret": "\ud800" }, "\ufffd")).toBe(false);
  });
});

describe("no reads through a polluted Object.prototype", () => {
  // Was: parse (src/syntax/parser.ts) tests `result.errors[0] !== undefined`; on an empty array that reads
  // Object.prototype[0], so with it polluted every parse throws the polluted value.
  test("parse: a valid filter with Object.prototype[0] polluted", () => {
    Object.defineProperty(Object.prototype, "0", { value: "polluted", configurable: true, writable: true });
    try {
      expect(parse("a=1").kind).toBe("condition");
    } finally {
      delete (Object.prototype as Record<string, unknown>)["0"];
    }
  });

  // Was: option objects are read with inherited properties (checkOptions in src/compiler/validate.ts
  // copies into a plain object; parse destructures its options), so a polluted Object.prototype.strict or
  // .dialect changes what compile builds.
  test("compile: a polluted Object.prototype does not change its options", () => {
    Object.defineProperty(Object.prototype, "strict", { value: true, configurable: true, writable: true });
    try {
      expect(compile("a = 1").strict).toBe(false);
    } finally {
      delete (Object.prototype as Record<string, unknown>)["strict"];
    }
  });
});

describe("bounded work on events", () => {
  // Was: jsonEquals (src/compiler/compare.ts) walks structures as trees: two events whose values share
  // sub-objects (impossible after JSON.parse, easy in JavaScript) cost 2^depth. Here 2 × 20 distinct arrays
  // expand to 2^20 leaves a side; the reads are counted through getters. Depth 40 would run for hours.
  test("compare: field against field on structures that share sub-objects", () => {
    let reads = 0;
    const shared = (depth: number): unknown => {
      let node: unknown = "leaf";
      for (let i = 0; i < depth; i++) {
        const child = node;
        const pair: unknown[] = [];
        for (const index of [0, 1]) {
          Object.defineProperty(pair, index, {
            get: () => {
              reads++;
              return child;
            },
            enumerable: true,
          });
        }
        node = pair;
      }
      return node;
    };
    const filter = compile("entity.new.a = entity.old.a");
    const matched = filter({ entity: { new: { a: shared(20) }, old: { a: shared(20) } } });
    expect(typeof matched).toBe("boolean");
    expect(reads).toBeLessThan(1_000_000);
  });
});
