/**
 * Defects the fuzz properties have found and that are not fixed yet. Each
 * entry relaxes one check of the properties, for the inputs it describes
 * only, so that `npm test` and `npm run fuzz` keep looking for new problems
 * meanwhile; each has a `test.fails` regression test in
 * test/fuzz/regressions.test.ts that reproduces it. When a defect is fixed,
 * its regression test starts to fail: turn it into a plain `test` and set
 * the entry here to `false` (then delete it once nothing reads it).
 */
export const OPEN_DEFECTS = {
  /**
   * Parsing expands tabs in every quoted value by scanning back to the start
   * of its line: quadratic in the number of quoted values holding a tab on
   * one line (64 KiB take seconds). Regression: "parse: 64 KiB of quoted
   * values holding tabs".
   */
  tabExpansionQuadratic: true,
  /**
   * `lint` is quadratic on large valid filters: every diagnostic computes
   * its line and column from the start of the source, and the contradiction
   * rule compares every pair of conditions on one field under an `and`.
   * Regressions: "lint: 64 KiB filter with a diagnostic per condition",
   * "lint: 64 KiB and of conditions on one field".
   */
  lintQuadratic: true,
  /**
   * `parseAll` (and so `lint`) maps every error of Chevrotain's recovery to
   * a FilterSyntaxError before keeping the first 50: thousands of errors,
   * each with a line/column scan from the start (`or a or a …` at 64 KiB
   * takes seconds). Regression: "lint: 64 KiB of 'or a or a'".
   */
  recoveryErrorsUnbounded: true,
  /**
   * `parseEntityEvent` runs `body instanceof Uint8Array` outside its guard,
   * so a revoked proxy (or a proxy whose getPrototypeOf trap throws) given
   * as the parsed body escapes as a TypeError (or whatever the trap threw).
   * Regression: "parseEntityEvent: a revoked proxy as the body".
   */
  eventInstanceofUnguarded: true,
  /**
   * `parseEntityEvent` and the webhook handler describe a thrown value with
   * `String(value)`, which itself throws for an object whose `toString`
   * throws: the original value escapes (the webhook's promise rejects).
   * Regressions: "parseEntityEvent: a getter throwing an unprintable value",
   * "webhook: a body stream failing with an unprintable value".
   */
  unprintableThrownValue: true,
  /**
   * A raw body given as bytes loses two leading byte order marks (the
   * decoder drops one, then the JSON step another); the same body as a
   * string keeps the second and is invalid JSON. Regression:
   * "parseEntityEvent: two byte order marks, as text and as bytes".
   */
  doubleByteOrderMark: true,
} as const;
