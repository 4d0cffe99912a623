import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { lint } from "../../src/lint/lint";
import { loadSchema } from "../../src/lint/schema";
import { covered, only, PUBLIC_EVENT_HUB_EXPRESSIONS, PUBLIC_TRIGGER_FILTERS } from "./helpers";

const rawSchemas: unknown = JSON.parse(readFileSync(join(__dirname, "..", "..", "data/ftrack/query_schemas.json"), "utf8"));

describe("published filters", () => {
  // A linter that flags ftrack's own documentation teaches people to ignore it.
  test.each(PUBLIC_TRIGGER_FILTERS)("trigger: %s has no diagnostic at all", (source) => {
    expect(lint(source)).toEqual([]);
  });

  test.each(PUBLIC_EVENT_HUB_EXPRESSIONS)("event-hub: %s has no diagnostic at all", (source) => {
    expect(lint(source, { dialect: "event-hub" })).toEqual([]);
  });
});

describe("syntax", () => {
  test.each(["trigger", "event-hub"] as const)("reports every syntax error (%s)", (dialect) => {
    const source = "a = and (b = c";
    const diagnostics = lint(source, { dialect });
    expect(diagnostics.length).toBeGreaterThanOrEqual(1);
    for (const diagnostic of diagnostics) {
      expect(diagnostic.code).toBe("syntax");
      expect(diagnostic.severity).toBe("error");
    }
    expect(only("syntax", "a=1 and b c and d e").length).toBeGreaterThanOrEqual(2);
  });

  test("the message has no position (the span carries it)", () => {
    const [diagnostic] = lint("key=value and");
    expect(diagnostic?.message).not.toMatch(/line \d+, column/);
    expect(diagnostic?.span).toMatchObject({ start: 13, end: 13, line: 1, column: 14 });
  });

  test("a valid filter has no syntax diagnostic, and syntax errors stop the other rules", () => {
    expect(only("syntax", "entity.entity_type = Task")).toEqual([]);
    expect(lint("entity.entity_typ = Task and").map((d) => d.code)).toEqual(["syntax"]);
  });
});

describe("never throws", () => {
  test.each([
    [42, /must be a string, not number 42/],
    [null, /not null/],
    [undefined, /not undefined/],
    [{ toString: () => "a=b" }, /not an object/],
  ])("reports a non-string filter: %s", (input, message) => {
    const diagnostics = lint(input as unknown as string);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: "invalid-input", severity: "error" });
    expect(diagnostics[0]?.message).toMatch(message);
  });

  test.each([
    [{ dialect: "webhook" }, /dialect must be/],
    [{ dialects: "trigger" }, /unknown option "dialects"/],
    [{ schema: 5 }, /schema must be/],
    [{ schema: [{ id: 1 }] }, /query_schemas\[0\]\.id/],
    ["trigger", /options must be an object/],
  ])("reports bad options: %j", (options, message) => {
    const diagnostics = lint("a=b", options as never);
    expect(diagnostics.map((d) => d.code)).toEqual(["invalid-input"]);
    expect(diagnostics[0]?.message).toMatch(message);
  });

  test("on any string, in both dialects", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.constantFrom("trigger" as const, "event-hub" as const), (source, dialect) => {
        const diagnostics = lint(source, { dialect });
        for (const d of diagnostics) {
          expect(d.span.start).toBeGreaterThanOrEqual(0);
          expect(d.span.end).toBeLessThanOrEqual(source.length);
          expect(d.code).not.toBe("internal-error");
        }
      }),
      { numRuns: 500 },
    );
  });

  test("on strings made of the language's own pieces", () => {
    const piece = fc.constantFrom(
      "entity",
      "metadata",
      ".",
      "new",
      "old",
      "id",
      "entity_type",
      "bid",
      " = ",
      " != ",
      " > ",
      "*",
      '"',
      "'",
      "(",
      ")",
      " and ",
      " or ",
      "not ",
      "Task",
      "0",
      "",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const diagnostics = lint(pieces.join(""));
        expect(diagnostics.every((d) => d.code !== "internal-error")).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("diagnostics", () => {
  test("are plain JSON data with 1-based lines and columns", () => {
    const source = "entity.entity_type = Task\n  and entity.new.bid = 0";
    const diagnostics = lint(source);
    expect(JSON.parse(JSON.stringify(diagnostics))).toEqual(diagnostics);
    const [diagnostic] = only("never-equal", source);
    expect(diagnostic?.span).toEqual({ start: 32, end: 50, line: 2, column: 7, endLine: 2, endColumn: 25 });
  });

  test("come sorted by position", () => {
    const diagnostics = lint("entity.new.name = x*y and entity.id = a and entity.operation = delete");
    const starts = diagnostics.map((d) => d.span.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(diagnostics.map((d) => d.code)).toEqual(["wildcard", "list-equality", "unknown-operation"]);
  });

  test("suggestion spans carry lines and columns too", () => {
    const [diagnostic] = lint("entity.entity_type = Task and\nentity.new.statsu_id = x");
    expect(diagnostic?.suggestion).toEqual({
      text: "status_id",
      span: { start: 41, end: 50, line: 2, column: 12, endLine: 2, endColumn: 21 },
    });
  });
});

describe("dialects", () => {
  test("event-hub runs only the dialect-neutral rules", () => {
    const source = 'entity.entity_typ = "task" and entity.new.bid = 0 and entity.id = a and x = ""';
    const triggerCodes = new Set(lint(source).map((d) => d.code));
    expect(triggerCodes).toEqual(new Set(["unknown-field", "never-equal", "list-equality", "empty-equals"]));
    expect(lint(source, { dialect: "event-hub" }).map((d) => d.code)).toEqual(["empty-equals"]);
  });
});

describe("schema option", () => {
  test("accepts a raw query_schemas result, custom types included", () => {
    const custom = [...(rawSchemas as object[]), { id: "Robot", properties: { charge: { type: "integer" } } }];
    const source = "entity.entity_type = Robot and entity.new.charge = 5";
    expect(lint(source).map((d) => d.code)).toEqual(["unknown-entity-type"]);
    expect(lint(source, { schema: custom }).map((d) => d.code)).toEqual(["never-equal"]);
    expect(lint(source, { schema: loadSchema(custom) })).toEqual(lint(source, { schema: custom }));
  });
});

describe("deep-nesting", () => {
  test("warns from five levels of parentheses", () => {
    const source = "entity.new.name = a and (((((entity.new.name = b)))))";
    const [diagnostic, ...rest] = only("deep-nesting", source);
    expect(rest).toEqual([]);
    expect(diagnostic?.message).toMatch(/nested 5 levels deep.*about 0.35 s/);
    expect(covered(source, diagnostic!.span)).toBe("entity.new.name = b");
  });

  test("counts pairs of chained nots, in both dialects", () => {
    const nots = `${"not ".repeat(10)}data.x = 1`;
    expect(only("deep-nesting", nots, { dialect: "event-hub" })).toHaveLength(1);
    expect(only("deep-nesting", `${"not ".repeat(8)}data.x = 1`, { dialect: "event-hub" })).toEqual([]);
  });

  test("ignores parentheses inside quotes and flat chains", () => {
    expect(only("deep-nesting", 'entity.new.name = "((((((" and ((((entity.new.name = b))))')).toEqual([]);
    const flat = Array.from({ length: 20 }, (_, i) => `(entity.new.name = a${i} or entity.new.name = b${i})`).join(" and ");
    expect(only("deep-nesting", flat)).toEqual([]);
  });
});
