/** parseEntityEvent: raw bodies and parsed values, every validation error with its path, and the size limit. */
import { describe, expect, test } from "vitest";
import { DEFAULT_MAX_EVENT_BYTES, type EventProblem, EventValidationError, parseEntityEvent } from "../../src/matcher/event";
import taskUpdate from "../fixtures/events/task-update-status.json";

const text = JSON.stringify(taskUpdate);

/** The error `parseEntityEvent` throws for `body`; fails the test when it returns. */
function failure(body: unknown, options?: { maxBytes?: number }): EventValidationError {
  try {
    parseEntityEvent(body, options);
  } catch (error) {
    expect(error).toBeInstanceOf(EventValidationError);
    return error as EventValidationError;
  }
  throw new Error("parseEntityEvent accepted the body");
}

/**
 * The real payload with `change` applied to a copy. The tests bend it into
 * every malformed shape at any depth, which `any` lets them write plainly.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above
type Loose = Record<string, any>;
function variant(change: (event: Loose) => void): Record<string, unknown> {
  const copy = structuredClone(taskUpdate) as Loose;
  change(copy);
  return copy;
}

const paths = (problems: readonly EventProblem[]) => problems.map((p) => p.path);

describe("valid events", () => {
  test("the real payload, as text, bytes, an ArrayBuffer and a parsed value", () => {
    const bytes = new TextEncoder().encode(text);
    for (const body of [text, bytes, bytes.buffer.slice(0), structuredClone(taskUpdate)]) {
      const event = parseEntityEvent(body);
      expect(event.entity.entity_type).toBe("Task");
      expect(event.entity.id).toEqual(["e767fa5f-bb3a-4bee-a479-401526da0809"]);
      expect(event.entity.new?.["status_id"]).toBe("44ddd0fe-4164-11df-9218-0019bb4983d8");
      expect(event.metadata?.resource_id).toBe("bcdf57b0-acc6-11e1-a554-f23c91df1211");
    }
  });

  test("a parsed value is returned as is", () => {
    const value = structuredClone(taskUpdate);
    expect(parseEntityEvent(value)).toBe(value);
  });

  test("extra fields are kept, at every level", () => {
    const event = parseEntityEvent(
      variant((e) => {
        e.extra = { a: [1, 2] };
        e.entity.parents = [{ id: "p" }];
        e.metadata.region = "eu";
      }),
    );
    expect(event["extra"]).toEqual({ a: [1, 2] });
    expect(event.entity["parents"]).toEqual([{ id: "p" }]);
    expect(event.metadata?.["region"]).toBe("eu");
  });

  test("a create without old, an event without metadata or id, other operations", () => {
    const create = variant((e) => {
      e.entity.operation = "create";
      delete e.entity.old;
      delete e.metadata;
      delete e.id;
    });
    expect(parseEntityEvent(create).entity.operation).toBe("create");
    expect(parseEntityEvent(variant((e) => (e.entity.old = {}))).entity.old).toEqual({});
    expect(parseEntityEvent(variant((e) => delete e.entity.new)).entity.new).toBeUndefined();
    expect(parseEntityEvent(variant((e) => (e.entity.operation = "merge"))).entity.operation).toBe("merge");
    expect(parseEntityEvent(variant((e) => (e.entity.id = ["a", "b"]))).entity.id).toEqual(["a", "b"]);
  });

  test("a byte order mark is ignored, in text and in bytes", () => {
    expect(parseEntityEvent(`\uFEFF${text}`).entity.entity_type).toBe("Task");
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    expect(parseEntityEvent(bytes).entity.entity_type).toBe("Task");
  });

  test("__proto__ keys stay own data and change no prototype", () => {
    const raw = text
      .replace('"entity":{', '"entity":{"__proto__":{"polluted":true},')
      .replace(/^\{/, '{"__proto__":{"fez_id":"inherited"},');
    const event = parseEntityEvent(raw);
    expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(event.entity)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(event, "__proto__")?.value).toEqual({ fez_id: "inherited" });
    expect(Object.getOwnPropertyDescriptor(event.entity, "__proto__")?.value).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    // An own __proto__ key does not stand in for a missing field.
    expect(paths(failure(raw.replace('"fez_id":"ftrack_entity_event_v1",', "")).problems)).toEqual(["$.fez_id"]);
  });
});

describe("invalid JSON", () => {
  test.for([
    ["empty text", ""],
    ["truncated", text.slice(0, -1)],
    ["trailing comma", '{"a":1,}'],
    ["not JSON at all", "fez_id=ftrack_entity_event_v1"],
    ["two byte order marks", `\uFEFF\uFEFF${text}`],
  ])("%s", ([, body]) => {
    const error = failure(body);
    expect(error.code).toBe("invalid-json");
    expect(paths(error.problems)).toEqual(["$"]);
  });

  test("bytes that are not UTF-8", () => {
    const bytes = new TextEncoder().encode(text);
    const broken = new Uint8Array([...bytes.slice(0, 20), 0xff, 0xfe, ...bytes.slice(20)]);
    const error = failure(broken);
    expect(error.code).toBe("invalid-json");
    expect(error.problems[0]?.message).toMatch(/UTF-8/);
    expect(failure(new Uint8Array([0x7b, 0xc3])).code).toBe("invalid-json");
  });

  test("deep nesting is an error or a shape problem, never another exception", () => {
    const deep = `${"[".repeat(200_000)}${"]".repeat(200_000)}`;
    const error = failure(deep, { maxBytes: Infinity });
    expect(["invalid-json", "invalid-event"]).toContain(error.code);
    const deepInEvent = text.replace('"bid":0', `"bid":${"[".repeat(100_000)}${"]".repeat(100_000)}`);
    const result = (() => {
      try {
        return parseEntityEvent(deepInEvent, { maxBytes: Infinity }).entity.entity_type;
      } catch (e) {
        return e instanceof EventValidationError ? e.code : "other";
      }
    })();
    expect(["Task", "invalid-json"]).toContain(result);
  });
});

describe("wrong shapes, each with its path", () => {
  test.for<[string, unknown, string[]]>([
    ["null", null, ["$"]],
    ["an array", [taskUpdate], ["$"]],
    ["a number", 42, ["$"]],
    ["a JSON string", JSON.stringify(text), ["$"]],
    ["no fez_id", variant((e) => delete e.fez_id), ["$.fez_id"]],
    ["another fez_id", variant((e) => (e.fez_id = "ftrack_entity_event_v2")), ["$.fez_id"]],
    ["a non-string id", variant((e) => (e.id = 7)), ["$.id"]],
    ["no entity", variant((e) => delete e.entity), ["$.entity"]],
    ["entity is an array", variant((e) => (e.entity = [])), ["$.entity"]],
    ["entity.id is a string", variant((e) => (e.entity.id = "e767fa5f")), ["$.entity.id"]],
    ["entity.id is empty", variant((e) => (e.entity.id = [])), ["$.entity.id"]],
    [
      "entity.id holds non-strings",
      variant((e) => (e.entity.id = ["a", 1, null, "b", {}])),
      ["$.entity.id[1]", "$.entity.id[2]", "$.entity.id[4]"],
    ],
    ["no entity_type", variant((e) => delete e.entity.entity_type), ["$.entity.entity_type"]],
    ["an empty entity_type", variant((e) => (e.entity.entity_type = "")), ["$.entity.entity_type"]],
    ["a numeric operation", variant((e) => (e.entity.operation = 1)), ["$.entity.operation"]],
    ["new is null", variant((e) => (e.entity.new = null)), ["$.entity.new"]],
    ["old is an array", variant((e) => (e.entity.old = [])), ["$.entity.old"]],
    ["old is a string", variant((e) => (e.entity.old = "{}")), ["$.entity.old"]],
    ["metadata is null", variant((e) => (e.metadata = null)), ["$.metadata"]],
    ["metadata without date", variant((e) => delete e.metadata.date), ["$.metadata.date"]],
    ["metadata with a numeric resource_id", variant((e) => (e.metadata.resource_id = 5)), ["$.metadata.resource_id"]],
    ["metadata with a null server_url", variant((e) => (e.metadata.server_url = null)), ["$.metadata.server_url"]],
    ["a non-string configuration_hash", variant((e) => (e.metadata.configuration_hash = false)), ["$.metadata.configuration_hash"]],
  ])("%s", ([, body, expected]) => {
    for (const input of [body, JSON.stringify(body)]) {
      const error = failure(input);
      expect(error.code).toBe("invalid-event");
      expect(paths(error.problems)).toEqual(expected);
      for (const problem of error.problems) expect(error.message).toContain(problem.path);
    }
  });

  test("every problem is listed, not just the first", () => {
    const error = failure({
      fez_id: "nope",
      entity: { id: [1], entity_type: "", operation: null, new: 3, old: [] },
      metadata: { date: 1 },
    });
    expect(paths(error.problems)).toEqual([
      "$.fez_id",
      "$.entity.id[0]",
      "$.entity.entity_type",
      "$.entity.operation",
      "$.entity.new",
      "$.entity.old",
      "$.metadata.date",
      "$.metadata.resource_id",
      "$.metadata.server_url",
    ]);
    expect(error.message).toMatch(/and 6 more/);
  });

  test("inherited fields do not count", () => {
    const event = Object.create(structuredClone(taskUpdate));
    expect(paths(failure(event).problems)).toEqual(["$.fez_id", "$.entity"]);
  });

  test("a value whose getters throw gives an EventValidationError", () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error("trap");
        },
        getOwnPropertyDescriptor() {
          throw new Error("trap");
        },
      },
    );
    const error = failure(hostile);
    expect(error.code).toBe("invalid-event");
    expect(error.problems[0]?.message).toMatch(/trap/);
    const getter = variant(() => undefined);
    Object.defineProperty(getter, "entity", {
      get() {
        throw new Error("boom");
      },
    });
    expect(failure(getter).problems).toEqual([{ path: "$", message: "the value could not be read: boom" }]);
  });
});

describe("the size limit", () => {
  test("defaults to 1 MiB", () => {
    expect(DEFAULT_MAX_EVENT_BYTES).toBe(1_048_576);
    const padding = (n: number) => text.replace('"bid":0', `"bid":0, "pad": "${"x".repeat(n)}"`);
    const base = new TextEncoder().encode(padding(0)).length;
    const atLimit = padding(DEFAULT_MAX_EVENT_BYTES - base);
    expect(new TextEncoder().encode(atLimit).length).toBe(DEFAULT_MAX_EVENT_BYTES);
    expect(parseEntityEvent(atLimit).entity.entity_type).toBe("Task");
    const over = padding(DEFAULT_MAX_EVENT_BYTES - base + 1);
    expect(failure(over).code).toBe("too-large");
    expect(failure(new TextEncoder().encode(over)).code).toBe("too-large");
  });

  test("strings are measured in UTF-8 bytes", () => {
    // "é" is 2 bytes, "€" 3, "😀" 4 (one surrogate pair); a lone surrogate counts 3.
    for (const [char, size] of [
      ["é", 2],
      ["€", 3],
      ["😀", 4],
      ["\uD800", 3],
    ] as const) {
      const body = text.replace('"name":"Taskname3"', `"name":"${char.repeat(100)}"`);
      const bytes = new TextEncoder().encode(body).length;
      expect(bytes).toBe(new TextEncoder().encode(text).length - "Taskname3".length + size * 100);
      expect(parseEntityEvent(body, { maxBytes: bytes }).entity.entity_type).toBe("Task");
      expect(failure(body, { maxBytes: bytes - 1 }).code).toBe("too-large");
    }
  });

  test("bytes are measured by length, before decoding", () => {
    const bytes = new TextEncoder().encode(text);
    expect(parseEntityEvent(bytes, { maxBytes: bytes.length }).entity.operation).toBe("update");
    expect(failure(bytes, { maxBytes: bytes.length - 1 }).code).toBe("too-large");
    // Over the limit wins over invalid UTF-8: the body is never decoded.
    expect(failure(new Uint8Array(11).fill(0xff), { maxBytes: 10 }).code).toBe("too-large");
    expect(failure(new Uint8Array(10).fill(0xff), { maxBytes: 10 }).code).toBe("invalid-json");
  });

  test("parsed values are not measured; Infinity disables the limit", () => {
    const big = variant((e) => (e.entity.new.description = "x".repeat(2_000_000)));
    expect(parseEntityEvent(big, { maxBytes: 10 }).entity.entity_type).toBe("Task");
    expect(parseEntityEvent(JSON.stringify(big), { maxBytes: Infinity }).entity.entity_type).toBe("Task");
    expect(failure(JSON.stringify(big)).code).toBe("too-large");
  });

  test("bad options are a TypeError", () => {
    expect(() => parseEntityEvent(text, { maxBytes: -1 })).toThrow(TypeError);
    expect(() => parseEntityEvent(text, { maxBytes: 1.5 })).toThrow(TypeError);
    expect(() => parseEntityEvent(text, { maxBites: 1 } as never)).toThrow(TypeError);
  });
});
