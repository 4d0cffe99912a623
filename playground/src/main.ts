/**
 * The page: wires the editors, the controls and the two result regions to
 * the analysis, and keeps the URL fragment in step with the state.
 */
import { type Dialect, format } from "../../src/index";
import { analyse, type EventReading, readEvent } from "./analyse";
import { renderDiagnostics } from "./diagnostics-view";
import { applySuggestion, createEventEditor, createFilterEditor, setText, showFilterFindings } from "./editors";
import { DEFAULT_STATE, EXAMPLE_EVENTS, eventText } from "./examples";
import { renderResult } from "./explain-view";
import { type PlaygroundState, readFragment, writeFragment } from "./state";

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`the page has no #${id}`);
  return element as T;
}

const dialectSelect = byId<HTMLSelectElement>("dialect");
const exampleSelect = byId<HTMLSelectElement>("example");
const formatButton = byId<HTMLButtonElement>("format");
const copyButton = byId<HTMLButtonElement>("copy-link");
const linkField = byId<HTMLInputElement>("link");
const linkStatus = byId<HTMLElement>("link-status");
const diagnosticsList = byId<HTMLElement>("diagnostics");
const resultBox = byId<HTMLElement>("result");
/** Announces the verdict to screen readers when it changes, not the whole tree on every key. */
const verdictLive = byId<HTMLElement>("verdict-live");

let current = readFragment(location.hash, DEFAULT_STATE);
let dialect: Dialect = current.dialect;
let eventReading: EventReading = readEvent(current.event, dialect);
/** The fragment this page last wrote, to tell its own changes from the user's. */
let writtenHash = "";

const filterView = createFilterEditor(byId("filter-editor"), current.filter, () => update(false));
const eventView = createEventEditor(byId("event-editor"), current.event, () => update(true));

for (const example of EXAMPLE_EVENTS) {
  exampleSelect.append(new Option(example.label, example.id));
}

/** Re-reads what changed and redraws everything; `eventChanged` re-reads the event. */
function update(eventChanged: boolean): void {
  const started = performance.now();
  const filter = filterView.state.doc.toString();
  const event = eventView.state.doc.toString();
  if (eventChanged) eventReading = readEvent(event, dialect);
  const analysis = analyse(filter, dialect, eventReading);
  showFilterFindings(filterView, analysis.diagnostics, analysis.failing);
  renderDiagnostics(diagnosticsList, analysis.diagnostics, (s) => applySuggestion(filterView, s));
  renderResult(resultBox, analysis.explanation, eventReading, !analysis.parses);
  const verdict = analysis.explanation === null ? "No result" : analysis.explanation.matched ? "Match" : "No match";
  if (verdictLive.textContent !== verdict) verdictLive.textContent = verdict;
  formatButton.disabled = !analysis.parses;
  current = { filter, dialect, event };
  writeUrl(current);
  // A user-timing entry per update: what the bench reads in a real browser.
  performance.measure("playground:update", { start: started });
}

function writeUrl(state: PlaygroundState): void {
  writtenHash = writeFragment(state);
  try {
    history.replaceState(null, "", writtenHash);
  } catch {
    location.replace(writtenHash);
  }
}

function setDialect(next: Dialect): void {
  dialect = next;
  dialectSelect.value = next;
  update(true);
}

dialectSelect.value = dialect;
dialectSelect.addEventListener("change", () => setDialect(dialectSelect.value === "event-hub" ? "event-hub" : "trigger"));

exampleSelect.addEventListener("change", () => {
  const example = EXAMPLE_EVENTS.find((e) => e.id === exampleSelect.value);
  if (example === undefined) return;
  // An event of the other dialect comes with a filter of its dialect.
  if (example.dialect !== dialect) {
    dialect = example.dialect;
    dialectSelect.value = dialect;
    setText(filterView, example.filter);
  }
  setText(eventView, eventText(example));
  exampleSelect.value = "";
});

formatButton.addEventListener("click", () => {
  const text = filterView.state.doc.toString();
  try {
    setText(filterView, format(text, { dialect }));
  } catch {
    // The button is disabled while the filter has syntax errors.
  }
  filterView.focus();
});

copyButton.addEventListener("click", () => {
  writeUrl(current);
  const link = location.href;
  linkField.value = link;
  linkField.hidden = false;
  const done = (message: string): void => {
    linkStatus.textContent = message;
  };
  if (navigator.clipboard === undefined) {
    done("Copy the link above.");
    linkField.select();
    return;
  }
  navigator.clipboard.writeText(link).then(
    () => done("Link copied."),
    () => {
      done("Copy the link above.");
      linkField.select();
    },
  );
});

window.addEventListener("hashchange", () => {
  if (location.hash === writtenHash) return;
  const next = readFragment(location.hash, current);
  dialect = next.dialect;
  dialectSelect.value = dialect;
  if (next.filter !== filterView.state.doc.toString()) setText(filterView, next.filter);
  if (next.event !== eventView.state.doc.toString()) setText(eventView, next.event);
  update(true);
});

update(true);
