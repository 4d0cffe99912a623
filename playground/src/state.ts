/**
 * The page's whole state (filter, dialect, event) in the URL fragment, so
 * that a link reproduces it. The fragment never reaches a server: a link
 * shares the event with whoever opens it, and with no one else.
 *
 * Format: `#dialect=trigger&filter=...&event=...`, each value
 * percent-encoded. A valid JSON event is stored minified and shown
 * indented again on load; invalid text is stored as typed.
 */
import type { Dialect } from "../../src/index";

export interface PlaygroundState {
  readonly filter: string;
  readonly dialect: Dialect;
  readonly event: string;
}

/** The state in `hash`, over `fallback` for what it does not say. */
export function readFragment(hash: string, fallback: PlaygroundState): PlaygroundState {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const dialect = params.get("dialect");
  const event = params.get("event");
  return {
    filter: params.get("filter") ?? fallback.filter,
    dialect: dialect === "trigger" || dialect === "event-hub" ? dialect : fallback.dialect,
    event: event === null ? fallback.event : indentJson(event),
  };
}

/** The fragment (with its `#`) that {@link readFragment} reads back as `state`. */
export function writeFragment(state: PlaygroundState): string {
  const params = new URLSearchParams({ dialect: state.dialect, filter: state.filter, event: minifyJson(state.event) });
  return `#${params.toString()}`;
}

function minifyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

function indentJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
