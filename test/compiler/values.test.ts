/** The value rules on their own: path reading, literal rules, Python-style comparison. */
import { describe, expect, test } from "vitest";
import { EvaluationFault } from "../../src/compiler/errors";
import {
  canFail,
  compareCodePoints,
  decideFields,
  decideLiteral,
  jsonCompare,
  jsonEquals,
  kindOf,
  MAX_COMPARE_DEPTH,
  MISSING,
  readKey,
  readPath,
} from "../../src/compiler/values";
import { cond, ref } from "./builders";

function faultCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof EvaluationFault) return error.code;
    throw error;
  }
  return undefined;
}

/** Code-point order computed the obvious way, to check the fast one against. */
function naiveCompare(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0) as number);
  const y = Array.from(b, (c) => c.codePointAt(0) as number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  }
  return x.length - y.length;
}

describe("readPath (rule 1)", () => {
  const event = JSON.parse(
    '{"entity": {"id": ["a"], "new": {"x": 1, "": {"y": "empty key"}, "n": null}, "name": "s"}, "__proto__": {"p": 1}}',
  );

  test("descends through objects and reads own values, null included", () => {
    expect(readPath(event, ["entity", "new", "x"])).toBe(1);
    expect(readPath(event, ["entity", "new", "n"])).toBe(null);
    expect(readPath(event, ["entity", "new", "", "y"])).toBe("empty key");
  });

  test("never steps into arrays, strings or other primitives", () => {
    expect(readPath(event, ["entity", "id", "0"])).toBe(MISSING);
    expect(readPath(event, ["entity", "id", "length"])).toBe(MISSING);
    expect(readPath(event, ["entity", "name", "length"])).toBe(MISSING);
    expect(readPath(event, ["entity", "new", "x", "toFixed"])).toBe(MISSING);
    expect(readPath(event, ["entity", "new", "n", "x"])).toBe(MISSING);
  });

  test("never reads inherited properties", () => {
    expect(readPath(event, ["entity", "constructor"])).toBe(MISSING);
    expect(readPath(event, ["entity", "new", "toString"])).toBe(MISSING);
    expect(readPath(event, ["entity", "hasOwnProperty"])).toBe(MISSING);
    expect(readPath({}, ["__proto__"])).toBe(MISSING);
    expect(readPath(Object.create({ inherited: "x" }), ["inherited"])).toBe(MISSING);
  });

  test("an own __proto__ key from JSON.parse is data", () => {
    expect(readPath(event, ["__proto__", "p"])).toBe(1);
  });

  test("ignores a polluted Object.prototype, but reads own keys of the same name", () => {
    const proto = Object.prototype as Record<string, unknown>;
    try {
      proto["polluted"] = "x";
      expect(readPath({}, ["polluted"])).toBe(MISSING);
      expect(readPath({ a: {} }, ["a", "polluted"])).toBe(MISSING);
      expect(readPath({ polluted: "own" }, ["polluted"])).toBe("own");
    } finally {
      delete proto["polluted"];
    }
  });

  test("never runs an inherited getter", () => {
    let ran = 0;
    const proto = {
      get trap(): string {
        ran++;
        throw new Error("inherited getter ran");
      },
    };
    expect(readKey(Object.create(proto), "trap")).toBe(MISSING);
    expect(ran).toBe(0);
  });

  test("reads objects without Object.prototype and class instances by own keys", () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare["k"] = "v";
    expect(readPath({ a: bare }, ["a", "k"])).toBe("v");
    class Box {
      own = 1;
      get computed(): number {
        return 2;
      }
    }
    expect(readPath(new Box(), ["own"])).toBe(1);
    expect(readPath(new Box(), ["computed"])).toBe(MISSING);
  });

  test("undefined counts as missing", () => {
    expect(readPath({ a: undefined }, ["a"])).toBe(MISSING);
  });

  test("roots that are not objects resolve nothing", () => {
    for (const root of [null, undefined, "entity", 3, true, ["entity"], Symbol("x")]) {
      expect(readPath(root, ["entity"])).toBe(MISSING);
    }
  });

  test("own getters run and what they throw propagates", () => {
    const event = {
      get entity(): never {
        throw new RangeError("boom");
      },
    };
    expect(() => readPath(event, ["entity", "x"])).toThrow(RangeError);
  });
});

describe("literal rules (rules 2-7)", () => {
  test("missing is false for every operator", () => {
    for (const op of ["=", "!=", "<", "<=", ">", ">="] as const) {
      expect(decideLiteral(op, MISSING, "x")).toBe(false);
      expect(decideLiteral(op, MISSING, "")).toBe(false);
      expect(decideLiteral(op, MISSING, "x*")).toBe(false);
    }
  });

  test("= and != compare strings exactly and nothing else equals a literal", () => {
    expect(decideLiteral("=", "Task", "Task")).toBe(true);
    expect(decideLiteral("=", "task", "Task")).toBe(false);
    for (const value of [0, 1, true, false, null, ["0"], { 0: 1 }]) {
      expect(decideLiteral("=", value, String(value))).toBe(false);
      expect(decideLiteral("!=", value, String(value))).toBe(true);
    }
    expect(decideLiteral("!=", "a", "a")).toBe(false);
    expect(decideLiteral("!=", "a", "")).toBe(true);
  });

  test("wildcard: substring, array element, own object key", () => {
    expect(decideLiteral("=", "ftrack.update", "ftrack.*")).toBe(true);
    expect(decideLiteral("=", "xx-valu-yy", "valu*")).toBe(true);
    expect(decideLiteral("=", "val", "valu*")).toBe(false);
    expect(decideLiteral("=", ["a", "b"], "b*")).toBe(true);
    expect(decideLiteral("=", ["ab"], "a*")).toBe(false);
    expect(decideLiteral("=", [1], "1*")).toBe(false);
    expect(decideLiteral("=", { k: 0 }, "k*")).toBe(true);
    expect(decideLiteral("=", {}, "toString*")).toBe(false);
    expect(decideLiteral("=", "anything", "*")).toBe(true);
    expect(decideLiteral("!=", "abc", "a*")).toBe(true);
    expect(decideLiteral("=", "a*b", "a*b")).toBe(true);
  });

  test("wildcard on a number, boolean or null fails", () => {
    for (const value of [0, true, null]) expect(faultCode(() => decideLiteral("=", value, "x*"))).toBe("wildcard-on-scalar");
  });

  test("= with the empty literal fails once the field resolves", () => {
    for (const value of ["", "a", 0, null, [], {}]) expect(faultCode(() => decideLiteral("=", value, ""))).toBe("empty-literal");
  });

  test("ordering compares strings by code points and fails on anything else", () => {
    expect(decideLiteral("<", "10", "9")).toBe(true);
    expect(decideLiteral(">=", "2024-06-04T10:31:39", "2024-01-01")).toBe(true);
    expect(decideLiteral("<=", "a", "a")).toBe(true);
    expect(decideLiteral(">", "a", "a")).toBe(false);
    expect(decideLiteral("<", "\u{1F600}", "\uFFFF")).toBe(false);
    expect(decideLiteral(">", "\u{1F600}", "\uE000")).toBe(true);
    for (const value of [5, true, null, ["a"], { a: 1 }]) {
      expect(faultCode(() => decideLiteral("<", value, "a"))).toBe("ordering-on-non-string");
    }
  });
});

describe("compareCodePoints", () => {
  const samples = [
    "",
    "a",
    "b",
    "ab",
    "\uE000",
    "\uFFFF",
    "\u{10000}",
    "\u{1F600}",
    "\uD83D",
    "\uDE00",
    "\uD83Dx",
    "\uD83D\uE000",
    "z\u{1F600}a",
  ];
  test.for(samples.flatMap((a) => samples.map((b) => [a, b] as const)))("%j vs %j", ([a, b]) => {
    expect(Math.sign(compareCodePoints(a, b))).toBe(Math.sign(naiveCompare(a, b)));
  });
});

describe("field against field (rule 8)", () => {
  test("equality is Python's", () => {
    expect(jsonEquals(true, 1)).toBe(true);
    expect(jsonEquals(false, 0)).toBe(true);
    expect(jsonEquals(1, 1.0)).toBe(true);
    expect(jsonEquals("1", 1)).toBe(false);
    expect(jsonEquals(null, null)).toBe(true);
    expect(jsonEquals(null, 0)).toBe(false);
    expect(jsonEquals(null, "null")).toBe(false);
    expect(jsonEquals([1, [true]], [true, [1]])).toBe(true);
    expect(jsonEquals([1], [1, 1])).toBe(false);
    expect(jsonEquals({ a: 1, b: [2] }, { b: [2], a: true })).toBe(true);
    expect(jsonEquals({ a: 1 }, { a: 1, b: 1 })).toBe(false);
    expect(jsonEquals({ a: 1 }, { b: 1 })).toBe(false);
    expect(jsonEquals([], {})).toBe(false);
    expect(jsonEquals(Number.NaN, Number.NaN)).toBe(false);
  });

  test("ordering is Python's", () => {
    expect(jsonCompare("a", "b")).toBeLessThan(0);
    expect(jsonCompare(true, 0.5)).toBeGreaterThan(0);
    expect(jsonCompare(false, 0)).toBe(0);
    expect(jsonCompare([1, 2], [1, 3])).toBeLessThan(0);
    expect(jsonCompare([1, 2], [1])).toBeGreaterThan(0);
    expect(jsonCompare([1, "x"], [2, 0])).toBeLessThan(0); // first unequal pair decides
    expect(jsonCompare([{}], [{}])).toBe(0); // equal elements are never ordered
    expect(Number.isNaN(jsonCompare(Number.NaN, 1))).toBe(true);
    for (const [a, b] of [
      ["a", 1],
      [null, null],
      [{}, {}],
      [[1], "1"],
      [true, "a"],
      [[{}], [{ a: 1 }]],
    ] as const) {
      expect(faultCode(() => jsonCompare(a, b))).toBe("ordering-type-mismatch");
    }
  });

  test("decideFields applies missing-means-false and the operators", () => {
    expect(decideFields("=", MISSING, MISSING)).toBe(false);
    expect(decideFields("!=", "a", MISSING)).toBe(false);
    expect(decideFields("!=", "a", "b")).toBe(true);
    expect(decideFields("!=", 1, true)).toBe(false);
    expect(decideFields(">=", [2], [1, 9])).toBe(true);
  });

  test("structures deeper than the limit, and cycles, fail with too-deep", () => {
    const nest = (levels: number): unknown => {
      let value: unknown = 0;
      for (let i = 0; i < levels; i++) value = [value];
      return value;
    };
    expect(jsonEquals(nest(MAX_COMPARE_DEPTH), nest(MAX_COMPARE_DEPTH))).toBe(true);
    expect(faultCode(() => jsonEquals(nest(MAX_COMPARE_DEPTH + 1), nest(MAX_COMPARE_DEPTH + 1)))).toBe("too-deep");
    expect(faultCode(() => jsonCompare(nest(MAX_COMPARE_DEPTH + 1), nest(MAX_COMPARE_DEPTH + 1)))).toBe("too-deep");
    const a: Record<string, unknown> = {};
    a["self"] = a;
    const b: Record<string, unknown> = {};
    b["self"] = b;
    expect(faultCode(() => decideFields("=", a, b))).toBe("too-deep");
    expect(decideFields("=", a, a)).toBe(true); // the same object, as Python's identity shortcut
  });

  test("faults name the two compared values, not the nested ones", () => {
    try {
      decideFields("<", [{ x: 1 }], [{ y: 2 }]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EvaluationFault);
      expect((error as EvaluationFault).left).toEqual([{ x: 1 }]);
      expect((error as EvaluationFault).right).toEqual([{ y: 2 }]);
    }
  });
});

test("kindOf classifies JSON and non-JSON values", () => {
  expect([kindOf("a"), kindOf(1), kindOf(2n), kindOf(true), kindOf(null), kindOf([]), kindOf({}), kindOf(() => 1)]).toEqual([
    "string",
    "number",
    "number",
    "boolean",
    "null",
    "array",
    "object",
    "other",
  ]);
});

test("canFail marks exactly the conditions that can raise an evaluation error", () => {
  expect(canFail(cond("a", "=", "x"))).toBe(false);
  expect(canFail(cond("a", "!=", ""))).toBe(false);
  expect(canFail(cond("a", "!=", "x*"))).toBe(false);
  expect(canFail(cond("a", "=", ""))).toBe(true);
  expect(canFail(cond("a", "=", "x*"))).toBe(true);
  expect(canFail(cond("a", "<", "x"))).toBe(true);
  expect(canFail(ref("entity.a", "=", "entity.b"))).toBe(true);
});
