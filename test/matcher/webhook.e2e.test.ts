/**
 * End to end: a real `node:http` server on 127.0.0.1 runs the webhook
 * handler through `toNodeListener`, and real requests are POSTed with
 * `fetch`.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { EntityEvent } from "../../src/matcher/event";
import { toNodeListener } from "../../src/matcher/node-listener";
import { createWebhookHandler } from "../../src/matcher/webhook";
import { entityEvent, STATUS_IDS, seededIds } from "../../src/testing";
import taskUpdate from "../fixtures/events/task-update-status.json";

const ids = seededIds(7);

const SECRET = "webhook-secret-0123456789";
const body = JSON.stringify(taskUpdate);

let server: Server;
let endpoint: string;
const received: { route: string; event: EntityEvent }[] = [];
const errors: { route: string; message: string }[] = [];

beforeAll(async () => {
  const handler = createWebhookHandler({
    secret: SECRET,
    onError: (error, { routeId }) => void errors.push({ route: routeId, message: (error as Error).message }),
    routes: [
      {
        id: "task-status",
        filter: 'entity.entity_type = "Task" and entity.operation = "update" and entity.new.status_id != entity.old.status_id',
        handler: async (event) => {
          await new Promise((resolve) => setTimeout(resolve, 10));
          received.push({ route: "task-status", event });
        },
      },
      {
        id: "versions",
        filter: "entity.entity_type = AssetVersion",
        handler: (event) => void received.push({ route: "versions", event }),
      },
      {
        id: "broken",
        filter: 'entity.entity_type = "Task" and entity.new.name = "explode"',
        handler: () => {
          throw new Error("automation down");
        },
      },
      {
        id: "audit",
        filter: "entity.entity_type = Task",
        handler: (event) => void received.push({ route: "audit", event }),
      },
    ],
  });
  server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ftrack`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
});

function send(payload: BodyInit, headers: Record<string, string> = { "ftrack-secret": SECRET }, init: RequestInit = {}) {
  return fetch(endpoint, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: payload, ...init });
}

/** A synthetic Task update from the test kit, with `change` laid over its `entity` and `state` over `entity.new`. */
function withEntity(change: Record<string, unknown>, state: Record<string, string> = {}): string {
  const event = entityEvent({ entityType: "Task", new: state, ids });
  return JSON.stringify({ ...event, entity: { ...event.entity, ...change } });
}

describe("webhook over node:http", () => {
  test("a matching event reaches its handlers", async () => {
    received.length = 0;
    const response = await send(body);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ matched: ["task-status", "audit"] });
    expect(received.map((r) => r.route).sort()).toEqual(["audit", "task-status"]);
    expect(received[0]?.event).toEqual(taskUpdate);
  });

  test("an event no route wants gets 204", async () => {
    received.length = 0;
    const response = await send(withEntity({ entity_type: "Shot" }));
    expect(response.status).toBe(204);
    expect(received).toEqual([]);
  });

  test("bad secrets get 401", async () => {
    for (const headers of [{}, { "ftrack-secret": "wrong" }, { "ftrack-secret": `${SECRET}0` }, { "ftrack-secret": SECRET.slice(1) }]) {
      const response = await send(body, headers);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: "unauthorized" } });
    }
    expect((await send(body, { "FTRACK-SECRET": SECRET })).status).toBe(200);
  });

  test("bad JSON and wrong shapes get 400 with their problems", async () => {
    const bad = await send('{"fez_id": ');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid-json" } });
    const wrong = await send(withEntity({ id: "not-an-array", entity_type: 5 }));
    expect(wrong.status).toBe(400);
    const { error } = (await wrong.json()) as { error: { code: string; problems: { path: string }[] } };
    expect(error.code).toBe("invalid-event");
    expect(error.problems.map((p) => p.path)).toEqual(["$.entity.id", "$.entity.entity_type"]);
  });

  test("an oversized body gets 413, declared or streamed", async () => {
    const big = withEntity({}, { description: "x".repeat(1_048_576) });
    const declared = await send(big);
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ error: { code: "too-large" } });
    // A chunked body without Content-Length: the limit is counted as it streams.
    const chunk = new TextEncoder().encode(" ".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 1000) controller.close();
        else {
          sent++;
          controller.enqueue(chunk);
        }
      },
    });
    const streamed = await send(stream, undefined, { duplex: "half" } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(streamed.headers.get("connection")).toBe("close");
    // The server closed the connection rather than drain the rest (64 MB).
    expect(sent).toBeLessThan(1000);
  });

  test("a throwing handler gives 500, and the other handlers still run", async () => {
    received.length = 0;
    errors.length = 0;
    const response = await send(withEntity({}, { name: "explode", status_id: STATUS_IDS.Approved }));
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ matched: ["task-status", "broken", "audit"], failed: ["broken"] });
    expect(received.map((r) => r.route).sort()).toEqual(["audit", "task-status"]);
    expect(errors).toEqual([{ route: "broken", message: "automation down" }]);
  });

  test("other methods get 405", async () => {
    const response = await fetch(endpoint, { headers: { "ftrack-secret": SECRET } });
    expect(response.status).toBe(405);
  });

  test("the server keeps serving, also many requests at once", async () => {
    received.length = 0;
    const versions = withEntity({ entity_type: "AssetVersion" });
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => send(i % 2 === 0 ? body : versions)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const bodies = await Promise.all(responses.map((r) => r.json()));
    expect(bodies.filter((b) => JSON.stringify(b) === '{"matched":["versions"]}').length).toBe(10);
    expect(received.filter((r) => r.route === "versions").length).toBe(10);
    expect((await send(body)).status).toBe(200);
  });
});
