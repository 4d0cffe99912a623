/**
 * The portable backend: a tree of closures, for runtimes that forbid
 * `new Function` (a content security policy without `unsafe-eval`). Results
 * equal the code generator's on every JSON event.
 *
 * Default (non-strict) filters follow the same rule as generated code:
 * short-circuit `and`/`or`/`not`, then, before answering true, evaluate the
 * fallible conditions that short-circuiting may have skipped
 * (`conditionsToRecheck`); any error means false (ftrack evaluates every
 * operand and an error means no match, so a short-circuit false is always
 * the answer). All per-filter decisions are taken at compile time: each
 * condition is a closure specialised by operator and literal kind, each path
 * a reader unrolled for up to four segments with its keys captured, each
 * `and`/`or` of two or three operands a fixed closure; one try/catch sits at
 * the root.
 *
 * Strict filters evaluate exactly as ftrack's engine does, every operand of
 * every `and` and `or`, left to right, depth first, before combining them,
 * so the first error in source order is the one reported.
 */
import type { ConditionNode, FilterAst } from "../syntax/ast";
import { locateError } from "./errors";
import {
  compareFields,
  compareWithLiteral,
  conditionsToRecheck,
  decideFields,
  decideLiteral,
  failEmptyLiteral,
  fieldsEqual,
  isWildcard,
  lookup,
  matchWildcard,
  ObjectPrototype,
  readPath,
} from "./values";

type Predicate = (event: unknown) => boolean;
/** Reads a path: the value, or `undefined` when it is missing. */
type Reader = (event: unknown) => unknown;

/**
 * Compiles `ast` into a predicate built from closures. Strict predicates
 * throw a `FilterEvaluationError`; the others return false on any error.
 * Cost: one walk of the tree; each call runs only the closures it needs.
 */
export function compileWithClosures(ast: FilterAst, strict: boolean): Predicate {
  if (strict) {
    const root = buildStrict(ast);
    return (event: unknown): boolean => root(event);
  }
  const root = build(ast, 0);
  const rechecks = conditionsToRecheck(ast).map((condition) => test(condition, 0));
  if (rechecks.length === 0) {
    return (event: unknown): boolean => {
      try {
        return root(event);
      } catch {
        return false;
      }
    };
  }
  return (event: unknown): boolean => {
    try {
      if (!root(event)) return false;
      // Evaluated for their errors only: one that fails throws.
      for (const recheck of rechecks) recheck(event);
      return true;
    } catch {
      return false;
    }
  };
}

/**
 * The closures of `ast`, built at the first call: the default backend
 * answers through them until it promotes a filter, and generated code
 * hands them the rare events it does not answer itself; most filters of a
 * large set never need them.
 */
export function closuresOnFirstCall(ast: FilterAst, strict: boolean): Predicate {
  let built: Predicate | undefined;
  return (event: unknown): boolean => {
    built ??= compileWithClosures(ast, strict);
    return built(event);
  };
}

// ------------------------------------------------------------ non-strict

/**
 * `node` as a predicate on the value of the first `scope` segments of its
 * paths (the event itself when `scope` is 0). An `and`/`or` whose paths all
 * share a longer prefix reads it once and hands it down, so the operands of
 * `entity.a = x and entity.b = y` read `entity` once.
 */
function build(node: FilterAst, scope: number): Predicate {
  switch (node.kind) {
    case "condition":
      return test(node, scope);
    case "not": {
      const operand = build(node.operand, scope);
      return (value) => !operand(value);
    }
    case "and":
    case "or": {
      const shared = sharedPrefix(node);
      const depth = shared === undefined ? scope : Math.max(scope, shared.length);
      const operands = node.operands.map((operand) => build(operand, depth));
      const chain = node.kind === "and" ? every(operands) : some(operands);
      if (shared === undefined || depth === scope) return chain;
      const read = reader(shared.slice(scope));
      return (value) => chain(read(value));
    }
    default: {
      const never: never = node;
      throw new TypeError(`invalid filter AST: ${String((never as { kind: unknown }).kind)}`);
    }
  }
}

/** The longest prefix shared by every path (both sides) of the conditions under `node`. */
function sharedPrefix(node: FilterAst): readonly string[] | undefined {
  let prefix: readonly string[] | undefined;
  const merge = (segments: readonly string[]): void => {
    if (prefix === undefined) {
      prefix = segments;
      return;
    }
    let n = 0;
    while (n < prefix.length && n < segments.length && prefix[n] === segments[n]) n++;
    if (n < prefix.length) prefix = prefix.slice(0, n);
  };
  const visit = (current: FilterAst): void => {
    switch (current.kind) {
      case "condition":
        merge(current.field.segments);
        if (current.value.kind === "field") merge(current.value.segments);
        return;
      case "not":
        visit(current.operand);
        return;
      default:
        current.operands.forEach(visit);
    }
  };
  visit(node);
  return prefix;
}

function every(operands: readonly Predicate[]): Predicate {
  const [a, b, c] = operands;
  if (a === undefined) return () => true;
  if (b === undefined) return a;
  if (c === undefined) return (value) => a(value) && b(value);
  if (operands.length === 3) return (value) => a(value) && b(value) && c(value);
  return (value) => {
    for (const operand of operands) if (!operand(value)) return false;
    return true;
  };
}

function some(operands: readonly Predicate[]): Predicate {
  const [a, b, c] = operands;
  if (a === undefined) return () => false;
  if (b === undefined) return a;
  if (c === undefined) return (value) => a(value) || b(value);
  if (operands.length === 3) return (value) => a(value) || b(value) || c(value);
  return (value) => {
    for (const operand of operands) if (operand(value)) return true;
    return false;
  };
}

/**
 * A path reader with its keys captured, unrolled for up to four segments.
 * No segments: the value itself (a path equal to the shared prefix).
 */
function reader(segments: readonly string[]): Reader {
  const keys = [...segments];
  // The defaults only satisfy the type checker: a case reads only keys it has.
  const [a = "", b = "", c = "", d = ""] = keys;
  switch (keys.length) {
    case 0:
      return (value) => value;
    case 1:
      return (value) => step(value, a);
    case 2:
      return (value) => step(step(value, a), b);
    case 3:
      return (value) => step(step(step(value, a), b), c);
    case 4:
      return (value) => step(step(step(step(value, a), b), c), d);
    default:
      return (value) => {
        let current = value;
        for (const key of keys) {
          current = step(current, key);
          if (current === undefined) return undefined;
        }
        return current;
      };
  }
}

/**
 * A condition as a closure specialised by operator and literal kind; throws
 * where ftrack fails. Its argument (`event` below) is the value of the first
 * `scope` segments of its paths, as `build` hands it down.
 */
function test(node: ConditionNode, scope: number): Predicate {
  const { operator, value } = node;
  const read = reader(node.field.segments.slice(scope));
  if (value.kind === "field") {
    const other = reader(value.segments.slice(scope));
    switch (operator) {
      case "=":
        return (event) => {
          const left = read(event);
          const right = other(event);
          if (left === undefined || right === undefined) return false;
          return left === right || ((typeof left !== "string" || typeof right !== "string") && fieldsEqual(left, right));
        };
      case "!=":
        return (event) => {
          const left = read(event);
          const right = other(event);
          if (left === undefined || right === undefined || left === right) return false;
          return (typeof left === "string" && typeof right === "string") || !fieldsEqual(left, right);
        };
      default: {
        const holds = ORDERING[operator];
        return (event) => {
          const left = read(event);
          const right = other(event);
          return left !== undefined && right !== undefined && holds(compareFields(left, right));
        };
      }
    }
  }
  const text = value.text;
  switch (operator) {
    case "=": {
      if (text === "") {
        return (event) => {
          const left = read(event);
          return left !== undefined && failEmptyLiteral(left);
        };
      }
      if (isWildcard(text)) {
        const pattern = text.slice(0, -1);
        return (event) => {
          const left = read(event);
          return left !== undefined && matchWildcard(left, pattern);
        };
      }
      return (event) => read(event) === text;
    }
    case "!=":
      return (event) => {
        const left = read(event);
        return left !== undefined && left !== text;
      };
    default: {
      const holds = ORDERING[operator];
      return (event) => {
        const left = read(event);
        return left !== undefined && holds(compareWithLiteral(left, text));
      };
    }
  }
}

const hasOwn = Object.hasOwn;
const isArray = Array.isArray;
const getPrototypeOf = Object.getPrototypeOf;

/**
 * `lookup` (see `./values`) with the same result, tuned for closures: their
 * code is shared by every filter, so its property accesses see every key
 * and shape, and there `hasOwn` is cheaper than the `in` test that inline
 * caches make fastest in generated code. Anything but a plain object takes
 * `lookup`, so the same proxy traps run as in generated code.
 */
function step(parent: unknown, key: string): unknown {
  if (typeof parent !== "object" || parent === null) return undefined;
  if (getPrototypeOf(parent) === ObjectPrototype && !isArray(parent)) {
    return hasOwn(parent, key) ? (parent as Record<string, unknown>)[key] : undefined;
  }
  return lookup(parent, key);
}

const ORDERING = {
  "<": (order: number) => order < 0,
  "<=": (order: number) => order <= 0,
  ">": (order: number) => order > 0,
  ">=": (order: number) => order >= 0,
} as const;

// ---------------------------------------------------------------- strict

function buildStrict(node: FilterAst): Predicate {
  switch (node.kind) {
    case "condition":
      return strictCondition(node);
    case "not": {
      const operand = buildStrict(node.operand);
      return (event) => !operand(event);
    }
    case "and": {
      const operands = node.operands.map(buildStrict);
      return (event) => {
        let result = true;
        for (const operand of operands) if (!operand(event)) result = false;
        return result;
      };
    }
    case "or": {
      const operands = node.operands.map(buildStrict);
      return (event) => {
        let result = false;
        for (const operand of operands) if (operand(event)) result = true;
        return result;
      };
    }
    default: {
      const never: never = node;
      throw new TypeError(`invalid filter AST: ${String((never as { kind: unknown }).kind)}`);
    }
  }
}

function strictCondition(node: ConditionNode): Predicate {
  const { operator, value } = node;
  const segments = [...node.field.segments];
  let decide: Predicate;
  if (value.kind === "field") {
    const other = [...value.segments];
    decide = (event) => decideFields(operator, readPath(event, segments), readPath(event, other));
  } else {
    const text = value.text;
    decide = (event) => decideLiteral(operator, readPath(event, segments), text);
  }
  return (event) => {
    try {
      return decide(event);
    } catch (error) {
      throw locateError(error, node);
    }
  };
}
