/** compile(): the evaluation rules through both backends, on ordinary and hostile events. */
import { describe, expect, test } from "vitest";
import { type CompiledFilter, compile } from "../../src/compiler/compile";
import { FilterEvaluationError } from "../../src/compiler/errors";
import { parse } from "../../src/syntax/parser";
import taskUpdate from "../fixtures/events/task-update-status.json";
import { and, BACKENDS, cond, not, or, ref } from "./builders";

/** The evaluation error a strict filter throws for `event`, or undefined when it returns. */
function errorOf(filter: CompiledFilter, event: unknown): FilterEvaluationError | undefined {
  try {
    filter(event);
  } catch (error) {
    if (error instanceof FilterEvaluationError) return error;
    throw error;
  }
  return undefined;
}

const entity = (fields: Record<string, unknown>): unknown => ({ entity: fields });

describe.each(BACKENDS)("%s backend", (backend) => {
  const lenient = (source: string, dialect: "trigger" | "event-hub" = "trigger") => compile(source, { backend, dialect });
  const strict = (source: string, dialect: "trigger" | "event-hub" = "trigger") => compile(source, { backend, dialect, strict: true });

  test("uses the backend asked for", () => {
    expect(lenient("a=b").backend).toBe(backend);
  });

  test("ftrack's published trigger filters", () => {
    const statusChanged = lenient(
      'entity.entity_type = "Task" and entity.operation = "update" and entity.new.status_id != entity.old.status_id',
    );
    expect(statusChanged(taskUpdate)).toBe(true);
    const same = structuredClone(taskUpdate);
    same.entity.old.status_id = same.entity.new.status_id;
    expect(statusChanged(same)).toBe(false);
    expect(lenient("entity.entity_type = AssetVersion")(taskUpdate)).toBe(false);
    expect(lenient('entity.entity_type = "Task" and entity.operation = "create"')(taskUpdate)).toBe(false);
  });

  test("rules 1-2: paths read own properties of objects only; missing is false, even for !=", () => {
    expect(lenient("entity.id.0 = e767fa5f-bb3a-4bee-a479-401526da0809")(taskUpdate)).toBe(false);
    expect(lenient("entity.id.0 != x")(taskUpdate)).toBe(false);
    expect(lenient("entity.nothing != x")(taskUpdate)).toBe(false);
    expect(lenient("not entity.nothing = x")(taskUpdate)).toBe(true);
    expect(lenient("a..b = x")({ a: { "": { b: "x" } } })).toBe(true);
  });

  test("rules 3-4: literals are text and only an identical string equals them", () => {
    expect(lenient("entity.new.bid = 0")(taskUpdate)).toBe(false);
    expect(lenient("entity.new.bid != 0")(taskUpdate)).toBe(true);
    expect(lenient("entity.new.start_date = null")(taskUpdate)).toBe(false);
    expect(lenient("entity.new.start_date != null")(taskUpdate)).toBe(true);
    expect(lenient("x = true")({ x: true })).toBe(false);
    expect(lenient("x = None")({ x: "None" })).toBe(true);
    expect(lenient('entity.id = "e767fa5f-bb3a-4bee-a479-401526da0809"')(taskUpdate)).toBe(false);
  });

  test("rule 5: wildcards", () => {
    expect(lenient("topic=ftrack.*", "event-hub")({ topic: "ftrack.update" })).toBe(true);
    expect(lenient("topic=*update", "event-hub")({ topic: "ftrack.update" })).toBe(false); // a leading * is ordinary
    expect(lenient("entity.id = e767fa5f-bb3a-4bee-a479-401526da0809*")(taskUpdate)).toBe(true);
    expect(lenient("entity.new = status_id*")(taskUpdate)).toBe(true);
    expect(lenient("entity.new.name != Task*")(taskUpdate)).toBe(true);
    expect(errorOf(strict("entity.new.bid = 0*"), taskUpdate)?.code).toBe("wildcard-on-scalar");
    expect(lenient("entity.new.bid = 0*")(taskUpdate)).toBe(false);
  });

  test("rule 6: = with the empty literal fails once the field resolves", () => {
    expect(errorOf(strict('entity.new.description = ""'), taskUpdate)?.code).toBe("empty-literal");
    expect(errorOf(strict("entity.new.description = ''"), taskUpdate)?.code).toBe("empty-literal");
    expect(strict('entity.new.nothing = ""')(taskUpdate)).toBe(false);
    expect(strict('entity.new.description != ""')(taskUpdate)).toBe(false);
    expect(strict('entity.new.name != ""')(taskUpdate)).toBe(true);
  });

  test("rule 7: ordering against a literal", () => {
    expect(lenient('metadata.date >= "2024-06-01"')(taskUpdate)).toBe(true);
    expect(lenient('metadata.date < "2024-06-01"')(taskUpdate)).toBe(false);
    expect(lenient("x < 9")({ x: "10" })).toBe(true);
    expect(lenient('x > "\uE000"')({ x: "\u{1F600}" })).toBe(true);
    expect(errorOf(strict("entity.new.bid > 5"), taskUpdate)?.code).toBe("ordering-on-non-string");
    expect(errorOf(strict("entity.new.end_date <= 5"), taskUpdate)?.code).toBe("ordering-on-non-string");
  });

  test("rule 8: field against field", () => {
    expect(lenient("entity.a = entity.b")(entity({ a: true, b: 1 }))).toBe(true);
    expect(lenient("entity.a = entity.b")(entity({ a: null, b: null }))).toBe(true);
    expect(lenient("entity.a != entity.b")(entity({ a: [1, { x: "y" }], b: [1, { x: "y" }] }))).toBe(false);
    expect(lenient("entity.a != entity.b")(entity({ a: "1", b: 1 }))).toBe(true);
    expect(lenient("entity.a != entity.b")(entity({ a: "1" }))).toBe(false);
    expect(lenient("entity.a < entity.b")(entity({ a: [1, 2], b: [1, 2, 0] }))).toBe(true);
    expect(lenient("entity.a >= entity.b")(entity({ a: false, b: 0 }))).toBe(true);
    expect(lenient("entity.a = entity.b*")(entity({ a: "x", b: "x" }))).toBe(false); // a reference is never a wildcard
    expect(errorOf(strict("entity.a < entity.b"), entity({ a: "1", b: 1 }))?.code).toBe("ordering-type-mismatch");
    expect(errorOf(strict("entity.a <= entity.b"), entity({ a: null, b: null }))?.code).toBe("ordering-type-mismatch");
    // In the event-hub dialect the same text is a literal.
    expect(lenient("data.a = entity.b", "event-hub")({ data: { a: "entity.b" } })).toBe(true);
  });

  test("rule 9: an error in any operand aborts, even when others decide", () => {
    const filter = 'entity.entity_type = "Task" or entity.new.bid > 5';
    expect(lenient(filter)(taskUpdate)).toBe(false);
    const error = errorOf(strict(filter), taskUpdate);
    expect(error?.code).toBe("ordering-on-non-string");
    expect(error?.span).toEqual({ start: 31, end: 49 });
    expect(error?.field).toBe("entity.new.bid");
    expect(error?.operator).toBe(">");
    expect(error?.left).toBe(0);
    expect(error?.right).toBe("5");
    expect(lenient('entity.entity_type = "Shot" and entity.new.bid = x*')(taskUpdate)).toBe(false);
    expect(errorOf(strict('entity.entity_type = "Shot" and not entity.new.bid = x*'), taskUpdate)?.code).toBe("wildcard-on-scalar");
  });

  test("the first error in source order is reported", () => {
    const filter = strict("(a = x or (b < 1 and c = y*)) and d = ''");
    const event = { b: 1, c: 2, d: "z" };
    expect(errorOf(filter, event)?.code).toBe("ordering-on-non-string");
    expect(errorOf(filter, { c: 2, d: "z" })?.code).toBe("wildcard-on-scalar");
    expect(errorOf(filter, { d: "z" })?.code).toBe("empty-literal");
    expect(filter({})).toBe(false);
  });

  test("a throwing read is reported in source order with the original as cause", () => {
    const boom = new Error("getter failed");
    const event = {
      a: 1,
      get b(): never {
        throw boom;
      },
    };
    const first = errorOf(strict("b = x or a < 1"), event);
    expect(first?.code).toBe("read-error");
    expect(first?.field).toBe("b");
    expect(first?.cause).toBe(boom);
    expect(first?.left).toBeUndefined();
    expect(errorOf(strict("a < 1 or b = x"), event)?.code).toBe("ordering-on-non-string");
    // Strict filters read every operand in source order, as ftrack's engine does.
    expect(errorOf(strict("a = 1 or b = x"), event)?.code).toBe("read-error");
    expect(errorOf(strict("a != 2 or b = x"), event)?.code).toBe("read-error");
    // A throwing read that the answer needs means no match.
    expect(lenient("a = 2 or b = x")(event)).toBe(false);
    expect(lenient("a != 2 and b = x")(event)).toBe(false);
    // Reading JSON cannot fail, so whether a non-strict filter still makes a read
    // that short-circuiting makes unnecessary is unspecified (here `a != 2`
    // decides); it answers with a boolean either way and never throws.
    expect(typeof lenient("a != 2 or b = x")(event)).toBe("boolean");
  });

  test("events of any shape: non-objects, frozen, cyclic, proxies", () => {
    const filter = lenient("entity.x = y");
    const strictFilter = strict("entity.x = y");
    for (const event of [null, undefined, "entity", 42, true, [], [{ entity: { x: "y" } }], Symbol("e"), () => 1]) {
      expect(filter(event)).toBe(false);
      expect(strictFilter(event)).toBe(false);
    }
    expect(filter(Object.freeze({ entity: Object.freeze({ x: "y" }) }))).toBe(true);
    const cyclic: Record<string, unknown> = { x: "y" };
    cyclic["entity"] = cyclic;
    expect(filter(cyclic)).toBe(true);
    expect(lenient("entity.entity.entity.x = y")(cyclic)).toBe(true);
    expect(lenient("entity = entity*")(cyclic)).toBe(true);
    const loop = (): Record<string, unknown> => {
      const node: Record<string, unknown> = {};
      node["next"] = node;
      return node;
    };
    expect(errorOf(strict("entity.a = entity.b"), { entity: { a: loop(), b: loop() } })?.code).toBe("too-deep");
    expect(lenient("entity.a = entity.b")({ entity: { a: cyclic, b: { ...cyclic } } })).toBe(true); // identical parts are equal
  });

  test("proxies: plain proxies read like objects; throwing traps and revoked proxies never match", () => {
    expect(lenient("entity.x = y")(new Proxy({ entity: new Proxy({ x: "y" }, {}) }, {}))).toBe(true);
    const traps = ["get", "has", "getPrototypeOf", "getOwnPropertyDescriptor"] as const;
    for (const trap of traps) {
      // A target without Object.prototype takes the own-property test, which asks getOwnPropertyDescriptor.
      const target = Object.assign(Object.create(null) as object, { entity: { x: "y" } });
      const hostile = new Proxy(target, {
        [trap]: () => {
          throw new Error(trap);
        },
      });
      expect(lenient("entity.x = y")(hostile), trap).toBe(false);
      expect(errorOf(strict("entity.x = y"), hostile)?.code).toBe("read-error");
      expect(lenient("entity.x = y")(new Proxy(target, {})), trap).toBe(true);
    }
    const { proxy, revoke } = Proxy.revocable({ x: "y" }, {});
    revoke();
    expect(lenient("entity.x = y")({ entity: proxy })).toBe(false);
    expect(errorOf(strict("entity.x = y"), { entity: proxy })?.code).toBe("read-error");
    // Comparing structures reads them too.
    const opaque = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error("trap");
        },
      },
    );
    const pair = { entity: { a: [opaque], b: [{}] } };
    expect(lenient("entity.a = entity.b")(pair)).toBe(false);
    expect(errorOf(strict("entity.a != entity.b"), pair)?.code).toBe("read-error");
    expect(lenient("entity.a != entity.b")({ entity: { a: [opaque], b: [{}, 1] } })).toBe(true); // lengths differ first
  });

  test("a proxy thrown by a getter is still reported", () => {
    const thrown = new Proxy(
      {},
      {
        getPrototypeOf: () => {
          throw new Error("nope");
        },
      },
    );
    const event = {
      get x(): never {
        throw thrown;
      },
    };
    expect(lenient("x = y")(event)).toBe(false);
    const error = errorOf(strict("x = y"), event);
    expect(error?.code).toBe("read-error");
    expect(error?.cause).toBe(thrown);
  });

  test("prototype pollution and inherited names never resolve", () => {
    const proto = Object.prototype as Record<string, unknown>;
    try {
      proto["polluted"] = "x";
      expect(lenient("polluted = x")({})).toBe(false);
      expect(lenient("entity.polluted = x")(taskUpdate)).toBe(false);
      expect(lenient("entity.polluted = x*")(taskUpdate)).toBe(false);
      expect(lenient("entity.new = polluted*")(taskUpdate)).toBe(false);
      expect(lenient("polluted = x")({ polluted: "x" })).toBe(true);
    } finally {
      delete proto["polluted"];
    }
    expect(lenient("entity.constructor != x")(taskUpdate)).toBe(false);
    expect(lenient("entity.__proto__ != x")(taskUpdate)).toBe(false);
    expect(lenient("entity.new.toString != x")(taskUpdate)).toBe(false);
    expect(lenient("entity.new.hasOwnProperty != x")(taskUpdate)).toBe(false);
    expect(lenient("entity.__proto__.x = y")(JSON.parse('{"entity": {"__proto__": {"x": "y"}}}'))).toBe(true);
    expect(lenient("entity.constructor = y")(JSON.parse('{"entity": {"constructor": "y"}}'))).toBe(true);
  });

  test("a prototype polluted after the filter has run hot still never resolves", () => {
    const filter = lenient('entity.entity_type = "Task" and entity.new.polluted != entity.old.polluted');
    const event = JSON.parse('{"entity": {"entity_type": "Task", "new": {"polluted": "a"}, "old": {}}}');
    const bare = JSON.parse('{"entity": {"entity_type": "Task", "new": {}, "old": {}}}');
    for (let i = 0; i < 20_000; i++) filter(i % 2 === 0 ? event : bare);
    const proto = Object.prototype as Record<string, unknown>;
    try {
      proto["polluted"] = "b";
      expect(filter(event)).toBe(false); // entity.old.polluted is missing, not "b"
      expect(filter(bare)).toBe(false);
      expect(filter(JSON.parse('{"entity": {"entity_type": "Task", "new": {"polluted": "a"}, "old": {"polluted": "c"}}}'))).toBe(true);
    } finally {
      delete proto["polluted"];
    }
    expect(filter(event)).toBe(false);
  });

  test("a path through null, a primitive or a function is missing, also after the filter has run hot", () => {
    const filter = lenient("not entity.name.x = 1 and entity.type != entity.new.type");
    const plain = { entity: { name: { x: "2" }, type: "a", new: { type: "b" } } };
    for (let i = 0; i < 20_000; i++) expect(filter(plain)).toBe(true);
    // The first condition is false where entity.name holds no x, so its negation is true.
    for (const name of ["text", 7, true, null, 10n, Symbol("s"), () => 1, [1]]) {
      expect(filter({ entity: { name, type: "a", new: { type: "b" } } }), String(name)).toBe(true);
    }
    // The second condition is false where entity.new is not an object holding a type.
    for (const next of ["text", 7, null, undefined, { type: "a" }]) {
      expect(filter({ entity: { name: {}, type: "a", new: next } }), String(next)).toBe(false);
    }
    for (const event of [null, undefined, "text", 1, () => 1]) expect(lenient("not x = 1")(event), String(event)).toBe(true);
  });

  test("a value read again in one call is judged afresh (a getter may return another object each time)", () => {
    const filter = lenient("(z = 1 or a.q = 1) and not a.b = 1 and a.c = 1");
    const event = () => {
      const reads = [{ q: "1" }, Object.create({ c: "1" })];
      return {
        get a(): unknown {
          return reads.shift();
        },
      };
    };
    // The second object holds c only through its prototype: missing.
    for (let i = 0; i < 2_000; i++) expect(filter(event())).toBe(false);
  });

  test("a function holds no fields, not even its own name and length, also after the filter has run hot", () => {
    function handler(): void {}
    const filter = lenient("entity.name = handler or entity.length = 0 or entity.fn.name = handler or entity.fn.length = 0");
    for (let i = 0; i < 20_000; i++) expect(filter({ entity: { name: "other", fn: {} } })).toBe(false);
    expect(filter({ entity: handler })).toBe(false);
    expect(filter({ entity: { fn: handler } })).toBe(false);
    expect(filter({ entity: { name: "handler" } })).toBe(true);
  });

  test("hand-built trees: empty and/or behave as Python's All() and Any()", () => {
    const all = compile(and(), { backend });
    const any = compile(or(), { backend });
    expect(all({})).toBe(true);
    expect(any({})).toBe(false);
    expect(compile(not(or()), { backend })({})).toBe(true);
    expect(compile(and(cond("a", "=", "x")), { backend })({ a: "x" })).toBe(true);
  });

  test("deep trees compile up to the limit", () => {
    let deep: ReturnType<typeof not> = cond("a", "=", "x");
    for (let i = 0; i < 1000; i++) deep = not(deep);
    expect(compile(deep, { backend })({ a: "x" })).toBe(true);
    expect(() => compile(not(deep), { backend })).toThrow(TypeError);
  });
});

describe("compile: inputs and options", () => {
  test("carries source, ast, dialect, strictness and backend, and is frozen", () => {
    const filter = compile("  topic=ftrack.*  ", { dialect: "event-hub", strict: true });
    expect(filter.source).toBe("  topic=ftrack.*  ");
    expect(filter.ast).toEqual(parse("topic=ftrack.*", { dialect: "event-hub" }).kind === "condition" ? filter.ast : null);
    expect(filter.dialect).toBe("event-hub");
    expect(filter.strict).toBe(true);
    // Closures first, generated code once called often.
    expect(filter.backend).toBe("closure");
    for (let i = 0; i < 1000; i++) filter({ topic: "ftrack.update" });
    expect(filter.backend).toBe("codegen");
    expect(Object.isFrozen(filter)).toBe(true);
    expect(compile("a=b").dialect).toBe("trigger");
    expect(compile("a=b").strict).toBe(false);
  });

  test("an AST compiles to the same predicate, with its canonical text as source", () => {
    const ast = parse("entity.a = x  AND  not (entity.b=entity.c)");
    const filter = compile(ast);
    expect(filter.ast).toBe(ast);
    expect(filter.source).toBe('entity.a = "x" and not entity.b = entity.c');
    expect(filter({ entity: { a: "x", b: 1, c: 2 } })).toBe(true);
  });

  test("an AST that no text can express still compiles, with a debug rendering as source", () => {
    const filter = compile(cond(['we"ird', "na me"], "=", "line\nbreak"));
    expect(filter.source).toBe('"we\\"ird.na me" = "line\\nbreak"');
    expect(filter({ 'we"ird': { "na me": "line\nbreak" } })).toBe(true);
  });

  test("bad options and inputs are TypeErrors", () => {
    const bad: unknown[] = [null, [], "strict", { strcit: true }, { dialect: "webhook" }, { strict: "yes" }, { backend: "wasm" }];
    for (const options of bad) expect(() => compile("a=b", options as never)).toThrow(TypeError);
    expect(() => compile(42 as never)).toThrow(TypeError);
    expect(() => compile({ kind: "condition" } as never)).toThrow(TypeError);
    expect(() => compile(ref("entity.a", "=", "entity.b"), { dialect: "event-hub" })).toThrow(/trigger dialect/);
    expect(() => compile({ ...cond("a", "=", "b"), operator: "==" } as never)).toThrow(/operator/);
    expect(compile("a=b", { strict: undefined } as never).strict).toBe(false);
  });

  test("syntax errors propagate", () => {
    expect(() => compile("a = b and")).toThrow(expect.objectContaining({ name: "FilterSyntaxError" }));
  });
});
