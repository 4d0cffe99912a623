/**
 * Grammar recording puts its methods on a layer between the parser and its
 * prototype (src/syntax/recording.ts) instead of on the parser. The parser
 * must come out as it would from Chevrotain's own way: its prototype back,
 * no recording method left answering calls, the same grammar, the same
 * parses.
 */
import fc from "fast-check";
import { expect, test } from "vitest";
import { FilterParser } from "../../src/syntax/grammar";
import { getLexer } from "../../src/syntax/lexer";

/** A parser built with Chevrotain's own end of recording, the replacement removed for the call. */
function withChevrotainsEnd(recovery: boolean): FilterParser {
  const prototype = FilterParser.prototype as unknown as Record<string, unknown>;
  const saved = ["enableRecording", "disableRecording"].map((name) => [name, Object.getOwnPropertyDescriptor(prototype, name)] as const);
  for (const [name, descriptor] of saved) {
    if (descriptor === undefined) throw new Error(`the cheaper ${name} is not installed`);
    delete prototype[name];
  }
  try {
    return new FilterParser({ recovery, validate: false });
  } finally {
    for (const [name, descriptor] of saved) Object.defineProperty(prototype, name, descriptor as PropertyDescriptor);
  }
}

function outcome(parser: FilterParser, text: string): unknown {
  parser.prepare(getLexer().tokenize(text).tokens, text, 0, text, "trigger", 128);
  try {
    return { ast: parser.filter(), errors: parser.recorded.map((e) => [e.name, e.token.startOffset]) };
  } catch (error) {
    return { thrown: String(error) };
  }
}

test("no recording method is left answering calls, and recording is off", () => {
  const shadowing = (parser: object): string[] => {
    const own = parser as Record<string, unknown>;
    return Object.keys(own).filter((key) => key in FilterParser.prototype && typeof own[key] === "function");
  };
  for (const recovery of [false, true]) {
    const parser = new FilterParser({ recovery, validate: false });
    expect(Object.getPrototypeOf(parser)).toBe(FilterParser.prototype);
    expect(parser.RECORDING_PHASE).toBe(false);
    // Only the methods Chevrotain itself leaves on a parser (its no-op CST hooks), and no recording method.
    expect(shadowing(parser)).toEqual(shadowing(withChevrotainsEnd(recovery)));
    expect(shadowing(parser).filter((key) => /^(CONSUME|SUBRULE|OPTION|OR|MANY|AT_LEAST_ONE|LA|ACTION|BACKTRACK)/.test(key))).toEqual([]);
  }
});

test("the same grammar and the same parses as with Chevrotain's own end", () => {
  const pieces = ["(", ")", "a", "x.y", "=", "!=", "<", "and", "or", "not", '"q"', "1", "=="];
  for (const recovery of [false, true]) {
    const ours = new FilterParser({ recovery, validate: false });
    const theirs = withChevrotainsEnd(recovery);
    expect(ours.getSerializedGastProductions()).toEqual(theirs.getSerializedGastProductions());
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (chosen) => {
        const text = chosen.join(" ");
        expect(outcome(ours, text)).toEqual(outcome(theirs, text));
      }),
      { numRuns: 1_000 },
    );
  }
});
