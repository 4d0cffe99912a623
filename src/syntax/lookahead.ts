/**
 * An LL(1) lookahead strategy for the filter grammar.
 *
 * Chevrotain's default strategy handles any LL(k) grammar: it computes the
 * possible token paths of every alternative with a general grammar
 * interpreter when the parser is built, and at each decision it evaluates
 * every alternative's `GATE` into a fresh array before looking at a token.
 * The filter grammar decides every choice on one token, so this strategy
 * computes plain FIRST sets when the parser is built (less work at start-up)
 * and decides with one table lookup, calling a gate only for the alternative
 * that has one and whose token is next (no allocation per decision).
 *
 * Grammar validation, which only tests run, stays Chevrotain's own.
 */
import {
  Alternation,
  Alternative,
  type ILookaheadStrategy,
  type ILookaheadValidationError,
  type IOrAlt,
  type IProduction,
  type IToken,
  LLkLookaheadStrategy,
  NonTerminal,
  Option,
  Repetition,
  RepetitionMandatory,
  RepetitionMandatoryWithSeparator,
  RepetitionWithSeparator,
  type Rule,
  Terminal,
  type TokenType,
} from "chevrotain";

/** What a lookahead function sees of the parser: the token `LA(1)`. */
interface Looking {
  LA(howMuch: number): IToken;
}

type OptionalKind = "Option" | "Repetition" | "RepetitionMandatory" | "RepetitionMandatoryWithSeparator" | "RepetitionWithSeparator";

const OPTIONAL_CLASSES = {
  Option,
  Repetition,
  RepetitionMandatory,
  RepetitionMandatoryWithSeparator,
  RepetitionWithSeparator,
} as const;

export class FirstTokenLookahead implements ILookaheadStrategy {
  validate(options: { rules: Rule[]; tokenTypes: TokenType[]; grammarName: string }): ILookaheadValidationError[] {
    return new LLkLookaheadStrategy({ maxLookahead: 1 }).validate(options);
  }

  buildLookaheadForAlternation(options: {
    prodOccurrence: number;
    rule: Rule;
    hasPredicates: boolean;
  }): (orAlts?: IOrAlt<unknown>[]) => number | undefined {
    const alternation = find(options.rule.definition, (p) => p instanceof Alternation && p.idx === options.prodOccurrence);
    if (!(alternation instanceof Alternation)) throw new Error(`no OR${options.prodOccurrence} in rule ${options.rule.name}`);
    const table: (readonly number[] | undefined)[] = [];
    let fallback: number | undefined;
    alternation.definition.forEach((alternative, index) => {
      const first = firstOf(bodyOf(alternative), new Set());
      for (const idx of first.tokens) table[idx] = [...(table[idx] ?? []), index];
      if (first.nullable && fallback === undefined) fallback = index;
    });
    if (!options.hasPredicates) {
      // The first alternative that may start with the next token.
      const choice = new Int16Array(table.length).fill(-1);
      table.forEach((candidates, idx) => {
        choice[idx] = candidates?.[0] ?? -1;
      });
      return function (this: Looking): number | undefined {
        const index = choice[this.LA(1).tokenTypeIdx];
        return index === undefined || index < 0 ? fallback : index;
      };
    }
    return function (this: Looking, orAlts?: IOrAlt<unknown>[]): number | undefined {
      const candidates = table[this.LA(1).tokenTypeIdx];
      if (candidates !== undefined) {
        for (const index of candidates) {
          const gate = orAlts?.[index]?.GATE;
          if (gate === undefined || gate.call(this) === true) return index;
        }
      }
      return fallback;
    };
  }

  buildLookaheadForOptional(options: { prodOccurrence: number; prodType: OptionalKind; rule: Rule }): () => boolean {
    const kind = OPTIONAL_CLASSES[options.prodType];
    const production = find(options.rule.definition, (p) => p instanceof kind && (p as { idx: number }).idx === options.prodOccurrence);
    if (production === undefined) throw new Error(`no ${options.prodType}${options.prodOccurrence} in rule ${options.rule.name}`);
    const first = firstOf(bodyOf(production), new Set()).tokens;
    const starts = new Uint8Array(Math.max(0, ...first) + 1);
    for (const idx of first) starts[idx] = 1;
    return function (this: Looking): boolean {
      return starts[this.LA(1).tokenTypeIdx] === 1;
    };
  }
}

/** Depth-first search of a rule body for one production. */
function find(productions: readonly IProduction[], test: (production: IProduction) => boolean): IProduction | undefined {
  for (const production of productions) {
    if (test(production)) return production;
    if (!(production instanceof NonTerminal)) {
      const found = find(bodyOf(production), test);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** The productions inside a production (none for a terminal or a rule reference). */
function bodyOf(production: IProduction): readonly IProduction[] {
  const body = (production as { definition?: unknown }).definition;
  return Array.isArray(body) ? (body as IProduction[]) : [];
}

interface First {
  /** Indexes of the concrete token types a match may start with. */
  readonly tokens: Set<number>;
  /** True when the sequence can match no token at all. */
  readonly nullable: boolean;
}

/** The FIRST set of a sequence of productions. */
function firstOf(sequence: readonly IProduction[], visiting: Set<Rule>): First {
  const tokens = new Set<number>();
  for (const production of sequence) {
    const first = firstOfOne(production, visiting);
    for (const idx of first.tokens) tokens.add(idx);
    if (!first.nullable) return { tokens, nullable: false };
  }
  return { tokens, nullable: true };
}

function firstOfOne(production: IProduction, visiting: Set<Rule>): First {
  if (production instanceof Terminal) {
    // A category matches itself and every token type in it.
    const type = production.terminalType;
    return { tokens: new Set([type.tokenTypeIdx as number, ...(type.categoryMatches ?? [])]), nullable: false };
  }
  if (production instanceof NonTerminal) {
    const rule = production.referencedRule;
    // A rule reached again before any token is consumed is left recursion,
    // which an LL parser cannot have; it adds nothing here.
    if (visiting.has(rule)) return { tokens: new Set(), nullable: false };
    visiting.add(rule);
    const first = firstOf(rule.definition, visiting);
    visiting.delete(rule);
    return first;
  }
  if (production instanceof Alternation) {
    const tokens = new Set<number>();
    let nullable = false;
    for (const alternative of production.definition) {
      const first = firstOf(bodyOf(alternative), visiting);
      for (const idx of first.tokens) tokens.add(idx);
      nullable ||= first.nullable;
    }
    return { tokens, nullable };
  }
  const first = firstOf(bodyOf(production), visiting);
  const mandatory =
    production instanceof Alternative ||
    production instanceof RepetitionMandatory ||
    production instanceof RepetitionMandatoryWithSeparator;
  return { tokens: first.tokens, nullable: first.nullable || !mandatory };
}
