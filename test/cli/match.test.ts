/**
 * `ftrack-filter match`, run as a child process: events from JSON files,
 * JSON Lines files, directories and standard input; --count, --explain,
 * --strict, JSON output; malformed and unreadable input; exit statuses.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { cli, cliStreaming, root, scratch } from "./run-cli";

const files = scratch();
afterAll(() => files.cleanup());

const EVENTS = "examples/events";
const TASK_UPDATE = `${EVENTS}/task-update-status.json`;
const APPROVED = `${EVENTS}/synthetic-assetversion-approved.json`;
const COMMENT = `${EVENTS}/synthetic-assetversion-comment.json`;
const TASK_CREATE = `${EVENTS}/synthetic-task-create.json`;
const STATUS_CHANGE = "entity.entity_type = AssetVersion and entity.new.status_id != entity.old.status_id";

const readEvent = (path: string): unknown => JSON.parse(readFileSync(join(root, path), "utf8"));
/** The events as JSON Lines, one per line. */
const jsonLines = (...paths: string[]): string => `${paths.map((p) => JSON.stringify(readEvent(p))).join("\n")}\n`;

describe("verdicts", () => {
  test("one line per event file, exit 0 when any matched", () => {
    const result = cli(["match", STATUS_CHANGE, TASK_UPDATE, APPROVED, COMMENT]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${TASK_UPDATE}: no match\n${APPROVED}: match\n${COMMENT}: no match\n`);
    expect(result.stderr).toBe("");
  });

  test("exit 1 when none matched", () => {
    const result = cli(["match", "entity.operation = create", TASK_UPDATE, APPROVED]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(`${TASK_UPDATE}: no match\n${APPROVED}: no match\n`);
  });

  test("a directory stands for its JSON files, in name order", () => {
    const result = cli(["match", "entity.entity_type = Task", EVENTS]);
    expect(result.stdout.split("\n").filter(Boolean)).toEqual([
      `${APPROVED}: no match`,
      `${COMMENT}: no match`,
      `${TASK_CREATE}: match`,
      `${TASK_UPDATE}: match`,
    ]);
  });

  test("JSON Lines files name each event FILE:LINE; blank lines are skipped", () => {
    const file = files.write("events.jsonl", `${JSON.stringify(readEvent(APPROVED))}\n\n${JSON.stringify(readEvent(TASK_UPDATE))}\r\n`);
    const result = cli(["match", "entity.entity_type = Task", file]);
    expect(result.stdout).toBe(`${file}:1: no match\n${file}:3: match\n`);
  });

  test("JSON Lines on standard input, when no file is given or with -", () => {
    for (const args of [
      ["match", STATUS_CHANGE],
      ["match", STATUS_CHANGE, "-"],
    ]) {
      const result = cli(args, { input: jsonLines(TASK_UPDATE, APPROVED, COMMENT) });
      expect(result.status).toBe(0);
      expect(result.stdout).toBe("<stdin>:1: no match\n<stdin>:2: match\n<stdin>:3: no match\n");
    }
  });

  test("one pretty-printed event on standard input is named <stdin>", () => {
    const result = cli(["match", "entity.entity_type = Task"], { input: readFileSync(join(root, TASK_UPDATE)) });
    expect(result.stdout).toBe("<stdin>: match\n");
  });

  test("lines split across reads, \\r\\n included, are put back together", async () => {
    const line = JSON.stringify(readEvent(TASK_UPDATE));
    const result = await cliStreaming(
      ["match", "entity.entity_type = Task"],
      [line.slice(0, 40), `${line.slice(40)}\r`, `\n${line}\r`, "\n"],
    );
    expect(result.stdout).toBe("<stdin>:1: match\n<stdin>:2: match\n");
    expect(result.status).toBe(0);
  });

  test("the event-hub dialect", () => {
    const input = '{"topic": "ftrack.update", "data": {}}\n{"topic": "ftrack.action.launch"}\n';
    const result = cli(["match", "--dialect", "event-hub", "topic=ftrack.update"], { input });
    expect(result.stdout).toBe("<stdin>:1: match\n<stdin>:2: no match\n");
  });
});

describe("--count, --explain, --format json", () => {
  test("--count prints only the number of matches", () => {
    const result = cli(["match", "--count", "entity.entity_type = Task", EVENTS]);
    expect(result.stdout).toBe("2\n");
    expect(result.status).toBe(0);
    const none = cli(["match", "-c", "entity.operation = create", TASK_UPDATE]);
    expect([none.stdout, none.status]).toEqual(["0\n", 1]);
  });

  test("--explain prints the evaluation tree of each event", () => {
    const result = cli(["match", "--explain", STATUS_CHANGE, TASK_UPDATE]);
    expect(result.status).toBe(1);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(`${TASK_UPDATE}: no match`);
    expect(lines[1]).toBe("  ✗ and");
    expect(lines[2]).toMatch(/^ {4}✗ entity\.entity_type = AssetVersion\s+entity\.entity_type is "Task"$/);
    expect(lines[3]).toMatch(/^ {4}✓ entity\.new\.status_id != entity\.old\.status_id\s+entity\.new\.status_id is "44ddd0fe/);
  });

  test("JSON output: one object per event per line, with its file and the line where it starts", () => {
    const result = cli(["match", "--format", "json", "entity.entity_type = Task", TASK_UPDATE, APPROVED]);
    const records = result.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as unknown);
    expect(records).toEqual([
      { source: TASK_UPDATE, file: TASK_UPDATE, line: 1, matched: true },
      { source: APPROVED, file: APPROVED, line: 1, matched: false },
    ]);
    const lines = cli(["match", "--format", "json", "entity.entity_type = Task"], {
      input: '\n{"entity":{"entity_type":"Task"}}\n{"entity":{}}\n',
    });
    expect(lines.stdout).toBe(
      '{"source":"<stdin>:2","file":"<stdin>","line":2,"matched":true}\n{"source":"<stdin>:3","file":"<stdin>","line":3,"matched":false}\n',
    );
  });

  test("JSON output with --explain and with --count", () => {
    const explained = JSON.parse(cli(["match", "--format", "json", "--explain", "entity.entity_type = Task", TASK_UPDATE]).stdout) as {
      matched: boolean;
      explanation: { matched: boolean; root: { kind: string; left: { value: unknown } } };
    };
    expect(explained.matched).toBe(true);
    expect(explained.explanation.root.kind).toBe("condition");
    expect(explained.explanation.root.left.value).toBe("Task");
    const counted = JSON.parse(cli(["match", "--format", "json", "--count", "entity.entity_type = Task", EVENTS]).stdout) as unknown;
    expect(counted).toEqual({ matched: 2, events: 4 });
  });

  test("--count and --explain together are a usage error", () => {
    const result = cli(["match", "--count", "--explain", "x=1", TASK_UPDATE]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--count and --explain cannot be used together");
  });
});

describe("evaluation errors", () => {
  const FAILING = "entity.entity_type = Task or entity.new.bid > 5";

  test("without --strict an evaluation error is a silent no match, as in ftrack", () => {
    const result = cli(["match", FAILING, TASK_UPDATE]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(`${TASK_UPDATE}: no match\n`);
    expect(result.stderr).toBe("");
  });

  test("with --strict it is reported on standard error and the exit status is 2", () => {
    const result = cli(["match", "--strict", FAILING, TASK_UPDATE, APPROVED]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^ftrack-filter: ${TASK_UPDATE}: evaluation error ordering-on-non-string: `));
    expect(result.stdout).toBe(`${APPROVED}: no match\n`);
    const json = cli(["match", "--strict", "--format", "json", FAILING, TASK_UPDATE]);
    expect(JSON.parse(json.stdout)).toMatchObject({ source: TASK_UPDATE, matched: false, error: { code: "ordering-on-non-string" } });
  });
});

describe("bad input", () => {
  test("a malformed event is reported with its file and line; the others are still evaluated", () => {
    const good = JSON.stringify(readEvent(TASK_UPDATE));
    const file = files.write("mixed.jsonl", `${good}\n{"entity": {"entity_type": "Task"},}\n${good}\n`);
    const result = cli(["match", "entity.entity_type = Task", file]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe(`${file}:1: match\n${file}:3: match\n`);
    expect(result.stderr).toMatch(new RegExp(`^ftrack-filter: ${file}:2: invalid JSON: .*\\(column 36\\)\\n$`));
  });

  test("a broken first line of JSON Lines does not hide the lines after it", () => {
    const good = JSON.stringify(readEvent(TASK_UPDATE));
    const result = cli(["match", "entity.entity_type = Task"], { input: `{"broken": \n${good}\n${good}\n` });
    expect(result.stdout).toBe("<stdin>:2: match\n<stdin>:3: match\n");
    expect(result.stderr).toMatch(/^ftrack-filter: <stdin>:1: invalid JSON: /);
    expect(result.status).toBe(2);
  });

  test("a malformed pretty-printed event is reported at the line of the error", () => {
    const file = files.write("broken.json", '{\n  "entity": {\n    "entity_type": Task\n  }\n}\n');
    const result = cli(["match", "entity.entity_type = Task", file]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^ftrack-filter: ${file}:3: invalid JSON: .*\\(column 20\\)\\n$`));
    expect(result.stdout).toBe("");
  });

  test("a missing file and binary garbage are reported; the other files are still evaluated", () => {
    const garbage = files.write("garbage.json", Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x00, 0x22, 0x7d]));
    const missing = files.path("missing.json");
    const result = cli(["match", "entity.entity_type = Task", missing, garbage, TASK_UPDATE]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe(`${TASK_UPDATE}: match\n`);
    expect(result.stderr).toBe(`ftrack-filter: ${missing}: no such file\nftrack-filter: ${garbage}: not UTF-8 text (a binary file?)\n`);
  });

  test("a directory without event files is reported", () => {
    const dir = files.path("no-events");
    mkdirSync(dir);
    files.write("no-events/notes.txt", "not an event");
    const result = cli(["match", "entity.entity_type = Task", dir, TASK_UPDATE]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe(`${TASK_UPDATE}: match\n`);
    expect(result.stderr).toBe(`ftrack-filter: ${dir}: a directory without .json, .jsonl or .ndjson files\n`);
  });

  test("empty standard input: nothing matched, exit 1, with a note", () => {
    const result = cli(["match", "entity.entity_type = Task"], { input: "" });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("no events to match");
  });

  test("a syntax error in FILTER is shown with its position and caret, exit 2", () => {
    const result = cli(["match", "entity.entity_type = Task and", TASK_UPDATE]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^<filter>:1:30: error syntax: .+\n1 \| entity\.entity_type = Task and\n {2}\| {30}\^\n$/);
  });

  test("no FILTER is a usage error", () => {
    const result = cli(["match"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^ftrack-filter: match: .*FILTER.*\nRun 'ftrack-filter match --help' for usage\.\n$/);
  });
});
