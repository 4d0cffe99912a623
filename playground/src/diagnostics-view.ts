/**
 * The diagnostics region: one item per diagnostic with its severity, code,
 * position and message, and a button that applies its suggestion.
 */
import type { Diagnostic, Suggestion } from "../../src/index";
import { h } from "./dom";

/** Fills `list` with `diagnostics`; `apply` is called with the suggestion of a clicked button. */
export function renderDiagnostics(list: HTMLElement, diagnostics: readonly Diagnostic[], apply: (suggestion: Suggestion) => void): void {
  if (diagnostics.length === 0) {
    list.replaceChildren(h("li", { class: "empty" }, "No problems found."));
    return;
  }
  list.replaceChildren(
    ...diagnostics.map((d) => {
      const item = h(
        "li",
        { class: `diagnostic ${d.severity}` },
        h("span", { class: "severity" }, d.severity),
        " ",
        h("code", { class: "code" }, d.code),
        " ",
        h("span", { class: "where" }, `line ${d.span.line}, column ${d.span.column}`),
        h("p", { class: "message" }, d.message),
      );
      const suggestion = d.suggestion;
      if (suggestion !== undefined) {
        const label = suggestion.text === "" ? "Remove it" : `Replace with ${suggestion.text}`;
        const button = h("button", { type: "button", class: "apply" }, label);
        button.addEventListener("click", () => apply(suggestion));
        item.append(button);
      }
      return item;
    }),
  );
}
