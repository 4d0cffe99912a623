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
import { root } from "../../cli/run-cli";

/** Calls whose arguments are spread: push(...xs), Math.max(...xs), String.fromCharCode(...xs), f.apply(t, xs). */
const SPREAD_CALL = /\b(?:push|unshift|splice|max|min|fromCharCode|fromCodePoint)\s*\([^)]*\.\.\.|\.apply\s*\(/;

/** Spreads whose length is bounded, by file and line text, with the bound. */
const BOUNDED: ReadonlyMap<string, string> = new Map([
  // The operands of one `and` or `or` of a parsed filter: at most a third of maxLength (65,536).
  ["src/syntax/grammar.ts: if (operand.kind === kind) operands.push(...operand.operands);", "parsed operands"],
  // The token types of the grammar: a fixed list of a few dozen.
  ["src/syntax/lookahead.ts: const starts = new Uint8Array(Math.max(0, ...first) + 1);", "grammar tokens"],
  // The read steps of one path in generated code: bounded by the filter's length.
  ["src/compiler/codegen.ts: body.push(...steps.map((step) => `${step};`));", "path steps"],
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
