/**
 * The two CodeMirror editors: the filter (its language, lint underlines and
 * the failing conditions marked) and the event (JSON). Both hand every
 * document change to the page after CodeMirror has applied it, so the page
 * may dispatch again (diagnostics, marks) from its handler.
 */
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { json, jsonParseLinter } from "@codemirror/lang-json";
import { syntaxHighlighting } from "@codemirror/language";
import { type Diagnostic as CmDiagnostic, linter, setDiagnostics } from "@codemirror/lint";
import { EditorState, type Extension, StateEffect, StateField } from "@codemirror/state";
import { Decoration, type DecorationSet, drawSelection, EditorView, keymap } from "@codemirror/view";
import type { Diagnostic, Span, Suggestion } from "../../src/index";
import { filterHighlight, filterLanguage } from "./filter-language";

function common(label: string, onChange: () => void): Extension[] {
  return [
    history(),
    drawSelection(),
    keymap.of([...defaultKeymap, ...historyKeymap]),
    syntaxHighlighting(filterHighlight),
    EditorView.lineWrapping,
    EditorView.contentAttributes.of({ "aria-label": label }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) queueMicrotask(onChange);
    }),
  ];
}

/** Marks the conditions that decided a "no match". */
const setFailing = StateEffect.define<readonly Span[]>();

const failingField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    let next = marks.map(tr.changes);
    for (const effect of tr.effects) {
      if (!effect.is(setFailing)) continue;
      const mark = Decoration.mark({ class: "cm-failing", attributes: { title: "this condition decided: no match" } });
      const length = tr.state.doc.length;
      next = Decoration.set(
        effect.value.filter((s) => s.end > s.start && s.end <= length).map((s) => mark.range(s.start, s.end)),
        true,
      );
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

export function createFilterEditor(parent: HTMLElement, doc: string, onChange: () => void): EditorView {
  const state = EditorState.create({ doc, extensions: [...common("Filter", onChange), filterLanguage, failingField] });
  return new EditorView({ state, parent });
}

export function createEventEditor(parent: HTMLElement, doc: string, onChange: () => void): EditorView {
  // CodeMirror's JSON linter underlines where the JSON breaks; the result region says why.
  const jsonErrors = linter(jsonParseLinter(), { delay: 200 });
  const state = EditorState.create({ doc, extensions: [...common("Event", onChange), json(), jsonErrors] });
  return new EditorView({ state, parent });
}

/** Replaces the whole text of `view`. */
export function setText(view: EditorView, text: string): void {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

/** Puts `suggestion.text` in place of its span, and the cursor after it. */
export function applySuggestion(view: EditorView, suggestion: Suggestion): void {
  const { start, end } = suggestion.span;
  view.dispatch({ changes: { from: start, to: end, insert: suggestion.text }, selection: { anchor: start + suggestion.text.length } });
  view.focus();
}

/** Shows `diagnostics` as underlines and `failing` as marks in the filter editor. */
export function showFilterFindings(view: EditorView, diagnostics: readonly Diagnostic[], failing: readonly Span[]): void {
  const length = view.state.doc.length;
  const clamp = (n: number): number => Math.max(0, Math.min(n, length));
  const underlines: CmDiagnostic[] = diagnostics.map((d) => {
    const underline: CmDiagnostic = {
      from: clamp(d.span.start),
      to: clamp(d.span.end),
      severity: d.severity,
      source: d.code,
      message: d.message,
    };
    const suggestion = d.suggestion;
    // The same fix as the list's button, in the tooltip of the underline.
    if (suggestion !== undefined) underline.actions = [{ name: "Apply", apply: (v) => applySuggestion(v, suggestion) }];
    return underline;
  });
  const spec = setDiagnostics(view.state, underlines);
  view.dispatch({ ...spec, effects: [...asArray(spec.effects), setFailing.of(failing)] });
}

function asArray<T>(value: T | readonly T[] | undefined): readonly T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}
