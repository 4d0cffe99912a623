/**
 * The parser: one Chevrotain grammar that builds the AST directly.
 *
 * ```ebnf
 * filter      = disjunction ;
 * disjunction = conjunction , { OR , conjunction } ;
 * conjunction = negation , { AND , negation } ;
 * negation    = NOT , negation          (* only when no operator follows NOT *)
 *             | primary ;
 * primary     = group | condition ;
 * group       = "(" , disjunction , ")" ;
 * condition   = field , OPERATOR , value ;
 * field       = WORD | KEYWORD , [ WORD ] ;          (* the WORD touching it *)
 * value       = QUOTED | WORD | KEYWORD , [ WORD ] ;  (* the WORD touching it *)
 * ```
 *
 * Keywords are not reserved, as in ftrack's own parser: `not` starts a
 * negation unless an operator follows it (`not=1` is a condition on the field
 * `not`), and a keyword directly followed by a word is one field or value
 * (`and.x=1`, `a=not*`). Nested groups of the same connective are flattened,
 * which changes no result since ftrack evaluates every operand anyway.
 *
 * Rule names avoid `or`, `and`, `many`, `option`, `consume` and `subrule`,
 * which are methods of the parser.
 */
import { EmbeddedActionsParser, tokenMatcher, type IToken } from "chevrotain";
import type { ConditionNode, Dialect, FieldPath, FilterAst, Operator as Op, Span, Value } from "./ast";
import { FilterSyntaxError } from "./errors";
import { allTokens, And, Keyword, LParen, Not, Operator, Or, Quoted, RParen, Word } from "./lexer";

const FIELD_REFERENCE = /^(?:entity|metadata)(?:\.[A-Za-z0-9_]+)+$/;
const NOT_FIELD_CHARACTER = /[^A-Za-z0-9_.]/;

/** Thrown out of the grammar actions to abort a parse at a limit. */
export class DepthExceeded extends Error {
  constructor(readonly token: IToken) {
    super("too deep");
  }
}

export class FilterParser extends EmbeddedActionsParser {
  /** Offset of the parsed text within the original source (leading blanks stripped). */
  base = 0;
  /** The stripped text being parsed, for tab expansion in quoted values. */
  text = "";
  /** The original source, for errors. */
  source = "";
  dialect: Dialect = "trigger";
  maxDepth = 128;
  private depth = 0;
  /** Problems found by the actions (invalid fields) when recovering. */
  problems: FilterSyntaxError[] = [];
  private readonly recovering: boolean;

  constructor(options: { recovery: boolean; validate: boolean }) {
    super(allTokens, {
      recoveryEnabled: options.recovery,
      maxLookahead: 1,
      skipValidations: !options.validate,
    });
    this.recovering = options.recovery;
    this.performSelfAnalysis();
  }

  /** Prepares the parser for one input. */
  prepare(tokens: IToken[], source: string, base: number, text: string, dialect: Dialect, maxDepth: number): void {
    this.input = tokens;
    this.source = source;
    this.base = base;
    this.text = text;
    this.dialect = dialect;
    this.maxDepth = maxDepth;
    this.depth = 0;
    this.problems = [];
  }

  readonly filter = this.RULE("filter", (): FilterAst => this.SUBRULE(this.disjunction));

  private readonly disjunction = this.RULE("disjunction", (): FilterAst => {
    const start = this.LA(1);
    const first = this.SUBRULE(this.conjunction);
    let rest: FilterAst[] | undefined;
    this.MANY(() => {
      this.CONSUME(Or);
      const next = this.SUBRULE2(this.conjunction);
      this.ACTION(() => (rest ??= []).push(next));
    });
    return this.ACTION(() => (rest === undefined ? first : this.join("or", start, first, rest)));
  });

  private readonly conjunction = this.RULE("conjunction", (): FilterAst => {
    const start = this.LA(1);
    const first = this.SUBRULE(this.negation);
    let rest: FilterAst[] | undefined;
    this.MANY(() => {
      this.CONSUME(And);
      const next = this.SUBRULE2(this.negation);
      this.ACTION(() => (rest ??= []).push(next));
    });
    return this.ACTION(() => (rest === undefined ? first : this.join("and", start, first, rest)));
  });

  private readonly negation = this.RULE("negation", (): FilterAst =>
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          // `not` followed by an operator is a field named "not".
          GATE: () => !tokenMatcher(this.LA(2), Operator),
          ALT: () => {
            const not = this.CONSUME(Not);
            this.ACTION(() => this.enter(not));
            const operand = this.SUBRULE(this.negation);
            return this.ACTION(() => {
              this.depth--;
              return { kind: "not" as const, operand, span: this.spanFrom(not) };
            });
          },
        },
        { ALT: () => this.SUBRULE(this.primary) },
      ],
    }),
  );

  private readonly primary = this.RULE("primary", (): FilterAst =>
    this.OR([{ ALT: () => this.SUBRULE(this.group) }, { ALT: () => this.SUBRULE(this.condition) }]),
  );

  private readonly group = this.RULE("group", (): FilterAst => {
    const open = this.CONSUME(LParen);
    this.ACTION(() => this.enter(open));
    const inner = this.SUBRULE(this.disjunction);
    this.CONSUME(RParen);
    this.ACTION(() => this.depth--);
    return inner;
  });

  private readonly condition = this.RULE("condition", (): ConditionNode => {
    const field = this.SUBRULE(this.field);
    const operator = this.CONSUME(Operator);
    const value = this.SUBRULE(this.value);
    return this.ACTION(() => ({
      kind: "condition" as const,
      field,
      operator: operator.image as Op,
      value,
      span: { start: field.span.start, end: value.span.end },
    }));
  });

  private readonly field = this.RULE("field", (): FieldPath => {
    const first = this.OR([{ ALT: () => this.CONSUME(Word) }, { ALT: () => this.CONSUME(Keyword) }]);
    let rest: IToken | undefined;
    this.OPTION({
      GATE: () => tokenMatcher(first, Keyword) && touches(first, this.LA(1)),
      DEF: () => {
        rest = this.CONSUME2(Word);
      },
    });
    return this.ACTION(() => this.makeField(first, rest));
  });

  private readonly value = this.RULE("value", (): Value =>
    this.OR([
      {
        ALT: () => {
          const quoted = this.CONSUME(Quoted);
          return this.ACTION(() => this.makeQuoted(quoted));
        },
      },
      {
        ALT: () => {
          const word = this.CONSUME(Word);
          return this.ACTION(() => this.makeBare(word, undefined));
        },
      },
      {
        ALT: () => {
          const keyword = this.CONSUME(Keyword);
          let rest: IToken | undefined;
          this.OPTION({
            GATE: () => touches(keyword, this.LA(1)),
            DEF: () => {
              rest = this.CONSUME2(Word);
            },
          });
          return this.ACTION(() => this.makeBare(keyword, rest));
        },
      },
    ]),
  );

  private enter(token: IToken): void {
    if (++this.depth > this.maxDepth) throw new DepthExceeded(token);
  }

  /** From the first token of a rule to the last token consumed so far. */
  private spanFrom(first: IToken): Span {
    const last = this.LA(0);
    return { start: this.base + first.startOffset, end: this.base + last.startOffset + last.image.length };
  }

  private join(kind: "and" | "or", start: IToken, first: FilterAst, rest: FilterAst[]): FilterAst {
    const operands: FilterAst[] = [];
    for (const operand of [first, ...rest]) {
      if (operand === undefined) continue; // a rule that failed while recovering
      if (operand.kind === kind) operands.push(...operand.operands);
      else operands.push(operand);
    }
    return { kind, operands, span: this.spanFrom(start) };
  }

  private makeField(first: IToken, rest: IToken | undefined): FieldPath {
    const text = rest === undefined ? first.image : first.image + rest.image;
    const bad = NOT_FIELD_CHARACTER.exec(text);
    const start = this.base + first.startOffset;
    if (bad !== null) {
      const problem = new FilterSyntaxError(
        "invalid-field",
        `a field name holds only letters, digits, "_" and ".", but "${text}" holds "${bad[0]}"`,
        this.source,
        start + bad.index,
        1,
      );
      if (!this.recovering) throw problem;
      this.problems.push(problem);
    }
    return { segments: text.split("."), span: { start, end: start + text.length } };
  }

  private makeQuoted(token: IToken): Value {
    const start = this.base + token.startOffset;
    const image = token.image;
    const body = image.slice(1, -1);
    return {
      kind: "literal",
      text: body.includes("\t") ? this.expandTabs(token.startOffset + 1, body) : body,
      span: { start, end: start + image.length },
    };
  }

  private makeBare(first: IToken, rest: IToken | undefined): Value {
    const text = rest === undefined ? first.image : first.image + rest.image;
    const start = this.base + first.startOffset;
    const span = { start, end: start + text.length };
    if (this.dialect === "trigger" && FIELD_REFERENCE.test(text)) {
      return { kind: "field", segments: text.split("."), span };
    }
    return { kind: "literal", text, span };
  }

  /**
   * ftrack's parser expands tabs to 8-column stops before it reads the
   * filter, columns counted from the start of each line of the stripped
   * filter, so a tab inside quotes stands for one to eight spaces.
   */
  private expandTabs(bodyOffset: number, body: string): string {
    let lineStart = bodyOffset;
    while (lineStart > 0 && this.text[lineStart - 1] !== "\n" && this.text[lineStart - 1] !== "\r") lineStart--;
    // Columns count code points, as Python's str.expandtabs does.
    let column = 0;
    for (const char of this.text.slice(lineStart, bodyOffset)) column = char === "\t" ? column + 8 - (column % 8) : column + 1;
    let out = "";
    for (const char of body) {
      if (char === "\t") {
        const width = 8 - (column % 8);
        out += " ".repeat(width);
        column += width;
      } else {
        out += char;
        column += 1;
      }
    }
    return out;
  }
}

/** True when `next` starts right where `token` ends, with no blank between. */
function touches(token: IToken, next: IToken): boolean {
  return tokenMatcher(next, Word) && next.startOffset === token.startOffset + token.image.length;
}
