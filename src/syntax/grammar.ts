/**
 * The parser: one Chevrotain grammar that builds the AST directly.
 *
 * ```ebnf
 * filter      = conjunction , { OR , conjunction } ;
 * conjunction = negation , { AND , negation } ;
 * negation    = NOT , negation                  (* only when no operator follows NOT *)
 *             | "(" , filter , ")"
 *             | condition ;
 * condition   = field , OPERATOR , value ;
 * field       = WORD | KEYWORD , [ WORD ] ;          (* the WORD touching it *)
 * value       = QUOTED | WORD | KEYWORD , [ WORD ] ;  (* the WORD touching it *)
 * ```
 *
 * Four rules, not one per line above: each rule invocation has a fixed cost
 * in Chevrotain, and a filter is mostly conditions, so `field` and `value`
 * are alternatives inside `condition`, and groups inside `negation`.
 *
 * Keywords are not reserved, as in ftrack's own parser: `not` starts a
 * negation unless an operator follows it (`not=1` is a condition on the field
 * `not`), and a keyword directly followed by a word is one field or value
 * (`and.x=1`, `a=not*`). Nested groups of the same connective are flattened,
 * which changes no result since ftrack evaluates every operand anyway.
 *
 * Rule names avoid `or`, `and`, `many`, `option`, `consume` and `subrule`,
 * which are methods of the parser. The actions test `RECORDING_PHASE`
 * themselves rather than wrapping each in `ACTION(() => ...)`, which would
 * allocate a closure per step of every parse.
 */
import { EmbeddedActionsParser, type IRecognitionException, type IToken, tokenMatcher } from "chevrotain";
import type { ConditionNode, Dialect, FieldPath, FilterAst, Operator as Op, Span, Value } from "./ast";
import { FilterSyntaxError } from "./errors";
import { And, allTokens, Keyword, LParen, Not, Operator, Or, Quoted, RParen, Word } from "./lexer";
import { FirstTokenLookahead } from "./lookahead";
import { installRecordingLayer } from "./recording";
import { installLinearResync } from "./resync";

/** Thrown out of the grammar actions to abort a parse at a limit. */
export class DepthExceeded extends Error {
  constructor(readonly token: IToken) {
    super("too deep");
  }
}

/** Thrown to stop a recovering parse once it has recorded enough errors. */
export class EnoughErrors extends Error {
  constructor() {
    super("enough errors");
  }
}

/** How many errors a recovering parse records before it stops. */
export const RECOVERY_ERROR_LIMIT = 50;

type SaveError = (this: unknown, error: IRecognitionException) => IRecognitionException;
const saveError = (EmbeddedActionsParser.prototype as unknown as { SAVE_ERROR: SaveError }).SAVE_ERROR;

// Fast paths. Most decisions of a parse meet a word (a condition, its field,
// a bare value) or a quoted value, where the lookahead has a single answer;
// the rules take it directly, skipping `OR`'s dispatch through the lookahead
// function and the alternative's closure, and a non-recovering parse loops
// over `and`/`or` without `MANY`'s bookkeeping (which exists for recovery).
// The grammar Chevrotain records is unchanged (the fast paths are off while
// it records), and so is every result: each fast path does what the
// lookahead would have chosen.
const WORD = Word.tokenTypeIdx as number;
const QUOTED = Quoted.tokenTypeIdx as number;

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
  /** Where tab expansion last stopped in `text`, and the column there. */
  private tabOffset = 0;
  private tabColumn = 0;
  /** Problems found by the actions (invalid fields) when recovering. */
  problems: FilterSyntaxError[] = [];
  /**
   * The recognition errors of this parse, as recorded: Chevrotain's own
   * `errors` property copies its list on every read.
   */
  recorded: IRecognitionException[] = [];
  private readonly recovering: boolean;

  constructor(options: { recovery: boolean; validate: boolean }) {
    super(allTokens, {
      recoveryEnabled: options.recovery,
      maxLookahead: 1,
      lookaheadStrategy: new FirstTokenLookahead(),
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
    this.tabOffset = 0;
    this.tabColumn = 0;
    if (this.problems.length > 0) this.problems = [];
    if (this.recorded.length > 0) this.recorded = [];
  }

  /** The whole filter (and any parenthesised group): a disjunction. */
  readonly filter = this.RULE("filter", (): FilterAst => {
    const start = this.LA(1);
    const first = this.SUBRULE(this.conjunction);
    // Most groups hold no "or": return before the loop allocates anything.
    if (!this.RECORDING_PHASE && !tokenMatcher(this.LA(1), Or)) return first;
    let operands: FilterAst[] | undefined;
    if (this.fastPath()) return this.chainRest("or", start, first);
    this.MANY(() => {
      this.CONSUME(Or);
      const next = this.SUBRULE2(this.conjunction);
      if (!this.RECORDING_PHASE) operands = this.append("or", operands ?? this.append("or", [], first), next);
    });
    return operands === undefined ? first : this.connective("or", start, operands);
  });

  private readonly conjunction = this.RULE("conjunction", (): FilterAst => {
    const start = this.LA(1);
    const first =
      this.fastPath() && this.LA(1).tokenTypeIdx === WORD
        ? (this.plainCondition() ?? this.SUBRULE(this.condition))
        : this.SUBRULE(this.negation);
    if (!this.RECORDING_PHASE && !tokenMatcher(this.LA(1), And)) return first;
    let operands: FilterAst[] | undefined;
    if (this.fastPath()) return this.chainRest("and", start, first);
    this.MANY(() => {
      this.CONSUME(And);
      const next = this.SUBRULE2(this.negation);
      if (!this.RECORDING_PHASE) operands = this.append("and", operands ?? this.append("and", [], first), next);
    });
    return operands === undefined ? first : this.connective("and", start, operands);
  });

  // The alternatives below are built once: an OR or OPTION written inline
  // would allocate its objects and closures on every call of its rule.

  private readonly negationAlternatives = {
    IGNORE_AMBIGUITIES: true,
    DEF: [
      {
        // `not` followed by an operator is a field named "not".
        GATE: (): boolean => !tokenMatcher(this.LA(2), Operator),
        ALT: (): FilterAst => {
          const not = this.CONSUME(Not);
          if (!this.RECORDING_PHASE) this.enter(not);
          const operand = this.SUBRULE(this.negation);
          if (this.RECORDING_PHASE) return operand;
          this.depth--;
          return { kind: "not", operand, span: this.spanFrom(not) };
        },
      },
      {
        ALT: (): FilterAst => {
          const open = this.CONSUME(LParen);
          if (!this.RECORDING_PHASE) this.enter(open);
          const inner = this.SUBRULE2(this.filter);
          this.CONSUME(RParen);
          if (!this.RECORDING_PHASE) this.depth--;
          return inner;
        },
      },
      { ALT: (): FilterAst => this.SUBRULE(this.condition) },
    ],
  };

  private readonly negation = this.RULE(
    "negation",
    (): FilterAst =>
      !this.RECORDING_PHASE && this.LA(1).tokenTypeIdx === WORD ? this.SUBRULE(this.condition) : this.OR(this.negationAlternatives),
  );

  // A field is checked as soon as it is read, so that the earliest error is
  // the one reported. Only a field that starts with a keyword looks for more.
  private readonly wordField = (): FieldPath => {
    const word = this.CONSUME1(Word);
    return this.RECORDING_PHASE ? (undefined as never) : this.makeField(word, undefined);
  };

  private readonly fieldAlternatives = [
    { ALT: this.wordField },
    {
      ALT: (): FieldPath => {
        const keyword = this.CONSUME1(Keyword);
        const tail = this.OPTION1(this.fieldRest);
        return this.RECORDING_PHASE ? (undefined as never) : this.makeField(keyword, tail);
      },
    },
  ];

  /** A keyword touching a word is one field (`and.x`). */
  private readonly fieldRest = {
    GATE: (): boolean => touches(this.LA(0), this.LA(1)),
    DEF: (): IToken => this.CONSUME2(Word),
  };

  private readonly quotedValue = (): Value => {
    const quoted = this.CONSUME(Quoted);
    return this.RECORDING_PHASE ? (undefined as never) : this.makeQuoted(quoted);
  };

  private readonly wordValue = (): Value => {
    const word = this.CONSUME3(Word);
    return this.RECORDING_PHASE ? (undefined as never) : this.makeBare(word, undefined);
  };

  private readonly valueAlternatives = [
    { ALT: this.quotedValue },
    { ALT: this.wordValue },
    {
      ALT: (): Value => {
        const keyword = this.CONSUME2(Keyword);
        const tail = this.OPTION2(this.valueRest);
        return this.RECORDING_PHASE ? (undefined as never) : this.makeBare(keyword, tail);
      },
    },
  ];

  /** A keyword touching a word is one value (`not*`). */
  private readonly valueRest = {
    GATE: (): boolean => touches(this.LA(0), this.LA(1)),
    DEF: (): IToken => this.CONSUME4(Word),
  };

  private readonly condition = this.RULE("condition", (): ConditionNode => {
    if (this.RECORDING_PHASE) {
      this.OR1(this.fieldAlternatives);
      this.CONSUME(Operator);
      this.OR2(this.valueAlternatives);
      return undefined as never;
    }
    const field = this.LA(1).tokenTypeIdx === WORD ? this.wordField() : this.OR1(this.fieldAlternatives);
    const operator = this.CONSUME(Operator);
    const next = this.LA(1).tokenTypeIdx;
    const value = next === QUOTED ? this.quotedValue() : next === WORD ? this.wordValue() : this.OR2(this.valueAlternatives);
    return conditionNode(field, operator, value);
  });

  /**
   * Chevrotain records every error through this method. Recovery on hostile
   * input meets an error at nearly every token and scans ahead for a place
   * to resume after each one, which costs quadratic time; so a recovering
   * parse stops once it has recorded {@link RECOVERY_ERROR_LIMIT} errors.
   */
  SAVE_ERROR(error: IRecognitionException): IRecognitionException {
    const saved = saveError.call(this, error);
    this.recorded.push(saved);
    if (this.recovering && this.recorded.length >= RECOVERY_ERROR_LIMIT) throw new EnoughErrors();
    return saved;
  }

  private enter(token: IToken): void {
    if (++this.depth > this.maxDepth) throw new DepthExceeded(token);
  }

  /** From the first token of a rule to the last token consumed so far. */
  private spanFrom(first: IToken): Span {
    const last = this.LA(0);
    return { start: this.base + first.startOffset, end: this.base + last.startOffset + last.image.length };
  }

  /**
   * Whether the rules may leave Chevrotain's own machinery: not while it
   * records the grammar, and not while recovering (its bookkeeping serves
   * recovery). A condition that starts with a word is then parsed without
   * the `negation` rule around it, which would only pass it through.
   */
  private fastPath(): boolean {
    return !this.RECORDING_PHASE && !this.recovering;
  }

  /**
   * A condition made of a word, an operator and a word or quoted value, the
   * shape nearly every condition has, read without invoking the `condition`
   * rule: once the three tokens are seen to be there, the rule could neither
   * fail nor choose differently, and invoking it (its bookkeeping for
   * errors and recovery) costs more than reading them. Anything else is
   * left to the rule, untouched: undefined and nothing consumed.
   */
  private plainCondition(): ConditionNode | undefined {
    const next = this.LA(3).tokenTypeIdx;
    if ((next !== QUOTED && next !== WORD) || !tokenMatcher(this.LA(2), Operator)) return undefined;
    const field = this.wordField();
    const operator = this.CONSUME(Operator);
    const value = next === QUOTED ? this.quotedValue() : this.wordValue();
    return conditionNode(field, operator, value);
  }

  /**
   * The rest of an `and` or `or` chain whose first operand is `first` and
   * whose next token is the connective, as the rule's `MANY` reads it, for
   * a parse that does not recover.
   */
  private chainRest(kind: "and" | "or", start: IToken, first: FilterAst): FilterAst {
    const connective = kind === "and" ? And : Or;
    let operands = this.append(kind, [], first);
    do {
      this.CONSUME(connective);
      const operand =
        kind === "or"
          ? this.SUBRULE2(this.conjunction)
          : this.LA(1).tokenTypeIdx === WORD
            ? (this.plainCondition() ?? this.SUBRULE2(this.condition))
            : this.SUBRULE2(this.negation);
      operands = this.append(kind, operands, operand);
    } while (tokenMatcher(this.LA(1), connective));
    return this.connective(kind, start, operands);
  }

  /** Adds an operand, merging a nested group of the same connective. */
  private append(kind: "and" | "or", operands: FilterAst[], operand: FilterAst): FilterAst[] {
    if (operand === undefined) return operands; // a rule that failed while recovering
    if (operand.kind === kind) operands.push(...operand.operands);
    else operands.push(operand);
    return operands;
  }

  private connective(kind: "and" | "or", start: IToken, operands: FilterAst[]): FilterAst {
    return { kind, operands, span: this.spanFrom(start) };
  }

  private makeField(first: IToken, rest: IToken | undefined): FieldPath {
    const text = rest === undefined ? first.image : first.image + rest.image;
    const start = this.base + first.startOffset;
    const span = { start, end: start + text.length };
    const known = fieldPaths.get(text);
    if (known !== undefined) return { segments: known, span };
    // One pass: split on "." and stop at the first character a field may not hold.
    const segments: string[] = [];
    let from = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 46 /* . */) {
        segments.push(text.slice(from, i));
        from = i + 1;
      } else if (!isFieldCode(code)) {
        const problem = new FilterSyntaxError(
          "invalid-field",
          `a field name holds only letters, digits, "_" and ".", but "${text}" holds "${text[i]}"`,
          this.source,
          start + i,
          1,
        );
        if (!this.recovering) throw problem;
        this.problems.push(problem);
        segments.push(text.slice(from));
        return { segments, span };
      }
    }
    segments.push(text.slice(from));
    return { segments: fieldPaths.remember(text, segments), span };
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
    const segments = this.dialect === "trigger" ? referenceSegments(text) : undefined;
    return segments === undefined ? { kind: "literal", text, span } : { kind: "field", segments, span };
  }

  /**
   * ftrack's parser expands tabs to 8-column stops before it reads the
   * filter, columns counted from the start of each line of the stripped
   * filter, so a tab inside quotes stands for one to eight spaces.
   */
  private expandTabs(bodyOffset: number, body: string): string {
    // Columns count code points, as Python's str.expandtabs does. The column
    // is carried forward from the previous quoted value on the same line, so
    // that many such values on one long line cost linear time.
    let from = this.tabOffset;
    let column = this.tabColumn;
    if (from > bodyOffset) {
      from = bodyOffset;
      while (from > 0 && this.text[from - 1] !== "\n" && this.text[from - 1] !== "\r") from--;
      column = 0;
    }
    for (const char of this.text.slice(from, bodyOffset)) {
      column = char === "\n" || char === "\r" ? 0 : char === "\t" ? column + 8 - (column % 8) : column + 1;
    }
    let out = "";
    for (const char of body) {
      if (char === "\t") {
        const width = 8 - (column % 8);
        out += " ".repeat(width);
        column += width;
      } else {
        out += char;
        column = char === "\n" || char === "\r" ? 0 : column + 1;
      }
    }
    this.tabOffset = bodyOffset + body.length;
    this.tabColumn = column;
    return out;
  }
}

installLinearResync(FilterParser);
installRecordingLayer(FilterParser);

/**
 * Field paths already split, by their text. Filters name the same few
 * fields over and over, and splitting one (a scan and a string per segment)
 * costs several times a lookup and a copy. Each AST gets its own copy: the
 * memo's arrays are never handed out (frozen arrays, which could be shared,
 * are slower to iterate, and the matcher iterates paths on every event).
 * Bounded: only short texts, in 1,024 slots, each holding the last text
 * remembered in it.
 */
class PathMemo {
  /**
   * A direct-mapped table: the slot of a text comes from its length and
   * three of its characters, and holds the last text remembered there. A
   * lookup compares one string; a `Map` would first hash the text, which a
   * token's text (fresh from the lexer) has never had done.
   */
  private readonly slots: ({ readonly text: string; readonly segments: readonly string[] } | undefined)[] = new Array(1024).fill(undefined);

  /** A fresh copy of the split of `text`, if known. */
  get(text: string): string[] | undefined {
    const slot = this.slots[slotOf(text)];
    return slot !== undefined && slot.text === text ? slot.segments.slice() : undefined;
  }

  /** Stores a copy of `segments` as the split of `text`, and returns `segments`. */
  remember(text: string, segments: string[]): string[] {
    if (text.length <= 64) this.slots[slotOf(text)] = { text, segments: segments.slice() };
    return segments;
  }
}

/** The slot of `text` in a {@link PathMemo}. */
function slotOf(text: string): number {
  const n = text.length;
  return (n * 31 + text.charCodeAt(0) * 7 + text.charCodeAt(n >> 1) * 3 + text.charCodeAt(n - 1)) & 1023;
}

/** Valid fields, split. */
const fieldPaths = new PathMemo();
/** Bare values that are field references, split. */
const references = new PathMemo();

/**
 * The segments of `text` when the trigger dialect reads it, as a bare
 * right-hand value, as a field of the event: `entity` or `metadata`, then
 * one or more `.` and a non-empty `[A-Za-z0-9_]+` (FIELD_REFERENCE in
 * grammar/filter.ebnf), all of it; else undefined. One pass, as it runs for
 * every bare value.
 */
export function referenceSegments(text: string): string[] | undefined {
  const head = text.startsWith("entity.") ? 6 : text.startsWith("metadata.") ? 8 : -1;
  if (head < 0) return undefined;
  const known = references.get(text);
  if (known !== undefined) return known;
  const segments = [text.slice(0, head)];
  let from = head + 1;
  for (let i = from; i <= text.length; i++) {
    const code = i === text.length ? 46 /* . */ : text.charCodeAt(i);
    if (code === 46) {
      if (i === from) return undefined; // an empty segment
      segments.push(text.slice(from, i));
      from = i + 1;
    } else if (!isFieldCode(code)) {
      return undefined;
    }
  }
  return references.remember(text, segments);
}

/** `[A-Za-z0-9_]`: what a field segment holds. */
function isFieldCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}

function conditionNode(field: FieldPath, operator: IToken, value: Value): ConditionNode {
  return { kind: "condition", field, operator: operator.image as Op, value, span: { start: field.span.start, end: value.span.end } };
}

/** True when `next` starts right where `token` ends, with no blank between. */
function touches(token: IToken, next: IToken): boolean {
  return tokenMatcher(next, Word) && next.startOffset === token.startOffset + token.image.length;
}
