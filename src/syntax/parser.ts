/**
 * `parse` and `parseAll`: text to AST, with ftrack's stripping rules, the
 * length and depth limits, and Chevrotain's errors mapped to
 * {@link FilterSyntaxError}s that say what was expected and what was found.
 */
import { createTokenInstance, EOF, type IRecognitionException, type IToken, tokenMatcher } from "chevrotain";
import type { Dialect, FilterAst } from "./ast";
import { FilterSyntaxError } from "./errors";
import { DepthExceeded, EnoughErrors, FilterParser, RECOVERY_ERROR_LIMIT } from "./grammar";
import { withHints } from "./hints";
import { And, Equal, getLexer, Operator, Or, Quoted, RParen, Unterminated, Word } from "./lexer";

export interface ParseOptions {
  /** `"trigger"` (webhook trigger filters, the default) or `"event-hub"`. */
  readonly dialect?: Dialect;
  /** Longest accepted input, in UTF-16 code units. Default 65,536. */
  readonly maxLength?: number;
  /** Deepest accepted nesting of parentheses and `not`. Default 128, at most 200. */
  readonly maxDepth?: number;
}

/** The limits applied when an option is not given. */
export const DEFAULT_LIMITS = Object.freeze({ maxLength: 65_536, maxDepth: 128 });
const MAX_DEPTH_CEILING = 200;
/** parseAll stops looking for more errors after this many. */
const MAX_ERRORS = RECOVERY_ERROR_LIMIT;
const MAX_ROUNDS = MAX_ERRORS;

interface Resolved {
  readonly dialect: Dialect;
  readonly maxLength: number;
  readonly maxDepth: number;
}

const DEFAULT_OPTIONS: Resolved = Object.freeze({ dialect: "trigger", ...DEFAULT_LIMITS });
const EVENT_HUB_OPTIONS: Resolved = Object.freeze({ ...DEFAULT_OPTIONS, dialect: "event-hub" });

const OPTION_KEYS = new Set(["dialect", "maxLength", "maxDepth"]);

/** Validates parse options; a mistake is a programming error, so a TypeError. */
export function resolveParseOptions(options: ParseOptions | undefined, extraKeys?: ReadonlySet<string>): Resolved {
  if (options === undefined) return DEFAULT_OPTIONS;
  if (typeof options !== "object" || options === null) throw new TypeError("options must be an object");
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key) && !extraKeys?.has(key)) throw new TypeError(`unknown option "${key}"`);
  }
  // Own properties only: a polluted Object.prototype must not change a parse.
  const own = (key: string): unknown => (Object.hasOwn(options, key) ? (options as Record<string, unknown>)[key] : undefined);
  const dialect = own("dialect") ?? "trigger";
  const maxLength = own("maxLength") ?? DEFAULT_LIMITS.maxLength;
  const maxDepth = own("maxDepth") ?? DEFAULT_LIMITS.maxDepth;
  if (dialect !== "trigger" && dialect !== "event-hub") {
    throw new TypeError(`dialect must be "trigger" or "event-hub", not ${JSON.stringify(dialect)}`);
  }
  if (typeof maxLength !== "number" || !Number.isSafeInteger(maxLength) || maxLength < 1) {
    throw new TypeError("maxLength must be a positive integer");
  }
  if (typeof maxDepth !== "number" || !Number.isSafeInteger(maxDepth) || maxDepth < 0 || maxDepth > MAX_DEPTH_CEILING) {
    throw new TypeError(`maxDepth must be an integer from 0 to ${MAX_DEPTH_CEILING}`);
  }
  return { dialect, maxLength, maxDepth };
}

// Built once: Chevrotain analyses a grammar when the parser is constructed.
let strictParser: FilterParser | undefined;
let recoveringParser: FilterParser | undefined;

function strictParserOf(): FilterParser {
  strictParser ??= new FilterParser({ recovery: false, validate: false });
  return strictParser;
}

function recoveringParserOf(): FilterParser {
  recoveringParser ??= new FilterParser({ recovery: true, validate: false });
  return recoveringParser;
}

/**
 * Parses a filter into its AST, or throws a {@link FilterSyntaxError} for the
 * first problem in the text. Costs a few microseconds for a typical filter;
 * compile or cache the result rather than parsing the same text per event.
 */
export function parse(source: string, options?: ParseOptions): FilterAst {
  if (typeof source !== "string") throw new TypeError("parse expects the filter as a string");
  return parseWith(source, resolveParseOptions(options));
}

/** {@link parse} with the default limits, for callers that have checked their dialect option already. */
export function parseInDialect(source: string, dialect: Dialect): FilterAst {
  return parseWith(source, dialect === "event-hub" ? EVENT_HUB_OPTIONS : DEFAULT_OPTIONS);
}

function parseWith(source: string, opts: Resolved): FilterAst {
  const result = run(source, opts, false);
  if (result.errors.length > 0) throw result.errors[0] as FilterSyntaxError;
  return result.ast as FilterAst;
}

export interface ParseAllResult {
  /** The AST, when the filter has no error. */
  readonly ast: FilterAst | undefined;
  /** Every syntax error, in source order. */
  readonly errors: readonly FilterSyntaxError[];
}

/**
 * Parses with error recovery and reports every syntax error instead of the
 * first. Never throws for a string; used by the linter.
 */
export function parseAll(source: string, options?: ParseOptions): ParseAllResult {
  const opts = resolveParseOptions(options);
  // Recovery makes Chevrotain raise an exception per error it meets, and a
  // hostile input has one at nearly every token: without stack traces,
  // raising them is cheap. (Synchronous, and restored before returning.)
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return run(source, opts, true);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function run(source: string, opts: Resolved, recover: boolean): ParseAllResult {
  if (source.length > opts.maxLength) {
    const error = new FilterSyntaxError(
      "too-long",
      `the filter is ${source.length} characters long, more than the limit of ${opts.maxLength}`,
      source,
      opts.maxLength,
      source.length - opts.maxLength,
    );
    return { ast: undefined, errors: [error] };
  }
  let start = 0;
  let end = source.length;
  while (start < end && isPythonSpace(source.charCodeAt(start))) start++;
  while (end > start && isPythonSpace(source.charCodeAt(end - 1))) end--;
  if (start === end) {
    return { ast: undefined, errors: [new FilterSyntaxError("empty", "the filter is empty", source, 0, source.length)] };
  }
  const text = start === 0 && end === source.length ? source : source.slice(start, end);
  const lexed = getLexer().tokenize(text);
  // Lexical problems are collected as offsets first: building an error
  // computes its line and column, which only the reported ones need.
  const problems: { offset: number; length: number; unterminated: boolean }[] = [];
  for (const error of lexed.errors) problems.push({ offset: error.offset, length: error.length, unterminated: false });
  let tokens = lexed.tokens;
  const unterminated = Unterminated.tokenTypeIdx as number;
  for (const token of tokens) {
    if (token.tokenTypeIdx === unterminated) {
      problems.push({ offset: token.startOffset, length: token.image.length, unterminated: true });
      // Read on as if the text were closed, to find later errors.
      token.tokenType = Quoted;
      token.tokenTypeIdx = Quoted.tokenTypeIdx as number;
    }
  }
  const errors: FilterSyntaxError[] = [];
  if (problems.length > 0) {
    problems.sort((a, b) => a.offset - b.offset);
    for (const problem of problems.slice(0, recover ? MAX_ERRORS : 1)) {
      errors.push(lexicalError(source, text, start, problem.offset, problem.length, problem.unterminated));
    }
    if (!recover) {
      // Report a grammar error only if it comes before the first lexical one.
      const cut = (problems[0] as { offset: number }).offset;
      tokens = tokens.filter((token) => token.startOffset < cut);
    } else if (lexed.errors.length > 0) {
      tokens = bridgeLexicalGaps(tokens, lexed.errors, text);
    }
  }
  const parser = recover ? recoveringParserOf() : strictParserOf();
  let ast: FilterAst | undefined;
  let from = 0;
  // Grammar errors are counted apart from lexical ones: both kinds are cut
  // to the first MAX_ERRORS only after sorting, so the earliest is never lost.
  let grammarErrors = 0;
  // With recovery, text the grammar cannot continue is skipped up to the next
  // "and" or "or", and parsing resumes there, so later errors are found too.
  for (let round = 0; round < MAX_ROUNDS; round++) {
    parser.prepare(from === 0 ? tokens : tokens.slice(from), source, start, text, opts.dialect, opts.maxDepth);
    try {
      const result = parser.filter();
      if (from === 0) ast = result;
    } catch (thrown) {
      if (thrown instanceof FilterSyntaxError) errors.push(thrown);
      else if (thrown instanceof DepthExceeded) errors.push(tooDeep(source, start, thrown.token, opts.maxDepth));
      else if (thrown instanceof RangeError) errors.push(tooDeep(source, start, undefined, opts.maxDepth));
      else if (!(thrown instanceof EnoughErrors)) throw thrown;
    }
    for (const problem of parser.problems) errors.push(problem);
    let leftover: IToken | undefined;
    for (const exception of parser.recorded) {
      // Recovery can report thousands; only the first ones are ever shown.
      if (grammarErrors++ < MAX_ERRORS) errors.push(syntaxError(exception, tokens, source, start, text.length));
      if (exception.name === "NotAllInputParsedException") leftover = exception.token;
    }
    if (!recover || leftover === undefined || grammarErrors >= MAX_ERRORS) break;
    const next = tokens.findIndex(
      (token) => token.startOffset > (leftover as IToken).startOffset && (tokenMatcher(token, And) || tokenMatcher(token, Or)),
    );
    if (next < 0) break;
    from = next + 1;
  }
  if (errors.length === 0 && ast !== undefined) return { ast, errors };
  errors.sort((a, b) => a.offset - b.offset);
  // Hints are added last, to the errors that are reported; an error that
  // follows from an earlier one is dropped.
  return {
    ast: undefined,
    errors: recover ? withHints(dedupe(errors), source).slice(0, MAX_ERRORS) : withHints(errors.slice(0, 1), source),
  };
}

/**
 * While recovering, characters the lexer rejected are read as part of a word,
 * so that `kéy=1` gives one error for the "é" rather than a second one for
 * the grammar's confusion after it; a colon after a field is read as "=".
 */
function bridgeLexicalGaps(tokens: IToken[], gaps: readonly { offset: number; length: number }[], text: string): IToken[] {
  const placeholders = gaps.map((gap) =>
    createTokenInstance(Word, text.slice(gap.offset, gap.offset + gap.length), gap.offset, gap.offset + gap.length - 1, NaN, NaN, NaN, NaN),
  );
  const all = [...tokens, ...placeholders].sort((a, b) => a.startOffset - b.startOffset);
  const merged: IToken[] = [];
  for (const token of all) {
    const last = merged[merged.length - 1];
    // `name:Task` is a field, a colon for "=", and a value: read it so, not as one word.
    if (
      token.image === ":" &&
      Number.isNaN(token.startLine) &&
      last !== undefined &&
      tokenMatcher(last, Word) &&
      !tokenMatcher(merged[merged.length - 2] ?? last, Operator)
    ) {
      merged.push(createTokenInstance(Equal, ":", token.startOffset, token.startOffset, NaN, NaN, NaN, NaN));
      continue;
    }
    if (
      last !== undefined &&
      tokenMatcher(last, Word) &&
      tokenMatcher(token, Word) &&
      last.startOffset + last.image.length === token.startOffset
    ) {
      merged[merged.length - 1] = createTokenInstance(
        Word,
        last.image + token.image,
        last.startOffset,
        token.startOffset + token.image.length - 1,
        NaN,
        NaN,
        NaN,
        NaN,
      );
    } else {
      merged.push(token);
    }
  }
  return merged;
}

function lexicalError(
  source: string,
  text: string,
  base: number,
  offset: number,
  length: number,
  unterminated: boolean,
): FilterSyntaxError {
  if (unterminated) {
    return new FilterSyntaxError(
      "unterminated-string",
      `the quoted text starting with ${text[offset]} is not closed before the end of the line`,
      source,
      base + offset,
      length,
    );
  }
  const char = String.fromCodePoint(text.codePointAt(offset) ?? 0);
  const why = char === "!" ? "" : "; outside quotes, a filter holds only ASCII letters, digits, _,./*@+- and ( ) = ! < >";
  return new FilterSyntaxError("unexpected-character", `unexpected character ${describeChar(char)}${why}`, source, base + offset, length);
}

function tooDeep(source: string, base: number, token: IToken | undefined, maxDepth: number): FilterSyntaxError {
  return new FilterSyntaxError(
    "too-deep",
    `the filter nests parentheses and "not" more than ${maxDepth} levels deep`,
    source,
    token === undefined ? base : base + token.startOffset,
    token === undefined ? 0 : token.image.length,
  );
}

function dedupe(errors: FilterSyntaxError[]): FilterSyntaxError[] {
  return errors.filter((error, i) => i === 0 || errors[i - 1]?.offset !== error.offset);
}

/** Maps a Chevrotain recognition error to a message about this language. */
function syntaxError(
  exception: IRecognitionException,
  tokens: readonly IToken[],
  source: string,
  base: number,
  textLength: number,
): FilterSyntaxError {
  const token = exception.token;
  const atEnd = tokenMatcher(token, EOF) || Number.isNaN(token.startOffset);
  const offset = atEnd ? textLength : token.startOffset;
  const previous = previousToken(tokens, offset);
  const after = previous === undefined ? "" : ` after ${describeToken(previous)}`;
  const found = atEnd ? "the end of the filter" : describeToken(token);
  const rules = exception.context.ruleStack;
  const rule = rules[rules.length - 1];
  let expected: string;
  if (exception.name === "NotAllInputParsedException") {
    expected = tokenMatcher(token, RParen)
      ? `"and", "or" or the end of the filter (this ")" closes no "(")`
      : '"and", "or" or the end of the filter';
  } else if (rule === "condition") {
    // The condition rule fails either at its operator or at its value.
    expected = previous !== undefined && tokenMatcher(previous, Operator) ? `a value${after}` : `an operator (=, !=, <, <=, >, >=)${after}`;
  } else if (rule === "negation" && exception.name === "MismatchedTokenException") {
    // The one token negation consumes without looking ahead first: a group's ")".
    expected = `"and", "or" or ")"${after}`;
  } else {
    expected = `a condition or "("${after}`;
  }
  return new FilterSyntaxError(
    atEnd ? "unexpected-end" : "unexpected-token",
    `expected ${expected} but found ${found}`,
    source,
    base + offset,
    atEnd ? 0 : token.image.length,
  );
}

function previousToken(tokens: readonly IToken[], offset: number): IToken | undefined {
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((tokens[mid] as IToken).startOffset < offset) low = mid + 1;
    else high = mid;
  }
  return tokens[low - 1];
}

function describeToken(token: IToken): string {
  const image = token.image.length > 40 ? `${token.image.slice(0, 40)}…` : token.image;
  return tokenMatcher(token, Quoted) ? `the quoted value ${image}` : `"${image}"`;
}

function describeChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  return code < 0x20 || code === 0x7f || (code >= 0x80 && code <= 0x9f) ? hex : `"${char}" (${hex})`;
}

/** Whitespace as Python's `str.strip()` sees it (ftrack strips filters first). */
function isPythonSpace(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) ||
    (code >= 0x1c && code <= 0x20) ||
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}
