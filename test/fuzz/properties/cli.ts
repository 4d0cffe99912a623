/**
 * Fuzz target of the command line: the built `ftrack-filter`
 * (dist/cli/index.cjs, made by `npm run build`) run as a child process on
 * malformed files and standard input (binary garbage, invalid UTF-8, NUL
 * bytes, invalid JSON, empty input, a huge line, deep nesting, byte order
 * marks, mixed JSON Lines). It must exit with 0, 1 or 2 and say something,
 * never with a stack trace, an internal-error status (70) or a signal.
 * Spawning is slow (a few hundred milliseconds), so runs are few.
 */

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { check } from "../support/check";
import { defineTarget, type FuzzTarget } from "../support/target";

/** The built command line, from the project's root (where npm runs scripts and vitest runs tests). */
export const CLI_PATH = resolve("dist", "cli", "index.cjs");

export const cliAvailable = (): boolean => existsSync(CLI_PATH);

const FILTER = 'entity.entity_type = "Task"';
const EVENT = '{"fez_id":"ftrack_entity_event_v1","entity":{"id":["1"],"entity_type":"Task","operation":"update","new":{},"old":{}}}';

/** Commands, with `FILE` standing for the input (`-` when it comes on standard input). */
const COMMANDS: readonly (readonly string[])[] = [
  ["lint", "--file", "FILE"],
  ["lint", "--format", "json", "--file", "FILE"],
  ["format", "--file", "FILE"],
  ["format", "--check", "--file", "FILE"],
  ["match", FILTER, "FILE"],
  ["match", "--format", "json", FILTER, "FILE"],
  ["match", "--count", FILTER, "FILE"],
  ["match", "--explain", FILTER, "FILE"],
  ["explain", FILTER, "FILE"],
  ["lint", "--schema", "FILE", FILTER],
];

/** Arguments added now and then, at random places: bad option values, unknown options, odd paths. */
const EXTRA_ARGS = [
  "--format",
  "xml",
  "--max-warnings",
  "-1",
  "--max-warnings",
  "abc",
  "--dialect",
  "event-hub",
  "--dialect",
  "bogus",
  "--bogus",
  "-",
  "--count",
  "--explain",
  "--check",
  "--",
  "",
  "--file",
  "/nonexistent/file",
  "--schema",
  ".",
  "é",
  "a=",
  "--help",
] as const;

type Content = { readonly kind: string; readonly bytes: Uint8Array; readonly notText: boolean };

/** Content that fast-check prints as its kind, size and first bytes, not as every byte. */
function printable(content: Content): Content {
  const head = Buffer.from(content.bytes.subarray(0, 40)).toString("latin1");
  return Object.defineProperty(content, fc.toStringMethod, {
    value: () =>
      `{ kind: ${JSON.stringify(content.kind)}, ${content.bytes.byteLength} bytes starting ${JSON.stringify(head)}, notText: ${content.notText} }`,
    enumerable: false,
    configurable: true,
  });
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const join2 = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((part) => [...part]));

const content: fc.Arbitrary<Content> = fc
  .oneof<fc.Arbitrary<Content>[]>(
    fc.uint8Array({ minLength: 1, maxLength: 2000 }).map((bytes): Content => ({ kind: "binary garbage", bytes, notText: false })),
    fc
      .tuple(fc.constantFrom(EVENT, FILTER), fc.constantFrom([0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82]))
      .map(
        ([text, bad]): Content => ({ kind: "invalid UTF-8", bytes: join2(utf8(text), Uint8Array.from(bad), utf8("\n")), notText: true }),
      ),
    fc
      .constantFrom(EVENT, FILTER)
      .map((text): Content => ({ kind: "NUL byte", bytes: utf8(`${text.slice(0, 10)}\u0000${text.slice(10)}\n`), notText: true })),
    fc.constantFrom("", "\n", "\r\n\r\n", "   ").map((text): Content => ({ kind: "empty", bytes: utf8(text), notText: false })),
    fc
      .constantFrom("a=1 and ", "x", "{", "[", '"')
      .map((unit): Content => ({ kind: "huge line", bytes: utf8(`${unit.repeat(Math.ceil(100_000 / unit.length))}\n`), notText: false })),
    fc
      .double({ min: 0, max: 1, noNaN: true })
      .map((at): Content => ({ kind: "truncated JSON", bytes: utf8(EVENT.slice(0, Math.floor(at * EVENT.length))), notText: false })),
    fc
      .integer({ min: 1, max: 300_000 })
      .map((n): Content => ({ kind: "deep nesting", bytes: utf8("[".repeat(n) + "]".repeat(n % 3 === 0 ? n : 0)), notText: false })),
    fc
      .constantFrom(EVENT, FILTER, `[${JSON.stringify(FILTER)}]`)
      .map((text): Content => ({ kind: "byte order mark", bytes: utf8(`\ufeff${text}\n`), notText: false })),
    fc
      .array(fc.constantFrom(EVENT, "{bad", "", "[]", "null", FILTER, "\r", "# comment", '["a=1", 2]', '"text"'), {
        minLength: 1,
        maxLength: 6,
      })
      .map((lines): Content => ({ kind: "mixed lines", bytes: utf8(lines.join("\n")), notText: false })),
    fc
      .array(fc.string({ unit: "binary", maxLength: 30 }), { minLength: 1, maxLength: 5 })
      .map((lines): Content => ({ kind: "random text", bytes: utf8(lines.join("\r\n")), notText: false })),
  )
  .map(printable);

/** Runs the command line on `input` (with `extra` arguments inserted, if any) and checks the outcome. */
function runCase(command: readonly string[], input: Content, viaStdin: boolean, extra: readonly (readonly [number, string])[] = []): void {
  const dir = mkdtempSync(join(tmpdir(), "ftrack-filter-fuzz-"));
  try {
    const file = join(dir, "input.json");
    writeFileSync(file, input.bytes);
    const args = command.map((arg) => (arg === "FILE" ? (viaStdin ? "-" : file) : arg));
    for (const [at, arg] of extra) args.splice(1 + (at % args.length), 0, arg);
    const child = spawnSync(process.execPath, [CLI_PATH, ...args], {
      input: viaStdin ? input.bytes : new Uint8Array(0),
      encoding: "utf8",
      timeout: 30_000,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "" },
      maxBuffer: 64 * 1024 * 1024,
    });
    const context = { args: args.map((arg) => (arg === file ? "FILE" : arg)), input: input.kind, size: input.bytes.byteLength, viaStdin };
    // EPIPE: the command stopped before reading all of standard input (a usage error, say), which is its right.
    const code = (child.error as NodeJS.ErrnoException | undefined)?.code;
    check(child.error === undefined || code === "EPIPE", `the command line could not run: ${String(child.error)}`, context);
    check(child.signal === null, `the command line died of ${String(child.signal)}`, context);
    check(child.status !== 70, `an internal error: ${child.stderr.slice(0, 300)}`, context);
    check(child.status === 0 || child.status === 1 || child.status === 2, `exit status ${String(child.status)}`, context);
    check(!/^\s{4}at /m.test(child.stderr), `a stack trace on standard error: ${child.stderr.slice(0, 500)}`, context);
    if (child.status !== 0) check((child.stdout + child.stderr).trim() !== "", "a failure without any message", context);
    if (input.notText && extra.length === 0) {
      check(
        child.status === 2 && /not UTF-8 text/.test(child.stderr),
        `binary input not refused as such (status ${String(child.status)}): ${child.stderr.slice(0, 300)}`,
        context,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const everyKindOnce = (): [readonly string[], Content, boolean, (readonly [number, string])[]][] => [
  [
    COMMANDS[0] as readonly string[],
    { kind: "binary garbage", bytes: Uint8Array.from([0x00, 0xff, 0xfe, 0x89, 0x50, 0x4e, 0x47]), notText: false },
    false,
    [],
  ],
  [
    COMMANDS[4] as readonly string[],
    { kind: "invalid UTF-8", bytes: join2(utf8(EVENT), Uint8Array.from([0xff])), notText: true },
    true,
    [],
  ],
  [COMMANDS[2] as readonly string[], { kind: "NUL byte", bytes: utf8("a=1\u0000\n"), notText: true }, false, []],
  [COMMANDS[8] as readonly string[], { kind: "empty", bytes: new Uint8Array(0), notText: false }, false, []],
  [COMMANDS[1] as readonly string[], { kind: "huge line", bytes: utf8("a=1 and ".repeat(12_500)), notText: false }, false, []],
  [COMMANDS[5] as readonly string[], { kind: "truncated JSON", bytes: utf8(EVENT.slice(0, 40)), notText: false }, false, []],
  [COMMANDS[6] as readonly string[], { kind: "deep nesting", bytes: utf8("[".repeat(200_000)), notText: false }, true, []],
  [COMMANDS[3] as readonly string[], { kind: "mixed lines", bytes: utf8(`${FILTER}\n{bad\n\n# c\n`), notText: false }, false, []],
];

export const cliTargets: readonly FuzzTarget[] = [
  defineTarget({
    name: "cli-malformed-input",
    description:
      "the built command line exits 0, 1 or 2 with a message on malformed files and standard input, never a stack trace, status 70 or a signal",
    testRuns: 12,
    weight: 2,
    needsDist: true,
    property: () =>
      fc.property(
        fc.constantFrom(...COMMANDS),
        content,
        fc.boolean(),
        fc.oneof(
          { weight: 3, arbitrary: fc.constant([]) },
          { weight: 1, arbitrary: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...EXTRA_ARGS)), { minLength: 1, maxLength: 3 }) },
        ),
        runCase,
      ),
    examples: everyKindOnce,
  }),
];
