/**
 * Bounds of what `lint` returns for the worst filters found: how many
 * diagnostics, how long their messages, and no control character of the
 * filter in any message. Counts and lengths only, never time.
 */
import { describe, expect, test } from "vitest";
import { MAX_DIAGNOSTICS, QUOTED_CONDITION, QUOTED_TOKEN, quoteText } from "../../../src/lint/diagnostic";
import { lint } from "../../../src/lint/lint";

const totalMessageLength = (source: string, dialect: "trigger" | "event-hub" = "trigger"): number =>
  lint(source, { dialect }).reduce((sum, d) => sum + d.message.length, 0);

/** `x = "<long>"` and then `count` short conditions on x, each contradicting the first. */
function contradictionHeavy(longLength: number, count: number): string {
  const parts = [`x = "${"L".repeat(longLength)}"`];
  for (let i = 0; i < count; i++) parts.push(`x = "v${i}"`);
  return parts.join(" and ");
}

describe("lint output stays bounded", () => {
  // Was: the contradiction rule quoted the whole earlier condition (src/lint/rules/contradiction.ts), so a
  // 55 KB filter gave 255 diagnostics of about 30 KB each: 7.7 MB of messages.
  test("a 55 KB contradiction-heavy filter", () => {
    const source = contradictionHeavy(30_000, 255);
    expect(source.length).toBeGreaterThan(30_000 + 255 * 10);
    const diagnostics = lint(source, { dialect: "event-hub" });
    expect(diagnostics).toHaveLength(MAX_DIAGNOSTICS + 1);
    const longest = Math.max(...diagnostics.map((d) => d.message.length));
    expect(longest).toBeLessThan(QUOTED_CONDITION + 200);
    expect(totalMessageLength(source, "event-hub")).toBeLessThan(30_000);
  });

  test("past MAX_DIAGNOSTICS, one more-diagnostics counts the rest, with their highest severity", () => {
    const source = Array.from({ length: 300 }, (_, i) => `bogus${i} = 1`).join(" or ");
    const diagnostics = lint(source);
    expect(diagnostics).toHaveLength(MAX_DIAGNOSTICS + 1);
    const last = diagnostics[MAX_DIAGNOSTICS];
    expect(last?.code).toBe("more-diagnostics");
    expect(last?.severity).toBe("error");
    expect(last?.message).toMatch(/^and 250 more \(250 errors\), not listed/);
    expect(last?.omitted).toEqual({ error: 250, warning: 0, info: 0 });
    expect(diagnostics.filter((d) => d.code === "more-diagnostics")).toHaveLength(1);
  });

  test("a 64 KiB path and a 64 KiB value are quoted in 40 characters", () => {
    const path = `entity.${"p".repeat(65_000)}`;
    for (const d of lint(`${path} = 1`)) expect(d.message.length).toBeLessThan(QUOTED_TOKEN * 3 + 300);
    for (const d of lint(`entity.entity_type = "${"T".repeat(65_000)}"`)) expect(d.message.length).toBeLessThan(QUOTED_TOKEN * 2 + 300);
  });
});

describe("lint output on 64 KiB adversarial runs", () => {
  const RUNS: readonly (readonly [string, string])[] = [
    ["quotes", '"'.repeat(65_536)],
    ["backslashes", `a = "${"\\".repeat(65_528)}"`],
    ["dots", `a${".b".repeat(32_760)} = 1`],
    ["parentheses", `${"(".repeat(32_768)}${")".repeat(32_768)}`],
    ["not", `${"not ".repeat(16_382)}a=1`],
    ["dangling operators", "a = = ".repeat(10_922)],
    ["unknown fields", Array.from({ length: 1_800 }, (_, i) => `entity.new.f${i} = "${"\u0007".repeat(3)}"`).join(" or ")],
  ];

  test.for(RUNS)("%s: at most MAX_DIAGNOSTICS + 1 diagnostics of bounded messages", ([, source]) => {
    expect(source.length).toBeLessThanOrEqual(65_536);
    const diagnostics = lint(source);
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.length).toBeLessThanOrEqual(MAX_DIAGNOSTICS + 1);
    for (const d of diagnostics) {
      expect(d.message.length).toBeLessThanOrEqual(601);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for control characters
      expect(d.message).not.toMatch(/[\u0000-\u001f]/);
    }
  });
});

describe("messages escape control characters", () => {
  // Was: messages quoted filter text raw, so a value holding ESC ] 0 ; … BEL retitled the terminal that
  // printed the diagnostic.
  test("an OSC sequence in an entity type, a field name and a wildcard value", () => {
    const osc = "\u001b]0;pwned\u0007";
    const filters = [
      `entity.entity_type = "${osc}"`,
      `entity.new.x${osc}y = 1`,
      `entity.new.name = "a${osc}*"`,
      `entity.operation = "${osc}\u202e"`,
      `a = "1" and a = "2${osc}"`,
    ];
    // The trailing-wildcard rule, whose message quotes the value, is opt-in: turned on here.
    const rules = { "wildcard-substring": "info" } as const;
    for (const source of filters) {
      const diagnostics = lint(source, { rules });
      expect(diagnostics.length).toBeGreaterThan(0);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for control characters
      for (const d of diagnostics) expect(d.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    }
    expect(lint(filters[0] as string)[0]?.message).toContain("\\u001b]0;pwned\\u0007");
    expect(lint(filters[2] as string, { rules }).map((d) => d.code)).toEqual(["wildcard-substring"]);
    expect(lint(filters[2] as string, { rules })[0]?.message).toContain("a\\u001b]0;pwned\\u0007");
  });

  test("quoteText cuts on a code point boundary and escapes after cutting", () => {
    expect(quoteText("a\tb\nc")).toBe("a\\tb\\nc");
    expect(quoteText(`${"x".repeat(39)}😀rest`)).toBe(`${"x".repeat(39)}…`);
    expect(quoteText("\u0000".repeat(100), 3)).toBe("\\u0000\\u0000\\u0000…");
  });
});

describe("the literal rules quote at most 40 characters", () => {
  // Was: id-literal and json-literal (src/lint/rules/literals.ts) quoted the whole literal, so the
  // 600-character cut of a message removed its conclusion.
  test("a 2,000-character status id keeps the message's conclusion", () => {
    const [diagnostic] = lint(`entity.entity_type = AssetVersion and entity.new.status_id = ${"A".repeat(2_000)}`);
    expect(diagnostic?.code).toBe("id-literal");
    expect(diagnostic?.message).toContain(`"${"A".repeat(40)}…" cannot be one, so "=" never matches`);
    expect(diagnostic?.message.length).toBeLessThan(400);
  });
});
