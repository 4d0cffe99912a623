/**
 * What the page computes on every edit, without touching the DOM: the
 * filter's diagnostics, the event as read, and the explanation of the one
 * against the other. Kept apart from the view so that the bench can time
 * exactly what a keystroke costs.
 */
import {
  type Diagnostic,
  type Dialect,
  EventValidationError,
  type ExplainNode,
  type Explanation,
  explain,
  FilterSyntaxError,
  lint,
  parseEntityEvent,
  type Span,
} from "../../src/index";

/** One problem of the event text, at a JSON path such as `$.entity.id`. */
export interface EventIssue {
  readonly path: string;
  readonly message: string;
}

/** The event editor's text as read: a value to explain against, or why not. */
export type EventReading =
  | { readonly ok: true; readonly event: unknown }
  | { readonly ok: false; readonly kind: "json" | "event" | "size"; readonly issues: readonly EventIssue[] };

export interface Analysis {
  readonly diagnostics: readonly Diagnostic[];
  /** Whether the filter parses (no syntax error): Format and explain need it. */
  readonly parses: boolean;
  /** Null when the filter does not parse or the event could not be read. */
  readonly explanation: Explanation | null;
  /** The conditions that decided a "no match", to highlight in the filter. */
  readonly failing: readonly Span[];
}

/**
 * Reads the event editor's text. A trigger filter runs on ftrack's entity
 * events, so the text is checked as one (`parseEntityEvent`); an event-hub
 * subscription runs on any event object. Cost: one `JSON.parse`.
 */
export function readEvent(text: string, dialect: Dialect): EventReading {
  if (dialect === "trigger") {
    try {
      return { ok: true, event: parseEntityEvent(text) };
    } catch (error) {
      if (!(error instanceof EventValidationError)) throw error;
      const kind = error.code === "invalid-event" ? "event" : error.code === "too-large" ? "size" : "json";
      return { ok: false, kind, issues: error.problems.map((p) => ({ path: p.path, message: p.message })) };
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    return { ok: false, kind: "json", issues: [{ path: "$", message: (error as Error).message }] };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    const found = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
    return { ok: false, kind: "event", issues: [{ path: "$", message: `an event is a JSON object, not ${found}` }] };
  }
  return { ok: true, event: value };
}

/**
 * Lints `filter` and, when it parses and the event was read, explains it
 * against the event. Cost: one lint (about a parse) plus one explain.
 */
export function analyse(filter: string, dialect: Dialect, event: EventReading): Analysis {
  const diagnostics = lint(filter, { dialect });
  const parses = !diagnostics.some((d) => d.code === "syntax" || d.code === "invalid-input");
  if (!parses || !event.ok) return { diagnostics, parses, explanation: null, failing: [] };
  let explanation: Explanation;
  try {
    explanation = explain(filter, event.event, { dialect });
  } catch (error) {
    // lint reported no syntax error, so parse cannot fail; stay safe anyway.
    if (error instanceof FilterSyntaxError) return { diagnostics, parses: false, explanation: null, failing: [] };
    throw error;
  }
  const failing = explanation.matched ? [] : decidingSpans(explanation.root);
  return { diagnostics, parses, explanation, failing };
}

/**
 * The conditions that made `node` false or an error: every false operand of
 * an `and`, every operand of an `or`, the condition itself, and for a `not`
 * the `not` (its operand held).
 */
function decidingSpans(node: ExplainNode): Span[] {
  if (node.result === "true" || node.result === "not-evaluated") return [];
  switch (node.kind) {
    case "condition":
      return [node.span];
    case "not":
      return node.result === "error" ? decidingSpans(node.operand) : [node.span];
    case "and":
    case "or": {
      const errors = node.operands.filter((o) => o.result === "error");
      const deciding = errors.length > 0 ? errors : node.operands.filter((o) => o.result === "false");
      return deciding.flatMap(decidingSpans);
    }
    default: {
      const never: never = node;
      return never;
    }
  }
}
