/**
 * `ftrack-filter/vitest`: importing this module (from a test file, or
 * through vitest's `setupFiles`) registers `expect(event).toMatchFilter(filter,
 * options?)` and its `.not` and asymmetric forms with vitest, and adds their
 * types to vitest's `Assertion`.
 *
 * vitest refuses to be loaded with `require()`, so a CommonJS build cannot
 * import it. Both builds therefore take the running vitest's `expect` from
 * `globalThis[Symbol.for("expect-global")]`, where vitest itself publishes
 * it (the same object as `import { expect } from "vitest"`), and call its
 * `expect.extend`. Nothing of vitest is bundled or imported at run time.
 */
// A type-only import: it brings vitest's types into the program for the augmentation below, and is erased.
// The declaration bundler drops an import that names nothing, so one type is named, and re-exported below.
import type { ExpectStatic } from "vitest";
import type { FilterCheckOptions, FilterInput } from "./assertions";
import { filterMatchers } from "./matchers";

declare module "vitest" {
  // The type parameter repeats vitest's own declaration, as merging requires.
  // biome-ignore lint/suspicious/noExplicitAny: declaration merging needs vitest's own default, which is any
  interface Assertion<T = any> {
    /**
     * Passes when `filter` matches the event, as ftrack would decide; `.not`
     * passes when it does not. With `strict: true` an evaluation error fails
     * both, and so does a filter with lint errors or warnings (the `lint`
     * option relaxes that). The failure message shows the explanation tree.
     */
    toMatchFilter(filter: FilterInput, options?: FilterCheckOptions): void;
  }
  interface AsymmetricMatchersContaining {
    /** Matches an event that `filter` matches: `expect.toMatchFilter(...)` inside `toEqual`, `toHaveBeenCalledWith`... */
    // biome-ignore lint/suspicious/noExplicitAny: asymmetric matchers stand in for any value, so vitest types them all as returning any
    toMatchFilter(filter: FilterInput, options?: FilterCheckOptions): any;
  }
}

const GLOBAL_EXPECT = Symbol.for("expect-global");

interface Extendable {
  extend(matchers: object): void;
}

/**
 * vitest's `expect`, as this module finds it at run time. Exported only so
 * that the published declarations keep their import of vitest: without it,
 * `types: ["ftrack-filter/vitest"]` in tsconfig would load the augmentation
 * above without applying it (measured with TypeScript 5.9).
 */
export type RunningExpect = Pick<ExpectStatic, "extend">;

function runningExpect(): Extendable {
  const expect: unknown = (globalThis as { [GLOBAL_EXPECT]?: unknown })[GLOBAL_EXPECT];
  if (
    (typeof expect === "function" || typeof expect === "object") &&
    expect !== null &&
    typeof (expect as Partial<Extendable>).extend === "function"
  ) {
    return expect as Extendable;
  }
  throw new Error(
    "ftrack-filter/vitest registers its matcher with a running vitest, and found none: import it from a test file or list it in " +
      "vitest's setupFiles. With another framework, call expect.extend(filterMatchers) (from ftrack-filter/testing) instead.",
  );
}

runningExpect().extend(filterMatchers);

export type { FilterCheckOptions, FilterInput } from "./assertions";
export type { FilterMatcherResult, FilterMatchers } from "./matchers";
export { filterMatchers };
