import { describe, expect, test } from "vitest";
import type { Dialect } from "../../src/syntax/ast";
import { covered, only } from "./helpers";

const dialects: Dialect[] = ["trigger", "event-hub"];

describe.each(dialects)("empty-equals (%s)", (dialect) => {
  test.each(['entity.new.name = ""', "entity.new.name = ''"])("%s", (source) => {
    const [diagnostic, ...rest] = only("empty-equals", source, { dialect });
    expect(rest).toEqual([]);
    expect(diagnostic?.severity).toBe("warning");
    expect(covered(source, diagnostic!.span)).toBe(source);
  });

  test("accepts != with an empty value, and non-empty values", () => {
    expect(only("empty-equals", 'entity.new.name != ""', { dialect })).toEqual([]);
    expect(only("empty-equals", 'entity.new.name = " "', { dialect })).toEqual([]);
  });
});

const SUBSTRING_ON = { "wildcard-substring": "info" } as const;

describe.each(dialects)("wildcard and wildcard-substring (%s)", (dialect) => {
  test("when asked, explains that a trailing * tests for a substring anywhere", () => {
    const source = "entity.new.name = sh010*";
    expect(only("wildcard-substring", source, { dialect })).toEqual([]);
    expect(only("wildcard", source, { dialect })).toEqual([]);
    const [diagnostic, ...rest] = only("wildcard-substring", source, { dialect, rules: SUBSTRING_ON });
    expect(rest).toEqual([]);
    expect(diagnostic?.severity).toBe("info");
    expect(diagnostic?.message).toMatch(/"sh010" occurs anywhere in the value \(not only at its start\)/);
    expect(covered(source, diagnostic!.span)).toBe("sh010*");
  });

  test.each([
    ['entity.new.name = "a*b"', /not at the end is an ordinary character/],
    ["entity.new.name != a*", /with "!=" is an ordinary character/],
    ["entity.new.name >= a*", /with ">=" is an ordinary character/],
  ])("%s", (source, message) => {
    const [diagnostic, ...rest] = only("wildcard", source, { dialect });
    expect(rest).toEqual([]);
    expect(diagnostic?.message).toMatch(message);
  });

  test("when asked, says what a lone * matches", () => {
    const [diagnostic] = only("wildcard-substring", "entity.new.name = *", { dialect, rules: SUBSTRING_ON });
    expect(diagnostic?.message).toMatch(/alone matches any text value/);
  });

  test("says nothing without a *", () => {
    expect(only("wildcard", "entity.new.name = sh010", { dialect })).toEqual([]);
  });
});

test("a wildcard on entity.id is a list membership test", () => {
  expect(only("wildcard-substring", "entity.id = abc*", { rules: SUBSTRING_ON })[0]?.message).toMatch(
    /list entity.id holds the element "abc"/,
  );
});
