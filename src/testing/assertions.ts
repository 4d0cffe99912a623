/**
 * Framework-free assertions for filters: `expectMatch` and `expectNoMatch`
 * throw an `AssertionError` whose message holds the explanation tree of
 * `explain()`, so a failing test says which condition failed and what each
 * side of it read from the event. The matchers for `expect.extend` and the
 * vitest registration are built on `checkFilter` here.
 */
import { type CompiledFilter, isCompiledFilter } from "../compiler/compile";
import { type Explanation, explain } from "../compiler/explain";
import { brandErrorClass } from "../identity";
import type { Diagnostic } from "../lint/diagnostic";
import type { FtrackSchema } from "../lint/schema";
import { otherDialectShape } from "../matcher/event-shape";
import type { Dialect, FilterAst } from "../syntax/ast";
import { checkGate, failingDiagnostics, type LintGate, lintFailureMessage } from "./lint-check";
import { checkNames, type IdNames, namesFor } from "./names";
import { checkKeys } from "./shared";

/** A filter as the assertions take it: text, a compiled filter or an AST. */
export type FilterInput = string | CompiledFilter | FilterAst;

/** Options of the assertions and of `toMatchFilter`. */
export interface FilterCheckOptions {
  /** `"trigger"` (webhook trigger filters, the default) or `"event-hub"`; a compiled filter keeps its own (another is a TypeError). */
  readonly dialect?: Dialect;
  /**
   * `false` (the default, or a compiled filter's own setting): an evaluation
   * error means "no match", as in ftrack. `true`: an evaluation error fails
   * the assertion whatever it expected, `expectNoMatch` and `.not` included.
   */
  readonly strict?: boolean;
  /**
   * Which lint findings of the filter fail the assertion whatever it
   * expected (`.not` included): `"warnings"` (the default) errors and
   * warnings, `"errors"` errors only, `"off"` none. Infos never do.
   */
  readonly lint?: LintGate;
  /** Names for ids in the failure message (`Approved (44de097a…)`), over the default statuses' and the event builder's. */
  readonly names?: IdNames;
  /**
   * The schema the lint gate checks the filter against: an `FtrackSchema`
   * or your site's `query_schemas` result, so that custom entity types and
   * attributes are known. Default: the built-in snapshot.
   */
  readonly schema?: FtrackSchema | unknown;
}

/**
 * Thrown by the assertions. `actual` is whether the filter matched the
 * event, `expected` whether it should have (both booleans; `showDiff` is
 * false, since a diff of two booleans says nothing the message does not);
 * `explanation` is the full result of `explain()`.
 */
export class FilterAssertionError extends Error {
  // On the prototype (below), so that the stack, captured by Error's constructor, starts with it.
  declare readonly name: "AssertionError";
  readonly actual: boolean;
  readonly expected: boolean;
  readonly showDiff = false;
  readonly explanation: Explanation;

  constructor(message: string, details: { readonly actual: boolean; readonly expected: boolean; readonly explanation: Explanation }) {
    super(message);
    this.actual = details.actual;
    this.expected = details.expected;
    this.explanation = details.explanation;
  }
}

brandErrorClass(FilterAssertionError, "FilterAssertionError");

Object.defineProperty(FilterAssertionError.prototype, "name", { value: "AssertionError", writable: true, configurable: true });

/** The outcome of {@link checkFilter}. */
export interface FilterCheck {
  /** Whether the filter matched: what ftrack would decide. */
  readonly matched: boolean;
  readonly explanation: Explanation;
  /** Set in strict mode when the evaluation failed: the assertion fails either way. */
  readonly strictFailure: boolean;
  /** The lint findings that fail the assertion either way (see the `lint` option); empty when none. */
  readonly lintFailures: readonly Diagnostic[];
  /** The failure message for the expectation `match` (true: should match). */
  message(match: boolean): string;
}

/**
 * Evaluates `filter` against `event` with `explain()` and prepares the
 * failure messages. The building block of every assertion here; use it to
 * write your own. Throws `FilterSyntaxError` for bad filter text and a
 * TypeError for bad options. Cost: one `explain()`, fine for tests.
 */
export function checkFilter(filter: FilterInput, event: unknown, options?: FilterCheckOptions): FilterCheck {
  if (options !== undefined) checkKeys("toMatchFilter", options, ["dialect", "strict", "lint", "names", "schema"]);
  const strictOption = options?.strict;
  if (strictOption !== undefined && typeof strictOption !== "boolean") throw new TypeError('option "strict" must be a boolean');
  const strict = strictOption ?? (isCompiledFilter(filter) ? filter.strict : false);
  const gate = options?.lint === undefined ? "warnings" : checkGate(options.lint);
  const extraNames = options?.names === undefined ? undefined : checkNames("toMatchFilter", options.names);
  const names = namesFor(event, extraNames);
  const explanation = explain(filter, event, options?.dialect === undefined ? { names } : { dialect: options.dialect, names });
  const strictFailure = strict && explanation.error !== null;
  const lintFailures = failingDiagnostics(filter, explanation.dialect, gate, options?.schema);
  return {
    matched: explanation.matched,
    explanation,
    strictFailure,
    lintFailures,
    message: (match) =>
      lintFailures.length > 0
        ? withHint(lintFailureMessage(lintFailures, gate, explanation.dialect, explanation.source), explanation.dialect, event)
        : failureMessage(match, explanation, strictFailure, event),
  };
}

/**
 * Asserts that `filter` matches `event`, as ftrack would decide; returns the
 * explanation. On failure throws a {@link FilterAssertionError} whose message
 * shows the filter and the explanation tree (which condition failed, and
 * what each side read from the event). Cost: one `explain()`, which parses
 * filter text each time; pass a compiled filter to assert many events.
 */
export function expectMatch(filter: FilterInput, event: unknown, options?: FilterCheckOptions): Explanation {
  return assertOutcome(true, filter, event, options, expectMatch);
}

/**
 * Asserts that `filter` does not match `event`; returns the explanation. An
 * evaluation error counts as no match (ftrack's engine aborts), unless
 * `strict` is set. Throws a {@link FilterAssertionError} otherwise.
 */
export function expectNoMatch(filter: FilterInput, event: unknown, options?: FilterCheckOptions): Explanation {
  return assertOutcome(false, filter, event, options, expectNoMatch);
}

function assertOutcome(
  match: boolean,
  filter: FilterInput,
  event: unknown,
  options: FilterCheckOptions | undefined,
  caller: (...args: never[]) => unknown,
): Explanation {
  const check = checkFilter(filter, event, options);
  if (check.matched === match && !check.strictFailure && check.lintFailures.length === 0) return check.explanation;
  const error = new FilterAssertionError(check.message(match), {
    actual: check.matched,
    expected: match,
    explanation: check.explanation,
  });
  // Start the stack at the test's call, not inside the kit (V8 only; harmless elsewhere).
  (Error as { captureStackTrace?: (target: object, above: unknown) => void }).captureStackTrace?.(error, caller);
  throw error;
}

function failureMessage(match: boolean, explanation: Explanation, strictFailure: boolean, event: unknown): string {
  const lines: string[] = [];
  const error = explanation.error;
  if (strictFailure && error !== null) {
    lines.push(`the filter failed to evaluate on the event (strict mode): ${error.code}: ${error.message}`);
  } else if (match) {
    lines.push("expected the event to match the filter, but it does not");
    if (error !== null) lines.push("(an evaluation error aborts ftrack's engine, so the filter does not match)");
  } else {
    lines.push("expected the event not to match the filter, but it does");
  }
  lines.push(`filter (${explanation.dialect}): ${explanation.source}`, "", explanation.toString());
  return withHint(lines.join("\n"), explanation.dialect, event);
}

/** The message, followed by a hint when the event looks like it belongs to the other dialect. */
function withHint(message: string, dialect: Dialect, event: unknown): string {
  const hint = dialectHint(dialect, event);
  return hint === undefined ? message : `${message}\n\n${hint}`;
}

/** A hint when the event looks like it belongs to the other dialect. */
function dialectHint(dialect: Dialect, event: unknown): string | undefined {
  switch (otherDialectShape(dialect, event)) {
    case "event-hub":
      return 'hint: this looks like an event-hub event; pass { dialect: "event-hub" } for subscription expressions';
    case "trigger":
      return 'hint: this looks like an entity event; webhook trigger filters use the "trigger" dialect (the default)';
    default:
      return undefined;
  }
}
