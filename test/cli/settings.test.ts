/**
 * Tuning `ftrack-filter lint`, run as a child process: `--rule`, `--quiet`,
 * the configuration file (found from the working directory upward, or
 * given), and `# ftrack-filter-disable-next-line` comments in filter files.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { ruleCodeProblem } from "../../src/cli/rules";
import { lintRules } from "../../src/index";
import { type CliResult, cli, root, scratch } from "./run-cli";

const files = scratch();
afterAll(() => files.cleanup());

// A "*" inside a value is an ordinary character, an info whatever else the rules learn: a stable example of a rule to set.
const WILDCARD = 'entity.new.name = "co*mp"';
// A trailing "*" tests for a substring: the opt-in rule wildcard-substring, off by default.
const SUBSTRING = 'entity.new.name = "comp*"';
const LOWER_TASK = 'entity.entity_type = "task"';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Runs lint from `dir` (so that its configuration applies). */
function lintIn(dir: string, args: readonly string[]): CliResult {
  return cli(["lint", ...args], { cwd: dir });
}

describe("--rule CODE=SETTING", () => {
  test("off drops a rule's diagnostics; a severity replaces the rule's own", () => {
    expect(cli(["lint", WILDCARD]).stdout).toContain("info wildcard:");
    const off = cli(["lint", "--rule", "wildcard=off", WILDCARD]);
    expect(off.stdout).toBe("1 filter: no problems\n");
    const raised = cli(["lint", "--rule", "unknown-entity-type=error", "--rule", "wildcard=warning", LOWER_TASK, WILDCARD]);
    expect(raised.status).toBe(1);
    expect(raised.stdout).toMatch(/^<arg 1>:1:22: error unknown-entity-type: /m);
    expect(raised.stdout).toMatch(/^<arg 2>:1:19: warning wildcard: /m);
  });

  test("a misspelt code or setting is a usage error with a suggestion; syntax cannot be turned off", () => {
    const code = cli(["lint", "--rule", "field-referenc=off", "a=1"]);
    expect(code.status).toBe(2);
    expect(code.stderr).toMatch(
      /^ftrack-filter: lint: --rule field-referenc=off: no rule has the code "field-referenc"; did you mean "field-reference"\?\n/,
    );
    expect(cli(["lint", "--rule", "wildcard=warn", "a=1"]).stderr).toContain('not "warn"; did you mean warning?');
    expect(cli(["lint", "--rule", "wildcard", "a=1"]).stderr).toContain("--rule takes CODE=SETTING");
    expect(cli(["lint", "--rule", "syntax=off", "a="]).stderr).toContain('"syntax" reports a filter that cannot be checked');
  });

  test("an opt-in rule is off until set", () => {
    expect(cli(["lint", SUBSTRING]).stdout).toBe("1 filter: no problems\n");
    expect(cli(["lint", "--rule", "wildcard-substring=warning", SUBSTRING]).stdout).toMatch(/^<arg 1>:1:19: warning wildcard-substring: /m);
  });

  test("the rule codes the command line accepts are those of src/lint/RULES.md", () => {
    const table = readFileSync(join(root, "src/lint/RULES.md"), "utf8");
    // more-diagnostics counts the diagnostics a filter has past the listed ones: it is no rule to set.
    const documented = [...table.matchAll(/^\| `([a-z-]+)` \|/gm)]
      .map((match) => match[1] ?? "")
      .filter((code) => code !== "more-diagnostics");
    expect(Object.keys(lintRules).sort()).toEqual([...documented].sort());
    const fixed = ["syntax", "invalid-input", "internal-error"];
    expect(documented.filter((code) => ruleCodeProblem(code) === undefined)).toEqual(documented.filter((code) => !fixed.includes(code)));
    for (const code of fixed) expect(ruleCodeProblem(code)).toMatch(/always an error$/);
    expect(ruleCodeProblem("more-diagnostics")).toMatch(/^no rule has the code "more-diagnostics"/);
  });
});

describe("--quiet", () => {
  test("shows errors only; warnings still count against --max-warnings", () => {
    const quiet = cli(["lint", "--quiet", LOWER_TASK, "entity.operation = delete"]);
    expect(quiet.status).toBe(1);
    expect(quiet.stdout).not.toContain("warning");
    expect(quiet.stdout).toMatch(/error unknown-operation/);
    expect(quiet.stdout).toMatch(/2 filters: 1 error\n$/);
    const counted = cli(["lint", "-q", "--max-warnings", "0", LOWER_TASK]);
    expect(counted.status).toBe(1);
    expect(counted.stdout).toContain("more warnings than --max-warnings 0 allows");
  });
});

describe("the configuration file", () => {
  test("ftrack-filter.config.json is found from a subdirectory, and --rule wins over it", () => {
    const dir = files.path("project");
    mkdirSync(join(dir, "deep", "er"), { recursive: true });
    files.write(
      "project/ftrack-filter.config.json",
      JSON.stringify({ rules: { wildcard: "off", "unknown-entity-type": "error" }, maxWarnings: 0 }),
    );
    const found = lintIn(join(dir, "deep", "er"), [WILDCARD, LOWER_TASK]);
    expect(found.status).toBe(1);
    expect(found.stdout).not.toContain("wildcard");
    expect(found.stdout).toMatch(/error unknown-entity-type/);
    const overridden = lintIn(dir, ["--rule", "unknown-entity-type=info", LOWER_TASK]);
    expect(overridden.status).toBe(0);
    expect(lintIn(dir, ["--no-config", WILDCARD]).stdout).toContain("info wildcard");
  });

  test('or the "ftrack-filter" key of package.json; a broken package.json of another project is passed over', () => {
    const dir = files.path("pkg");
    mkdirSync(join(dir, "inner"), { recursive: true });
    files.write("pkg/package.json", JSON.stringify({ name: "x", "ftrack-filter": { rules: { wildcard: "off" } } }));
    files.write("pkg/inner/package.json", "{ not json");
    expect(lintIn(join(dir, "inner"), [WILDCARD]).stdout).toBe("1 filter: no problems\n");
  });

  test("--config FILE; schema paths are relative to the file; dialect and maxWarnings apply", () => {
    mkdirSync(files.path("conf"));
    files.write("conf/custom.json", JSON.stringify({ dialect: "event-hub", maxWarnings: 0 }));
    const hub = cli(["lint", "--config", files.path("conf/custom.json"), "topic=ftrack.update"]);
    expect(hub.stdout).toBe("1 filter: no problems\n");
    files.write("conf/bad-schema.json", JSON.stringify({ schema: "missing.json" }));
    const missing = cli(["lint", "--config", files.path("conf/bad-schema.json"), "a=1"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain(join(files.path("conf"), "missing.json"));
  });

  test("a bad configuration names the file and the key, with a suggestion; exit 2", () => {
    const dir = files.path("bad");
    mkdirSync(dir);
    const check = (config: unknown, message: string) => {
      files.write("bad/ftrack-filter.config.json", JSON.stringify(config));
      const result = lintIn(dir, ["a=1"]);
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(`ftrack-filter: ftrack-filter.config.json: ${message}\n`);
    };
    check({ rule: {} }, 'key "rule": unknown key (known: rules, dialect, schema, maxWarnings); did you mean "rules"?');
    check(
      { rules: { "field-referenc": "off" } },
      'key "rules.field-referenc": no rule has the code "field-referenc"; did you mean "field-reference"?',
    );
    check(
      { rules: { wildcard: "eror" } },
      'key "rules.wildcard": a rule is set to off, error, warning or info, not "eror"; did you mean error?',
    );
    check({ maxWarnings: -1 }, 'key "maxWarnings": must be a whole number, 0 or more');
    check([], "the configuration must be a JSON object");
    files.write("bad/ftrack-filter.config.json", "{ rules: }");
    expect(lintIn(dir, ["a=1"]).stderr).toBe(
      'ftrack-filter: ftrack-filter.config.json: invalid JSON: expected a property name in double quotes but found "r" (line 1, column 3)\n',
    );
    files.write("bad/ftrack-filter.config.json", "{}");
    files.write("bad/package.json", JSON.stringify({ "ftrack-filter": { rules: { x: "off" } } }));
    // The config file wins over package.json in the same directory.
    expect(lintIn(dir, ["entity.entity_type = Task"]).status).toBe(0);
  });
});

describe("# ftrack-filter-disable-next-line", () => {
  test("silences the named codes on the next line; an unused code is reported", () => {
    const file = files.write(
      "directives.txt",
      [
        "# ftrack-filter-disable-next-line wildcard -- a literal star on purpose",
        WILDCARD,
        "# ftrack-filter-disable-next-line unknown-entity-type, empty-equals",
        `${LOWER_TASK} and entity.new.description = ""`,
        "# ftrack-filter-disable-next-line unknown-entity-type",
        WILDCARD,
        "  # ftrack-filter-disable-next-line wildcards",
        "",
      ].join("\n"),
    );
    const result = cli(["lint", "--file", file]);
    expect(result.status).toBe(0);
    // In file order: the directive's line before the line it applies to.
    const heads = result.stdout.split("\n").filter((line) => line.startsWith(file));
    expect(heads).toHaveLength(3);
    expect(heads[0]).toBe(
      `${file}:5:35: warning unused-directive: unused directive: the next line has no unknown-entity-type diagnostic to silence; remove the code`,
    );
    expect(heads[1]).toMatch(new RegExp(`^${escapeRegExp(file)}:6:19: info wildcard: `));
    expect(heads[2]).toBe(
      `${file}:7:37: warning unused-directive: unused directive: no rule has the code "wildcards"; did you mean "wildcard"?`,
    );
    expect(result.stdout).toMatch(/3 filters: 2 warnings, 1 info\n$/);
  });

  test("a code of a rule that is off, set so or by default, is reported as such", () => {
    const file = files.write("off.txt", ["# ftrack-filter-disable-next-line wildcard-substring, wildcard", SUBSTRING, ""].join("\n"));
    const off = cli(["lint", "--rule", "wildcard=off", "--file", file]);
    expect(off.stdout.split("\n").filter((line) => line.startsWith(file))).toEqual([
      `${file}:1:35: warning unused-directive: unused directive: the rule wildcard-substring is off`,
      `${file}:1:55: warning unused-directive: unused directive: the rule wildcard is off`,
    ]);
    // Turned on, the opt-in rule's diagnostic is silenced; wildcard has nothing to silence.
    const on = cli(["lint", "--rule", "wildcard-substring=info", "--file", file]);
    expect(on.stdout.split("\n").filter((line) => line.startsWith(file))).toEqual([
      `${file}:1:55: warning unused-directive: unused directive: the next line has no wildcard diagnostic to silence; remove the code`,
    ]);
    expect(on.stdout).toMatch(/\n1 filter: 1 warning\n$/);
  });

  // Was: the directive silenced the 50 diagnostics lint lists, but not the `more-diagnostics`
  // entry counting the rest, which still counted as errors (exit 1).
  test("a line with more diagnostics than lint lists is silenced whole", () => {
    const many = Array.from({ length: 60 }, (_, i) => `entity.x${i} = 1`).join(" or ");
    const file = files.write("many.txt", ["# ftrack-filter-disable-next-line unknown-field", many, many, ""].join("\n"));
    const result = cli(["lint", "--file", file]);
    const codes = result.stdout
      .split("\n")
      .filter((line) => line.startsWith(file))
      .map((line) => line.split(" ")[2]);
    // The second line, without a directive, lists 50 and counts the other 10.
    expect(codes).toEqual([...Array.from({ length: 50 }, () => "unknown-field:"), "more-diagnostics:"]);
    expect(result.stdout).toMatch(/\n2 filters: 60 errors\n$/);
    expect(result.status).toBe(1);
    const only = files.write("one.txt", ["# ftrack-filter-disable-next-line unknown-field", many, ""].join("\n"));
    const quiet = cli(["lint", "--file", only]);
    expect(quiet.stdout).toBe("1 filter: no problems\n");
    expect(quiet.status).toBe(0);
  });

  test("directives work while standard input is streamed", () => {
    const input = ["# ftrack-filter-disable-next-line unknown-entity-type", 'entity.entity_type = "task"', LOWER_TASK, ""].join("\n");
    const result = cli(["lint", "-"], { input });
    expect(result.stdout).toMatch(/^<stdin>:3:22: warning unknown-entity-type: /);
    expect(result.stdout).toMatch(/\n2 filters: 1 warning\n$/);
  });
});
