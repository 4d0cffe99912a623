import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { grammarDiagramsHtml, validatedParser } from "../../src/syntax/diagrams";

test("grammar/diagrams.html is what the parser draws now (run `npm run grammar` after a grammar change)", () => {
  const committed = readFileSync(new URL("../../grammar/diagrams.html", import.meta.url), "utf8");
  expect(committed).toBe(grammarDiagramsHtml());
});

test("the grammar passes Chevrotain's own validations, with and without recovery", () => {
  // Production builds skip the validations for start-up time; they run here.
  for (const recovery of [false, true]) {
    const parser = validatedParser(recovery);
    expect(Object.keys(parser.getGAstProductions()).sort()).toEqual(["condition", "conjunction", "filter", "negation"]);
  }
});
