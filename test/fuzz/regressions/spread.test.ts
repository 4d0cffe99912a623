/**
 * No call in `src/` spreads an array whose length the input decides into
 * arguments: past about 100,000 items that throws `RangeError: Maximum call
 * stack size exceeded` (the command line once crashed so on a
 * 130,000-line file). A spread whose length is bounded is listed below
 * with its bound; anything else this finds is a defect.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, test } from "vitest";
import { compile } from "../../../src/compiler/compile";
import { parse } from "../../../src/syntax/parser";
import { root } from "../../cli/run-cli";

/** Calls whose arguments are spread: push(...xs), Math.max(...xs), String.fromCharCode(...xs), f.apply(t, xs). */
const SPREAD_CALL = /\b(?:push|unshift|splice|max|min|fromCharCode|fromCodePoint)\s*\([^)]*\.\.\.|\.apply\s*\(/;

/** Spreads whose length is bounded, by file and line text, with the bound. */
const BOUNDED: ReadonlyMap<string, string> = new Map([
  // The operands of one `and` or `or` of a parsed filter: at most a third of maxLength (65,536).
  ["src/syntax/grammar.ts: if (operand.kind === kind) operands.push(...operand.operands);", "parsed operands"],
  // The token types of the grammar: a fixed list of a few dozen.
  ["src/syntax/lookahead.ts: const starts = new Uint8Array(Math.max(0, ...first) + 1);", "grammar tokens"],
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

test("no spread of unbounded arrays into arguments in src/", () => {
  const found: string[] = [];
  for (const file of sourceFiles(join(root, "src"))) {
    const name = relative(root, file).split("\\").join("/");
    for (const line of readFileSync(file, "utf8").split("\n")) {
      const code = line.trim();
      if (code.startsWith("*") || code.startsWith("//") || code.startsWith("/*")) continue;
      if (SPREAD_CALL.test(code) && !BOUNDED.has(`${name}: ${code}`)) found.push(`${name}: ${code}`);
    }
  }
  expect(found).toEqual([]);
});

// Was: the code generator spread the read steps of a path into `body.push`
// (src/compiler/codegen.ts), so a hand-built AST whose path has 130,000
// segments made compile throw a RangeError (closures compiled it); without
// the spread, V8 could not call a function that large. Such a tree is now
// refused with a TypeError that names the limit.
test("compile (codegen): a hand-built AST with a 130,000-segment path", () => {
  const ast = parse("a.b = 1");
  if (ast.kind !== "condition") throw new Error("expected a condition");
  const segments = Array.from({ length: 130_000 }, (_, i) => `s${i}`);
  const huge = { ...ast, field: { ...ast.field, segments } };
  let outcome: unknown;
  try {
    outcome = compile(huge, { backend: "codegen" })({});
  } catch (error) {
    outcome = error;
  }
  expect(outcome).toBeInstanceOf(TypeError);
  expect(String(outcome)).toContain("more than 32768 segments");
});
