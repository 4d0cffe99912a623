import { describe, expect, test } from "vitest";
import { isRuleCode, lint, lintRules, type RuleCode, validateRules } from "../../src/index";

const DUPLICATE_TYPE = "entity.entity_type = Task and entity.entity_type = Note";

describe("lint's rules option", () => {
  test("turns a rule off", () => {
    expect(lint(DUPLICATE_TYPE).map((d) => d.code)).toContain("contradiction");
    expect(lint(DUPLICATE_TYPE, { rules: { contradiction: "off" } }).map((d) => d.code)).not.toContain("contradiction");
  });

  test("changes a rule's severity, and sorts by the new one", () => {
    const source = "entity.entity_type = Task and entity.new.bid = 0";
    expect(lint(source)).toMatchObject([{ code: "never-equal", severity: "warning" }]);
    expect(lint(source, { rules: { "never-equal": "error" } })).toMatchObject([{ code: "never-equal", severity: "error" }]);
    expect(lint(source, { rules: { "never-equal": "info" } })).toMatchObject([{ code: "never-equal", severity: "info" }]);
  });

  test("turns on a rule that is off by default", () => {
    expect(lintRules["wildcard-substring"].severity).toBe("off");
    const source = "topic=ftrack.*";
    expect(lint(source, { dialect: "event-hub" })).toEqual([]);
    expect(lint(source, { dialect: "event-hub", rules: { "wildcard-substring": "info" } })).toMatchObject([
      { code: "wildcard-substring", severity: "info" },
    ]);
  });

  test("leaves the rules it does not name at their default", () => {
    const source = "entity.entity_type = Task and entity.new.bid = 0 and entity.operation = create and entity.operation = update";
    expect(lint(source).map((d) => d.code)).toEqual(["never-equal", "contradiction"]);
    const diagnostics = lint(source, { rules: { contradiction: "off" } });
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([["never-equal", "warning"]]);
  });

  test.each([
    [{ "field-refrence": "off" }, 'option rules: unknown lint rule "field-refrence"; did you mean "field-reference"?'],
    [
      { "never-equal": "warn" },
      'option rules: the setting of "never-equal" must be "off", "error", "warning" or "info", not "warn"; did you mean "warning"?',
    ],
    [
      { "never-equal": 2 },
      'option rules: the setting of "never-equal" must be "off", "error", "warning" or "info", not 2; did you mean "error"?',
    ],
    [{ syntax: "off" }, 'option rules: the lint rule "syntax" reports on the input itself and cannot be configured'],
    ["off", 'option rules: rules must be an object of rule codes to settings, such as { "field-reference": "off" }'],
  ])("reports bad settings as invalid-input, never throwing: %j", (rules, message) => {
    const diagnostics = lint("entity.entity_type = Task", { rules: rules as never });
    expect(diagnostics).toEqual([expect.objectContaining({ code: "invalid-input", severity: "error", message })]);
  });

  test("reports every bad setting at once", () => {
    const diagnostics = lint("a=1", { rules: { nope: "off", wildcard: "loud" } as never });
    expect(diagnostics.map((d) => d.code)).toEqual(["invalid-input", "invalid-input"]);
  });

  test("syntax errors keep their severity whatever the settings", () => {
    expect(lint("a ==", { rules: { contradiction: "off" } })).toMatchObject([{ code: "syntax", severity: "error" }]);
  });
});

describe("lintRules", () => {
  test("lists every code a diagnostic can carry, with its default and dialect", () => {
    const codes = Object.keys(lintRules) as RuleCode[];
    expect(codes).toContain("field-reference");
    expect(codes).toContain("json-literal");
    expect(codes).toContain("id-literal");
    for (const code of codes) {
      expect(isRuleCode(code)).toBe(true);
      expect(["off", "error", "warning", "info"]).toContain(lintRules[code].severity);
      expect(["trigger", "event-hub", "both"]).toContain(lintRules[code].dialect);
      expect(lintRules[code].description.length).toBeGreaterThan(10);
    }
    expect(isRuleCode("toString")).toBe(false);
    expect(Object.isFrozen(lintRules)).toBe(true);
    expect(Object.isFrozen(lintRules.wildcard)).toBe(true);
  });
});

describe("validateRules", () => {
  test("accepts every configurable rule with every setting", () => {
    for (const code of Object.keys(lintRules) as RuleCode[]) {
      if (!lintRules[code].configurable) continue;
      for (const setting of ["off", "error", "warning", "info"]) expect(validateRules({ [code]: setting })).toEqual([]);
    }
  });

  test("names the rule of each problem, and lists the rules when no name is close", () => {
    const problems = validateRules({ zzzzzzzz: "off", "deep-nesting": "warn" });
    expect(problems.map((p) => p.rule)).toEqual(["zzzzzzzz", "deep-nesting"]);
    expect(problems[0]?.message).toMatch(/^unknown lint rule "zzzzzzzz" \(rules: syntax, .*field-reference/);
  });

  test("reads own keys only", () => {
    expect(validateRules(Object.create({ wildcard: "loud" }))).toEqual([]);
    expect(validateRules(JSON.parse('{"__proto__": "off"}'))[0]?.message).toMatch(/unknown lint rule "__proto__"/);
  });

  test("never throws, even on a proxy that does", () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error("boom");
        },
      },
    );
    expect(validateRules(hostile)).toEqual([{ rule: "", message: expect.stringMatching(/could not be read/) }]);
    expect(lint("a=1", { rules: hostile as never })).toMatchObject([{ code: "invalid-input" }]);
  });

  test("a polluted Object.prototype changes no setting", () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto["id-literal"] = "off";
    try {
      expect(lint("entity.new.status_id = Approved", { rules: {} }).map((d) => d.code)).toEqual(["id-literal"]);
    } finally {
      delete proto["id-literal"];
    }
  });

  test.each([null, [], 3, undefined])("rejects %j as a whole", (rules) => {
    expect(validateRules(rules)).toEqual([{ rule: "", message: expect.stringMatching(/rules must be an object/) }]);
  });
});

describe("the rules and the list agree", () => {
  test("every code a rule reports is listed, with the severity the rule gives it by default", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const dir = join(__dirname, "..", "..", "src", "lint");
    const files = [...readdirSync(dir).map((f) => join(dir, f)), ...readdirSync(join(dir, "rules")).map((f) => join(dir, "rules", f))];
    const reported = new Map<string, Set<string>>();
    for (const file of files.filter((f) => f.endsWith(".ts"))) {
      for (const [, code, severity] of readFileSync(file, "utf8").matchAll(/\.report\(\s*"([a-z-]+)",\s*"(error|warning|info)"/g)) {
        if (!reported.has(code as string)) reported.set(code as string, new Set());
        reported.get(code as string)?.add(severity as string);
      }
    }
    expect(reported.size).toBeGreaterThanOrEqual(Object.keys(lintRules).length - 1);
    for (const [code, severities] of reported) {
      expect(isRuleCode(code), code).toBe(true);
      const listed = lintRules[code as RuleCode].severity;
      expect([...severities], code).toEqual([listed === "off" ? "info" : listed]);
    }
  });
});
