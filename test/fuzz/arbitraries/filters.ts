/**
 * Generators of filter text for the fuzz properties: valid filters shaped
 * by the grammar (keywords in any case, both quote styles, odd whitespace,
 * nesting), the project's own filters and conformance inputs as seeds,
 * mutations of both (characters inserted, deleted, swapped, tokens
 * duplicated, quotes and parentheses unbalanced) and arbitrary strings.
 * Large adversarial inputs are in ./adversarial.
 */
import fc from "fast-check";
import evaluateVectors from "../../../grammar/vectors/evaluate.json";
import parseVectors from "../../../grammar/vectors/parse.json";

/** Public filters (examples/filters.txt, from ftrack's documentation and examples). */
const PUBLIC_FILTERS = [
  "entity.entity_type = AssetVersion",
  'entity.entity_type = "AssetVersion" and entity.operation = "update" and entity.new.status_id != entity.old.status_id',
  'entity.entity_type = "Task" and entity.operation = "create"',
  'entity.entity_type = "AssetVersion" and entity.operation = "update" and entity.new.status_id != entity.old.status_id and entity.new.status_id = "44de097a-4164-11df-9218-0019bb4983d8"',
  "topic=ftrack.update and data.entityType=task",
  "topic=ftrack.action.launch and data.actionIdentifier=my-action",
];

/** Seeds for mutation: public filters, and every parse and evaluation vector of grammar/vectors (short ones). */
export const SEED_FILTERS: readonly string[] = [
  ...new Set([
    ...PUBLIC_FILTERS,
    ...parseVectors.cases.map((c) => c.input).filter((text) => text.length <= 2000),
    ...evaluateVectors.cases.map((c) => c.filter),
  ]),
];

/** Fields that real events hold, and names that would reach inherited properties. */
export const FIELDS = [
  "entity.entity_type",
  "entity.operation",
  "entity.id",
  "entity.new",
  "entity.new.status_id",
  "entity.old.status_id",
  "entity.new.name",
  "entity.new.bid",
  "entity.new.x",
  "entity.old.x",
  "entity.new.list",
  "entity.old.list",
  "entity.new.obj",
  "entity.old.obj",
  "entity.parents",
  "metadata.resource_id",
  "entity.__proto__",
  "entity.constructor",
  "entity.new.toString",
  "entity.new.__proto__.x",
  "__proto__",
  "constructor.name",
  "topic",
  "data.x",
  "a",
  "a.b",
  "a..b",
  ".a",
  "x.0",
] as const;

/** Fields a bare right-hand side can refer to (trigger dialect). */
export const REFERENCES = FIELDS.filter((field) => /^(?:entity|metadata)(?:\.[A-Za-z0-9_]+)+$/.test(field));

/** Literal texts that the generated events also hold, so that conditions both match and fail. */
export const LITERALS = [
  "",
  "*",
  "Task",
  "task",
  "AssetVersion",
  "update",
  "create",
  "a",
  "a*",
  "ab",
  "0",
  "10",
  "9",
  "true",
  "null",
  "x*",
  "__proto__",
  "constructor",
  "toString*",
  "ü",
  "\u{1F600}",
  "\uE000",
  "44de097a-4164-11df-9218-0019bb4983d8",
] as const;

const OPERATORS = ["=", "!=", "<", "<=", ">", ">="] as const;
const BLANKS = [" ", "  ", "\t", "\n", "\r\n", "\r", " \t\n "] as const;

const blank = fc.constantFrom(...BLANKS);
const optionalBlank = fc.oneof(
  { weight: 3, arbitrary: fc.constant("") },
  { weight: 2, arbitrary: fc.constant(" ") },
  { weight: 1, arbitrary: blank },
);

/** `word` with each letter's case chosen at random (ftrack's keywords are caseless). */
const anyCase = (word: string): fc.Arbitrary<string> =>
  fc
    .array(fc.boolean(), { minLength: word.length, maxLength: word.length })
    .map((upper) => [...word].map((c, i) => (upper[i] === true ? c.toUpperCase() : c)).join(""));

const fieldName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...FIELDS) },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}(?:\.[A-Za-z0-9_]{1,6}){0,3}$/) },
);

/** Text between double quotes that reads back as itself: `""`, backslash pairs and plain characters. */
function quotedBody(quote: '"' | "'"): fc.Arbitrary<string> {
  const plain = fc.string({ unit: "binary", maxLength: 6 }).map((text) =>
    text
      .replace(/[\n\r]/g, " ")
      .replaceAll("\\", "/")
      .replaceAll(quote, ""),
  );
  const piece = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...LITERALS).map((text) => text.replaceAll("\\", "/").replaceAll(quote, "")) },
    { weight: 3, arbitrary: plain },
    { weight: 1, arbitrary: fc.constant(quote + quote) },
    { weight: 1, arbitrary: fc.constantFrom("\\\\", `\\${quote}`, "\\n", "\\t", "\\*") },
    { weight: 1, arbitrary: fc.constant("\t") },
  );
  return fc.array(piece, { maxLength: 3 }).map((pieces) => pieces.join(""));
}

const value = fc.oneof(
  { weight: 4, arbitrary: quotedBody('"').map((body) => `"${body}"`) },
  { weight: 2, arbitrary: quotedBody("'").map((body) => `'${body}'`) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(...LITERALS).filter((text) => /^[A-Za-z0-9_,./*@+-]+$/.test(text) && !/^(?:and|or|not)$/i.test(text)),
  },
  { weight: 2, arbitrary: fc.constantFrom(...REFERENCES) },
  {
    weight: 1,
    arbitrary: fc.stringMatching(/^[A-Za-z0-9_,./*@+-]{1,8}$/).filter((text) => !/^(?:and|or|not)(?![A-Za-z0-9_$])/i.test(text)),
  },
);

const condition = fc
  .tuple(fieldName, optionalBlank, fc.constantFrom(...OPERATORS), optionalBlank, value)
  .map(([field, b1, op, b2, v]) => `${field}${b1}${op}${b2}${v}`);

/**
 * Valid filter text shaped by the grammar: conditions joined by `and` and
 * `or` in any letter case, `not`, parentheses, odd whitespace.
 */
export const grammarFilter: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 4, arbitrary: condition },
    { weight: 1, arbitrary: fc.tuple(anyCase("not"), blank, tie("expr")).map(([not, b, inner]) => `${not}${b}(${inner})`) },
    { weight: 1, arbitrary: fc.tuple(anyCase("not"), blank, condition).map(([not, b, inner]) => `${not}${b}${inner}`) },
    { weight: 1, arbitrary: fc.tuple(optionalBlank, tie("expr"), optionalBlank).map(([b1, inner, b2]) => `(${b1}${inner}${b2})`) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          tie("expr"),
          fc.array(fc.tuple(blank, anyCase("and"), anyCase("or"), fc.boolean(), blank, tie("expr"), fc.boolean()), {
            minLength: 1,
            maxLength: 3,
          }),
        )
        .map(([first, rest]) =>
          rest.reduce(
            (text, [b1, and, or, useAnd, b2, next, group]) => `${group ? `(${text})` : text}${b1}${useAnd ? and : or}${b2}${next}`,
            first,
          ),
        ),
    },
  ),
})).expr;

/** Characters that matter to the lexer, and characters that do not belong in a filter at all. */
export const PALETTE = [
  ..."()=!<>\"'\\*.,/@+-_ \t\n\raZ09",
  "\u0000",
  "\u0001",
  "\u001b",
  "\u007f",
  "\u0085",
  "\u00a0",
  "é",
  "\u2028",
  "\u2029",
  "\ufeff",
  "\ud800",
  "\udc00",
  "\u{1F600}",
  "\u3000",
  "ſ",
  "K", // Kelvin sign: folds to "k" under case-insensitive matching
] as const;

const paletteChar = fc.constantFrom(...PALETTE);
const TOKENS = [
  "and",
  "AND",
  "or",
  "Or",
  "not",
  "NoT",
  "(",
  ")",
  '"',
  "'",
  "=",
  "!=",
  "<=",
  "\\",
  "\\\\",
  '""',
  "''",
  "*",
  "entity.",
  " ",
] as const;

/** One edit of a filter: applied by {@link mutate} at a position taken modulo the text's length. */
export type Mutation =
  | { readonly kind: "insert"; readonly at: number; readonly text: string }
  | { readonly kind: "delete"; readonly at: number; readonly length: number }
  | { readonly kind: "swap"; readonly at: number }
  | { readonly kind: "duplicate"; readonly at: number; readonly length: number; readonly times: number }
  | { readonly kind: "case"; readonly at: number; readonly length: number }
  | { readonly kind: "truncate"; readonly at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("insert" as const),
      at: fc.nat(),
      text: fc.oneof(paletteChar, fc.constantFrom(...TOKENS), fc.string({ unit: paletteChar, maxLength: 4 })),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("swap" as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("duplicate" as const),
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 12 }),
      times: fc.integer({ min: 1, max: 4 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("case" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }) },
);

/** Applies `mutations` to `text`, in order. */
export function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    switch (m.kind) {
      case "insert":
        out = out.slice(0, at) + m.text + out.slice(at);
        break;
      case "delete":
        out = out.slice(0, at) + out.slice(at + m.length);
        break;
      case "swap":
        if (at + 1 < out.length) out = out.slice(0, at) + out.charAt(at + 1) + out.charAt(at) + out.slice(at + 2);
        break;
      case "duplicate":
        out = out.slice(0, at + m.length) + out.slice(at, at + m.length).repeat(m.times) + out.slice(at + m.length);
        break;
      case "case": {
        const part = out.slice(at, at + m.length);
        const flipped = [...part].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join("");
        out = out.slice(0, at) + flipped + out.slice(at + m.length);
        break;
      }
      case "truncate":
        out = out.slice(0, at);
        break;
    }
  }
  return out;
}

/** A valid filter (a seed or a generated one) with one to five mutations. */
export const mutatedFilter: fc.Arbitrary<string> = fc
  .tuple(fc.oneof(fc.constantFrom(...SEED_FILTERS), grammarFilter), fc.array(mutation, { minLength: 1, maxLength: 5 }))
  .map(([seed, mutations]) => mutate(seed, mutations));

/** Arbitrary text: any code point, lone surrogates, and strings dense in the lexer's special characters. */
export const arbitraryText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 100 }),
  fc.string({ unit: paletteChar, maxLength: 200 }),
  fc.string({ unit: fc.oneof(paletteChar, fc.constantFrom(...TOKENS)), maxLength: 100 }),
);
