/**
 * `contradiction` (both dialects): conditions under one `and` that can never
 * hold together, `not` of something that can never (or always) hold, and a
 * filter whose every branch is impossible.
 *
 * Only certain claims are made. Two conditions on the same field conflict
 * when one pins the field (`x = "a"`, no wildcard, so the value must be the
 * text "a") and the other, evaluated on that text, is false; or when they
 * are the same test, once negated; or when they compare the same two fields
 * with `=` and `!=`. "Always" excludes evaluation errors, which make any
 * filter not match.
 */
import type { ConditionNode, FilterAst } from "../../syntax/ast";
import { assertNever, type LintContext } from "../context";
import { QUOTED_CONDITION, quoteText } from "../diagnostic";

interface Atom {
  readonly node: ConditionNode;
  /** The operand as written (the condition, or the `not` around it). */
  readonly operand: FilterAst;
  readonly negated: boolean;
  readonly key: string;
}

interface Outcome {
  /** Can never be true. */
  readonly never: boolean;
  /** Can never be false (when it evaluates at all). */
  readonly always: boolean;
}

/** Reports what can never (or always) hold; one pass over the AST, pairwise per `and` and field. */
export function checkContradictions(ctx: LintContext): void {
  const root = ctx.ast;
  const outcome = analyze(ctx, root);
  if (root.kind === "or" && outcome.never) {
    ctx.reporter.report(
      "contradiction",
      "warning",
      "every branch of this or can never hold, so the filter never matches any event",
      root.span,
    );
  } else if (root.kind === "or" && outcome.always) {
    ctx.reporter.report("contradiction", "warning", "a branch of this or is always true, so the filter matches every event", root.span);
  }
}

function analyze(ctx: LintContext, node: FilterAst): Outcome {
  switch (node.kind) {
    case "condition":
      return { never: false, always: false };
    case "not": {
      const inner = analyze(ctx, node.operand);
      if (node.operand.kind !== "not" && (inner.never || inner.always)) {
        const message = inner.never
          ? "what this not negates can never hold, so the not is always true"
          : "what this not negates is always true, so the not never holds";
        ctx.reporter.report("contradiction", "warning", message, node.span);
      }
      return { never: inner.always, always: inner.never };
    }
    case "or": {
      const outcomes = node.operands.map((operand) => analyze(ctx, operand));
      return { never: outcomes.every((o) => o.never), always: outcomes.some((o) => o.always) };
    }
    case "and": {
      const outcomes = node.operands.map((operand) => analyze(ctx, operand));
      const conflict = findConflicts(ctx, node.operands, node === ctx.ast);
      return { never: conflict || outcomes.some((o) => o.never), always: outcomes.every((o) => o.always) };
    }
    default:
      return assertNever(node);
  }
}

/**
 * At most this many distinct conditions on one field under one `and` are
 * compared pairwise; a filter with more is not checked beyond them (it
 * misses a contradiction rather than take quadratic time).
 */
const MAX_COMPARED_PER_FIELD = 256;

/** Reports the pairs of operands that cannot hold together; true if any. */
function findConflicts(ctx: LintContext, operands: readonly FilterAst[], isRoot: boolean): boolean {
  const byField = new Map<string, Atom[]>();
  const seen = new Set<string>();
  for (const operand of operands) {
    const atom = toAtom(operand);
    if (atom === undefined) continue;
    // A repeated condition conflicts with nothing its first copy does not.
    const { value } = atom.node;
    const identity = JSON.stringify([atom.key, atom.negated, atom.node.operator, value.kind === "literal" ? value.text : value.segments]);
    if (seen.has(identity)) continue;
    seen.add(identity);
    const list = byField.get(atom.key);
    if (list === undefined) byField.set(atom.key, [atom]);
    else if (list.length < MAX_COMPARED_PER_FIELD) list.push(atom);
  }
  let found = false;
  for (const atoms of byField.values()) {
    for (let j = 1; j < atoms.length; j++) {
      const later = atoms[j] as Atom;
      for (let i = 0; i < j; i++) {
        const earlier = atoms[i] as Atom;
        if (!conflicts(earlier, later)) continue;
        found = true;
        const other = quoteText(ctx.source.slice(earlier.operand.span.start, earlier.operand.span.end), QUOTED_CONDITION);
        const result = isRoot ? "the filter never matches" : "this and never holds";
        ctx.reporter.report(
          "contradiction",
          "warning",
          `this condition and ${other} can never both hold, so ${result}`,
          later.operand.span,
        );
        break;
      }
    }
  }
  return found;
}

function toAtom(operand: FilterAst): Atom | undefined {
  let negated = false;
  let node = operand;
  while (node.kind === "not") {
    negated = !negated;
    node = node.operand;
  }
  if (node.kind !== "condition") return undefined;
  return { node, operand, negated, key: node.field.segments.join(".") };
}

function conflicts(a: Atom, b: Atom): boolean {
  if (sameTest(a.node, b.node) && a.negated !== b.negated) return true;
  const pinA = pin(a);
  if (pinA !== undefined && refutes(pinA, b)) return true;
  const pinB = pin(b);
  if (pinB !== undefined && refutes(pinB, a)) return true;
  // x = y and x != y (two fields): when both resolve exactly one holds, when not neither.
  if (a.negated === b.negated && a.node.value.kind === "field" && b.node.value.kind === "field") {
    const ops = [a.node.operator, b.node.operator].sort().join(" ");
    return ops === "!= =" && sameValue(a.node, b.node);
  }
  return false;
}

/** The text a plain `x = "a"` forces the field to be. */
function pin(atom: Atom): string | undefined {
  const { operator, value } = atom.node;
  if (atom.negated || operator !== "=" || value.kind !== "literal") return undefined;
  if (value.text === "" || value.text.endsWith("*")) return undefined;
  return value.text;
}

/** True when `atom` is certainly false for a field whose value is the text `pinned`. */
function refutes(pinned: string, atom: Atom): boolean {
  const holds = holdsFor(pinned, atom.node);
  return holds !== undefined && holds === atom.negated;
}

/** The result of `node` on the text `value`, or undefined when it is not certain. */
function holdsFor(value: string, node: ConditionNode): boolean | undefined {
  if (node.value.kind !== "literal") return undefined;
  const text = node.value.text;
  switch (node.operator) {
    case "=":
      if (text === "") return undefined;
      return text.endsWith("*") ? value.includes(text.slice(0, -1)) : value === text;
    case "!=":
      return value !== text;
    default: {
      // JavaScript orders UTF-16 code units; ftrack orders code points. They agree without surrogates.
      if (/[\uD800-\uDFFF]/.test(value + text)) return undefined;
      const order = value < text ? -1 : value > text ? 1 : 0;
      if (node.operator === "<") return order < 0;
      if (node.operator === "<=") return order <= 0;
      if (node.operator === ">") return order > 0;
      return order >= 0;
    }
  }
}

function sameTest(a: ConditionNode, b: ConditionNode): boolean {
  return a.operator === b.operator && sameValue(a, b);
}

function sameValue(a: ConditionNode, b: ConditionNode): boolean {
  const x = a.value;
  const y = b.value;
  if (x.kind === "literal" && y.kind === "literal") return x.text === y.text;
  if (x.kind === "field" && y.kind === "field") return x.segments.join(".") === y.segments.join(".");
  return false;
}
