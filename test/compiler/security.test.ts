/**
 * Security: user text (field names, literals) can neither change what a
 * compiled filter computes nor run code, whatever it holds; the generated
 * code uses nothing but its own names; hostile events and a polluted
 * Object.prototype cannot make a filter run foreign code.
 */
import { afterEach, describe, expect, test } from "vitest";
import { generateSource } from "../../src/compiler/codegen";
import { compile } from "../../src/compiler/compile";
import { explain } from "../../src/compiler/explain";
import { checkAst } from "../../src/compiler/validate";
import type { FilterAst } from "../../src/syntax/ast";
import { and, BACKENDS, cond, not, or, ref } from "./builders";

const PAYLOADS = [
  '"',
  "'",
  "\\",
  '\\"',
  "`",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-literal injection, as plain text, is the payload
  "${globalThis.pwned = 1}",
  "*/ globalThis.pwned = 1; /*",
  "// globalThis.pwned = 1",
  '"); globalThis.pwned = 1; ("',
  "'); globalThis.pwned = 1; ('",
  "\u2028globalThis.pwned = 1;\u2029",
  "\n globalThis.pwned = 1 \n",
  "\r\n",
  "\u0000",
  "\uD800",
  "</script><script>globalThis.pwned = 1</script>",
  "__proto__",
  "constructor",
  "prototype",
  "x".repeat(100_000),
  `${"\\".repeat(50_000)}"`,
];

const pwned = (): unknown => (globalThis as Record<string, unknown>)["pwned"];

afterEach(() => {
  delete (globalThis as Record<string, unknown>)["pwned"];
});

/** An object with `key` as an own data property, whatever the key (even "__proto__"). */
function withKey(key: string, value: unknown): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

describe.each(BACKENDS)("%s backend: hostile text in the filter", (backend) => {
  test.for(PAYLOADS.map((payload, i) => [i, payload] as const))("payload %i", ([, payload]) => {
    const event = withKey(payload, payload);
    const nested = { entity: withKey(payload, withKey(payload, payload)), metadata: { same: payload } };
    const filters: [FilterAst, unknown, boolean][] = [
      [cond([payload], "=", payload), event, true],
      [cond([payload], "!=", payload), event, false],
      [cond([payload], "=", `${payload}x`), event, false],
      [cond([payload], "=", `${payload}*`), event, true],
      [cond([payload], "=", `${payload.slice(1)}*`), event, true],
      [cond([payload], "<=", payload), event, true],
      [cond([payload], ">", payload), event, false],
      [cond(["entity", payload, payload], "=", payload), nested, true],
      [ref(["entity", payload, payload], "=", ["metadata", "same"]), nested, true],
      [ref(["entity", payload, payload], "!=", ["entity", payload, "other"]), nested, false],
      [and(cond(["entity", payload, payload], "=", payload), not(cond(["missing"], "=", payload))), nested, true],
      [or(cond(["missing"], "=", payload), cond(["entity", payload], "=", `${payload}*`)), nested, true],
    ];
    for (const [ast, input, expected] of filters) {
      const filter = compile(ast, { backend, strict: true });
      expect(filter(input)).toBe(expected);
      expect(filter({})).toBe(false);
      expect(filter(JSON.parse(JSON.stringify(input)))).toBe(expected);
    }
    expect(pwned()).toBeUndefined();
  });
});

describe("generated code", () => {
  test("holds user text only inside JSON string literals", () => {
    for (const [payload, strict] of PAYLOADS.flatMap(
      (payload) =>
        [
          [payload, false],
          [payload, true],
        ] as const,
    )) {
      const ast = or(cond([payload, "x"], "=", payload), cond(["y"], "<", payload), ref(["entity", payload], "=", ["entity", "z"]));
      const { source, literals } = generateSource(ast, checkAst(ast, "trigger"), strict);
      // Remove the string literals: what remains must be the generator's own text.
      const code = source.replace(/"(?:[^"\\\n]|\\.)*"/g, '""');
      expect(code).not.toContain("pwned");
      expect(code).not.toContain("\u2028");
      expect(code).not.toContain("`");
      // Field names enter as JSON strings; literal texts do not enter the source at all.
      expect(source).toContain(JSON.stringify(payload));
      expect(literals).toContain(payload);
    }
  });

  test("refers to no global: every identifier is a parameter, a local or a keyword", () => {
    const ast = or(
      and(cond("entity.a", "=", "x"), cond("entity.b", "!=", "y"), ref("entity.c", ">=", "entity.d")),
      not(cond("a", "=", "p*")),
      cond("b", "=", ""),
      cond("c", "<", "z"),
      ref("entity.e", "=", "metadata.f"),
      ref("entity.e", "!=", "metadata.f"),
    );
    for (const strict of [false, true]) {
      const { source } = generateSource(ast, checkAst(ast, "trigger"), strict);
      const code = source.replace(/"(?:[^"\\\n]|\\.)*"/g, '""');
      const identifiers = new Set(code.match(/[A-Za-z_$][\w$]*/g));
      const allowed = new Set([
        "use",
        "strict",
        "return",
        "function",
        "ftrackFilter",
        "event",
        "let",
        "var",
        "const",
        "try",
        "catch",
        "error",
        "if",
        "literals",
        "typeof",
        "object",
        "null",
        "in",
        "true",
        "false",
        "at",
        "void",
        "MISSING",
        "isArray",
        "getPrototypeOf",
        "ObjectPrototype",
        "defined",
        "readOwn",
        "lookup",
        "fallback",
        "wildcard",
        "emptyLiteral",
        "orderText",
        "equal",
        "order",
        "fail",
        "conditions",
      ]);
      for (const name of identifiers) {
        if (/^(?:[vcL]\d+|p\d*)$/.test(name)) continue;
        expect(allowed, name).toContain(name);
      }
    }
  });

  test("is what a careful person would write for the hot filter", () => {
    const hot = compile(
      'entity.entity_type = "AssetVersion" and entity.operation = "update" and entity.new.status_id != entity.old.status_id',
    );
    const { source, literals } = generateSource(hot.ast, checkAst(hot.ast, "trigger"));
    expect(literals).toEqual(["AssetVersion", "update"]);
    // entity, entity_type, operation, new, new.status_id, old, old.status_id: each read once.
    expect(source.match(/^ {4}v\d+ = /gm)).toHaveLength(7);
    // Each read happens where its condition needs it, and a false operand returns at once.
    const lines = source.split("\n").map((line) => line.trim());
    const at = (prefix: string): number => lines.findIndex((line) => line.startsWith(prefix));
    expect(at("if (v1 !== L0) return false;")).toBeGreaterThan(at("v1 = "));
    expect(at("if (v1 !== L0) return false;")).toBeLessThan(at("v2 = "));
    expect(at("if (v2 !== L1) return false;")).toBeLessThan(at("v3 = "));
    // Keys are loaded straight from plain objects only while Object.prototype holds none of them.
    expect(lines[at("return function ftrackFilter") + 1]).toBe(
      'if ("entity" in ObjectPrototype || "entity_type" in ObjectPrototype || "operation" in ObjectPrototype || "new" in ObjectPrototype || "status_id" in ObjectPrototype || "old" in ObjectPrototype) return fallback(event);',
    );
    // The kind of entity is worked out at its first key and kept for the others.
    expect(lines[at("v2 = ")]).toBe('v2 = p0 ? v0["operation"] : lookup(v0, "operation");');
    // The field comparison is inline for strings; no re-check follows (every operand runs when it matches).
    expect(source).toContain(
      'return v4 !== void 0 && v6 !== void 0 && v4 !== v6 && (typeof v4 === "string" && typeof v6 === "string" || !equal(v4, v6));',
    );
    expect(source.match(/return /g)).toHaveLength(6); // the factory's, the polluted prototype's, two early exits, the result, the catch
    // Strict code reads every field and evaluates every fallible condition first, in source order.
    const strictSource = generateSource(hot.ast, checkAst(hot.ast, "trigger"), true).source;
    expect(strictSource.match(/^ {4}v\d+ = /gm)).toHaveLength(7);
    expect(strictSource).toContain("return v1 === L0 && v2 === L1 && c2;");
    expect(strictSource).toContain(
      'const c2 = v4 !== void 0 && v6 !== void 0 && v4 !== v6 && (typeof v4 === "string" && typeof v6 === "string" || !equal(v4, v6));',
    );
  });
});

test("filters that differ only in their literals compile to the same source", () => {
  const source = (text: string) => {
    const ast = compile(text).ast;
    return generateSource(ast, checkAst(ast, "trigger"));
  };
  const approved = source('entity.entity_type = "AssetVersion" and entity.new.status_id = "44de097a-4164-11df-9218-0019bb4983d8"');
  const pending = source('entity.entity_type = "Task" and entity.new.status_id = "44dded64-4164-11df-9218-0019bb4983d8"');
  expect(pending.source).toBe(approved.source);
  expect(pending.literals).toEqual(["Task", "44dded64-4164-11df-9218-0019bb4983d8"]);
  // A repeated literal is passed once.
  expect(source("a = x or b = x").literals).toEqual(["x"]);
  // The same literal text compiled against different filters keeps each filter's own answer.
  expect(compile('entity.entity_type = "Task"')({ entity: { entity_type: "Task" } })).toBe(true);
  expect(compile('entity.entity_type = "Note"')({ entity: { entity_type: "Task" } })).toBe(false);
});

describe("hostile environments", () => {
  test("compiled filters keep working when globals they could have used are replaced", () => {
    const filter = compile('entity.a = x and entity.b != entity.c and entity.d = "k*"');
    const closures = compile('entity.a = x and entity.b != entity.c and entity.d = "k*"', { backend: "closure" });
    const event = { entity: { a: "x", b: [1], c: [2], d: { k: 1 } } };
    const saved = {
      isArray: Array.isArray,
      getPrototypeOf: Object.getPrototypeOf,
      hasOwn: Object.hasOwn,
      keys: Object.keys,
      hasOwnProperty: Object.prototype.hasOwnProperty,
    };
    const trap = (): never => {
      throw new Error("a global was used");
    };
    try {
      Array.isArray = trap as never;
      Object.getPrototypeOf = trap;
      Object.hasOwn = trap;
      Object.keys = trap;
      Object.prototype.hasOwnProperty = trap;
      expect(filter(event)).toBe(true);
      expect(closures(event)).toBe(true);
    } finally {
      Array.isArray = saved.isArray;
      Object.getPrototypeOf = saved.getPrototypeOf;
      Object.hasOwn = saved.hasOwn;
      Object.keys = saved.keys;
      Object.prototype.hasOwnProperty = saved.hasOwnProperty;
    }
  });

  test("an inherited getter planted on Object.prototype never runs", () => {
    let runs = 0;
    Object.defineProperty(Object.prototype, "entity", {
      get(): unknown {
        runs++;
        (globalThis as Record<string, unknown>)["pwned"] = 1;
        return { x: "y" };
      },
      configurable: true,
    });
    try {
      for (const backend of BACKENDS) {
        expect(compile("entity.x = y", { backend })({})).toBe(false);
        expect(compile("entity.x = y", { backend })({ entity: { x: "y" } })).toBe(true);
      }
      expect(explain("entity.x = y", {}).matched).toBe(false);
    } finally {
      delete (Object.prototype as Record<string, unknown>)["entity"];
    }
    expect(runs).toBe(0);
    expect(pwned()).toBeUndefined();
  });

  test("explanations of hostile text stay small, plain and JSON-safe", () => {
    const long = "y".repeat(100_000);
    const ast = and(cond([long], "=", `${long}*`), ref(["entity", "\u2028"], "=", ["entity", "b"]));
    const event = { [long]: long, entity: { "\u2028": { deep: [long, { more: long }] }, b: 1 } };
    const explanation = explain(ast, event);
    const json = JSON.stringify(explanation);
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(explanation)));
    // Values read from the event are cut: their size barely changes the explanation's.
    const small = { [long]: "y", entity: { "\u2028": { deep: ["y", { more: "y" }] }, b: 1 } };
    expect(json.length - JSON.stringify(explain(ast, small)).length).toBeLessThan(1_000);
    const condition = explanation.root.kind === "and" ? explanation.root.operands[0] : undefined;
    expect(condition?.kind === "condition" && condition.left?.found === true && String(condition.left.value).length).toBeLessThanOrEqual(
      201,
    );
    const rendered = explanation.toString();
    expect(rendered.split("\n").every((line) => line.length < 600)).toBe(true);
    expect(rendered).not.toContain("\u2028");
  });
});
