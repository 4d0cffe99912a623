/**
 * Runs the syntax-hint vectors of grammar/vectors/syntax-hints.json: the
 * error, its hint, and no second error caused by the first; and checks how
 * a hint reaches FilterSyntaxError and the syntax lint diagnostic.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import vectors from "../../grammar/vectors/syntax-hints.json";
import { type Dialect, FilterSyntaxError, lint, parse, parseAll } from "../../src/index";

interface HintCase {
  name: string;
  input: string;
  dialect: Dialect | "both";
  code: string;
  offset: number;
  hint: string | null;
  errors: number;
}

const cases = (vectors.cases as HintCase[]).flatMap((c) =>
  (c.dialect === "both" ? (["trigger", "event-hub"] as const) : [c.dialect]).map((dialect) => ({ ...c, dialect })),
);

function errorOf(input: string, dialect: Dialect): FilterSyntaxError {
  try {
    parse(input, { dialect });
  } catch (error) {
    if (error instanceof FilterSyntaxError) return error;
    throw error;
  }
  throw new Error(`${input} parses`);
}

describe("syntax-hint vectors", () => {
  test("cover every mistake the hints are for", () => {
    expect(cases.filter((c) => c.hint !== null).length).toBeGreaterThanOrEqual(60);
  });

  test.for(cases)("$dialect: $name", (c) => {
    const error = errorOf(c.input, c.dialect);
    expect({ code: error.code, offset: error.offset, hint: error.hint ?? null }).toEqual({ code: c.code, offset: c.offset, hint: c.hint });
    const all = parseAll(c.input, { dialect: c.dialect }).errors;
    expect(all).toHaveLength(c.errors);
    expect(all[0]?.hint ?? null).toBe(c.hint);
  });
});

test("grammar/README.md shows every hint vector", () => {
  const readme = readFileSync(join(__dirname, "..", "..", "grammar", "README.md"), "utf8");
  for (const c of vectors.cases as HintCase[]) {
    const row = `| \`${c.code}\` (${c.offset}) | ${(c.hint ?? "—").replaceAll("|", "\\|")} |`;
    expect(readme, c.name).toContain(row);
  }
});

describe("a hint", () => {
  test("ends the message and the reason, and is plain data in toJSON", () => {
    const error = errorOf("entity.new.name == Task", "trigger");
    expect(error.hint).toBe('ftrack has no "==": write "="');
    expect(error.reason).toBe('expected a value after "=" but found "="; ftrack has no "==": write "="');
    expect(error.message).toBe(`${error.reason} (at line 1, column 18)`);
    expect(error.toJSON()).toMatchObject({ code: "unexpected-token", offset: 17, hint: error.hint });
  });

  test("is absent where none is known", () => {
    const error = errorOf("a = b = c", "trigger");
    expect(error.hint).toBeUndefined();
    expect("hint" in error.toJSON()).toBe(false);
  });

  test("reaches the syntax diagnostic of lint", () => {
    const [diagnostic, ...rest] = lint("entity.new.name = Comp Task");
    expect(rest).toEqual([]);
    expect(diagnostic).toMatchObject({ code: "syntax", hint: 'quote text that holds spaces: entity.new.name = "Comp Task"' });
    expect(diagnostic?.message).toMatch(/found "Task"; quote text that holds spaces/);
  });

  test("keeps the errors of later operands, and a parenthesis left open", () => {
    const errors = parseAll("a == 1 and b <> 2 and (c d").errors;
    expect(errors.map((e) => [e.offset, e.hint])).toEqual([
      [3, 'ftrack has no "==": write "="'],
      [14, 'ftrack has no "<>": write "!="'],
      [25, "put an operator between the field and the value, as in c = d"],
      [26, 'add the ")" that closes the "(" at column 23'],
    ]);
  });
});
