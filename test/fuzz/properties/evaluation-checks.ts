/**
 * What must hold whenever a compiled filter meets an event: non-strict
 * evaluation returns a boolean and never throws; strict evaluation throws
 * only `FilterEvaluationError` (with a known code and a span inside the
 * filter); `explain` never throws and its result is plain JSON; and, for
 * events that behave like data, both backends, `explain`, `matches` and
 * `subscriptionMatches` agree on every result and every error.
 */
import { matches } from "../../../src/compiler/cache";
import { type CompiledFilter, compile } from "../../../src/compiler/compile";
import { FilterEvaluationError } from "../../../src/compiler/errors";
import { explain } from "../../../src/compiler/explain";
import { subscriptionMatches } from "../../../src/matcher/event-hub";
import type { Dialect } from "../../../src/syntax/ast";
import { attempt, check, checkTime, describeThrown, isJsonSerialisable, type Outcome, safeJson } from "../support/check";

const EVALUATION_CODES = new Set([
  "ordering-on-non-string",
  "wildcard-on-scalar",
  "empty-literal",
  "ordering-type-mismatch",
  "too-deep",
  "read-error",
]);

/** The four compilations of a filter. */
export interface Compiled {
  readonly source: string;
  readonly dialect: Dialect;
  readonly codegen: CompiledFilter;
  readonly closure: CompiledFilter;
  readonly codegenStrict: CompiledFilter;
  readonly closureStrict: CompiledFilter;
}

/** Compiles `source` with both backends, strict and not (it must parse). */
export function compileAll(source: string, dialect: Dialect): Compiled {
  const make = (backend: "codegen" | "closure", strict: boolean): CompiledFilter => {
    const compiled = attempt(() => compile(source, { dialect, backend, strict }));
    check(
      compiled.ok,
      `compile (${backend}${strict ? ", strict" : ""}) threw ${compiled.ok ? "" : describeThrown(compiled.error)}`,
      source,
    );
    return compiled.value;
  };
  return {
    source,
    dialect,
    codegen: make("codegen", false),
    closure: make("closure", false),
    codegenStrict: make("codegen", true),
    closureStrict: make("closure", true),
  };
}

/** A strict call's outcome as comparable data: the result, or the error's code and span. */
type StrictResult = { readonly value: boolean } | { readonly code: string; readonly span: string };

function lenient(filter: CompiledFilter, event: unknown, what: string, source: string): boolean {
  const outcome = attempt(() => filter(event));
  check(outcome.ok, `a non-strict ${what} filter threw ${outcome.ok ? "" : describeThrown(outcome.error)}`);
  check(typeof outcome.value === "boolean", `a non-strict ${what} filter returned ${typeof outcome.value}`);
  checkTime(outcome, `evaluation (${what})`, source.length);
  return outcome.value;
}

function strictly(filter: CompiledFilter, event: unknown, what: string, source: string): StrictResult {
  const outcome: Outcome<boolean> = attempt(() => filter(event));
  checkTime(outcome, `strict evaluation (${what})`, source.length);
  if (outcome.ok) {
    check(typeof outcome.value === "boolean", `a strict ${what} filter returned ${typeof outcome.value}`);
    return { value: outcome.value };
  }
  const error = outcome.error;
  check(
    error instanceof FilterEvaluationError,
    `a strict ${what} filter threw something other than FilterEvaluationError: ${describeThrown(error)}`,
  );
  check(EVALUATION_CODES.has(error.code), `unknown evaluation code ${error.code}`);
  check(
    0 <= error.span.start && error.span.start <= error.span.end && error.span.end <= source.length,
    `error span ${error.span.start}..${error.span.end} outside the filter (${source.length})`,
  );
  check(
    typeof error.message === "string" && error.message.length > 0 && typeof error.field === "string",
    "an evaluation error without message or field",
  );
  check(isJsonSerialisable(error.toJSON()), "FilterEvaluationError.toJSON() is not JSON-serialisable");
  return { code: error.code, span: `${error.span.start}..${error.span.end}` };
}

/**
 * Evaluates `filters` on `event` every way and checks the guarantees.
 * `agree` (for events that behave like data): the backends, explain,
 * matches and subscriptionMatches must agree too.
 */
export function checkEvaluation(filters: Compiled, event: unknown, agree: boolean): void {
  const { source, dialect } = filters;
  const a = lenient(filters.codegen, event, "codegen", source);
  const b = lenient(filters.closure, event, "closure", source);
  const sa = strictly(filters.codegenStrict, event, "codegen", source);
  const sb = strictly(filters.closureStrict, event, "closure", source);

  const explained = attempt(() => explain(filters.codegen, event));
  check(explained.ok, `explain threw ${explained.ok ? "" : describeThrown(explained.error)}`);
  checkTime(explained, "explain", source.length);
  const explanation = explained.value;
  check(typeof explanation.matched === "boolean", "explain's matched is not a boolean");
  check(isJsonSerialisable(explanation), "explain's result is not JSON-serialisable");
  const rendered = attempt(() => String(explanation));
  check(
    rendered.ok && typeof rendered.value === "string" && rendered.value.length > 0,
    `explain's toString() failed ${rendered.ok ? "" : describeThrown(rendered.error)}`,
  );
  if (explanation.error !== null)
    check(EVALUATION_CODES.has(explanation.error.code), `explain reports unknown code ${explanation.error.code}`);

  if (!agree) return;
  const context = { source, dialect, event: safeJson(event) };
  check(a === b, "codegen and closure disagree", { ...context, codegen: a, closure: b });
  check(safeJson(sa) === safeJson(sb), "strict codegen and closure disagree", { ...context, codegen: sa, closure: sb });
  if ("value" in sa)
    check(sa.value === a, "a strict filter that did not throw disagrees with the non-strict one", {
      ...context,
      strict: sa.value,
      lenient: a,
    });
  else check(!a, "a filter matched although its strict form fails", { ...context, error: sa });
  check(explanation.matched === a, "explain's matched disagrees with the compiled filter", {
    ...context,
    explain: explanation.matched,
    filter: a,
  });
  check((explanation.error?.code ?? null) === ("code" in sa ? sa.code : null), "explain's error disagrees with strict evaluation", {
    ...context,
    explain: explanation.error?.code,
    strict: sa,
  });
  const cached = attempt(() => matches(source, event, { dialect }));
  check(cached.ok && cached.value === a, "matches() disagrees with the compiled filter", {
    ...context,
    matches: cached.ok ? cached.value : describeThrown(cached.error),
  });
  if (dialect === "event-hub") {
    const subscribed = attempt(() => subscriptionMatches(source, event));
    check(subscribed.ok && subscribed.value === a, "subscriptionMatches() disagrees with the compiled filter", context);
  }
}
