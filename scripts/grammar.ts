/** Writes grammar/diagrams.html from the parser (`npm run grammar`, from the package root). */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { grammarDiagramsHtml } from "../src/syntax/diagrams";

const path = resolve("grammar/diagrams.html");
writeFileSync(path, grammarDiagramsHtml());
console.log(`wrote ${path}`);
