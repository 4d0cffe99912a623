/**
 * `compile`: a filter (text or AST) to a predicate `(event) => boolean`
 * carrying its source, AST and dialect. Chooses the backend: generated code
 * where `new Function` works, closures elsewhere; both give the same result
 * on every event.
 */

import { sharedTable } from "../identity";
import type { Dialect, FilterAst } from "../syntax/ast";
import { format } from "../syntax/format";
import { parseInDialect } from "../syntax/parser";
import { compileWithClosures } from "./closure";
import { codegenAvailable, compileWithCodegen } from "./codegen";
import { debugText } from "./debug-text";
import { compileAuto } from "./tiered";
import { checkAst, checkOptions, conditionsOf, optionChecks } from "./validate";

/** Options of {@link compile}. */
export interface CompileOptions {
  /** `"trigger"` (webhook trigger filters, the default) or `"event-hub"`. */
  readonly dialect?: Dialect;
  /**
   * `false` (the default): any evaluation error, and anything thrown while
   * reading the event, makes the predicate return false, as ftrack does.
   * `true`: the predicate throws a `FilterEvaluationError` instead.
   */
  readonly strict?: boolean;
  /**
   * `"auto"` (the default): generated code where `new Function` is allowed,
   * closures elsewhere. A filter answers its first 999 calls through
   * closures, then through generated code, compiled at the 1,000th call
   * (once per shape: fields, operators, structure); a filter whose
   * generated code would exceed 64 KiB (about 75 conditions on
   * three-segment paths, or one path of about 260 segments) always uses
   * closures. `"codegen"` insists on generated code at once, of any size
   * (its compile time grows with the filter: about 1 ms per 10 KiB of
   * generated code), and throws where eval is forbidden; `"closure"` never
   * generates code.
   */
  readonly backend?: "auto" | "codegen" | "closure";
}

/** A compiled filter: call it with an event; it returns whether the filter matches. */
export interface CompiledFilter {
  (event: unknown): boolean;
  /** The filter text as given, or `format(ast)` when compiled from an AST. */
  readonly source: string;
  readonly ast: FilterAst;
  readonly dialect: Dialect;
  readonly strict: boolean;
  /**
   * The backend answering calls now. Under `backend: "auto"` a filter
   * starts with `"closure"` and becomes `"codegen"` once called often (see
   * `compile`).
   */
  readonly backend: "codegen" | "closure";
}

/** What `explain` needs to know about a compiled filter beyond its public fields. */
interface Origin {
  /** Whether the AST's spans index `source` (true when compiled from text). */
  readonly spansMatchSource: boolean;
}

const FROM_TEXT: Origin = Object.freeze({ spansMatchSource: true });
const FROM_TREE: Origin = Object.freeze({ spansMatchSource: false });

/** The key of a promotable filter's own function that tells the backend answering now (see `./tiered`). */
const tier = Symbol("tier");

// Shared with every other copy of the library in this process (src/identity.ts).
const origins = sharedTable<CompiledFilter, Origin>("compiled-filters.v1");

/**
 * The prototype of the filters that may be promoted: their `backend` is
 * read through it, as a frozen function cannot change an own property.
 * (Giving each its own accessor makes V8 turn the function into a slow
 * dictionary object, which cost more than compiling with closures.)
 */
const promotable = Object.create(Function.prototype, {
  backend: {
    get(this: { [tier]?: () => "codegen" | "closure" }): "codegen" | "closure" {
      return this[tier]?.() ?? "closure";
    },
  },
}) as object;

/** Whether `value` is a filter returned by `compile`. */
export function isCompiledFilter(value: unknown): value is CompiledFilter {
  return typeof value === "function" && origins.has(value as CompiledFilter);
}

/** Whether the spans of a compiled filter's AST index its `source`. */
export function spansMatchSource(filter: CompiledFilter): boolean {
  return origins.get(filter)?.spansMatchSource ?? false;
}

/**
 * The filter text that a filter given as text, AST or compiled filter reads
 * as, for tools that read text (the linter): the text itself, a compiled
 * filter's source when it was compiled from text, else the canonical form of
 * the tree; undefined for a tree no filter text can express (built by hand,
 * or malformed: the compiler reports that).
 */
export function filterText(filter: string | FilterAst | CompiledFilter, dialect: Dialect): string | undefined {
  if (typeof filter === "string") return filter;
  if (isCompiledFilter(filter) && spansMatchSource(filter)) return filter.source;
  try {
    return format(isCompiledFilter(filter) ? filter.ast : filter, { dialect });
  } catch {
    return undefined;
  }
}

/**
 * The text of a filter given as an AST: its canonical form, or, for a tree
 * that no filter text can express (built by hand), a debug rendering that
 * quotes names and literals as JSON.
 */
export function sourceOfAst(ast: FilterAst): string {
  try {
    return format(ast);
  } catch {
    return debugText(ast);
  }
}

/**
 * Compiles a filter once into a predicate to call for every event. Throws
 * `FilterSyntaxError` for bad text, TypeError for bad options or a malformed
 * AST. Cost: parsing, then a few microseconds: closures (built at the
 * first call under `"auto"`), or with generated code a filter whose shape
 * (fields, operators and structure; literals aside) this process has
 * generated before. Generating a new shape costs about 120 µs, paid by
 * `"codegen"` here and by `"auto"` at the 1,000th call, if there is one;
 * closures run several times slower per event. The work is linear in the
 * filter text under `"auto"` and `"closure"` (a 64 KiB filter compiles in
 * milliseconds). Keep the result (or use
 * `matches`, which caches) rather than compiling per event. Calls are
 * allocation-free on the common path. The filter reads its tree again
 * after this call (for closures at the first call, generated code at the
 * 1,000th), so a tree passed in must not change once compiled.
 */
export function compile(sourceOrAst: string | FilterAst, options?: CompileOptions): CompiledFilter {
  const opts = checkOptions<CompileOptions>("compile", options, optionChecks);
  const dialect = opts.dialect ?? "trigger";
  const strict = opts.strict ?? false;
  const requested = opts.backend ?? "auto";
  let ast: FilterAst;
  let source: string;
  if (typeof sourceOrAst === "string") {
    ast = parseInDialect(sourceOrAst, dialect);
    source = sourceOrAst;
  } else if (typeof sourceOrAst === "object" && sourceOrAst !== null) {
    ast = sourceOrAst;
    source = "";
  } else {
    throw new TypeError("compile expects filter text or a filter AST");
  }
  // A tree from the parser is valid by construction; one from elsewhere is checked.
  const fromText = typeof sourceOrAst === "string";
  const checked = fromText ? undefined : checkAst(ast, dialect);
  if (!fromText) source = sourceOfAst(ast);
  let predicate: (event: unknown) => boolean;
  let backend: "codegen" | "closure" | (() => "codegen" | "closure");
  if (requested === "closure" || (requested === "auto" && !codegenAvailable())) {
    predicate = compileWithClosures(ast, strict);
    backend = "closure";
  } else if (requested === "codegen") {
    predicate = compileWithCodegen(ast, checked ?? conditionsOf(ast), strict);
    backend = "codegen";
  } else {
    const auto = compileAuto(ast, strict);
    predicate = auto.predicate;
    backend = auto.backend;
  }
  // Plain assignments, then freezing, give the same read-only properties as
  // Object.defineProperties at a small fraction of its cost.
  const filter = predicate as ((event: unknown) => boolean) & { -readonly [K in keyof CompiledFilter]: CompiledFilter[K] };
  filter.source = source;
  filter.ast = ast;
  filter.dialect = dialect;
  filter.strict = strict;
  if (typeof backend === "string") filter.backend = backend;
  else {
    Object.setPrototypeOf(filter, promotable);
    (filter as { [tier]?: () => "codegen" | "closure" })[tier] = backend;
  }
  const frozen: CompiledFilter = Object.freeze(filter);
  origins.set(frozen, fromText ? FROM_TEXT : FROM_TREE);
  return frozen;
}
