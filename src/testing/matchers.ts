/**
 * `toMatchFilter` as a framework-neutral matcher for `expect.extend`, the
 * protocol vitest and Jest share: a function of the received value that
 * returns `{ pass, message }`. The message holds the explanation tree.
 */
import { checkFilter, FilterAssertionError, type FilterCheckOptions, type FilterInput } from "./assertions";

/** What a matcher returns to `expect.extend`. */
export interface FilterMatcherResult {
  readonly pass: boolean;
  /** Called only when the assertion fails, with or without `.not`. */
  readonly message: () => string;
}

/**
 * The type a test framework's assertion interface gains from
 * `toMatchFilter`; `R` is what its matchers return. `ftrack-filter/vitest`
 * adds it to vitest's types; with another framework (Jest), extend that
 * framework's matcher interface with it by declaration merging.
 */
export interface FilterMatchers<R = void> {
  /**
   * Passes when `filter` matches the received event, as ftrack would decide;
   * `.not` passes when it does not. With `strict: true` an evaluation error
   * fails both, and so does a filter with lint errors or warnings (see the
   * `lint` option). The failure message shows the explanation tree.
   */
  toMatchFilter(filter: FilterInput, options?: FilterCheckOptions): R;
}

/**
 * The matchers to hand to `expect.extend` (vitest, Jest, or anything with
 * the same protocol): `expect.extend(filterMatchers)`. With vitest, importing
 * `ftrack-filter/vitest` does this for you and adds the types.
 */
export const filterMatchers = Object.freeze({
  toMatchFilter(
    // The framework's matcher state (`isNot` tells a `.not` assertion), or anything else.
    this: unknown,
    received: unknown,
    filter: FilterInput,
    options?: FilterCheckOptions,
  ): FilterMatcherResult {
    const check = checkFilter(filter, received, options);
    if (check.strictFailure || check.lintFailures.length > 0) {
      // Fails whatever was expected: throwing is the one outcome `.not` cannot invert.
      const expected = !(typeof this === "object" && this !== null && (this as { isNot?: unknown }).isNot === true);
      throw new FilterAssertionError(check.message(expected), {
        actual: check.matched,
        expected,
        explanation: check.explanation,
      });
    }
    const pass = check.matched;
    // `message` is read only on failure: without `.not` the filter did not match, with `.not` it did.
    return { pass, message: () => check.message(!pass) };
  },
});
