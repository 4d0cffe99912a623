/**
 * Large adversarial filter text, up to 64 KiB (and just over): runs of
 * the characters and tokens that could make the lexer's patterns backtrack
 * or the parser and its error recovery work hard.
 */
import fc from "fast-check";

/**
 * Repeated units aimed at the lexer's patterns and the parser's recovery:
 * runs of quotes and backslashes, parentheses, chained `not`, dangling
 * operators, alternating quote styles, one character repeated.
 */
export const ADVERSARIAL_UNITS = [
  '"\\',
  "''''",
  "\\\\",
  "(",
  ")",
  "not ",
  "NOT not ",
  "a=",
  "a",
  "=",
  "'\"",
  '"',
  "'",
  '"a',
  '""',
  "\\",
  "é",
  "\u0000",
  "\n",
  "\r",
  " ",
  "a=1 and ",
  "a=1 or ",
  "(a=1) and ",
  "not a=1 or ",
  "x.y = entity.new.x or ",
  'a="x*" and ',
  "a= and ",
  "and ",
  "or ",
  "a a ",
  '"\n',
  "'a\\'",
  '"a""',
  "entity.",
  "a.",
  ".",
  "*",
  '"\t" ',
  'a="\t" or ',
] as const;

/** A large input built from adversarial units: one unit repeated, or several mixed, up to 64 KiB (and now and then just over). */
export const adversarialText: fc.Arbitrary<string> = fc
  .record({
    units: fc.array(fc.constantFrom(...ADVERSARIAL_UNITS), { minLength: 1, maxLength: 3 }),
    length: fc.oneof(fc.constant(65_536), fc.integer({ min: 1, max: 65_536 }), fc.constant(65_537)),
    prefix: fc.constantFrom("", "a=1 and ", "(", '"', "not "),
  })
  .map(({ units, length, prefix }) => {
    let text = prefix;
    for (let i = 0; text.length < length; i++) text += units[i % units.length] as string;
    return text.slice(0, length);
  });
