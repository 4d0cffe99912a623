/**
 * Error recovery in linear time. When a rule fails while recovering,
 * Chevrotain looks ahead for the first token that can follow some rule on
 * the stack (`findReSyncTokenType`), and does so again in every frame it
 * unwinds. Where no such token comes, each look scans to the end of the
 * input, so deep nesting before a long run of words cost nesting × length:
 * about a second for 100 "(" before 16 KB of `a b a b …`.
 *
 * Only a token of a type that some follow set holds (here ")", "and", "or")
 * can end such a look; every other token is passed over. So a table of the
 * next such token, made once per parse on the first recovery, lets each look
 * jump straight from one candidate to the next: the same token is found, and
 * a look costs the candidates it passes, not the words between them.
 */
import { type IToken, type TokenType, tokenMatcher } from "chevrotain";

/** The members of Chevrotain's recognizer that the look reads (not in its public typings). */
interface RecoveringParser {
  readonly tokVector: IToken[];
  readonly currIdx: number;
  readonly resyncFollows: Record<string, TokenType[]>;
  flattenFollowSet(): TokenType[];
  LA(howMuch: number): IToken;
  syncTable?: { readonly tokens: IToken[]; readonly next: Int32Array };
}

/** Replaces `findReSyncTokenType` on `parserClass` with one that gives the same answer in bounded work. */
export function installLinearResync(parserClass: { prototype: object }): void {
  Object.defineProperty(parserClass.prototype, "findReSyncTokenType", {
    value: function findReSyncTokenType(this: RecoveringParser): TokenType {
      const follows = this.flattenFollowSet();
      const { next } = syncTableOf(this);
      for (let index = next[this.currIdx + 1] ?? next.length - 1; ; ) {
        // Past the last token, LA gives Chevrotain's end-of-input token, which EOF's follow set matches.
        const token = this.LA(index - this.currIdx);
        const found = follows.find((type) => tokenMatcher(token, type));
        if (found !== undefined) return found;
        index = next[index + 1] ?? next.length - 1;
      }
    },
    writable: true,
    configurable: true,
  });
}

/** For each token index, the index of the first token at or after it that some follow set can match. */
function syncTableOf(parser: RecoveringParser): { readonly next: Int32Array } {
  const tokens = parser.tokVector;
  if (parser.syncTable?.tokens === tokens) return parser.syncTable;
  const candidates = Object.values(parser.resyncFollows).flat();
  // One slot past the end stands for the end of the input.
  const next = new Int32Array(tokens.length + 1);
  next[tokens.length] = tokens.length;
  for (let index = tokens.length - 1; index >= 0; index--) {
    const token = tokens[index] as IToken;
    next[index] = candidates.some((type) => tokenMatcher(token, type)) ? index : (next[index + 1] as number);
  }
  parser.syncTable = { tokens, next };
  return parser.syncTable;
}
