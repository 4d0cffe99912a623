/**
 * `ftrack-filter format` and `ftrack-filter explain`, run as a child
 * process: output, --check, JSON, standard input, bad input, exit statuses.
 */
import { chmodSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { cli, root, scratch } from "./run-cli";

const files = scratch();
afterAll(() => files.cleanup());

const TASK_UPDATE = "examples/events/task-update-status.json";

describe("format", () => {
  test("prints each filter in canonical form, one per line", () => {
    const result = cli(["format", "entity.entity_type=Task AND entity.operation=create", "NOT (a=1 OR b=2)"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('entity.entity_type = "Task" and entity.operation = "create"\nnot (a = "1" or b = "2")\n');
  });

  test("its output is canonical: formatting it again changes nothing", () => {
    const once = cli(["format", "--file", "examples/filters.txt"]);
    expect(once.status).toBe(0);
    // The whole file comes back: comments and blank lines included.
    expect(once.stdout).toBe(readFileSync(join(root, "examples/filters.txt"), "utf8").replace("= AssetVersion\n", '= "AssetVersion"\n'));
    const again = cli(["format", "--check", "--file", "-"], { input: once.stdout });
    expect(again.status).toBe(0);
    expect(again.stdout).toBe("4 filters: all in canonical form\n");
  });

  test("--check lists the filters that are not canonical, with their canonical form; exit 1", () => {
    const file = files.write("filters.txt", '# comment\nentity.entity_type = "Task"\nentity.entity_type=Task\n');
    const result = cli(["format", "--check", "--file", file]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(
      `${file}:3: not in canonical form; canonical:\n  entity.entity_type = "Task"\n2 filters: 1 not in canonical form\n`,
    );
  });

  test("a syntax error is shown as lint shows it, on standard error; exit 1", () => {
    const result = cli(["format", "a = 1", "key in (a,b)"]);
    expect(result.status).toBe(1);
    // The unparsable filter is printed as it was, so the output keeps one line per filter.
    expect(result.stdout).toBe('a = "1"\nkey in (a,b)\n');
    expect(result.stderr).toMatch(/^<arg 2>:1:5: error syntax: .+\n1 \| key in \(a,b\)\n {2}\| {5}\^/);
  });

  test("the event-hub dialect keeps path-like values as text", () => {
    expect(cli(["format", "--dialect", "event-hub", "data.x=entity.y"]).stdout).toBe('data.x = "entity.y"\n');
    expect(cli(["format", "entity.new.x=entity.old.x"]).stdout).toBe("entity.new.x = entity.old.x\n");
  });

  test("a file comes back whole: comments, blank lines, CRLF and unparsable lines kept", () => {
    const file = files.write("keep.txt", "# heading\r\n\r\nentity.entity_type=Task\r\n  # indented\r\nkey in (a,b)\r\n");
    const result = cli(["format", "--file", file]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('# heading\r\n\r\nentity.entity_type = "Task"\r\n  # indented\r\nkey in (a,b)\r\n');
    expect(result.stderr).toContain(`${file}:5:5: error syntax:`);
  });

  test("--check counts every filter, unparsable ones included", () => {
    const lines = ["# 15 lines, 12 filters"];
    for (let i = 0; i < 5; i++) lines.push(`a=${i}`);
    for (let i = 0; i < 5; i++) lines.push(`a = "${i}"`);
    lines.push("", "b in (1)", "c =");
    lines.push("# end");
    const file = files.write("count.txt", `${lines.join("\n")}\n`);
    const result = cli(["format", "--check", "--file", file]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/\n12 filters: 5 not in canonical form, 2 with syntax errors \(left as they were\)\n$/);
  });

  test("--write rewrites files in place, keeping what is not a filter; reports what it changed", () => {
    const text = '# keep me\n\nentity.entity_type=Task\nbroken in (1)\nentity.operation = "create"\n';
    const file = files.write("write.txt", text);
    const clean = files.write("clean.txt", 'a = "1"\n');
    const result = cli(["format", "--write", "--file", file, "--file", clean]);
    expect(result.status).toBe(1);
    expect(readFileSync(file, "utf8")).toBe('# keep me\n\nentity.entity_type = "Task"\nbroken in (1)\nentity.operation = "create"\n');
    expect(readFileSync(clean, "utf8")).toBe('a = "1"\n');
    expect(result.stdout).toBe(`${file}: formatted\n4 filters: 1 rewritten in canonical form, 1 with syntax errors (left as they were)\n`);
    expect(result.stderr).toContain(`${file}:4:8: error syntax:`);
    // A JSON array stays a JSON array.
    const json = files.write("write.json", '["a=1", "b = \\"2\\""]');
    expect(cli(["format", "-w", "-f", json]).status).toBe(0);
    expect(JSON.parse(readFileSync(json, "utf8"))).toEqual(['a = "1"', 'b = "2"']);
  });

  test("--write replaces a file whole, through a symbolic link, keeping its permissions", () => {
    const target = files.write("target.txt", "a=1\n");
    chmodSync(target, 0o640);
    const link = files.path("link.txt");
    symlinkSync(target, link);
    expect(cli(["format", "--write", "--file", link]).status).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, "utf8")).toBe('a = "1"\n');
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect(readdirSync(dirname(target)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  test("each line keeps its own line break, a last line without one included", () => {
    const file = files.write("mixed.txt", "a=1\r\n# c\rb=2\nc=3");
    expect(cli(["format", "--file", file]).stdout).toBe('a = "1"\r\n# c\rb = "2"\nc = "3"');
  });

  test("--write leaves a file it cannot read to the end as it was, with no temporary file", () => {
    const bytes = Buffer.concat([Buffer.from("a=1\n".repeat(20_000)), Buffer.from([0xff, 0xfe, 0x0a])]);
    const file = files.write("binary-tail.txt", bytes);
    const result = cli(["format", "--write", "--file", file]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${file}: not UTF-8 text`);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(readdirSync(dirname(file)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  test("--write needs files", () => {
    expect(cli(["format", "--write", "a=1"]).stderr).toMatch(/^ftrack-filter: format: --write rewrites files/);
    expect(cli(["format", "--write", "--file", "-"], { input: "a=1\n" }).status).toBe(2);
  });

  test("unreadable input exits 2", () => {
    const result = cli(["format", "--file", files.path("nope.txt")]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("nope.txt: no such file");
  });
});

describe("explain", () => {
  test("prints the evaluation tree; exit 0 when the event matches", () => {
    const result = cli(["explain", "entity.entity_type = Task and entity.new.status_id != entity.old.status_id", TASK_UPDATE]);
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("match");
    expect(lines[1]).toBe("✓ and");
    expect(lines[2]).toMatch(/^ {2}✓ entity\.entity_type = Task\s+entity\.entity_type is "Task"$/);
  });

  test("exit 1 when it does not; an evaluation error shows in the tree", () => {
    const result = cli(["explain", "entity.entity_type = Task or entity.new.bid > 5", TASK_UPDATE]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^no match: evaluation failed \(ordering-on-non-string\)\n! or\n/);
    expect(result.stdout).toMatch(/^ {2}! entity\.new\.bid > 5\s+entity\.new\.bid is 0$/m);
  });

  test("JSON output is the explanation as data", () => {
    const result = cli(["explain", "--format", "json", "entity.operation = update", TASK_UPDATE]);
    const explanation = JSON.parse(result.stdout) as { matched: boolean; source: string; root: { result: string } };
    expect(explanation).toMatchObject({ matched: true, source: "entity.operation = update", root: { result: "true" } });
  });

  test("reads the event from standard input", () => {
    const input = readFileSync(join(root, TASK_UPDATE));
    expect(cli(["explain", "entity.entity_type = Task"], { input }).status).toBe(0);
    expect(cli(["explain", "entity.entity_type = Note", "-"], { input }).status).toBe(1);
  });

  test("one event only: several, none or a malformed one exit 2", () => {
    const line = JSON.stringify(JSON.parse(readFileSync(join(root, TASK_UPDATE), "utf8")));
    const several = cli(["explain", "x=1"], { input: `${line}\n${line}\n` });
    expect(several.status).toBe(2);
    expect(several.stderr).toContain("<stdin>: holds 2 events");
    const none = cli(["explain", "x=1"], { input: "\n" });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("<stdin>: no event");
    const malformed = cli(["explain", "x=1"], { input: '{"a": tru}' });
    expect(malformed.status).toBe(2);
    expect(malformed.stderr).toMatch(/^ftrack-filter: <stdin>:1: invalid JSON: .*\(column 7\)\n$/);
  });

  test("a syntax error or a missing file exits 2 without a stack trace", () => {
    const syntax = cli(["explain", "a =", TASK_UPDATE]);
    expect(syntax.status).toBe(2);
    expect(syntax.stderr).toMatch(/^<filter>:1:4: error syntax: /);
    const missing = cli(["explain", "a = 1", files.path("none.json")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(`ftrack-filter: ${files.path("none.json")}: no such file\n`);
    const extra = cli(["explain", "a = 1", TASK_UPDATE, TASK_UPDATE]);
    expect(extra.status).toBe(2);
    expect(extra.stderr).toContain("explain takes one EVENT file");
  });
});
