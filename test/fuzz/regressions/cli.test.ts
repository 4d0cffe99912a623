/**
 * Bounds of the command line on the worst inputs found: files too long to
 * hold in memory twice, output closed early by its reader, output to a
 * full disk. Each runs the built CLI (`npm test` builds it first). Memory
 * is held by Node's heap limit, not measured; nothing here is timed.
 */
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { CLI, cli, cliClosingOutput, root, scratch } from "../../cli/run-cli";

const files = scratch();
afterAll(() => files.cleanup());

/** `count` distinct clean filters, one per line. */
function filterLines(count: number): string {
  const lines: string[] = [];
  // A name, not an id: `status_id = "s1"` is an id-literal warning.
  for (let i = 0; i < count; i++) lines.push(`entity.entity_type = "Task" and entity.new.name = "s${i}"`);
  return `${lines.join("\n")}\n`;
}

describe("long filter files are streamed", () => {
  // Was: gatherFilters (src/cli/filters.ts) read the file whole and pushed its filters with
  // `push(...array)`, which overflows the stack from about 130,000 lines (exit 70, RangeError).
  test("lint and format of a 200,000-line file within a 24 MB heap", () => {
    const file = files.write("many.txt", filterLines(200_000));
    const heap = ["--max-old-space-size=24"];
    const linted = cli(["lint", "--file", file], { nodeArgs: heap });
    expect(linted.stderr).toBe("");
    expect(linted.stdout).toBe("200000 filters: no problems\n");
    expect(linted.status).toBe(0);
    const formatted = cli(["format", "--check", "--file", file], { nodeArgs: heap });
    expect(formatted.stderr).toBe("");
    expect(formatted.stdout).toMatch(/^\S*200000 filters:\S* \S*all in canonical form\S*\n$/);
    expect(formatted.status).toBe(0);
  });

  test("JSON output streamed item by item is the same JSON document, its results one array", () => {
    const file = files.write("three.txt", "a = 1\n\n# note\nentity.entity_type = task\nb = 2\n");
    const result = cli(["lint", "--format", "json", "--dialect", "event-hub", "--file", file]);
    const report = JSON.parse(result.stdout) as { results: { source: string }[] };
    expect(report.results.map((item) => item.source)).toEqual([`${file}:1`, `${file}:4`, `${file}:5`]);
    expect(result.stdout).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });
});

describe("a line without end is refused, not held", () => {
  // Was: readLines (src/cli/input.ts) buffered a line of any length, so a stream with no line
  // break grew until the string length limit and ended in an internal error (exit 70).
  test("a line past 16 Mi characters in a filter file or an event stream is one line on standard error and status 2", () => {
    const file = files.write("endless.txt", "a".repeat(16 * 1024 * 1024 + 1));
    for (const args of [
      ["lint", "--file", file],
      ["match", "--dialect", "event-hub", "a=1", file],
    ]) {
      const result = cli(args, { nodeArgs: ["--max-old-space-size=200"] });
      expect(result.stderr).toBe(`ftrack-filter: ${file}: line 1 is longer than 16777216 characters\n`);
      expect(result.status).toBe(2);
    }
  });
});

describe("exit statuses stay truthful when output is cut", () => {
  test("warnings past the diagnostics a filter lists still count against --max-warnings", () => {
    const filter = Array.from({ length: 120 }, (_, i) => `entity.entity_type = "Nope${i}"`).join(" or ");
    const result = cli(["lint", "--max-warnings", "100", filter]);
    expect(result.stdout).toContain("more-diagnostics");
    expect(result.stdout).toMatch(/1 filter: 120 warnings\n/);
    expect(result.status).toBe(1);
  });

  test("match | head -1 with no match exits 1, not 0", async () => {
    const line = JSON.stringify(JSON.parse(readFileSync(join(root, "examples/events/task-update-status.json"), "utf8")));
    const file = files.write("none.jsonl", `${line}\n`.repeat(5000));
    const result = await cliClosingOutput(["match", "entity.entity_type = Shot", file]);
    expect(result.stdout).toMatch(/^\S+none\.jsonl:1: no match\n/);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(1);
  });

  test("lint | head -1 still exits 1 for an error on the last line", async () => {
    const lines = Array.from({ length: 5000 }, () => 'entity.entity_type = "task"');
    lines.push("entity.operation = delete");
    const file = files.write("late-error.txt", `${lines.join("\n")}\n`);
    const result = await cliClosingOutput(["lint", "--file", file]);
    expect(result.stdout).toMatch(/^\S+late-error\.txt:1:22: warning unknown-entity-type: /);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(1);
  });

  test.skipIf(!existsSync("/dev/full"))("a full disk is one line on standard error and status 2", () => {
    const full = openSync("/dev/full", "w");
    try {
      const child = spawnSync(process.execPath, [CLI, "lint", "entity.entity_type = Task"], {
        cwd: root,
        stdio: ["ignore", full, "pipe"],
        encoding: "utf8",
        timeout: 20_000,
      });
      expect(child.status).toBe(2);
      expect(child.stderr).toMatch(/^ftrack-filter: cannot write the results: .*\(ENOSPC\)\n$/);
    } finally {
      closeSync(full);
    }
  });
});
