/**
 * The token table of the filter language.
 *
 * Order matters where patterns overlap, and is chosen to reproduce the
 * scanner-less reading of ftrack's own parser:
 * - blanks first: they are skipped and never part of a token;
 * - two-character operators before their one-character prefixes (`<=` before
 *   `<`), so the longest operator wins;
 * - keywords before the word token: `and`, `or`, `not` in any case are
 *   keywords only when no `[A-Za-z0-9_$]` follows (so `android` and `not1`
 *   are words, but `not.x` is the keyword `not` followed by the word `.x`);
 * - a complete quoted string before an unterminated one, which runs to the end
 *   of its line so that lexing stays linear and the error can say what is
 *   wrong.
 *
 * Words are the union of what may stand in a field (`[A-Za-z0-9_.]`) and in a
 * bare value (`[A-Za-z0-9_,./*@+-]`); the parser checks which one it got.
 */
import { createToken, Lexer, type TokenType } from "chevrotain";

// Every token names the characters it may start with, so that building the
// lexer (on first use) need not analyse the patterns.
const WORD_START = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_,./*@+-"];

// Blanks are single-character tokens: Chevrotain matches those by comparing
// character codes, without a regular expression, and filters mostly hold
// single spaces.
export const Space = createToken({ name: "Space", pattern: " ", group: Lexer.SKIPPED, line_breaks: false });
export const Tab = createToken({ name: "Tab", pattern: "\t", group: Lexer.SKIPPED, line_breaks: false });
export const LineFeed = createToken({ name: "LineFeed", pattern: "\n", group: Lexer.SKIPPED, line_breaks: true });
export const CarriageReturn = createToken({ name: "CarriageReturn", pattern: "\r", group: Lexer.SKIPPED, line_breaks: true });

export const Operator = createToken({ name: "Operator", pattern: Lexer.NA });
export const NotEqual = createToken({ name: "NotEqual", pattern: /!=/, start_chars_hint: ["!"], categories: Operator, label: '"!="' });
export const GreaterEqual = createToken({
  name: "GreaterEqual",
  pattern: />=/,
  start_chars_hint: [">"],
  categories: Operator,
  label: '">="',
});
export const LessEqual = createToken({ name: "LessEqual", pattern: /<=/, start_chars_hint: ["<"], categories: Operator, label: '"<="' });
export const Equal = createToken({ name: "Equal", pattern: /=/, start_chars_hint: ["="], categories: Operator, label: '"="' });
export const Greater = createToken({ name: "Greater", pattern: />/, start_chars_hint: [">"], categories: Operator, label: '">"' });
export const Less = createToken({ name: "Less", pattern: /</, start_chars_hint: ["<"], categories: Operator, label: '"<"' });

export const LParen = createToken({ name: "LParen", pattern: /\(/, start_chars_hint: ["("], label: '"("' });
export const RParen = createToken({ name: "RParen", pattern: /\)/, start_chars_hint: [")"], label: '")"' });

export const Keyword = createToken({ name: "Keyword", pattern: Lexer.NA });
export const And = createToken({
  name: "And",
  pattern: /and(?![A-Za-z0-9_$])/i,
  start_chars_hint: ["a", "A"],
  categories: Keyword,
  label: '"and"',
});
export const Or = createToken({
  name: "Or",
  pattern: /or(?![A-Za-z0-9_$])/i,
  start_chars_hint: ["o", "O"],
  categories: Keyword,
  label: '"or"',
});
export const Not = createToken({
  name: "Not",
  pattern: /not(?![A-Za-z0-9_$])/i,
  start_chars_hint: ["n", "N"],
  categories: Keyword,
  label: '"not"',
});

export const Word = createToken({
  name: "Word",
  pattern: /[A-Za-z0-9_,./*@+-]+/,
  start_chars_hint: WORD_START,
  line_breaks: false,
  label: "word",
});

/**
 * A complete quoted text, as a regular expression: the definition that
 * {@link matchQuoted} implements, and what the grammar's diagrams show. Runs
 * of ordinary characters are matched in one step; a doubled quote or an
 * escape does not end the text. (The escape "\x" takes one hex digit: the
 * digits after it are ordinary characters, and letting both parts take them
 * would make a failed match backtrack exponentially.)
 */
export const QUOTED_PATTERN =
  /"[^"\\\n\r]*(?:(?:""|\\(?:[^x]|x[0-9A-Fa-f]))[^"\\\n\r]*)*"|'[^'\\\n\r]*(?:(?:''|\\(?:[^x]|x[0-9A-Fa-f]))[^'\\\n\r]*)*'/;

/**
 * A complete quoted text at `offset`, as {@link QUOTED_PATTERN} matches it,
 * in one pass: the quote, then ordinary characters, doubled quotes and
 * escapes, up to the closing quote. An escape is a backslash and any one
 * character but "x" (a line break too: the only way one stands inside
 * quotes), or "\x" and a hex digit. A line break, a backslash that starts no
 * escape, or the end of the text cannot be passed; the expression then
 * backtracks to the last doubled quote, whose first half closes the text,
 * and without one the text is unterminated, as in ftrack's parser.
 *
 * A function rather than the expression: Chevrotain then collects tokens by
 * pushing to an array rather than by writing into one sized by guess, which
 * is markedly faster for short filters.
 */
export function matchQuoted(text: string, offset: number): [string] | null {
  const quote = text.charCodeAt(offset);
  if (quote !== 34 /* " */ && quote !== 39 /* ' */) return null;
  const end = text.length;
  let lastPair = -1;
  let i = offset + 1;
  while (i < end) {
    const code = text.charCodeAt(i);
    if (code === quote) {
      if (text.charCodeAt(i + 1) !== quote) return [text.slice(offset, i + 1)];
      lastPair = i;
      i += 2;
    } else if (code === 92 /* \\ */) {
      const next = text.charCodeAt(i + 1);
      if (next === 120 /* x */ ? !isHexCode(text.charCodeAt(i + 2)) : i + 1 >= end) break;
      i += next === 120 ? 3 : 2;
    } else if (code === 10 || code === 13) {
      break;
    } else {
      i++;
    }
  }
  return lastPair < 0 ? null : [text.slice(offset, lastPair + 1)];
}

function isHexCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

export const Quoted = createToken({
  name: "Quoted",
  pattern: matchQuoted,
  line_breaks: true,
  start_chars_hint: ['"', "'"],
  label: "quoted text",
});
export const Unterminated = createToken({
  name: "Unterminated",
  pattern: /["'][^\n\r]*/,
  start_chars_hint: ['"', "'"],
  label: "unterminated quoted text",
});

export const allTokens: TokenType[] = [
  Space,
  Tab,
  LineFeed,
  CarriageReturn,
  NotEqual,
  GreaterEqual,
  LessEqual,
  Equal,
  Greater,
  Less,
  LParen,
  RParen,
  And,
  Or,
  Not,
  Word,
  Quoted,
  Unterminated,
  Operator,
  Keyword,
];

let lexer: Lexer | undefined;

/**
 * The lexer, built on first use rather than at import: building it costs
 * milliseconds that a program importing the library but not yet parsing
 * (a CLI printing its help, a server starting) should not pay.
 */
export function getLexer(): Lexer {
  lexer ??= new Lexer(allTokens, {
    positionTracking: "onlyOffset",
    ensureOptimizations: true,
    skipValidations: true,
  });
  return lexer;
}
