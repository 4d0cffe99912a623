/** Shared helpers of the linter tests. */
import { lint, type LintOptions } from "../../src/lint/lint";
import type { Diagnostic } from "../../src/lint/diagnostic";

/** The diagnostics of one rule for `source`. */
export function only(code: string, source: string, options?: LintOptions): Diagnostic[] {
  return lint(source, options).filter((diagnostic) => diagnostic.code === code);
}

/** The source text a diagnostic (or its suggestion) covers. */
export function covered(source: string, span: { start: number; end: number }): string {
  return source.slice(span.start, span.end);
}

/** `source` with the diagnostic's suggestion applied. */
export function applySuggestion(source: string, diagnostic: Diagnostic): string {
  const fix = diagnostic.suggestion;
  if (fix === undefined) throw new Error(`no suggestion on ${diagnostic.code}: ${diagnostic.message}`);
  return source.slice(0, fix.span.start) + fix.text + source.slice(fix.span.end);
}

/** The public trigger filters as ftrack published them, with a real status id filled in. */
export const PUBLIC_TRIGGER_FILTERS: readonly string[] = [
  "entity.entity_type = AssetVersion",
  'entity.entity_type = "AssetVersion" and entity.operation = "update" and entity.new.status_id != entity.old.status_id',
  'entity.entity_type = "Task" and entity.operation = "create"',
  'entity.entity_type = "AssetVersion" and entity.operation = "update" and entity.new.status_id != entity.old.status_id and entity.new.status_id = "44de097a-4164-11df-9218-0019bb4983d8"',
];

/** The public event-hub expressions, placeholders filled in. */
export const PUBLIC_EVENT_HUB_EXPRESSIONS: readonly string[] = [
  "topic=ftrack.update",
  "topic=ftrack.*",
  "topic=ftrack.location.component-added and data.locationId=london",
  "topic=foo and data.eventType=Shot",
  "topic=ftrack.connect.application.discover and data.application.identifier=maya* and data.application.version >= 2021",
  'topic="ftrack.action.launch" and source.user.username="jane.doe"',
  'applicationId=ftrack.client.web and user.id="bcdf57b0-acc6-11e1-a554-f23c91df1211"',
];
