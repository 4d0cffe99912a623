/**
 * What every command shares, run as a child process: --help, --version,
 * unknown commands and options, colour on and off.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { cli, cliClosingOutput, hasAnsi, root, scratch } from "./run-cli";

const COMMANDS = ["lint", "match", "format", "explain"] as const;

describe("--version and --help", () => {
  test("--version, -v and -V print the package's version", () => {
    const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
    for (const flag of ["--version", "-v", "-V"]) {
      const result = cli([flag]);
      expect(result).toEqual({ status: 0, stdout: `${version}\n`, stderr: "" });
    }
  });

  test("--help lists the commands", () => {
    for (const args of [["--help"], ["-h"], ["help"]]) {
      const result = cli(args);
      expect(result.status).toBe(0);
      for (const command of COMMANDS) expect(result.stdout).toMatch(new RegExp(`^ {2}${command} `, "m"));
    }
  });

  test.each(COMMANDS)("%s --help shows its usage and examples, even among other arguments", (command) => {
    for (const args of [
      [command, "--help"],
      [command, "-h"],
      [command, "--bogus", "--help"],
      ["help", command],
    ]) {
      const result = cli(args);
      expect(result.status, args.join(" ")).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^usage: ftrack-filter ${command} `));
      expect(result.stdout).toMatch(new RegExp(`^examples?:\\n {2}ftrack-filter ${command} `, "m"));
      expect(result.stdout).toContain("exit status:");
      expect(result.stderr).toBe("");
    }
  });
});

describe("usage errors exit 2 with a short hint on standard error", () => {
  test("no command", () => {
    const result = cli([]);
    expect(result).toEqual({
      status: 2,
      stdout: "",
      stderr: "ftrack-filter: no command given\nRun 'ftrack-filter --help' for usage.\n",
    });
  });

  test("an unknown command or option", () => {
    expect(cli(["lnit", "x=1"]).stderr).toBe(
      "ftrack-filter: unknown command lnit; did you mean lint?\nRun 'ftrack-filter --help' for usage.\n",
    );
    expect(cli(["--frobnicate"]).stderr).toBe("ftrack-filter: unknown option --frobnicate\nRun 'ftrack-filter --help' for usage.\n");
    expect(cli(["help", "nope"]).status).toBe(2);
    for (const command of COMMANDS) {
      const result = cli([command, "--frobnicate", "x=1"]);
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(
        `ftrack-filter: ${command}: unknown option --frobnicate\nRun 'ftrack-filter ${command} --help' for usage.\n`,
      );
      expect(result.stdout).toBe("");
    }
  });

  test("one style for every usage error, with did-you-mean for commands, options and values", () => {
    const hint = (command: string) => `\nRun 'ftrack-filter ${command} --help' for usage.\n`;
    expect(cli(["lint", "--fromat", "json", "x=1"]).stderr).toBe(
      `ftrack-filter: lint: unknown option --fromat; did you mean --format?${hint("lint")}`,
    );
    expect(cli(["match", "-z", "x=1"]).stderr).toBe(`ftrack-filter: match: unknown option -z${hint("match")}`);
    expect(cli(["lint", "--file"]).stderr).toBe(`ftrack-filter: lint: option --file needs a value${hint("lint")}`);
    expect(cli(["lint", "--format", "sarf", "x=1"]).stderr).toBe(
      `ftrack-filter: lint: --format must be text, json, github or sarif, not "sarf"; did you mean sarif?${hint("lint")}`,
    );
    expect(cli(["lint", "--dialect", "eventhub", "x=1"]).stderr).toBe(
      `ftrack-filter: lint: --dialect must be trigger or event-hub, not "eventhub"; did you mean event-hub?${hint("lint")}`,
    );
    expect(cli(["--verison"]).stderr).toBe(
      "ftrack-filter: unknown option --verison; did you mean --version?\nRun 'ftrack-filter --help' for usage.\n",
    );
    expect(cli(["formt"]).stderr).toMatch(/^ftrack-filter: unknown command formt; did you mean format\?\n/);
  });
});

describe("colour", () => {
  const BAD = ["lint", 'entity.entity_type = "task"'];

  test("off when the output is not a terminal", () => {
    expect(hasAnsi(cli(BAD).stdout)).toBe(false);
  });

  test("FORCE_COLOR turns it on through a pipe, and wins over NO_COLOR", () => {
    const forced = cli(BAD, { env: { FORCE_COLOR: "1" } });
    expect(hasAnsi(forced.stdout)).toBe(true);
    // The text under the escapes is the same as without colour.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the escape character is what this strips
    expect(forced.stdout.replace(/\u001b\[\d+m/g, "")).toBe(cli(BAD).stdout);
    expect(hasAnsi(cli(BAD, { env: { FORCE_COLOR: "1", NO_COLOR: "1" } }).stdout)).toBe(true);
  });

  test("FORCE_COLOR=0 and NO_COLOR keep it off", () => {
    expect(hasAnsi(cli(BAD, { env: { FORCE_COLOR: "0" } }).stdout)).toBe(false);
    expect(hasAnsi(cli(BAD, { env: { NO_COLOR: "1" } }).stdout)).toBe(false);
  });

  test("the other commands colour their output too, and only on request", () => {
    const args = ["match", "--explain", "entity.entity_type = Task", "examples/events/task-update-status.json"];
    expect(hasAnsi(cli(args, { env: { FORCE_COLOR: "1" } }).stdout)).toBe(true);
    expect(hasAnsi(cli(args).stdout)).toBe(false);
    const syntax = ["match", "a =", "examples/events/task-update-status.json"];
    expect(hasAnsi(cli(syntax, { env: { FORCE_COLOR: "1" } }).stderr)).toBe(true);
    expect(hasAnsi(cli(syntax, { env: { NO_COLOR: "1" } }).stderr)).toBe(false);
  });
});

describe("failures that are not the input's fault", () => {
  const files = scratch();
  afterAll(() => files.cleanup());

  test("a defect is one line on standard error and exit status 70, never a stack trace", () => {
    // Make writing to standard output throw, as a defect inside a command would.
    const breakStdout = `data:text/javascript,${encodeURIComponent(
      'Object.defineProperty(process.stdout, "write", { value() { throw new Error("broken\\nsecond line"); } });',
    )}`;
    const result = cli(["--version"], { nodeArgs: ["--import", breakStdout] });
    expect(result.status).toBe(70);
    expect(result.stderr).toBe("ftrack-filter: internal error: Error: broken (please report this as a bug)\n");
  });

  test("a compile cache that cannot be written changes nothing", () => {
    // Node 22.1 and later cache compiled code; where the cache's folder cannot be made, the run is the same.
    const readOnly = files.write("read-only", "a file, not a folder");
    const args = ["lint", "entity.entity_type = Task and entity.operation = update"];
    const plain = cli(args, { env: { NODE_DISABLE_COMPILE_CACHE: "1" } });
    for (const env of [{ NODE_COMPILE_CACHE: join(readOnly, "cache") }, { TMPDIR: join(readOnly, "tmp") }]) {
      expect(cli(args, { env })).toEqual(plain);
    }
    expect(plain.status).toBe(0);
  });

  test("a reader that stops early (| head) ends the run quietly", async () => {
    const line = JSON.stringify(JSON.parse(readFileSync(join(root, "examples/events/task-update-status.json"), "utf8")));
    const file = files.write("many.jsonl", `${line}\n`.repeat(5000));
    const result = await cliClosingOutput(["match", "entity.entity_type = Task", file]);
    expect(result.stdout).toMatch(/^\S+many\.jsonl:1: match\n/);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});
