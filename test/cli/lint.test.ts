/**
 * `ftrack-filter lint`, run as a child process: text and JSON output,
 * filters from arguments, files (lines and JSON arrays) and standard input,
 * exit statuses, and bad input.
 */
import { afterAll, describe, expect, test } from "vitest";
import { cli, scratch } from "./run-cli";

const files = scratch();
afterAll(() => files.cleanup());

const PUBLIC_FILTERS = [
  "entity.entity_type = AssetVersion",
  'entity.entity_type = "AssetVersion" and entity.operation = "update" and entity.new.status_id != entity.old.status_id',
  'entity.entity_type = "Task" and entity.operation = "create"',
  'entity.entity_type = "AssetVersion" and entity.operation = "update" and entity.new.status_id != entity.old.status_id and entity.new.status_id = "44de097a-4164-11df-9218-0019bb4983d8"',
];

interface JsonResult {
  source: string;
  file: string | null;
  filter: string;
  diagnostics: {
    code: string;
    severity: string;
    line: number;
    column: number;
    endColumn: number;
    span: { line: number; column: number };
  }[];
}

/** The results of a JSON report, after checking its envelope. */
function results(stdout: string): JsonResult[] {
  const report = JSON.parse(stdout) as { version: number; tool: { name: string }; results: JsonResult[] };
  expect(report.version).toBe(1);
  expect(report.tool.name).toBe("ftrack-filter");
  return report.results;
}

describe("text output", () => {
  test("a clean filter exits 0 with a summary", () => {
    const result = cli(["lint", "entity.entity_type = Task"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("1 filter: no problems\n");
    expect(result.stderr).toBe("");
  });

  test("errors are shown compiler style, with the line, a caret and the fix; exit 1", () => {
    const filter = 'entity.entity_type = "task" and entity.operation = delete';
    const result = cli(["lint", filter]);
    expect(result.status).toBe(1);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toMatch(/^<arg 1>:1:22: warning unknown-entity-type: .*"Task"/);
    expect(lines[1]).toBe(`1 | ${filter}`);
    expect(lines[2]).toBe(`  | ${" ".repeat(21)}^^^^^^`);
    expect(lines[3]).toBe('  = help: replace "task" with "Task"');
    expect(lines[4]).toMatch(/^<arg 1>:1:52: error unknown-operation: .*delete/);
    expect(lines[6]).toBe(`  | ${" ".repeat(51)}^^^^^^`);
    expect(result.stdout).toMatch(/\n1 filter: 1 error, 1 warning\n$/);
  });

  test("every syntax error is reported, each at its position", () => {
    const result = cli(["lint", "a=b and", "(x=1", "entity.entity_type = Task"]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^<arg 1>:1:8: error syntax: /m);
    expect(result.stdout).toMatch(/^<arg 2>:1:\d+: error syntax: /m);
    expect(result.stdout).not.toMatch(/<arg 3>/);
    expect(result.stdout).toMatch(/3 filters: 2 errors\n$/);
    expect(result.stderr).toBe("");
  });

  test("a multi-line argument reports the line of the problem", () => {
    const result = cli(["lint", "entity.entity_type = Task\n  and entity.new.bid = 0"]);
    expect(result.stdout).toMatch(/^<arg 1>:2:7: warning never-equal: /m);
    expect(result.stdout).toContain("2 |   and entity.new.bid = 0\n  |       ^");
  });

  test("infos do not fail the run; warnings do only past --max-warnings", () => {
    expect(cli(["lint", 'entity.new.name = "foo*"']).status).toBe(0);
    const warning = 'entity.entity_type = "task"';
    expect(cli(["lint", warning]).status).toBe(0);
    expect(cli(["lint", "--max-warnings", "1", warning]).status).toBe(0);
    const strict = cli(["lint", "--max-warnings", "0", warning]);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toContain("more warnings than --max-warnings 0 allows");
  });

  test("every public trigger filter lints without an error or a warning", () => {
    const result = cli(["lint", "--max-warnings", "0", ...PUBLIC_FILTERS]);
    expect(result.status).toBe(0);
    expect(result.stdout).not.toMatch(/: (error|warning) /);
  });

  test("the shipped examples/filters.txt is clean", () => {
    const result = cli(["lint", "--max-warnings", "0", "--file", "examples/filters.txt"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^4 filters: /m);
  });
});

describe("JSON output", () => {
  test("{ version, tool, results: [{ source, file, filter, diagnostics }], summary }, clean filters included", () => {
    const result = cli(["lint", "--format", "json", "entity.entity_typ = Task", "entity.entity_type = Task"]);
    expect(result.status).toBe(1);
    expect((JSON.parse(result.stdout) as { summary: unknown }).summary).toEqual({ filters: 2, errors: 1, warnings: 0, infos: 0 });
    const report = results(result.stdout);
    expect(report[0]?.file).toBeNull();
    expect(report.map((r) => [r.source, r.filter])).toEqual([
      ["<arg 1>", "entity.entity_typ = Task"],
      ["<arg 2>", "entity.entity_type = Task"],
    ]);
    expect(report[0]?.diagnostics.map((d) => [d.code, d.severity, d.span.column])).toEqual([["unknown-field", "error", 1]]);
    expect(report[1]?.diagnostics).toEqual([]);
  });

  test("the event-hub dialect is linted by its own rules", () => {
    const trigger = results(cli(["lint", "--format", "json", "topic=ftrack.update"]).stdout);
    const hub = results(cli(["lint", "--format", "json", "--dialect", "event-hub", "topic=ftrack.update"]).stdout);
    expect(trigger[0]?.diagnostics.some((d) => d.code === "unknown-field")).toBe(true);
    expect(hub[0]?.diagnostics).toEqual([]);
  });
});

describe("files and standard input", () => {
  test("one filter per line: comments and blank lines skipped, FILE:LINE positions", () => {
    const file = files.write("filters.txt", "# a comment\n\nentity.entity_type = Task\r\n   # indented comment\nentity.new.bid = 0\n");
    const result = cli(["lint", "--file", file]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`${file}:5:1: warning never-equal:`);
    expect(result.stdout).toContain("5 | entity.new.bid = 0");
    expect(result.stdout).toMatch(/2 filters: 1 warning\n$/);
    const json = results(cli(["lint", "--format", "json", "-f", file]).stdout);
    expect(json.map((r) => r.source)).toEqual([`${file}:3`, `${file}:5`]);
    expect(json.map((r) => r.file)).toEqual([file, file]);
    expect(json[0]?.filter).toBe("entity.entity_type = Task");
    // Positions of the file beside those within the filter.
    expect(json[1]?.diagnostics.map((d) => [d.line, d.column, d.span.line, d.span.column])).toEqual([[5, 1, 1, 1]]);
  });

  test("a JSON array of strings, named FILE[INDEX]", () => {
    const file = files.write("filters.json", JSON.stringify(["entity.entity_type = Task", "entity.operation = delete"], null, 2));
    const result = cli(["lint", "--file", file]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`${file}[1]:1:20: error unknown-operation:`);
    // JSON output gives the place in the file: line 3, after the item's opening quote.
    const json = results(cli(["lint", "--format", "json", "--file", file]).stdout);
    expect(json[1]?.diagnostics.map((d) => [d.line, d.column])).toEqual([[3, 3 + 20]]);
    // An escape shifts the columns inside the string: the item's opening quote is given instead.
    const escaped = files.write("escaped.json", '[\n  "entity.new.name = \\"x\\" and entity.operation = delete"\n]');
    const shifted = results(cli(["lint", "--format", "json", "--file", escaped]).stdout);
    expect(shifted[0]?.diagnostics.map((d) => [d.line, d.column, d.endColumn, d.span.column])).toEqual([[2, 3, 4, 46]]);
  });

  test("arguments and several files together, in that order", () => {
    const a = files.write("a.txt", "a.b = 1\n");
    const b = files.write("b.txt", "entity.entity_type = Task\n");
    const json = results(cli(["lint", "--format", "json", "--dialect", "event-hub", "x=1", "-f", a, "-f", b]).stdout);
    expect(json.map((r) => r.source)).toEqual(["<arg 1>", `${a}:1`, `${b}:1`]);
  });

  test("standard input, by --file - or when nothing else is given", () => {
    const input = "entity.entity_type = Task\nentity.operation = remove\n";
    for (const args of [["lint", "--file", "-"], ["lint"]]) {
      const result = cli(args, { input });
      expect(result.status).toBe(1);
      expect(result.stdout).toContain("<stdin>:2:20: error unknown-operation:");
    }
  });

  test("--schema checks against the given query_schemas result", () => {
    const schema = files.write(
      "schema.json",
      JSON.stringify([{ id: "Widget", properties: { id: { type: "string" }, size: { type: "integer" } }, required: ["id"] }]),
    );
    const filter = 'entity.entity_type = Widget and entity.new.size = "3"';
    const builtIn = results(cli(["lint", "--format", "json", filter]).stdout);
    const custom = results(cli(["lint", "--format", "json", "--schema", schema, filter]).stdout);
    expect(builtIn[0]?.diagnostics.map((d) => d.code)).toContain("unknown-entity-type");
    expect(custom[0]?.diagnostics.map((d) => d.code)).toEqual(["never-equal"]);
  });
});

describe("bad input exits 2 with one line on standard error", () => {
  test("a missing file; the other inputs are still linted", () => {
    const result = cli(["lint", "entity.operation = delete", "--file", files.path("missing.txt")]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`ftrack-filter: ${files.path("missing.txt")}: no such file\n`);
    expect(result.stdout).toContain("<arg 1>:1:20: error unknown-operation");
  });

  test("binary garbage", () => {
    const file = files.write("garbage.bin", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00, 0xc3]));
    const result = cli(["lint", "--file", file]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`ftrack-filter: ${file}: not UTF-8 text (a binary file?)\n`);
  });

  test("a malformed JSON array, and an array of non-strings", () => {
    const broken = files.write("broken.json", '[\n  "a=1",\n  "b=2"\n');
    const numbers = files.write("numbers.json", '["a=1", 2]');
    const first = cli(["lint", "-f", broken]);
    expect(first.status).toBe(2);
    expect(first.stderr).toMatch(/^ftrack-filter: .*broken\.json: invalid JSON: .*\(line 4, column 1\)\n$/);
    const second = cli(["lint", "-f", numbers]);
    expect(second.status).toBe(2);
    expect(second.stderr).toContain("item 1 of the JSON array is a number");
  });

  test("a schema file that is not a query_schemas result, or not JSON, or binary", () => {
    const wrong = files.write("wrong-schema.json", '{"id": "Task"}');
    const text = files.write("text-schema.json", "hello");
    const binary = files.write("binary-schema.json", Buffer.from([0xfe, 0xff, 0x00, 0x01]));
    for (const [file, reason] of [
      [wrong, "not a query_schemas result"],
      [text, "invalid JSON"],
      [binary, "not UTF-8 text"],
    ] as const) {
      const result = cli(["lint", "--schema", file, "x=1"]);
      expect(result.status, file).toBe(2);
      expect(result.stderr).toContain(`${file}: ${reason}`);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  test("empty standard input", () => {
    const result = cli(["lint"], { input: "" });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("no filters to lint");
    expect(result.stdout).toBe("");
  });

  test("bad option values", () => {
    for (const args of [
      ["lint", "--dialect", "python", "x=1"],
      ["lint", "--format", "xml", "x=1"],
      ["lint", "--max-warnings", "many", "x=1"],
      ["lint", "--bogus", "x=1"],
      ["lint", "--file"],
    ]) {
      const result = cli(args);
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stderr).toMatch(/^ftrack-filter: lint: .+\nRun 'ftrack-filter lint --help' for usage\.\n$/);
      expect(result.stdout).toBe("");
    }
  });
});
