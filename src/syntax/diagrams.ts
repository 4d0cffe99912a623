/**
 * Development-only views of the grammar: the railroad diagrams (`npm run
 * grammar` writes them to grammar/diagrams.html) and a parser built with
 * Chevrotain's grammar validations on. Internal: no entry of the package
 * imports this module, so nothing here reaches `dist/`.
 */
import { createSyntaxDiagramsCode, type ISerializedGast, VERSION } from "chevrotain";
import { FilterParser } from "./grammar";
import { QUOTED_PATTERN, Quoted } from "./lexer";

/**
 * A parser with Chevrotain's grammar validations on (production builds skip
 * them for start-up time). The validations call `Object.groupBy`, which Node
 * 20 lacks; Node 20 is still supported, so the function is supplied here, for
 * these two development uses only, and never on the production path.
 */
export function validatedParser(recovery: boolean): FilterParser {
  supplyGroupBy();
  return new FilterParser({ recovery, validate: true });
}

/** The HTML page of the grammar's diagrams; the same text for the same grammar. */
export function grammarDiagramsHtml(): string {
  const productions = validatedParser(false).getSerializedGastProductions();
  showQuotedPattern(productions);
  return createSyntaxDiagramsCode(productions, {
    resourceBase: `https://unpkg.com/chevrotain@${VERSION}/diagrams/`,
  });
}

/**
 * Quoted text is matched by a function, which Chevrotain cannot show; the
 * diagrams show the expression it implements instead.
 */
function showQuotedPattern(productions: readonly ISerializedGast[]): void {
  for (const production of productions) {
    const node = production as ISerializedGast & { name?: string; pattern?: string; definition?: ISerializedGast[] };
    if (node.type === "Terminal" && node.name === Quoted.name) node.pattern = QUOTED_PATTERN.source;
    if (node.definition !== undefined) showQuotedPattern(node.definition);
  }
}

type GroupBy = <T, K extends PropertyKey>(items: Iterable<T>, key: (item: T, index: number) => K) => Partial<Record<K, T[]>>;

function supplyGroupBy(): void {
  const object = Object as unknown as { groupBy?: GroupBy };
  if (typeof object.groupBy === "function") return;
  const groupBy: GroupBy = (items, key) => {
    const groups = Object.create(null) as Record<PropertyKey, unknown[]>;
    let index = 0;
    for (const item of items) {
      const name = key(item, index++);
      const group = groups[name];
      if (group === undefined) groups[name] = [item];
      else group.push(item);
    }
    return groups as never;
  };
  Object.defineProperty(Object, "groupBy", { value: groupBy, writable: true, configurable: true });
}
