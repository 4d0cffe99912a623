/**
 * Hints for syntax errors: what to write instead, for the mistakes people
 * bring from other languages (`==`, `&&`, `in (…)`, `like`, `is null`,
 * smart quotes…), and the suppression of errors that only follow from an
 * earlier one.
 *
 * Hints are read from the source text around each error after parsing, so
 * the grammar and the lexer stay as they are; a hint is given only where the
 * text makes the mistake unambiguous.
 */
import { FilterSyntaxError, lineColumn } from "./errors";

/** A hint, and where the mistake it explains ends (errors before that are its echoes). */
interface Hint {
  readonly text: string;
  readonly end: number;
  /** A problem of its own even right after another error (a "(" left open). */
  readonly independent?: boolean;
}

const WORD = /[A-Za-z0-9_,./*@+-]/;
const SPACE = /[ \t\r\n]/;
const OPERATOR_CHARS = /[=!<>]/;
const SMART_QUOTES: Readonly<Record<string, string>> = {
  "\u201c": '"',
  "\u201d": '"',
  "\u201e": '"',
  "\u201f": '"',
  "\u2033": '"',
  "\u00ab": '"',
  "\u00bb": '"',
  "\uff02": '"',
  "\u2018": "'",
  "\u2019": "'",
  "\u201a": "'",
  "\u201b": "'",
  "\u2032": "'",
};
/** Operators of other languages, and what ftrack spells them. */
const OPERATORS: Readonly<Record<string, string>> = { "==": "=", "===": "=", "!==": "!=", "<>": "!=", "=>": ">=", "=<": "<=", "=!": "!=" };
const NULL_ADVICE = 'ftrack has no "is null" and no test for null: where a field is null, "=" with any text is false and "!=" true';
const SUBSTRING_ADVICE = "a value ending in * tests whether the text before the * occurs anywhere in the field";

/**
 * Adds a hint to each error whose mistake is recognised, and drops the
 * errors that follow from an earlier one: after an error, nothing is
 * reported again before the next `and` / `or` past the mistake, except a
 * "(" left open at the end. `errors` must be sorted by offset. Cost: the
 * text around each error, and one pass over the rest of the text in all
 * (each search for the next `and` / `or` starts past the previous one).
 */
export function withHints(errors: readonly FilterSyntaxError[], source: string): FilterSyntaxError[] {
  const out: FilterSyntaxError[] = [];
  let quietUntil = -1;
  for (const error of errors) {
    // Only the end of the filter can have a hint of its own (a "(" left open):
    // any other error in the quiet stretch is dropped before its hint is sought.
    if (error.offset <= quietUntil && error.code !== "unexpected-end") continue;
    const hint = error.hint === undefined ? hintFor(error, source) : undefined;
    if (error.offset <= quietUntil && hint?.independent !== true) continue;
    out.push(hint === undefined ? error : new FilterSyntaxError(error.code, error.reason, source, error.offset, error.length, hint.text));
    quietUntil = nextConnective(source, Math.max(error.offset + Math.max(error.length, 1), hint?.end ?? 0));
  }
  return out;
}

function hintFor(error: FilterSyntaxError, source: string): Hint | undefined {
  switch (error.code) {
    case "unexpected-character":
      return characterHint(source, error.offset);
    case "unterminated-string":
      return unterminatedHint(source, error.offset);
    case "unexpected-token":
    case "unexpected-end":
      return tokenHint(source, error.offset, error.code === "unexpected-end");
    default:
      return undefined;
  }
}

function characterHint(source: string, at: number): Hint | undefined {
  const char = source[at] ?? "";
  const straight = SMART_QUOTES[char];
  if (straight !== undefined) {
    let close = at + 1;
    while (close < source.length && SMART_QUOTES[source[close] as string] === undefined && source[close] !== "\n") close++;
    const closed = close < source.length && SMART_QUOTES[source[close] as string] !== undefined;
    const body = source.slice(at + 1, closed ? close : lineEnd(source, at));
    return {
      text: `use straight quotes: ${straight}${body}${straight} (typographic quotes such as ${char} are not quotes in a filter)`,
      end: closed ? close + 1 : at + 1,
    };
  }
  if (char === "&" || char === "|") {
    let runEnd = at;
    while (source[runEnd] === "&" || source[runEnd] === "|") runEnd++;
    const run = source.slice(at, runEnd);
    return { text: `write "${char === "&" ? "and" : "or"}" instead of "${run}"`, end: at + run.length };
  }
  if (char === "!") {
    const next = nextToken(source, at + 1)?.text[0] ?? "";
    if (next === "=") return { text: 'write "!=" without a space', end: at + 1 };
    const before = previousChar(source, at);
    if (before !== undefined && OPERATOR_CHARS.test(before))
      return { text: 'write "!=" to test that a field differs from a value', end: at + 1 };
    // At most the 61 characters an example can show are read.
    const operand = source.slice(at + 1, Math.min(nextConnective(source, at + 1, at + 62), source.length)).trim();
    const example = operand.length > 0 && operand.length <= 60 ? `not ${operand}` : "not a = 1";
    return { text: `write "not" to negate a condition, as in ${example} ("!" stands only in "!=")`, end: at + 1 };
  }
  if (char === "\ufeff") return { text: "remove it: a byte-order mark is not whitespace in a filter", end: at + 1 };
  if (/\s/.test(char)) return { text: "use an ordinary space: only space, tab, CR and LF separate the parts of a filter", end: at + 1 };
  // Inside a value: the value needs quotes.
  const start = valueStart(source, at);
  if (char === ":" && start === undefined) {
    const field = previousToken(source, at);
    const value = nextToken(source, at + 1);
    const example = field !== undefined && value !== undefined ? `: ${field.text} = ${value.text}` : "";
    return {
      text: `write "=" between a field and its value${example}`,
      end: value === undefined ? at + 1 : value.start + value.text.length,
    };
  }
  if (start !== undefined) {
    let end = at;
    while (end < source.length && !SPACE.test(source[end] as string) && source[end] !== ")") end++;
    const text = source.slice(start, end);
    if (!text.includes('"'))
      return { text: `quote the value: "${text}" (outside quotes a value holds only ASCII letters, digits and _,./*@+-)`, end };
  }
  return undefined;
}

function unterminatedHint(source: string, at: number): Hint | undefined {
  const quote = source[at] as string;
  const rest = source.slice(at + 1, lineEnd(source, at));
  if (/\\x(?![0-9A-Fa-f])/.test(rest)) {
    return {
      text: 'inside quotes, "\\x" must be followed by hex digits (as in \\x41); ftrack reads no further after a "\\x" without them',
      end: source.length,
    };
  }
  if (rest.includes(`\\${quote}`)) {
    return {
      text: `a backslash before ${quote} keeps the text open (nothing is unescaped, and \\${quote} does not close it); remove the backslash`,
      end: source.length,
    };
  }
  const other = quote === '"' ? "'" : '"';
  if (rest.endsWith(other)) return { text: `end the text with the quote it starts with: ${quote}…${quote}`, end: source.length };
  return { text: `add the closing ${quote}; quoted text ends on the line it starts`, end: source.length };
}

function tokenHint(source: string, at: number, atEnd: boolean): Hint | undefined {
  const found = atEnd ? "" : tokenText(source, at);
  const before = previousToken(source, at);
  const beforeThat = before === undefined ? undefined : previousToken(source, before.start);
  if (found === ")" && !atEnd) {
    if (before?.text === "(") return { text: "put a condition between the parentheses, or remove them", end: at + 1 };
    if (depthAt(source, at) === 0) return { text: 'remove it, or add the "(" it closes', end: at + 1 };
    return undefined;
  }
  // A placeholder left in: `topic=<topic>`.
  if (!atEnd && found.startsWith("<")) {
    const placeholder = /<[^<>\s]*>/y;
    placeholder.lastIndex = at;
    const match = placeholder.exec(source);
    if (match !== null)
      return { text: `replace the placeholder ${match[0]} with a value (or quote it: "${match[0]}")`, end: at + match[0].length };
  }
  const open = atEnd ? unclosedParenthesis(source) : undefined;
  if (open !== undefined) {
    const { line, column } = lineColumn(source, open);
    const where = line === 1 ? `column ${column}` : `line ${line}, column ${column}`;
    return { text: `add the ")" that closes the "(" at ${where}`, end: at, independent: true };
  }
  // Operators of other languages: the first "=" is read, the rest is found.
  if (before !== undefined && OPERATOR_CHARS.test(found[0] ?? "") && /^[=!<>]+$/.test(before.text)) {
    const written = source.slice(before.start, at + found.length).replace(/[ \t]/g, "");
    const ftrack = OPERATORS[written];
    if (ftrack !== undefined) return { text: `ftrack has no "${written}": write "${ftrack}"`, end: at + found.length };
  }
  // A keyword where an operator belongs: field in (…), like, is null, contains.
  if (before !== undefined && isField(before.text) && (beforeThat === undefined || !/^[=!<>]+$/.test(beforeThat.text))) {
    const keyword = keywordHint(source, before.text, found.toLowerCase(), at);
    if (keyword !== undefined) return keyword;
  }
  // Two connectives in a row: the second is read as a field.
  if (before !== undefined && beforeThat !== undefined && isConnective(before.text) && isConnective(beforeThat.text)) {
    const same = before.text.toLowerCase() === beforeThat.text.toLowerCase();
    const text = same
      ? `"${before.text}" is written twice; remove one`
      : `"${beforeThat.text}" and "${before.text}" in a row: keep one of them`;
    return { text, end: at };
  }
  // Text with spaces: a value, then more words.
  if (
    !atEnd &&
    before !== undefined &&
    beforeThat !== undefined &&
    /^[=!<>]+$/.test(beforeThat.text) &&
    WORD.test(found[0] ?? "") &&
    !isConnective(found)
  ) {
    let end = at + found.length;
    for (
      let next = nextToken(source, end);
      next !== undefined && WORD.test(next.text[0] ?? "") && !isConnective(next.text);
      next = nextToken(source, end)
    ) {
      end = next.start + next.text.length;
    }
    const following = nextToken(source, end);
    if (following !== undefined && OPERATOR_CHARS.test(following.text[0] ?? "")) {
      // The last word is the field of another condition: a connective is missing, misspelt or glued.
      const glued = /^(and|or)[A-Za-z0-9_]/i.exec(found) ?? /[\s\S]((?:and|or))$/i.exec(before.text);
      if (glued !== null) {
        const word = glued.index === 0 && found.toLowerCase().startsWith((glued[1] ?? "").toLowerCase()) ? found : before.text;
        const side = word === found ? "after" : "before";
        return { text: `"${word}" is read as one word: put a space ${side} "${glued[1]}"`, end };
      }
      const extra = source.slice(at, end).split(/[ \t\r\n]+/);
      const text =
        extra.length > 1 ? `"${extra[0]}" is not a connective; join conditions with "and" or "or"` : 'join conditions with "and" or "or"';
      return { text, end };
    }
    const text = source.slice(before.start, end);
    const field = previousToken(source, beforeThat.start);
    const condition = field === undefined || !isField(field.text) ? `"${text}"` : `${field.text} ${beforeThat.text} "${text}"`;
    if (!/["']/.test(text)) return { text: `quote text that holds spaces: ${condition}`, end };
  }
  // A field and a value with nothing between them.
  if (before !== undefined && isField(before.text) && (beforeThat === undefined || !/^[=!<>]+$/.test(beforeThat.text))) {
    const value = atEnd ? "value" : found;
    return { text: `put an operator between the field and the value, as in ${before.text} = ${value}`, end: at + found.length };
  }
  return undefined;
}

function keywordHint(source: string, field: string, keyword: string, at: number): Hint | undefined {
  const afterKeyword = nextToken(source, at + keyword.length);
  switch (keyword) {
    case "in":
      return listHint(source, field, afterKeyword, at + 2, false);
    case "like": {
      const value = afterKeyword?.text ?? '"text"';
      const bare = value.replace(/^(["'])(.*)\1$/, "$2").replace(/%/g, "");
      return {
        text: `ftrack has no "like": ${SUBSTRING_ADVICE}, as in ${field} = "${bare}*"`,
        end: afterKeyword === undefined ? at + 4 : afterKeyword.start + value.length,
      };
    }
    case "contains": {
      const value = afterKeyword?.text ?? '"text"';
      const bare = value.replace(/^(["'])(.*)\1$/, "$2");
      return {
        text: `ftrack has no "contains": ${SUBSTRING_ADVICE}, as in ${field} = "${bare}*"`,
        end: afterKeyword === undefined ? at + 8 : afterKeyword.start + value.length,
      };
    }
    case "is": {
      let end = at + 2;
      let next = afterKeyword;
      if (next !== undefined && next.text.toLowerCase() === "not") {
        end = next.start + 3;
        next = nextToken(source, end);
      }
      if (next !== undefined && /^(?:null|none)$/i.test(next.text)) return { text: NULL_ADVICE, end: next.start + next.text.length };
      return { text: `write "=" instead of "is": ${field} = ${next?.text ?? "value"}`, end };
    }
    case "not": {
      if (afterKeyword?.text.toLowerCase() !== "in") return undefined;
      return listHint(source, field, nextToken(source, afterKeyword.start + 2), afterKeyword.start + 2, true);
    }
    default:
      return undefined;
  }
}

/** `field in (a, b)` as `(field = a or field = b)`, or `not in` as `field != a and field != b`. */
function listHint(source: string, field: string, open: Token | undefined, keywordEnd: number, negated: boolean): Hint {
  const [operator, connective, name] = negated ? ["!=", "and", "not in"] : ["=", "or", "in"];
  const close = open?.text === "(" ? source.indexOf(")", open.start) : -1;
  const items =
    close < 0 || open === undefined
      ? []
      : source
          .slice(open.start + 1, close)
          .split(",")
          .map((item) => item.trim())
          .filter((item) => item !== "");
  const shown = items.length === 0 ? ["a", "b"] : items;
  const written = shown.map((item) => `${field} ${operator} ${item}`).join(` ${connective} `);
  return { text: `ftrack has no "${name}": write ${negated ? written : `(${written})`}`, end: close < 0 ? keywordEnd : close + 1 };
}

// --- reading the text around an error -------------------------------------

interface Token {
  readonly text: string;
  readonly start: number;
}

/** The token starting at `at`: a word, an operator run, a quoted text or one other character. */
function tokenText(source: string, at: number): string {
  TOKEN.lastIndex = at;
  return TOKEN.exec(source)?.[0] ?? "";
}
/** Sticky, so that reading a token costs its length, not the rest of the source. */
const TOKEN = /[A-Za-z0-9_,./*@+-]+|[=!<>]+|"[^"\n]*"?|'[^'\n]*'?|[\s\S]/y;

function nextToken(source: string, from: number): Token | undefined {
  let at = from;
  while (at < source.length && SPACE.test(source[at] as string)) at++;
  return at < source.length ? { text: tokenText(source, at), start: at } : undefined;
}

/** The token that ends before `at` (blanks skipped). Quoted text is read back to its opening quote. */
function previousToken(source: string, at: number): Token | undefined {
  let end = at;
  while (end > 0 && SPACE.test(source[end - 1] as string)) end--;
  if (end === 0) return undefined;
  const last = source[end - 1] as string;
  let start = end - 1;
  if (WORD.test(last)) while (start > 0 && WORD.test(source[start - 1] as string)) start--;
  else if (OPERATOR_CHARS.test(last)) while (start > 0 && OPERATOR_CHARS.test(source[start - 1] as string)) start--;
  else if (last === '"' || last === "'") start = Math.max(0, source.lastIndexOf(last, end - 2));
  return { text: source.slice(start, end), start };
}

function previousChar(source: string, at: number): string | undefined {
  let i = at;
  while (i > 0 && SPACE.test(source[i - 1] as string)) i--;
  return i > 0 ? source[i - 1] : undefined;
}

/** Where the value holding offset `at` starts, when an operator comes before it on its line. */
function valueStart(source: string, at: number): number | undefined {
  let start = at;
  while (
    start > 0 &&
    !SPACE.test(source[start - 1] as string) &&
    !OPERATOR_CHARS.test(source[start - 1] as string) &&
    source[start - 1] !== "("
  )
    start--;
  const before = previousChar(source, start);
  return before !== undefined && OPERATOR_CHARS.test(before) ? start : undefined;
}

/** A word that reads as a field here (`not` alone is taken for the keyword it usually is). */
function isField(text: string): boolean {
  return /^[A-Za-z0-9_.]+$/.test(text) && !isConnective(text) && !/^not$/i.test(text);
}

function isConnective(text: string): boolean {
  return /^(?:and|or)$/i.test(text);
}

function lineEnd(source: string, at: number): number {
  let end = at;
  while (end < source.length && source[end] !== "\n" && source[end] !== "\r") end++;
  return end;
}

/** How many "(" (outside quotes) are open just before `at`. */
function depthAt(source: string, at: number): number {
  let depth = 0;
  for (
    let token = nextToken(source, 0);
    token !== undefined && token.start < at;
    token = nextToken(source, token.start + Math.max(token.text.length, 1))
  ) {
    if (token.text === "(") depth++;
    else if (token.text === ")") depth = Math.max(0, depth - 1);
  }
  return depth;
}

/** The offset of the last "(" (outside quotes) that no ")" closes, if any. */
function unclosedParenthesis(source: string): number | undefined {
  const open: number[] = [];
  for (let token = nextToken(source, 0); token !== undefined; token = nextToken(source, token.start + Math.max(token.text.length, 1))) {
    if (token.text === "(") open.push(token.start);
    else if (token.text === ")") open.pop();
  }
  return open[open.length - 1];
}

/** The offset of the first `and` / `or` outside quotes at or after `from`, or past the end. */
function nextConnective(source: string, from: number, limit = source.length + 1): number {
  for (let token = nextToken(source, from); token !== undefined; token = nextToken(source, token.start + Math.max(token.text.length, 1))) {
    if (token.start >= limit) return limit;
    if (isConnective(token.text)) return token.start;
  }
  return source.length + 1;
}
