/**
 * The `"auto"` backend: closures first, generated code once a filter is
 * called often.
 *
 * Generating and compiling the code of a new filter shape costs V8 some
 * 100 to 200 µs, closures a few; generated code then answers each call
 * about 100 ns sooner. A service that loads thousands of filters of
 * distinct shapes and calls most of them rarely should not pay the first
 * cost for each, and a filter called millions of times should not pay the
 * second. So a filter of a shape whose code this process has not generated
 * answers its first {@link PROMOTE_AFTER} - 1 calls through closures, and
 * the next call compiles the generated code (once per shape) and answers
 * through it from then on. Both backends give the same result and the same
 * error on every event, so a caller cannot tell the tiers apart but by
 * `backend` and time. A filter whose generated code would exceed
 * {@link MAX_GENERATED_BYTES} stays with closures.
 */
import type { ConditionNode, FilterAst } from "../syntax/ast";
import { compileWithClosures } from "./closure";
import { MAX_GENERATED_BYTES, compileWithCodegen, generatedSizeBound, shapeIsGenerated, shapeKey } from "./codegen";

type Predicate = (event: unknown) => boolean;

/**
 * Calls answered through closures before a filter of a new shape is
 * compiled to generated code. At about 100 ns saved per call against
 * 100 to 200 µs to compile, the two break even after one to two thousand
 * calls; promoting at 1,000 spends at most about twice what knowing the
 * future would have.
 */
export const PROMOTE_AFTER = 1000;

/** A predicate and the backend that answers its calls (which may change once, from closures to generated code). */
export interface AutoCompiled {
  readonly predicate: Predicate;
  readonly backend: () => "codegen" | "closure";
  /** Whether `backend` can still change. */
  readonly tiered: boolean;
}

const closureOnly = (): "closure" => "closure";
const codegenOnly = (): "codegen" => "codegen";

/**
 * Compiles a filter for `backend: "auto"` where `new Function` works.
 * Cost: the size bound, the shape key, then either a generated shape's
 * closure over its literals (shape seen before) or closures (a new shape,
 * or code too large).
 */
export function compileAuto(ast: FilterAst, conditions: readonly ConditionNode[], strict: boolean): AutoCompiled {
  if (generatedSizeBound(conditions, MAX_GENERATED_BYTES) > MAX_GENERATED_BYTES) {
    return { predicate: compileWithClosures(ast, strict), backend: closureOnly, tiered: false };
  }
  const key = shapeKey(ast, strict);
  if (shapeIsGenerated(key)) {
    return { predicate: compileWithCodegen(ast, conditions, strict, key), backend: codegenOnly, tiered: false };
  }
  return tiered(ast, conditions, strict, key, PROMOTE_AFTER);
}

/**
 * A predicate that answers its first `promoteAfter - 1` calls through
 * closures, then compiles the generated code of shape `key` and answers
 * through it. Exported for tests, which promote early.
 */
export function tiered(
  ast: FilterAst,
  conditions: readonly ConditionNode[],
  strict: boolean,
  key: string,
  promoteAfter: number,
): AutoCompiled {
  let current = compileWithClosures(ast, strict);
  let backend: "codegen" | "closure" = "closure";
  let left = promoteAfter;
  const promote = (): void => {
    try {
      current = compileWithCodegen(ast, conditions, strict, key);
      backend = "codegen";
    } catch {
      // Generated code is only faster; the closures keep answering.
    }
  };
  const predicate = (event: unknown): boolean => {
    if (left > 0 && --left === 0) promote();
    return current(event);
  };
  return { predicate, backend: () => backend, tiered: true };
}
