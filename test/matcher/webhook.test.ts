/** verifyWebhookSecret and createWebhookHandler, called with web-standard Request objects. */
import { describe, expect, test, vi } from "vitest";
import { FilterSet } from "../../src/matcher/filter-set";
import { secretEquals, verifyWebhookSecret } from "../../src/matcher/secret";
import { createWebhookHandler, type WebhookRoute, type WebhookRouteHandler } from "../../src/matcher/webhook";
import { created } from "../../src/testing";
import taskUpdate from "../fixtures/events/task-update-status.json";

const SECRET = "s3cr3t-ünï";
const body = JSON.stringify(taskUpdate);

describe("verifyWebhookSecret", () => {
  test("right, wrong, missing, different length", () => {
    expect(verifyWebhookSecret({ "ftrack-secret": SECRET }, SECRET)).toBe(true);
    expect(verifyWebhookSecret({ "ftrack-secret": "s3cr3t-ünx" }, SECRET)).toBe(false);
    expect(verifyWebhookSecret({}, SECRET)).toBe(false);
    expect(verifyWebhookSecret({ "ftrack-secret": undefined }, SECRET)).toBe(false);
    expect(verifyWebhookSecret({ "ftrack-secret": "" }, SECRET)).toBe(false);
    expect(verifyWebhookSecret({ "ftrack-secret": SECRET.slice(0, -1) }, SECRET)).toBe(false);
    expect(verifyWebhookSecret({ "ftrack-secret": `${SECRET}x` }, SECRET)).toBe(false);
    expect(verifyWebhookSecret({ "ftrack-secret": `${SECRET}\u0000` }, SECRET)).toBe(false);
    expect(verifyWebhookSecret({ other: SECRET }, SECRET)).toBe(false);
  });

  test("Headers objects and Node records, header names in any case", () => {
    expect(verifyWebhookSecret(new Headers({ "FTRACK-Secret": "abc" }), "abc")).toBe(true);
    expect(verifyWebhookSecret(new Headers({ "ftrack-secret": "abd" }), "abc")).toBe(false);
    expect(verifyWebhookSecret(new Headers(), "abc")).toBe(false);
    expect(verifyWebhookSecret({ "Ftrack-Secret": "abc" }, "abc")).toBe(true);
    expect(verifyWebhookSecret({ "x-hook": "abc" }, "abc", { header: "X-Hook" })).toBe(true);
    expect(verifyWebhookSecret({ "ftrack-secret": "abc" }, "abc", { header: "x-hook" })).toBe(false);
  });

  test("an array value, a repeated header or two spellings fail", () => {
    expect(verifyWebhookSecret({ "ftrack-secret": ["abc"] }, "abc")).toBe(false);
    expect(verifyWebhookSecret({ "ftrack-secret": ["abc", "abc"] }, "abc")).toBe(false);
    expect(verifyWebhookSecret({ "ftrack-secret": "abc", "FTRACK-SECRET": "abc" }, "abc")).toBe(false);
    const repeated = new Headers();
    repeated.append("ftrack-secret", "abc");
    repeated.append("ftrack-secret", "abc");
    expect(verifyWebhookSecret(repeated, "abc")).toBe(false);
  });

  test("inherited record entries are not headers", () => {
    const record = Object.create({ "ftrack-secret": "abc" }) as Record<string, string>;
    expect(verifyWebhookSecret(record, "abc")).toBe(false);
  });

  test("an empty or non-string expected secret is a programming error", () => {
    expect(() => verifyWebhookSecret({ "ftrack-secret": "" }, "")).toThrow(TypeError);
    expect(() => verifyWebhookSecret({}, undefined as never)).toThrow(TypeError);
  });

  test("the comparison looks at every code unit and at the length", () => {
    const expected = "abcd";
    expect(secretEquals("abcd", expected)).toBe(true);
    for (const other of ["abce", "xbcd", "abc", "abcde", "", "abcd\u0000"]) expect(secretEquals(other, expected)).toBe(false);
    // Code units, not UTF-8 bytes: a lone surrogate is not the replacement character it would encode to.
    expect(secretEquals("\ud800", "\ufffd")).toBe(false);
    expect(secretEquals("\ud800", "\ud800")).toBe(true);
  });

  test("a header option that is not an HTTP header name is a programming error", () => {
    expect(() => verifyWebhookSecret({}, "s", { header: "bad header" })).toThrow(TypeError);
    expect(() => createWebhookHandler({ secret: "s", routes: [], header: "bad header" } as never)).toThrow(TypeError);
  });
});

const url = "https://hooks.example.com/ftrack";

function post(payload: BodyInit | null, headers: Record<string, string> = { "ftrack-secret": SECRET }): Request {
  return new Request(url, { method: "POST", headers, body: payload });
}

function streamOf(chunks: Uint8Array[], pulled: { count: number }): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      pulled.count++;
      const chunk = chunks[i++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(chunk);
    },
  });
}

function routes(calls: string[]): WebhookRoute[] {
  return [
    { id: "tasks", filter: 'entity.entity_type = "Task"', handler: () => void calls.push("tasks") },
    { id: "versions", filter: "entity.entity_type = AssetVersion", handler: () => void calls.push("versions") },
    {
      id: "status",
      filter: "entity.operation = update and entity.new.status_id != entity.old.status_id",
      handler: async (event, context) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        calls.push(`status:${event.entity.new?.["status_id"]}:${context.routeId}:${context.filter.source.length > 0}`);
      },
    },
  ];
}

describe("createWebhookHandler", () => {
  test("runs every matching route and answers 200 with their ids", async () => {
    const calls: string[] = [];
    const handle = createWebhookHandler({ secret: SECRET, routes: routes(calls) });
    const response = await handle(post(body));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ matched: ["tasks", "status"] });
    expect(calls.sort()).toEqual(["status:44ddd0fe-4164-11df-9218-0019bb4983d8:status:true", "tasks"]);
  });

  test("204 when nothing matches", async () => {
    const calls: string[] = [];
    const handle = createWebhookHandler({ secret: SECRET, routes: routes(calls) });
    const create = created("Shot");
    const response = await handle(post(JSON.stringify(create)));
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
    expect(calls).toEqual([]);
  });

  test("401 before the body is read", async () => {
    const handle = createWebhookHandler({ secret: SECRET, routes: routes([]) });
    for (const headers of [{}, { "ftrack-secret": "nope" }, { "ftrack-secret": `${SECRET}x` }]) {
      const pulled = { count: 0 };
      const request = new Request(url, {
        method: "POST",
        headers,
        body: streamOf([new TextEncoder().encode(body)], pulled),
        duplex: "half",
      } as RequestInit);
      const response = await handle(request);
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
      expect(pulled.count).toBeLessThanOrEqual(1);
    }
  });

  test("405 for other methods", async () => {
    const handle = createWebhookHandler({ secret: SECRET, routes: routes([]) });
    const response = await handle(new Request(url, { headers: { "ftrack-secret": SECRET } }));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  test("413 from Content-Length, and from counting a streamed body", async () => {
    const handle = createWebhookHandler({ secret: SECRET, routes: routes([]), maxBodyBytes: 100 });
    const declared = await handle(post("x".repeat(101)));
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ error: { code: "too-large", problems: [{ path: "$" }] } });
    // No Content-Length (a stream): reading stops at the chunk that passes the limit.
    const pulled = { count: 0 };
    const chunks = Array.from({ length: 50 }, () => new Uint8Array(30).fill(0x20));
    const streamed = new Request(url, {
      method: "POST",
      headers: { "ftrack-secret": SECRET },
      body: streamOf(chunks, pulled),
      duplex: "half",
    } as RequestInit);
    expect(streamed.headers.get("content-length")).toBeNull();
    expect((await handle(streamed)).status).toBe(413);
    expect(pulled.count).toBeLessThanOrEqual(6);
  });

  test("a Content-Length that lies is caught while streaming", async () => {
    const handle = createWebhookHandler({ secret: SECRET, routes: routes([]), maxBodyBytes: 100 });
    const pulled = { count: 0 };
    const lying = new Request(url, {
      method: "POST",
      headers: { "ftrack-secret": SECRET, "content-length": "10" },
      body: streamOf([new Uint8Array(60).fill(0x20), new Uint8Array(60).fill(0x20)], pulled),
      duplex: "half",
    } as RequestInit);
    expect((await handle(lying)).status).toBe(413);
    const exact = createWebhookHandler({ secret: SECRET, routes: routes([]), maxBodyBytes: new TextEncoder().encode(body).length });
    expect((await exact(post(body))).status).toBe(200);
  });

  test("400 with the problems for bad JSON and wrong shapes", async () => {
    const handle = createWebhookHandler({ secret: SECRET, routes: routes([]) });
    const bad = await handle(post("{not json"));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid-json", problems: [{ path: "$" }] } });
    const empty = await handle(post(null));
    expect(empty.status).toBe(400);
    const wrong = await handle(post(JSON.stringify({ ...taskUpdate, fez_id: "x", entity: { ...taskUpdate.entity, id: "x" } })));
    expect(wrong.status).toBe(400);
    const { error } = (await wrong.json()) as { error: { code: string; problems: { path: string }[] } };
    expect(error.code).toBe("invalid-event");
    expect(error.problems.map((p) => p.path)).toEqual(["$.fez_id", "$.entity.id"]);
    const invalidUtf8 = await handle(post(new Uint8Array([0x7b, 0xff, 0x7d])));
    expect(invalidUtf8.status).toBe(400);
  });

  test("a failing handler gives 500; the others still run and onError hears of each failure", async () => {
    const calls: string[] = [];
    const onError = vi.fn();
    const failing = new Error("down");
    const handle = createWebhookHandler({
      secret: SECRET,
      onError,
      routes: [
        {
          id: "sync-throw",
          filter: "entity.entity_type = Task",
          handler: () => {
            throw failing;
          },
        },
        { id: "ok", filter: "entity.entity_type = Task", handler: async () => void calls.push("ok") },
        { id: "reject", filter: "entity.operation = update", handler: () => Promise.reject(new Error("later")) },
        { id: "ok2", filter: "entity.operation = update", handler: () => void calls.push("ok2") },
      ],
    });
    const response = await handle(post(body));
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      error: { code: "handler-failed", message: "2 of 4 handlers failed" },
      matched: ["sync-throw", "ok", "reject", "ok2"],
      failed: ["sync-throw", "reject"],
    });
    expect(calls).toEqual(["ok", "ok2"]);
    expect(onError).toHaveBeenCalledTimes(2);
    expect(onError.mock.calls[0]?.[0]).toBe(failing);
    expect(onError.mock.calls[0]?.[1]).toMatchObject({ routeId: "sync-throw", event: { fez_id: "ftrack_entity_event_v1" } });
    expect(onError.mock.calls[1]?.[1]).toMatchObject({ routeId: "reject" });
  });

  test("an onError that throws changes nothing", async () => {
    const handle = createWebhookHandler({
      secret: SECRET,
      onError: () => {
        throw new Error("reporter down");
      },
      routes: [{ id: "x", filter: "entity.entity_type = Task", handler: () => Promise.reject(new Error("no")) }],
    });
    expect((await handle(post(body))).status).toBe(500);
  });

  test("a FilterSet of handlers is used live", async () => {
    const set = new FilterSet<WebhookRouteHandler>();
    const handle = createWebhookHandler({ secret: SECRET, filterSet: set });
    expect((await handle(post(body))).status).toBe(204);
    const seen: string[] = [];
    set.add("late", "entity.entity_type = Task", (event) => void seen.push(event.entity.entity_type));
    const response = await handle(post(body));
    expect(await response.json()).toEqual({ matched: ["late"] });
    expect(seen).toEqual(["Task"]);
  });

  test("bad options are a TypeError or a FilterSyntaxError", () => {
    expect(() => createWebhookHandler({ secret: "", routes: [] })).toThrow(TypeError);
    expect(() => createWebhookHandler({ secret: "x", routes: [], maxBodyBytes: -1 })).toThrow(TypeError);
    expect(() => createWebhookHandler({ secret: "x" } as never)).toThrow(TypeError);
    expect(() => createWebhookHandler({ secret: "x", routes: [], filterSet: new FilterSet() } as never)).toThrow(TypeError);
    const route = { id: "a", filter: "entity.entity_type = Task", handler: () => undefined };
    expect(() => createWebhookHandler({ secret: "x", routes: [route, route] })).toThrow(/duplicate/);
    expect(() => createWebhookHandler({ secret: "x", routes: [{ ...route, filter: "entity.entity_type =" }] })).toThrow(/./);
  });
});
