/**
 * The command line in CI and scripts, run as a child process: GitHub
 * Actions annotations and SARIF with file positions, `-` for standard input
 * in every command, patterns the shell did not expand, and the hint for
 * events of the other dialect.
 */
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { cli, root, scratch } from "./run-cli";

const files = scratch();
afterAll(() => files.cleanup());

const TASK_UPDATE = join(root, "examples/events/task-update-status.json");

describe("--format github", () => {
  test("one workflow command per diagnostic, at the file's line and column", () => {
    const file = files.write("gh.txt", '# a comment\n\nentity.entity_type = "task"\nentity.operation = delete\n');
    const result = cli(["lint", "--format", "github", "--file", file, "entity.operation = remove"]);
    expect(result.status).toBe(1);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines).toContain(
      `::warning file=${file},line=3,col=22,endLine=3,endColumn=28,title=ftrack-filter unknown-entity-type::"task" is not an entity type of the schema; did you mean "Task"? (entity type names are case-sensitive)`,
    );
    expect(
      lines.some((line) =>
        line.startsWith(`::error file=${file},line=4,col=20,endLine=4,endColumn=26,title=ftrack-filter unknown-operation::`),
      ),
    ).toBe(true);
    // An argument has no file: the annotation names it in the message instead.
    expect(lines.some((line) => /^::(error|warning|notice) title=ftrack-filter [a-z-]+::<arg 1>: /.test(line))).toBe(true);
  });

  test("properties and messages are escaped as GitHub requires", () => {
    const file = files.write("a,b:c%.txt", "entity.operation = delete\n");
    const result = cli(["lint", "--format", "github", "--file", file]);
    expect(result.stdout).toContain(`file=${file.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")},line=1`);
  });
});

describe("--format sarif", () => {
  test("a SARIF 2.1.0 log: rules, results with regions in the file, fixes", () => {
    const file = files.write("sarif.txt", '\nentity.entity_type = "task"\n');
    const result = cli(["lint", "--format", "sarif", "--file", file]);
    expect(result.status).toBe(0);
    const log = JSON.parse(result.stdout) as {
      version: string;
      runs: { tool: { driver: { name: string; rules: { id: string }[] } }; results: Record<string, unknown>[] }[];
    };
    expect(log.version).toBe("2.1.0");
    const run = log.runs[0];
    expect(run?.tool.driver.name).toBe("ftrack-filter");
    expect(run?.tool.driver.rules.map((rule) => rule.id)).toEqual(["unknown-entity-type"]);
    expect(run?.results[0]).toMatchObject({
      ruleId: "unknown-entity-type",
      ruleIndex: 0,
      level: "warning",
      locations: [
        { physicalLocation: { artifactLocation: { uri: file }, region: { startLine: 2, startColumn: 22, endLine: 2, endColumn: 28 } } },
      ],
      fixes: [
        {
          artifactChanges: [{ replacements: [{ deletedRegion: { startLine: 2, startColumn: 22 }, insertedContent: { text: '"Task"' } }] }],
        },
      ],
    });
  });
});

describe("- is standard input in every command", () => {
  test("lint - and format - read filters from standard input", () => {
    const lint = cli(["lint", "-"], { input: "entity.operation = remove\n" });
    expect(lint.status).toBe(1);
    expect(lint.stdout).toContain("<stdin>:1:20: error unknown-operation:");
    expect(lint.stdout).not.toContain('"-"');
    const format = cli(["format", "-"], { input: "# kept\na=1\n" });
    expect(format.stdout).toBe('# kept\na = "1"\n');
  });

  test("match - and explain - read the FILTER from standard input", () => {
    const match = cli(["match", "-", TASK_UPDATE], { input: "entity.entity_type = Task\n" });
    expect(match.status).toBe(0);
    expect(match.stdout).toBe(`${TASK_UPDATE}: match\n`);
    const explain = cli(["explain", "-", TASK_UPDATE], { input: "entity.entity_type = Task\n" });
    expect(explain.stdout).toMatch(/^match\n/);
    expect(cli(["match", "-", "-"]).stderr).toMatch(
      /the FILTER is read from standard input \(-\), so the events must come from EVENT files/,
    );
  });
});

describe("patterns the shell did not expand", () => {
  const dir = files.path("globs");
  mkdirSync(join(dir, "nested", "deeper"), { recursive: true });
  copyFileSync(TASK_UPDATE, join(dir, "one.json"));
  copyFileSync(TASK_UPDATE, join(dir, "nested", "deeper", "two.json"));
  files.write("globs/a.txt", "entity.operation = delete\n");
  files.write("globs/b.txt", "entity.operation = create\n");
  files.write("globs/.hidden.txt", "entity.operation = gone\n");

  test("--file 'dir/*.txt' lints each match, in name order; dot files only when asked", () => {
    const result = cli(["lint", "--file", `${dir}/*.txt`]);
    expect(result.stdout).toContain(`${dir}/a.txt:1:20: error unknown-operation`);
    expect(result.stdout).toMatch(/2 filters: 1 error\n$/);
    expect(cli(["lint", "--file", `${dir}/?b.txt`]).stderr).toBe(`ftrack-filter: ${dir}/?b.txt: no file matches this pattern\n`);
  });

  test("match FILTER 'dir/**/*.json' walks directories", () => {
    const result = cli(["match", "entity.entity_type = Task", `${dir}/**/*.json`]);
    expect(result.stdout).toBe(`${dir}/nested/deeper/two.json: match\n${dir}/one.json: match\n`);
  });
});

describe("match with events of the other dialect", () => {
  test("hints at --dialect event-hub when a trigger filter is given event-hub events", () => {
    const event = files.write("hub.json", JSON.stringify({ topic: "ftrack.update", data: {}, source: {} }));
    const result = cli(["match", "entity.entity_type = Task", event]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `hint: ${event} looks like an event-hub event (a topic, no entity), not a webhook entity event; for a subscription expression pass --dialect event-hub\n`,
    );
    expect(cli(["match", "--dialect", "event-hub", "topic=ftrack.update", event]).stderr).toBe("");
    expect(cli(["explain", "entity.entity_type = Task", event]).stderr).toContain(`hint: ${event} looks like an event-hub event`);
  });

  test("and the other way round", () => {
    const result = cli(["match", "--dialect", "event-hub", "entity.entity_type=Note", TASK_UPDATE]);
    expect(result.stderr).toContain("looks like a webhook entity event (an entity, no topic)");
  });
});
