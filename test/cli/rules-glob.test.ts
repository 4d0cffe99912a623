/**
 * The command line's own pieces, called directly: rule settings checked by
 * the library's validateRules and given to lint as they are, and the file
 * pattern expansion used when the shell did not expand a pattern.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { expandGlob } from "../../src/cli/glob";
import { checkRules, isOff, ruleCodeProblem, ruleSettingProblem } from "../../src/cli/rules";
import { lint } from "../../src/index";

describe("rule settings", () => {
  const source = 'entity.entity_type = "task" and entity.new.name = "a*b" and entity.operation = delete';
  const fail = (code: string, message: string): Error => new Error(`${code}: ${message}`);

  test("checked settings go to lint as they are: off drops, a severity replaces, other rules and the order stay", () => {
    const diagnostics = lint(source);
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ["unknown-entity-type", "warning"],
      ["wildcard", "info"],
      ["unknown-operation", "error"],
    ]);
    const rules = checkRules({ "unknown-entity-type": "off", wildcard: "error", "never-equal": "off" }, fail);
    const applied = lint(source, { rules });
    expect(applied.map((d) => [d.code, d.severity])).toEqual([
      ["wildcard", "error"],
      ["unknown-operation", "error"],
    ]);
    expect(applied[0]?.message).toBe(diagnostics[1]?.message);
  });

  test("an opt-in rule is off until it is set; isOff knows both", () => {
    const substring = 'entity.new.name = "comp*"';
    expect(lint(substring)).toEqual([]);
    expect(lint(substring, { rules: checkRules({ "wildcard-substring": "info" }, fail) }).map((d) => [d.code, d.severity])).toEqual([
      ["wildcard-substring", "info"],
    ]);
    expect(isOff("wildcard-substring", {})).toBe(true);
    expect(isOff("wildcard-substring", { "wildcard-substring": "info" })).toBe(false);
    expect(isOff("wildcard", {})).toBe(false);
    expect(isOff("wildcard", { wildcard: "off" })).toBe(true);
  });

  test("syntax errors cannot be set: the settings are refused before lint sees them", () => {
    expect(() => checkRules({ syntax: "off" }, fail)).toThrow(
      'syntax: "syntax" reports a filter that cannot be checked; it is always an error',
    );
    expect(lint("a =", { rules: {} }).map((d) => [d.code, d.severity])).toEqual([["syntax", "error"]]);
  });

  test("codes and settings are checked with suggestions", () => {
    expect(ruleCodeProblem("wildcard")).toBeUndefined();
    expect(ruleCodeProblem("wildcards")).toBe('no rule has the code "wildcards"; did you mean "wildcard"?');
    expect(ruleCodeProblem("internal-error")).toMatch(/always an error/);
    expect(ruleSettingProblem("info")).toBeUndefined();
    expect(ruleSettingProblem(0)).toBe("a rule is set to off, error, warning or info, not 0");
    // The first problem of the settings is the one thrown, named by its code.
    expect(() => checkRules({ wildcard: "info", "never-equal": "warn", "empty-equals": "eror" }, fail)).toThrow(
      'never-equal: a rule is set to off, error, warning or info, not "warn"; did you mean warning?',
    );
  });
});

describe("expandGlob", () => {
  const dir = mkdtempSync(join(tmpdir(), "ftrack-filter-glob-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, "a", "b", "c"), { recursive: true });
  mkdirSync(join(dir, ".git"));
  for (const file of [
    "x.txt",
    "y.txt",
    "xy.json",
    ".hidden.txt",
    "a/one.txt",
    "a/b/two.txt",
    "a/b/c/three.txt",
    ".git/four.txt",
    "star*.txt",
  ]) {
    writeFileSync(join(dir, file), "");
  }

  test("* and ? within one name, sorted; dot files only for a pattern starting with a dot", async () => {
    expect(await expandGlob(`${dir}/*.txt`)).toEqual([`${dir}/star*.txt`, `${dir}/x.txt`, `${dir}/y.txt`]);
    expect(await expandGlob(`${dir}/?.txt`)).toEqual([`${dir}/x.txt`, `${dir}/y.txt`]);
    expect(await expandGlob(`${dir}/.*.txt`)).toEqual([`${dir}/.hidden.txt`]);
  });

  test("** is any number of directories, none included, hidden ones skipped", async () => {
    expect(await expandGlob(`${dir}/**/*.txt`)).toEqual(
      [`${dir}/a/b/c/three.txt`, `${dir}/a/b/two.txt`, `${dir}/a/one.txt`, `${dir}/star*.txt`, `${dir}/x.txt`, `${dir}/y.txt`].sort(),
    );
    expect(await expandGlob(`${dir}/a/**/two.txt`)).toEqual([`${dir}/a/b/two.txt`]);
  });

  test("a path that exists is itself; a pattern matching nothing is empty; a name without a pattern is kept", async () => {
    expect(await expandGlob(`${dir}/star*.txt`)).toEqual([`${dir}/star*.txt`]);
    expect(await expandGlob(`${dir}/*.csv`)).toEqual([]);
    expect(await expandGlob(`${dir}/missing.txt`)).toEqual([`${dir}/missing.txt`]);
  });
});
