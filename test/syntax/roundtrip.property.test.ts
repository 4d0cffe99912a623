/**
 * Property: filters generated from the grammar (keywords in any case, both
 * quote styles, odd whitespace, redundant parentheses, deep nesting) parse to
 * the tree the generator meant, and `format` round-trips and is idempotent.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { type Dialect, format, parse } from "../../src/index";
import { withoutSpans } from "../support/ast";

/** What the generator means: the tree without spans, and/or flattened. */
type Shape =
  | { kind: "and" | "or"; operands: Shape[] }
  | { kind: "not"; operand: Shape }
  | {
      kind: "condition";
      field: { segments: string[] };
      operator: string;
      value: { kind: "literal"; text: string } | { kind: "field"; segments: string[] };
    };

interface Generated {
  text: string;
  shape: Shape;
}

const FIELD_REFERENCE = /^(?:entity|metadata)(?:\.[A-Za-z0-9_]+)+$/;

const keyword = (word: string) =>
  fc
    .array(fc.boolean(), { minLength: word.length, maxLength: word.length })
    .map((upper) => [...word].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join(""));
const blank = fc.constantFrom(" ", "  ", "\t", "\n", "\r\n", " \t ");
const optionalBlank = fc.oneof(fc.constant(""), blank);
const segment = fc.stringMatching(/^[A-Za-z0-9_]{0,6}$/);
const fieldName = fc
  .oneof(
    fc.array(segment, { minLength: 1, maxLength: 4 }).map((segments) => segments.join(".")),
    fc.constantFrom("entity.entity_type", "entity.new.status_id", "topic", "data.x", "and", "or", "not", "AND.x", "or.y"),
  )
  // A field must hold a character, and `not.x` reads as `not` applied to `.x`.
  .filter((name) => name.length > 0 && !/^not\./i.test(name));
const bareValue = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_,./*@+-]{1,12}$/),
  fc.constantFrom("entity.old.status_id", "metadata.resource_id", "ftrack.*", "and", "not*", "2021"),
);
const quotedBody = (quote: '"' | "'") =>
  fc
    .array(
      fc.oneof(
        fc.string({ unit: "grapheme", maxLength: 3 }).map((s) => s.replace(/["'\\\n\r\t]/g, "")),
        fc.constant(quote + quote),
        fc.constantFrom("\\n", "\\\\", `\\${quote}`, "\\t", "\\x4f", "\\X"),
        fc.constantFrom(" ", "(", ")", "=", "and", "é", "😀", "\u3000", quote === '"' ? "'" : '"'),
      ),
      { maxLength: 6 },
    )
    .map((parts) => parts.join(""));
const operator = fc.constantFrom("=", "!=", "<", "<=", ">", ">=");

function condition(dialect: Dialect): fc.Arbitrary<Generated> {
  const value = fc.oneof(
    bareValue.map((text) => ({
      text,
      value:
        dialect === "trigger" && FIELD_REFERENCE.test(text)
          ? ({ kind: "field", segments: text.split(".") } as const)
          : ({ kind: "literal", text } as const),
    })),
    fc
      .constantFrom('"', "'")
      .chain((quote) =>
        quotedBody(quote as '"' | "'").map((body) => ({ text: quote + body + quote, value: { kind: "literal", text: body } as const })),
      ),
  );
  return fc.tuple(fieldName, optionalBlank, operator, optionalBlank, value).map(([field, b1, op, b2, v]) => ({
    text: `${field}${b1}${op}${b2}${v.text}`,
    shape: { kind: "condition", field: { segments: field.split(".") }, operator: op, value: v.value },
  }));
}

function flatten(kind: "and" | "or", operands: Shape[]): Shape {
  return { kind, operands: operands.flatMap((o) => (o.kind === kind ? o.operands : [o])) };
}

function filters(dialect: Dialect): fc.Arbitrary<Generated> {
  const { node } = fc.letrec<{ node: Generated; primary: Generated }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      tie("primary"),
      fc
        .tuple(
          fc.constantFrom("and", "or"),
          fc.array(tie("primary"), { minLength: 2, maxLength: 4 }),
          keyword("and"),
          keyword("or"),
          blank,
          blank,
        )
        .map(([kind, operands, and, or, b1, b2]) => ({
          text: operands.map((o) => o.text).join(`${b1}${kind === "and" ? and : or}${b2}`),
          shape: flatten(
            kind as "and" | "or",
            operands.map((o) => o.shape),
          ),
        })),
    ),
    primary: fc.oneof(
      { depthSize: "small" },
      condition(dialect),
      fc
        .tuple(tie("node"), optionalBlank, optionalBlank)
        .map(([inner, b1, b2]) => ({ text: `(${b1}${inner.text}${b2})`, shape: inner.shape })),
      fc.tuple(keyword("not"), blank, tie("primary")).map(([word, b, operand]) => ({
        text: `${word}${b}${operand.text}`,
        shape: { kind: "not", operand: operand.shape } as Shape,
      })),
    ),
  }));
  return fc
    .tuple(optionalBlank, node, optionalBlank)
    .map(([lead, inner, trail]) => ({ text: lead + inner.text + trail, shape: inner.shape }));
}

describe.each(["trigger", "event-hub"] as const)("%s dialect", (dialect) => {
  test("parse reads what the grammar generates; format round-trips and is idempotent", () => {
    fc.assert(
      fc.property(filters(dialect), ({ text, shape }) => {
        const ast = parse(text, { dialect });
        expect(withoutSpans(ast)).toEqual(shape);
        const canonical = format(ast);
        expect(withoutSpans(parse(canonical, { dialect }))).toEqual(withoutSpans(ast));
        expect(format(canonical, { dialect })).toBe(canonical);
      }),
      { seed: 20261127, numRuns: 1500 },
    );
  });

  test("nesting up to the depth limit round-trips", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 63 }), fc.boolean(), (depth, useNot) => {
        const open = useNot ? "not (" : "(";
        const text = `${open.repeat(depth)}a=1 or b=2${")".repeat(depth)} and c=3`;
        const ast = parse(text, { dialect });
        expect(withoutSpans(parse(format(ast), { dialect }))).toEqual(withoutSpans(ast));
      }),
      { seed: 7, numRuns: 60 },
    );
  });
});
