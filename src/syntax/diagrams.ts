/**
 * The railroad diagrams of the grammar, drawn from the parser itself
 * (`npm run grammar` writes them to grammar/diagrams.html). Internal: not
 * part of the package's API.
 */
import { createSyntaxDiagramsCode } from "chevrotain";
import { FilterParser } from "./grammar";

/** The HTML page of the grammar's diagrams; the same text for the same grammar. */
export function grammarDiagramsHtml(): string {
  const parser = new FilterParser({ recovery: false, validate: true });
  return createSyntaxDiagramsCode(parser.getSerializedGastProductions(), {
    resourceBase: "https://unpkg.com/chevrotain@11.2.0/diagrams/",
  });
}
