/**
 * Rules about the type of value a property holds (trigger dialect), from
 * the schema: `never-equal` (`=`/`!=` text against a number or boolean),
 * `ordering-type` (`<`, `>`... on a value that is not text, which is an
 * evaluation error) and `nullable-error` (a test that fails when the value
 * is null; given only when every allowed entity type leaves it optional).
 * A literal that reads as null, or as a JSON value that a sometimes-text
 * property can hold, is json-literal's, and not reported twice.
 *
 * Date-times are not flagged: JSON has no date type, and ftrack sends them as
 * ISO 8601 text (or null), so they compare and order as text.
 */
import type { ConditionInfo, LintContext } from "../context";
import { isField, isWildcard } from "../context";
import { quoteText } from "../diagnostic";
import { checkJsonLiteral, readAsJson } from "./literals";
import { allNonText, describeKinds, propertyInfos } from "./shared";

const ABORTS =
  "ftrack's evaluation fails, and a failed evaluation means the whole filter does not match (even through another branch of an or)";

/** never-equal, ordering-type and nullable-error for one condition with a literal value. */
export function checkTypes(ctx: LintContext, info: ConditionInfo): void {
  const { field, operator, value } = info.node;
  if (value.kind !== "literal") return;
  const ordering = operator !== "=" && operator !== "!=";
  if (ordering && isField(field.segments, "entity.id")) {
    ctx.reporter.report(
      "ordering-type",
      "warning",
      `entity.id is a list; ordering it against text is an evaluation error: ${ABORTS}`,
      info.node.span,
    );
    return;
  }
  const target = info.target;
  if (target === undefined || !target.ok || target.kind !== "property") return;
  const infos = propertyInfos(ctx.schema, info.types, target.property);
  if (infos === undefined) return;
  const path = quoteText(field.segments.join("."));
  const wildcard = isWildcard(info.node);
  if (!wildcard && checkJsonLiteral(ctx, info, infos)) return;
  if (allNonText(infos)) {
    const kind = describeKinds(infos);
    if (ordering) {
      ctx.reporter.report(
        "ordering-type",
        "warning",
        `${path} is ${kind}, and "${operator}" orders text only; wherever an event has it, ${ABORTS}`,
        info.node.span,
      );
    } else if (wildcard) {
      ctx.reporter.report(
        "never-equal",
        "warning",
        `${path} is ${kind}; a wildcard test of a value that is not text is an evaluation error: ${ABORTS}`,
        info.node.span,
      );
    } else if (!(operator === "=" && value.text === "")) {
      const outcome = operator === "=" ? "never matches" : "always matches (where the property is present)";
      const reading = readAsJson(value.text);
      const not = reading === undefined || reading.kind === "null" ? "" : ` (not ${reading.what})`;
      ctx.reporter.report(
        "never-equal",
        "warning",
        `${path} is ${kind} but the value "${quoteText(value.text)}" is text${not}, and values are never converted, so "${operator}" ${outcome}`,
        info.node.span,
      );
    }
    return;
  }
  if ((ordering || wildcard) && infos.every((entry) => entry.kind === "string" || entry.kind === "datetime")) {
    if (!infos.every((entry) => entry.nullable)) return;
    const test = ordering ? `"${operator}"` : "a wildcard test";
    ctx.reporter.report(
      "nullable-error",
      "info",
      `${path} may be null (the schema does not require it); where it is null, ${test} is an evaluation error: ${ABORTS}`,
      info.node.span,
    );
  }
}
