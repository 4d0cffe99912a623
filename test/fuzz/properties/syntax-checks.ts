/**
 * What must hold for any filter text given to the front end and the linter:
 * `parse` returns a well-formed AST (spans in range and pointing at the
 * text they stand for) or throws a `FilterSyntaxError` whose position is in
 * range and consistent with the source; `parseAll` and `lint` never throw
 * and agree with `parse`; `format` round-trips what parses; what parses
 * compiles with both backends; every call stays within a generous time
 * bound (64 KiB inputs included).
 */
import { compile } from "../../../src/compiler/compile";
import type { Diagnostic, DiagnosticSpan } from "../../../src/lint/diagnostic";
import { lint } from "../../../src/lint/lint";
import type { Dialect, FilterAst } from "../../../src/syntax/ast";
import { FilterSyntaxError } from "../../../src/syntax/errors";
import { format } from "../../../src/syntax/format";
import { DEFAULT_LIMITS, parse, parseAll } from "../../../src/syntax/parser";
import {
  attempt,
  check,
  checkTime,
  describeThrown,
  expectedLineColumn,
  isJsonSerialisable,
  sameData,
  withoutSpans,
} from "../support/check";

const SYNTAX_CODES = new Set([
  "empty",
  "too-long",
  "too-deep",
  "unexpected-character",
  "unterminated-string",
  "unexpected-token",
  "unexpected-end",
  "invalid-field",
]);
const SEVERITIES = new Set(["error", "warning", "info"]);
/** parseAll reports at most this many errors. */
const MAX_REPORTED_ERRORS = 50;

/** Small events every filter that parses is evaluated against. */
const SAMPLE_EVENTS: readonly unknown[] = [
  null,
  "entity",
  [],
  {
    entity: {
      entity_type: "Task",
      operation: "update",
      id: ["1"],
      new: { status_id: "a", x: "a", list: ["a"] },
      old: { status_id: "b", x: 10 },
    },
  },
  JSON.parse('{"entity":{"__proto__":{"x":"a"},"constructor":"Task","new":{"toString":"a*"}},"__proto__":"a"}') as unknown,
  { topic: "ftrack.update", data: { x: "a" }, a: { b: "" } },
];

/** Checks a FilterSyntaxError against the source it was raised for. */
export function checkSyntaxError(error: unknown, source: string, what: string): asserts error is FilterSyntaxError {
  check(error instanceof FilterSyntaxError, `${what} threw something other than a FilterSyntaxError: ${describeThrown(error)}`);
  check(error.name === "FilterSyntaxError", `${what}: the error's name is ${error.name}`);
  check(SYNTAX_CODES.has(error.code), `${what}: unknown error code ${error.code}`);
  check(error.source === source, `${what}: the error's source is not the input`);
  check(
    Number.isInteger(error.offset) && error.offset >= 0 && error.offset <= source.length,
    `${what}: offset ${error.offset} outside 0..${source.length}`,
  );
  check(
    Number.isInteger(error.length) && error.length >= 0 && error.offset + error.length <= source.length,
    `${what}: offset ${error.offset} + length ${error.length} past the end (${source.length})`,
  );
  const expected = expectedLineColumn(source, error.offset);
  check(
    error.line === expected.line && error.column === expected.column,
    `${what}: line/column ${error.line}:${error.column} for offset ${error.offset}, expected ${expected.line}:${expected.column}`,
  );
  check(typeof error.message === "string" && error.message.length > 0, `${what}: empty message`);
  const excerpt = error.excerpt();
  check(typeof excerpt === "string" && excerpt.includes("^"), `${what}: the excerpt has no caret`, excerpt);
  check(isJsonSerialisable(error.toJSON()), `${what}: toJSON() is not JSON-serialisable`);
}

/** Checks that every span of a parsed AST is in range, nested, and points at the text it stands for. */
export function checkAstSpans(ast: FilterAst, source: string): void {
  const inRange = (span: { start: number; end: number }, within: { start: number; end: number }, what: string): void => {
    check(
      Number.isInteger(span.start) &&
        Number.isInteger(span.end) &&
        within.start <= span.start &&
        span.start <= span.end &&
        span.end <= within.end,
      `${what} span ${span.start}..${span.end} outside ${within.start}..${within.end}`,
    );
  };
  const visit = (node: FilterAst, parent: { start: number; end: number }): void => {
    inRange(node.span, parent, node.kind);
    switch (node.kind) {
      case "and":
      case "or":
        check(node.operands.length >= 2, `an ${node.kind} with ${node.operands.length} operands`);
        for (const operand of node.operands) {
          check(operand.kind !== node.kind, `an ${node.kind} directly inside an ${node.kind} (not flattened)`);
          visit(operand, node.span);
        }
        return;
      case "not":
        visit(node.operand, node.span);
        return;
      case "condition": {
        inRange(node.field.span, node.span, "field");
        inRange(node.value.span, node.span, "value");
        check(
          node.field.span.start === node.span.start && node.value.span.end === node.span.end,
          "a condition's span does not run from its field to its value",
        );
        const fieldText = source.slice(node.field.span.start, node.field.span.end);
        check(
          fieldText === node.field.segments.join("."),
          `field segments ${JSON.stringify(node.field.segments)} but the span holds ${JSON.stringify(fieldText)}`,
        );
        const valueText = source.slice(node.value.span.start, node.value.span.end);
        if (node.value.kind === "field") {
          check(
            valueText === node.value.segments.join("."),
            `reference ${JSON.stringify(node.value.segments)} but the span holds ${JSON.stringify(valueText)}`,
          );
        } else if (valueText.startsWith('"') || valueText.startsWith("'")) {
          const body = valueText.slice(1, -1);
          check(
            valueText.endsWith(valueText.charAt(0)) && valueText.length >= 2,
            `a quoted value's span is not closed: ${JSON.stringify(valueText)}`,
          );
          if (!body.includes("\t"))
            check(body === node.value.text, `literal ${JSON.stringify(node.value.text)} but the quotes hold ${JSON.stringify(body)}`);
        } else {
          check(
            valueText === node.value.text,
            `bare literal ${JSON.stringify(node.value.text)} but the span holds ${JSON.stringify(valueText)}`,
          );
        }
        return;
      }
      default: {
        const never: never = node;
        throw new Error(`unknown node ${JSON.stringify(never)}`);
      }
    }
  };
  visit(ast, { start: 0, end: source.length });
}

function checkDiagnosticSpan(span: DiagnosticSpan, source: string, what: string): void {
  check(
    Number.isInteger(span.start) && Number.isInteger(span.end) && 0 <= span.start && span.start <= span.end && span.end <= source.length,
    `${what}: span ${span.start}..${span.end} outside 0..${source.length}`,
  );
  const from = expectedLineColumn(source, span.start);
  const to = expectedLineColumn(source, span.end);
  check(
    span.line === from.line && span.column === from.column,
    `${what}: line/column ${span.line}:${span.column} for offset ${span.start}, expected ${from.line}:${from.column}`,
  );
  check(
    span.endLine === to.line && span.endColumn === to.column,
    `${what}: end ${span.endLine}:${span.endColumn} for offset ${span.end}, expected ${to.line}:${to.column}`,
  );
}

/** Checks lint's diagnostics: well-formed, in range, no internal failure. */
export function checkDiagnostics(diagnostics: unknown, source: string, invalidInput = false): asserts diagnostics is Diagnostic[] {
  check(Array.isArray(diagnostics), "lint did not return an array");
  for (const d of diagnostics as Diagnostic[]) {
    check(typeof d.code === "string" && /^[a-z][a-z-]*$/.test(d.code), `a diagnostic code ${JSON.stringify(d.code)}`);
    check(d.code !== "internal-error", `lint failed internally: ${d.message}`);
    check(invalidInput || d.code !== "invalid-input", `lint refused its input: ${d.message}`);
    check(SEVERITIES.has(d.severity), `severity ${JSON.stringify(d.severity)}`);
    check(typeof d.message === "string" && d.message.length > 0, `${d.code}: empty message`);
    checkDiagnosticSpan(d.span, source, d.code);
    if (d.suggestion !== undefined) {
      check(typeof d.suggestion.text === "string", `${d.code}: suggestion without text`);
      checkDiagnosticSpan(d.suggestion.span, source, `${d.code} suggestion`);
    }
  }
  check(isJsonSerialisable(diagnostics), "the diagnostics are not JSON-serialisable");
}

/**
 * Runs every front-end entry point on `source` and checks what must hold
 * for any text. Returns the AST when the text parses.
 */
export function checkFilterText(source: string, dialect: Dialect): FilterAst | undefined {
  const parsed = attempt(() => parse(source, { dialect }));
  checkTime(parsed, "parse", source.length);
  if (parsed.ok) checkAstSpans(parsed.value, source);
  else checkSyntaxError(parsed.error, source, "parse");

  const all = attempt(() => parseAll(source, { dialect }));
  check(all.ok, `parseAll threw ${all.ok ? "" : describeThrown(all.error)}`);
  checkTime(all, "parseAll", source.length);
  const { ast, errors } = all.value;
  check(errors.length <= MAX_REPORTED_ERRORS, `parseAll reported ${errors.length} errors`);
  errors.forEach((error, i) => {
    checkSyntaxError(error, source, `parseAll error ${i}`);
  });
  for (let i = 1; i < errors.length; i++)
    check(
      (errors[i - 1] as FilterSyntaxError).offset <= (errors[i] as FilterSyntaxError).offset,
      "parseAll's errors are not in source order",
    );
  if (parsed.ok) {
    check(
      errors.length === 0 && ast !== undefined,
      "parse succeeded but parseAll reports errors",
      errors.map((e) => e.message),
    );
    check(sameData(ast, parsed.value), "parse and parseAll build different ASTs");
  } else {
    check(ast === undefined && errors.length > 0, "parse failed but parseAll reports no error");
    const first = parsed.error as FilterSyntaxError;
    check(
      errors.some((e) => e.offset === first.offset),
      `parse reports offset ${first.offset} (${first.code}), parseAll does not`,
      errors.map((e) => [e.offset, e.code]),
    );
  }

  const linted = attempt(() => lint(source, { dialect }));
  check(linted.ok, `lint threw ${linted.ok ? "" : describeThrown(linted.error)}`);
  checkTime(linted, "lint", source.length);
  checkDiagnostics(linted.value, source);
  const syntax = linted.value.filter((d) => d.code === "syntax");
  if (parsed.ok) check(syntax.length === 0, "lint reports syntax errors in a filter that parses", syntax);
  else
    check(
      syntax.some((d) => d.span.start === (parsed.error as FilterSyntaxError).offset),
      "lint does not report the error parse reports",
      { parse: (parsed.error as FilterSyntaxError).offset, lint: syntax.map((d) => d.span.start) },
    );

  const formatted = attempt(() => format(source, { dialect }));
  checkTime(formatted, "format", source.length);
  if (!parsed.ok) {
    check(
      !formatted.ok && formatted.error instanceof FilterSyntaxError,
      "format of text that does not parse did not throw FilterSyntaxError",
    );
    return undefined;
  }
  check(formatted.ok, `format threw on text that parses: ${formatted.ok ? "" : describeThrown(formatted.error)}`);
  // The canonical form adds quotes and spaces, so near the length limit it can
  // be longer than the limit: the round trip is about the language, so it is
  // read back with room for its length (a longer text fails only with too-long).
  const room = { dialect, maxLength: Math.max(DEFAULT_LIMITS.maxLength, formatted.value.length) };
  const again = attempt(() => parse(formatted.value, room));
  check(again.ok, `the canonical form does not parse: ${JSON.stringify(formatted.value.slice(0, 300))}`);
  check(sameData(withoutSpans(again.value), withoutSpans(parsed.value)), "the canonical form parses to a different AST", formatted.value);
  check(format(formatted.value, room) === formatted.value, "format is not idempotent", formatted.value);

  checkCompiles(source, dialect, parsed.value);
  return parsed.value;
}

/** What parses compiles with both backends, and evaluates without throwing on small events. */
function checkCompiles(source: string, dialect: Dialect, ast: FilterAst): void {
  const codegen = attempt(() => compile(source, { dialect, backend: "codegen" }));
  check(codegen.ok, `compile (codegen) threw ${codegen.ok ? "" : describeThrown(codegen.error)}`);
  checkTime(codegen, "compile (codegen)", source.length);
  const closure = attempt(() => compile(ast, { dialect, backend: "closure" }));
  check(closure.ok, `compile (closure, from the AST) threw ${closure.ok ? "" : describeThrown(closure.error)}`);
  for (const event of SAMPLE_EVENTS) {
    const a = attempt(() => codegen.value(event));
    const b = attempt(() => closure.value(event));
    check(a.ok && typeof a.value === "boolean", `a non-strict codegen filter threw ${a.ok ? "" : describeThrown(a.error)}`);
    check(b.ok && typeof b.value === "boolean", `a non-strict closure filter threw ${b.ok ? "" : describeThrown(b.error)}`);
    check(a.value === b.value, "codegen and closure disagree", { event, codegen: a.value, closure: b.value });
  }
}
