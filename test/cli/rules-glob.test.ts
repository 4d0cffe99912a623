/**
 * The command line's own pieces, called directly: rule settings applied to
 * diagnostics (the seam a library option can replace), and the file
 * pattern expansion used when the shell did not expand a pattern.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { expandGlob } from "../../src/cli/glob";
import { applyRuleSettings, ruleCodeProblem, ruleSettingProblem } from "../../src/cli/rules";
import { lint } from "../../src/index";

describe("applyRuleSettings", () => {
  const diagnostics = lint('entity.entity_type = "task" and entity.new.name = "a*" and entity.operation = delete');

  test("off drops, a severity replaces, other rules and the order stay", () => {
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ["unknown-entity-type", "warning"],
      ["wildcard", "info"],
      ["unknown-operation", "error"],
    ]);
    const applied = applyRuleSettings(diagnostics, { "unknown-entity-type": "off", wildcard: "error", "never-equal": "off" });
    expect(applied.map((d) => [d.code, d.severity])).toEqual([
      ["wildcard", "error"],
      ["unknown-operation", "error"],
    ]);
    expect(applied[0]?.message).toBe(diagnostics[1]?.message);
    // The input is not changed.
    expect(diagnostics[1]?.severity).toBe("info");
  });

  test("syntax errors keep their severity whatever the settings say", () => {
    const syntax = lint("a =");
    expect(applyRuleSettings(syntax, { syntax: "off" })).toEqual(syntax);
  });

  test("codes and settings are checked with suggestions", () => {
    expect(ruleCodeProblem("wildcard")).toBeUndefined();
    expect(ruleCodeProblem("wildcards")).toBe('no rule has the code "wildcards"; did you mean "wildcard"?');
    expect(ruleCodeProblem("internal-error")).toMatch(/always an error/);
    expect(ruleSettingProblem("info")).toBeUndefined();
    expect(ruleSettingProblem(0)).toBe("a rule is set to off, error, warning or info, not 0");
  });
});

describe("expandGlob", () => {
  const dir = mkdtempSync(join(tmpdir(), "ftrack-filter-glob-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, "a", "b", "c"), { recursive: true });
  mkdirSync(join(dir, ".git"));
  for (const file of ["x.txt", "y.txt", "xy.json", ".hidden.txt", "a/one.txt", "a/b/two.txt", "a/b/c/three.txt", ".git/four.txt", "star*.txt"]) {
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
