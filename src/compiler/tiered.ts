/**
 * The `"auto"` backend: closures first, generated code once a filter is
 * called often.
 *
 * Generating and compiling the code of a new filter shape costs V8 some
 * 100 to 200 µs, closures a few; generated code then answers each call
 * about 100 ns sooner. A service that loads thousands of filters of
 * distinct shapes and calls most of them rarely should not pay the first
 * cost for each, and a filter called millions of times should not pay the
 * second. So every filter answers its first {@link PROMOTE_AFTER} - 1
 * calls through closures, and the next call compiles the generated code
 * (once per shape: for a shape generated before, a lookup) and answers
 * through it from then on. Both backends give the same result and the same
 * error on every event, so a caller cannot tell the tiers apart but by
 * `backend` and time. A filter whose generated code would exceed
 * {@link MAX_GENERATED_BYTES} stays with closures.
 */
import type { FilterAst } from "../syntax/ast";
import { closuresOnFirstCall } from "./closure";
import { compileWithCodegen, generatedSizeBound, MAX_GENERATED_BYTES } from "./codegen";
import { conditionsOf } from "./validate";

type Predicate = (event: unknown) => boolean;

/**
 * Calls answered through closures before a filter is compiled to generated
 * code. Measured in the bench (match and compile suites): generated code
 * saves about 110 ns a call (15 ns against 127 ns for the status-change
 * filter), and generating a new shape costs 55 µs on a quiet machine and
 * up to 170 µs on a busy one, so the two break even after some 500 to 1,500
 * calls; promoting at 1,000 spends at most about twice what knowing the
 * future would have.
 */
export const PROMOTE_AFTER = 1000;

/** A predicate and the backend that answers its calls (which may change once, from closures to generated code). */
export interface AutoCompiled {
  readonly predicate: Predicate;
  readonly backend: () => "codegen" | "closure";
}

/**
 * Compiles a filter for `backend: "auto"` where `new Function` works:
 * closures, and the promotion described above. Cost: nothing until the
 * first call, which builds the closures; the size bound and the shape key
 * wait for the promoting call, so a filter never called often costs no
 * more than closures, and one never called costs nothing.
 */
export function compileAuto(ast: FilterAst, strict: boolean): AutoCompiled {
  return tiered(ast, strict, PROMOTE_AFTER);
}

/**
 * A predicate that answers its first `promoteAfter - 1` calls through
 * closures; the next call compiles the generated code of its shape (a
 * lookup when the shape has been generated before) and it answers through
 * that from then on, unless the code would exceed
 * {@link MAX_GENERATED_BYTES}. Exported for tests, which promote early.
 */
export function tiered(ast: FilterAst, strict: boolean, promoteAfter: number): AutoCompiled {
  // The closures too wait for the first call: a set of thousands of
  // filters tests only the few an event could match, and building closures
  // for the rest would cost time at load and memory for as long as they
  // live. (The tree was checked when compiled, and must not change since.)
  // Once promoted, the generated code hands its rare events to the same ones.
  const closures = closuresOnFirstCall(ast, strict);
  let current: Predicate = closures;
  let backend: "codegen" | "closure" = "closure";
  let left = promoteAfter;
  const promote = (): void => {
    const conditions = conditionsOf(ast);
    if (generatedSizeBound(conditions, MAX_GENERATED_BYTES) > MAX_GENERATED_BYTES) return;
    try {
      current = compileWithCodegen(ast, conditions, strict, closures);
      backend = "codegen";
    } catch {
      // Generated code is only faster; the closures keep answering.
    }
  };
  const predicate = (event: unknown): boolean => {
    if (left > 0 && --left === 0) promote();
    return current(event);
  };
  return { predicate, backend: () => backend };
}
