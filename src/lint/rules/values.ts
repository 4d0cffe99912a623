/**
 * Rules about right-hand literals, for both dialects: `empty-equals`
 * (`x = ""` makes ftrack's evaluation fail), `wildcard` (a `*` that is an
 * ordinary character) and `wildcard-substring` (what a trailing `*` means;
 * off by default, since ftrack's own filters use it as intended); and, in the event-hub dialect,
 * `field-reference` for a bare value that looks like a field path but is
 * compared as text there.
 */
import type { ConditionNode } from "../../syntax/ast";
import type { LintContext } from "../context";
import { isField } from "../context";
import { quoteText } from "../diagnostic";
import { quoteOf } from "./shared";

/** empty-equals and wildcard for one condition with a literal value. */
export function checkValues(ctx: LintContext, node: ConditionNode): void {
  const { field, operator, value } = node;
  if (value.kind !== "literal") return;
  const { text } = value;
  if (operator === "=" && text === "") {
    const quote = quoteOf(ctx.source, value) ?? '"';
    ctx.reporter.report(
      "empty-equals",
      "warning",
      `"= ${quote}${quote}" is an evaluation error in ftrack whenever the field exists, and a failed evaluation means the whole filter does not match; "!=" with an empty value works`,
      node.span,
    );
    return;
  }
  const star = text.indexOf("*");
  if (star < 0) return;
  if (operator === "=" && star === text.length - 1) {
    const part = text.slice(0, -1);
    const path = quoteText(field.segments.join("."));
    const message =
      part === ""
        ? `"*" alone matches any text value (and any list holding "" or object with the key "")`
        : ctx.dialect === "trigger" && isField(field.segments, "entity.id")
          ? `a trailing "*" tests whether the list ${path} holds the element "${quoteText(part)}"`
          : `a trailing "*" tests whether "${quoteText(part)}" occurs anywhere in the value (not only at its start), or is an element of a list or a key of an object`;
    ctx.reporter.report("wildcard-substring", "info", message, value.span);
    return;
  }
  const where = operator === "=" ? "not at the end" : `with "${operator}"`;
  ctx.reporter.report("wildcard", "info", `"*" ${where} is an ordinary character, not a wildcard`, value.span);
}

/** A bare event-hub value shaped like a path into an event: `data.x`, `source.user.id`, `entity.new.x`. */
const EVENT_HUB_PATH = /^(?:data|source|entity|metadata)(?:\.[A-Za-z0-9_]+)+$/;

/** Event hub: a bare value that looks like a field is still text there. */
export function checkEventHubReference(ctx: LintContext, node: ConditionNode): void {
  const { value } = node;
  if (value.kind !== "literal" || quoteOf(ctx.source, value) !== null || !EVENT_HUB_PATH.test(value.text)) return;
  ctx.reporter.report(
    "field-reference",
    "warning",
    `event-hub expressions have no field references: "${quoteText(value.text)}" is compared as that text, not as a field of the event`,
    value.span,
  );
}
