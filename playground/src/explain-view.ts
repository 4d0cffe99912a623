/**
 * The result region: match or no match, then the explanation tree with each
 * node's result and, for a condition, the value each side read from the
 * event. Text only (textContent), so nothing from the filter or the event is
 * ever read as HTML.
 */
import type { ExplainLiteral, ExplainNode, ExplainSide, Explanation, JsonValue } from "../../src/index";
import type { EventReading } from "./analyse";
import { h } from "./dom";

const MARK: Readonly<Record<ExplainNode["result"], { readonly icon: string; readonly label: string }>> = {
  true: { icon: "✓", label: "true" },
  false: { icon: "✗", label: "false" },
  error: { icon: "!", label: "error" },
  "not-evaluated": { icon: "–", label: "not evaluated" },
};

const TITLES: Readonly<Record<Extract<EventReading, { ok: false }>["kind"], string>> = {
  json: "The event is not valid JSON",
  event: "The event is not a valid event",
  size: "The event is too large",
};

/** Longest value shown in full; longer ones are cut with an ellipsis. */
const MAX_VALUE_CHARS = 80;

/** Fills `region` with the result; `explanation` null means there is none to show. */
export function renderResult(region: HTMLElement, explanation: Explanation | null, event: EventReading, filterBroken: boolean): void {
  const body: Node[] = [];
  if (explanation !== null) {
    const verdict = explanation.matched ? "Match" : "No match";
    body.push(h("p", { class: `verdict ${explanation.matched ? "match" : "no-match"}`, "data-testid": "verdict" }, verdict));
    if (explanation.error !== null) {
      body.push(h("p", { class: "note" }, `Evaluation stopped: ${explanation.error.message}. As in ftrack, an error means no match.`));
    }
    body.push(h("ul", { class: "tree" }, renderNode(explanation.root)));
  } else {
    body.push(h("p", { class: "verdict none", "data-testid": "verdict" }, "No result"));
    if (filterBroken) body.push(h("p", { class: "note" }, "Fix the filter's syntax errors to see how it evaluates."));
    if (!event.ok) body.push(renderEventIssues(event));
  }
  region.replaceChildren(...body);
}

function renderEventIssues(event: Extract<EventReading, { ok: false }>): HTMLElement {
  const title = TITLES[event.kind];
  return h(
    "div",
    { class: "event-issues", role: "alert" },
    h("p", {}, title),
    h("ul", {}, ...event.issues.map((issue) => h("li", {}, h("code", {}, issue.path), " ", issue.message))),
  );
}

function renderNode(node: ExplainNode): HTMLElement {
  const mark = MARK[node.result];
  const head = h(
    "div",
    { class: `node ${node.result}` },
    h("span", { class: "mark", "aria-label": mark.label, title: mark.label }, mark.icon),
    " ",
    node.kind === "condition" ? h("code", {}, node.text) : h("span", { class: "group" }, node.kind),
  );
  if (node.kind === "condition") {
    const sides = [node.left, node.right].filter((s): s is ExplainSide | ExplainLiteral => s !== undefined);
    const read = sides.filter((s): s is ExplainSide => !("literal" in s)).map(describeSide);
    if (read.length > 0) head.append(h("span", { class: "read" }, read.join("; ")));
    if (node.error !== undefined) head.append(h("span", { class: "failure" }, node.error.message));
    return h("li", {}, head);
  }
  const children = node.kind === "not" ? [node.operand] : node.operands;
  return h("li", {}, head, h("ul", {}, ...children.map(renderNode)));
}

function describeSide(side: ExplainSide): string {
  return side.found ? `${side.path} is ${shorten(show(side.value))}` : `${side.path} is missing`;
}

function show(value: JsonValue): string {
  return JSON.stringify(value) ?? String(value);
}

function shorten(text: string): string {
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}
