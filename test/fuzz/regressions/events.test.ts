/**
 * Bounds of event validation and of the webhook's answers, for the worst
 * inputs found: counted problems, bytes of the 400 body, items read from
 * sparse and huge arrays. Deterministic and untimed; the times themselves
 * are measured by the `scaling` bench suite.
 */
import { describe, expect, test } from "vitest";
import { EventValidationError, MAX_ENTITY_IDS, MAX_EVENT_PROBLEMS, parseEntityEvent } from "../../../src/matcher/event";
import { toNodeListener } from "../../../src/matcher/node-listener";
import { createWebhookHandler } from "../../../src/matcher/webhook";
import { nodeRoundTrip } from "../properties/node-fakes";

function rejection(body: unknown): EventValidationError {
  try {
    parseEntityEvent(body);
  } catch (error) {
    if (error instanceof EventValidationError) return error;
    throw error;
  }
  throw new Error("the event was accepted");
}

const withIds = (id: unknown): unknown => ({ fez_id: "ftrack_entity_event_v1", entity: { id, entity_type: "Task", operation: "update" } });

/** An array of `length` whose items are never read: each read is counted and throws. */
function countingArray(length: number, reads: { count: number }): unknown[] {
  return new Proxy(new Array<unknown>(length), {
    get(target, key, receiver) {
      if (key !== "length" && typeof key === "string" && /^\d+$/.test(key)) reads.count++;
      return Reflect.get(target, key, receiver) as unknown;
    },
    getOwnPropertyDescriptor(target, key) {
      if (typeof key === "string" && /^\d+$/.test(key)) reads.count++;
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  });
}

describe("parseEntityEvent lists a bounded number of problems", () => {
  test("an entity.id of MAX_ENTITY_IDS numbers: MAX_EVENT_PROBLEMS listed, the rest counted", () => {
    const error = rejection(withIds(new Array(MAX_ENTITY_IDS).fill(1)));
    expect(error.problems).toHaveLength(MAX_EVENT_PROBLEMS);
    expect(error.omitted).toBe(MAX_ENTITY_IDS - MAX_EVENT_PROBLEMS);
    expect(error.message).toContain(`(and ${MAX_ENTITY_IDS - 3} more)`);
    expect(error.message.length).toBeLessThan(300);
  });

  test("500,000 numbers in a 1 MiB body: one problem, found without reading the items", () => {
    const body = JSON.stringify(withIds(new Array(500_000).fill(1)));
    expect(body.length).toBeLessThanOrEqual(1_048_576);
    const error = rejection(body);
    expect(error.problems).toEqual([{ path: "$.entity.id", message: `expected at most ${MAX_ENTITY_IDS} ids, found an array of 500000` }]);
    expect(error.omitted).toBe(0);
  });

  test("a sparse entity.id of length 1e8 is rejected without reading an item", () => {
    const reads = { count: 0 };
    const error = rejection(withIds(countingArray(1e8, reads)));
    expect(error.problems.map((p) => p.path)).toEqual(["$.entity.id"]);
    expect(reads.count).toBe(0);
  });

  test("a sparse entity.id within the limit reads each index once", () => {
    const reads = { count: 0 };
    const error = rejection(withIds(countingArray(MAX_ENTITY_IDS, reads)));
    expect(error.problems).toHaveLength(MAX_EVENT_PROBLEMS);
    expect(error.omitted).toBe(MAX_ENTITY_IDS - MAX_EVENT_PROBLEMS);
    expect(reads.count).toBeLessThanOrEqual(MAX_ENTITY_IDS);
  });

  test("MAX_ENTITY_IDS strings are still an event", () => {
    const ids = Array.from({ length: MAX_ENTITY_IDS }, (_, i) => `id-${i}`);
    expect(parseEntityEvent(withIds(ids)).entity.id).toHaveLength(MAX_ENTITY_IDS);
  });

  test("an error built with more problems than the limit keeps the limit and counts the rest", () => {
    const problems = Array.from({ length: 250 }, (_, i) => ({ path: `$[${i}]`, message: "bad" }));
    const error = new EventValidationError("invalid-event", problems, 5);
    expect(error.problems).toHaveLength(MAX_EVENT_PROBLEMS);
    expect(error.omitted).toBe(155);
  });
});

describe("the webhook's 400 body stays small", () => {
  const handler = createWebhookHandler({
    secret: "s",
    routes: [{ id: "task", filter: "entity.entity_type = Task", handler: () => undefined }],
  });
  const post = (body: string): Promise<Response> =>
    handler(new Request("http://127.0.0.1/", { method: "POST", headers: { "ftrack-secret": "s" }, body }));

  test("1 MiB of numbers in entity.id", async () => {
    const response = await post(JSON.stringify(withIds(new Array(500_000).fill(1))));
    expect(response.status).toBe(400);
    expect((await response.arrayBuffer()).byteLength).toBeLessThan(1024);
  });

  test("every problem the shape checks can find at once", async () => {
    const body = {
      fez_id: "x".repeat(10_000),
      id: 1,
      entity: { id: new Array(MAX_ENTITY_IDS).fill(null), entity_type: 1, operation: 2, new: 3, old: 4 },
      metadata: { configuration_hash: 5 },
    };
    const response = await post(JSON.stringify(body));
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(text.length).toBeLessThan(10 * 1024);
    const { error } = JSON.parse(text) as { error: { problems: unknown[]; omitted: number } };
    expect(error.problems).toHaveLength(MAX_EVENT_PROBLEMS);
    expect(error.problems.length + error.omitted).toBe(MAX_ENTITY_IDS + 10);
  });
});

describe("a Host header that is not a URL authority never fails the request", () => {
  const EVENT = '{"fez_id":"ftrack_entity_event_v1","entity":{"id":["1"],"entity_type":"Task","operation":"update"}}';

  test.for(["user:pw@127.0.0.1", "user@127.0.0.1:8080", "[::1", "a b", "127.0.0.1:99999", "%"])("Host %s", async (host) => {
    const seen: string[] = [];
    const handler = createWebhookHandler({
      secret: "s",
      routes: [{ id: "task", filter: "entity.entity_type = Task", handler: (_event, { request }) => void seen.push(request.url) }],
    });
    const answer = await nodeRoundTrip(toNodeListener(handler), {
      method: "POST",
      pairs: [
        ["ftrack-secret", "s"],
        ["host", host],
      ],
      chunks: [new TextEncoder().encode(EVENT)],
    });
    expect(answer.status).toBe(200);
    expect(seen).toHaveLength(1);
    expect(seen[0]).not.toContain("pw");
  });
});
