import { describe, expect, test } from "vitest";
import { FilterSyntaxError, format, parse, parseAll } from "../../src/index";
import { withoutSpans } from "../support/ast";

const ASSET_VERSION =
  'entity.entity_type = "AssetVersion" and entity.operation = "update" and entity.new.status_id != entity.old.status_id';

function syntaxError(source: string, options?: Parameters<typeof parse>[1]): FilterSyntaxError {
  try {
    parse(source, options);
  } catch (error) {
    expect(error).toBeInstanceOf(FilterSyntaxError);
    return error as FilterSyntaxError;
  }
  throw new Error(`expected ${JSON.stringify(source)} to fail`);
}

describe("parse", () => {
  test("builds a typed AST with spans into the original text", () => {
    const ast = parse(ASSET_VERSION);
    expect(ast.kind).toBe("and");
    if (ast.kind !== "and") return;
    expect(ast.operands).toHaveLength(3);
    const [type, , change] = ast.operands;
    expect(type).toMatchObject({
      kind: "condition",
      field: { segments: ["entity", "entity_type"], span: { start: 0, end: 18 } },
      operator: "=",
      value: { kind: "literal", text: "AssetVersion", span: { start: 21, end: 35 } },
      span: { start: 0, end: 35 },
    });
    expect(change).toMatchObject({
      operator: "!=",
      value: { kind: "field", segments: ["entity", "old", "status_id"] },
    });
    expect(ast.span).toEqual({ start: 0, end: ASSET_VERSION.length });
  });

  test("spans count from the original text, before leading blanks are stripped", () => {
    const ast = parse("  \n a=b ");
    expect(ast.span).toEqual({ start: 4, end: 7 });
  });

  test("a bare entity./metadata. path is a field reference in trigger, a literal in event-hub", () => {
    const source = "entity.new.status_id != entity.old.status_id";
    expect(parse(source)).toMatchObject({ value: { kind: "field" } });
    expect(parse(source, { dialect: "event-hub" })).toMatchObject({
      value: { kind: "literal", text: "entity.old.status_id" },
    });
    expect(parse('a = "entity.old.status_id"')).toMatchObject({ value: { kind: "literal" } });
    expect(parse("a = entity")).toMatchObject({ value: { kind: "literal", text: "entity" } });
    expect(parse("a = entity.x-y")).toMatchObject({ value: { kind: "literal", text: "entity.x-y" } });
    expect(parse("a = Entity.x")).toMatchObject({ value: { kind: "literal" } });
  });

  test("keywords are caseless and not reserved", () => {
    expect(withoutSpans(parse("a=1 AnD b=2"))).toEqual(withoutSpans(parse("a=1 and b=2")));
    expect(parse("not=1")).toMatchObject({ kind: "condition", field: { segments: ["not"] } });
    expect(parse("a=and")).toMatchObject({ value: { kind: "literal", text: "and" } });
    expect(parse("not.x=1")).toMatchObject({ kind: "not", operand: { field: { segments: ["", "x"] } } });
    expect(parse("and.x=1")).toMatchObject({ kind: "condition", field: { segments: ["and", "x"] } });
    expect(parse("a=not*")).toMatchObject({ value: { text: "not*" } });
    expect(parse("android=1")).toMatchObject({ field: { segments: ["android"] } });
    expect(parse("not not=1")).toMatchObject({ kind: "not", operand: { field: { segments: ["not"] } } });
  });

  test("quoted text is taken raw: nothing is unescaped", () => {
    expect(parse('a="x\\"y"')).toMatchObject({ value: { text: 'x\\"y' } });
    expect(parse('a="x""y"')).toMatchObject({ value: { text: 'x""y' } });
    expect(parse("a='it''s'")).toMatchObject({ value: { text: "it''s" } });
    expect(parse('a=""')).toMatchObject({ value: { text: "" } });
    expect(parse('a="ünï (x): y"')).toMatchObject({ value: { text: "ünï (x): y" } });
  });

  test("tabs inside quotes expand to 8-column stops, counted per line of the stripped filter", () => {
    expect(parse('name = "a\tb"')).toMatchObject({ value: { text: `a${" ".repeat(7)}b` } });
    expect(parse('\t name = "\tb"')).toMatchObject({ value: { text: `${" ".repeat(8)}b` } });
    // Columns run on across quoted values on one line: the second tab sits at column 18.
    expect(parse('a="\tb" and c="\td"')).toMatchObject({
      operands: [{ value: { text: `${" ".repeat(5)}b` } }, { value: { text: `${" ".repeat(6)}d` } }],
    });
    expect(parse('x=1 and\n\tname = "a\tb"')).toMatchObject({
      operands: [{}, { value: { text: `a${" ".repeat(7)}b` } }],
    });
  });

  test("groups of the same connective are flattened, not-chains are kept", () => {
    expect(withoutSpans(parse("a=1 and (b=2 and (c=3))"))).toEqual(withoutSpans(parse("a=1 and b=2 and c=3")));
    expect(parse("not not a=1")).toMatchObject({ kind: "not", operand: { kind: "not" } });
    const mixed = parse("a=1 or b=2 and c=3");
    expect(mixed).toMatchObject({ kind: "or", operands: [{ kind: "condition" }, { kind: "and" }] });
  });

  test("strips Unicode whitespace as Python does, but not U+FEFF", () => {
    expect(parse("\u3000\u00a0a=b\u2028")).toMatchObject({ kind: "condition" });
    expect(syntaxError("\ufeffa=b").code).toBe("unexpected-character");
    expect(syntaxError("a=b\u00a0and c=d").code).toBe("unexpected-character");
  });
});

describe("field paths split once are split the same way again", () => {
  const condition = (ast: ReturnType<typeof parse>) => {
    if (ast.kind !== "condition") throw new Error(`expected a condition, got ${ast.kind}`);
    return ast;
  };

  test("each AST gets segments of its own, equal for the same text", () => {
    const first = condition(parse("entity.new.status_id != entity.old.status_id"));
    const again = condition(parse("entity.new.status_id = x"));
    expect(again.field.segments).toEqual(["entity", "new", "status_id"]);
    expect(again.field.segments).not.toBe(first.field.segments);
    // Changing one AST (the types say readonly, but JavaScript does not) leaves the next parse alone.
    (first.field.segments as string[]).push("changed");
    expect(condition(parse("entity.new.status_id = y")).field.segments).toEqual(["entity", "new", "status_id"]);
    if (first.value.kind !== "field") throw new Error("expected a field reference");
    (first.value.segments as string[]).length = 0;
    const reference = condition(parse("a = entity.old.status_id")).value;
    expect(reference).toMatchObject({ kind: "field", segments: ["entity", "old", "status_id"] });
  });

  test("a field that is not a valid reference is not taken for one because it was seen as a field", () => {
    // "entity..x" is a valid field (an empty segment) but not a field reference.
    expect(condition(parse("entity..x = 1")).field.segments).toEqual(["entity", "", "x"]);
    expect(condition(parse("a = entity..x")).value).toMatchObject({ kind: "literal", text: "entity..x" });
    // A reference seen in the trigger dialect stays a literal in the event-hub dialect.
    expect(condition(parse("a = entity.x")).value.kind).toBe("field");
    expect(condition(parse("a = entity.x", { dialect: "event-hub" })).value).toMatchObject({ kind: "literal", text: "entity.x" });
  });

  test("long and many distinct fields still split correctly", () => {
    const long = `entity.${"x".repeat(100)}.y`;
    expect(condition(parse(`${long} = 1`)).field.segments).toEqual(["entity", "x".repeat(100), "y"]);
    for (let i = 0; i < 3000; i++) {
      const ast = condition(parse(`entity.f${i}.g = entity.r${i}`));
      expect(ast.field.segments).toEqual(["entity", `f${i}`, "g"]);
      expect(ast.value).toMatchObject({ kind: "field", segments: ["entity", `r${i}`] });
    }
    expect(condition(parse("entity.new.status_id = x")).field.segments).toEqual(["entity", "new", "status_id"]);
  });
});

describe("syntax errors", () => {
  test.for([
    ["", "empty", 0],
    [" \t\n ", "empty", 0],
    ["invalid", "unexpected-end", 7],
    ["key=value nor other=value", "unexpected-token", 10],
    ["()", "unexpected-token", 1],
    ["(key=value", "unexpected-end", 10],
    ["key=value)", "unexpected-token", 9],
    ["key=value and", "unexpected-end", 13],
    ["not", "unexpected-end", 3],
    ["key=", "unexpected-end", 4],
    ["=value", "unexpected-token", 0],
    ["key value", "unexpected-token", 4],
    ["a=b and c", "unexpected-end", 9],
    ["key in (a,b)", "unexpected-token", 4],
    ["key is null", "unexpected-token", 4],
    ["key=a b", "unexpected-token", 6],
    ["key=a:b", "unexpected-character", 5],
    ["==", "unexpected-token", 0],
    ["=>", "unexpected-token", 0],
    ["<>", "unexpected-token", 0],
    ["! =", "unexpected-character", 0],
    ["kéy=1", "unexpected-character", 1],
    ["key=ünï", "unexpected-character", 4],
    ["a=b andc=d", "unexpected-token", 4],
    ['a="xyz', "unterminated-string", 2],
    ["a-b=1", "invalid-field", 1],
    ["a=1 é", "unexpected-character", 4],
    ['a="x\ny"', "unterminated-string", 2],
  ] as const)("%j is %s at offset %i", ([source, code, offset]) => {
    const error = syntaxError(source);
    expect(error.code).toBe(code);
    expect(error.offset).toBe(offset);
    expect(error.source).toBe(source);
  });

  test("the message says what was expected and what was found", () => {
    expect(syntaxError("key=").message).toMatch(/^expected a value after "=" but found the end of the filter/);
    expect(syntaxError("key value").message).toMatch(/expected an operator .* after "key" but found "value"/);
    expect(syntaxError("(a=1").message).toMatch(/expected "and", "or" or "\)"/);
    expect(syntaxError("a=1 b=2").message).toMatch(/expected "and", "or" or the end of the filter but found "b"/);
  });

  test("line and column are 1-based and follow \\n, \\r\\n and \\r", () => {
    const error = syntaxError("a=1 and\r\n  b=2 and\r c d");
    expect(error).toMatchObject({ line: 3, column: 4, offset: 22 });
    expect(error.excerpt()).toBe("3 |  c d\n  |    ^");
  });

  test("the excerpt puts carets under the whole offending token", () => {
    const error = syntaxError("topic=ftrack.update nor x=1");
    expect(error.excerpt()).toBe("1 | topic=ftrack.update nor x=1\n  |                     ^^^");
    expect(error.length).toBe(3);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ code: "unexpected-token", offset: 20, line: 1, column: 21 });
  });

  test("too long and too deep inputs fail with their own codes, not a RangeError", () => {
    expect(syntaxError(`${"a=1 and ".repeat(10_000)}a=1`).code).toBe("too-long");
    expect(syntaxError("é".repeat(1_000_000)).code).toBe("too-long");
    expect(syntaxError("a=b", { maxLength: 2 })).toMatchObject({ code: "too-long", offset: 2 });
    const deep = `${"(".repeat(100_000)}a=1${")".repeat(100_000)}`;
    expect(syntaxError(deep, { maxLength: 1e6 })).toMatchObject({ code: "too-deep", offset: 128 });
    expect(syntaxError(`${"not ".repeat(100_000)}a=1`, { maxLength: 1e6 })).toMatchObject({ code: "too-deep" });
    expect(syntaxError("é ".repeat(500_000), { maxLength: 2e6 }).code).toBe("unexpected-character");
  });

  test("the depth limit counts parentheses and not, and is configurable", () => {
    const at = (depth: number) => `${"(not ".repeat(depth / 2)}a=1${")".repeat(depth / 2)}`;
    expect(() => parse(at(128))).not.toThrow();
    expect(syntaxError(at(130)).code).toBe("too-deep");
    expect(syntaxError("not (a=1)", { maxDepth: 1 }).code).toBe("too-deep");
    expect(() => parse(at(200), { maxDepth: 200 })).not.toThrow();
    expect(() => parse("a=1", { maxDepth: 0 })).not.toThrow();
  });

  test("bad options are programming errors", () => {
    expect(() => parse("a=1", { dialect: "sql" as never })).toThrow(TypeError);
    expect(() => parse("a=1", { maxDepth: 5000 })).toThrow(TypeError);
    expect(() => parse("a=1", { maxLength: -1 })).toThrow(TypeError);
    expect(() => parse("a=1", { colour: true } as never)).toThrow(/unknown option "colour"/);
    expect(() => parse(42 as never)).toThrow(TypeError);
  });
});

describe("parseAll", () => {
  test("reports every syntax error, in order", () => {
    const { ast, errors } = parseAll("a=1 and b c and (d=1 and e f");
    expect(ast).toBeUndefined();
    expect(errors.map((e) => [e.code, e.offset])).toEqual([
      ["unexpected-token", 10],
      ["unexpected-token", 27],
      ["unexpected-end", 28],
    ]);
    expect(parseAll('a=é and b="c').errors.map((e) => e.code)).toEqual(["unexpected-character", "unterminated-string"]);
  });

  test("gives the AST when there is no error", () => {
    const { ast, errors } = parseAll(ASSET_VERSION);
    expect(errors).toEqual([]);
    expect(withoutSpans(ast as never)).toEqual(withoutSpans(parse(ASSET_VERSION)));
  });

  test("stops after 50 errors and stays fast on hostile input", () => {
    expect(parseAll("x y and ".repeat(2000)).errors).toHaveLength(50);
    expect(parseAll('"\\"'.repeat(20_000)).errors.length).toBeLessThanOrEqual(50);
    expect(parseAll(`${"(".repeat(300)}a=1`).errors[0]?.code).toBe("too-deep");
    // The earliest error is kept when lexical errors alone would fill the 50.
    expect(parseAll(`"x"${" é".repeat(60)}`).errors[0]).toMatchObject({ code: "unexpected-token", offset: 0 });
  });
});

describe("format", () => {
  test.for([
    ["key=value", 'key = "value"'],
    ["A=b AND NOT (c=d OR e=f)", 'A = "b" and not (c = "d" or e = "f")'],
    ["a=b or (c=d and e=f)", 'a = "b" or c = "d" and e = "f"'],
    ["(a=b or c=d) and e=f", '(a = "b" or c = "d") and e = "f"'],
    ["not not x=1", 'not not x = "1"'],
    ["not(a=1)", 'not a = "1"'],
    ["x='a\"b'", "x = 'a\"b'"],
    ['x="a""b"', 'x = "a""b"'],
    ["not=1 and a=and", 'not = "1" and a = "and"'],
    [ASSET_VERSION, ASSET_VERSION],
  ] as const)("%j -> %j", ([source, canonical]) => {
    expect(format(source)).toBe(canonical);
    expect(format(canonical)).toBe(canonical);
  });

  test("event-hub literals are quoted, trigger field references stay bare", () => {
    expect(format("topic=ftrack.update", { dialect: "event-hub" })).toBe('topic = "ftrack.update"');
    expect(format("a=entity.x", { dialect: "event-hub" })).toBe('a = "entity.x"');
    expect(format("a=entity.x")).toBe("a = entity.x");
  });

  test("refuses ASTs that no filter text can express", () => {
    const ast = parse("a=1");
    if (ast.kind !== "condition") throw new Error("expected a condition");
    expect(() => format({ ...ast, field: { ...ast.field, segments: ["a b"] } })).toThrow(TypeError);
    expect(() => format({ ...ast, field: { ...ast.field, segments: ["not", "x"] } })).toThrow(TypeError);
    expect(() => format({ ...ast, value: { kind: "literal", text: "a\nb", span: ast.span } })).toThrow(TypeError);
    expect(() => format({ ...ast, value: { kind: "literal", text: "'\"", span: ast.span } })).toThrow(TypeError);
    const reference = parse("a=entity.x");
    expect(() => format(reference, { dialect: "event-hub" })).toThrow(TypeError);
    // A field reference that text would read as a literal, or not at all.
    for (const segments of [["data", "x"], ["entity"], ["entity", ""], ["entity", "a-b"], ["Entity", "x"]]) {
      expect(() => format({ ...ast, value: { kind: "field", segments, span: ast.span } }), segments.join(".")).toThrow(TypeError);
    }
    expect(format({ ...ast, value: { kind: "field", segments: ["metadata", "resource_id"], span: ast.span } })).toBe(
      "a = metadata.resource_id",
    );
  });
});
