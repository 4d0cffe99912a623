/**
 * ftrack-filter: parse, lint, format, explain and evaluate ftrack's filter
 * expressions exactly as ftrack does.
 */

export type { FilterCacheOptions, MatchOptions } from "./compiler/cache";
export { DEFAULT_CACHE_LENGTH, DEFAULT_CACHE_SIZE, defaultFilterCache, FilterCache, matches } from "./compiler/cache";
export type { CompiledFilter, CompileOptions } from "./compiler/compile";
export { compile } from "./compiler/compile";
export type { EvaluationErrorCode, FilterEvaluationErrorData } from "./compiler/errors";
export { FilterEvaluationError } from "./compiler/errors";
export type {
  ExplainCondition,
  ExplainError,
  ExplainGroup,
  ExplainLiteral,
  ExplainNode,
  ExplainNot,
  ExplainOptions,
  ExplainResult,
  ExplainSide,
  Explanation,
} from "./compiler/explain";
export { explain } from "./compiler/explain";
export type { JsonValue } from "./compiler/json-safe";
export type { RenderOptions } from "./compiler/render";
export { renderExplanation } from "./compiler/render";
export type { Diagnostic, DiagnosticSpan, Severity, Suggestion } from "./lint/diagnostic";
export type { LintOptions } from "./lint/lint";
export { lint } from "./lint/lint";
export type { RuleCode, RuleInfo, RuleProblem, RuleSetting, RuleSettings } from "./lint/rule-list";
export { isRuleCode, lintRules, validateRules } from "./lint/rule-list";
export type { PropertyInfo, PropertyKind } from "./lint/schema";
export { builtInSchema, FtrackSchema, loadSchema } from "./lint/schema";
export type {
  EntityEvent,
  EntityEventEntity,
  EntityEventMetadata,
  EventProblem,
  EventValidationCode,
  JsonObject,
  ParseEntityEventOptions,
} from "./matcher/event";
export {
  DEFAULT_MAX_EVENT_BYTES,
  ENTITY_EVENT_FEZ_ID,
  EventValidationError,
  MAX_ENTITY_IDS,
  MAX_EVENT_PROBLEMS,
  parseEntityEvent,
} from "./matcher/event";
export type { EventHubEvent } from "./matcher/event-hub";
export { subscriptionMatches } from "./matcher/event-hub";
export type { FilterSetEntry, FilterSetOptions, FilterSetValueArgs } from "./matcher/filter-set";
export { FilterSet } from "./matcher/filter-set";
export type { FetchHandler, NodeRequestLike, NodeResponseLike } from "./matcher/node-listener";
export { toNodeListener } from "./matcher/node-listener";
export type { WebhookLintMode, WebhookRouteWarning } from "./matcher/route-lint";
export { WebhookRouteError } from "./matcher/route-lint";
export type { HeadersInput, VerifySecretOptions } from "./matcher/secret";
export { DEFAULT_SECRET_HEADER, verifyWebhookSecret } from "./matcher/secret";
export type {
  WebhookErrorContext,
  WebhookHandlerOptions,
  WebhookRoute,
  WebhookRouteContext,
  WebhookRouteHandler,
} from "./matcher/webhook";
export { createWebhookHandler } from "./matcher/webhook";
export type {
  AndNode,
  ConditionNode,
  Dialect,
  FieldPath,
  FieldReference,
  FilterAst,
  LiteralValue,
  NotNode,
  Operator,
  OrNode,
  Span,
  Value,
} from "./syntax/ast";
export type { LineColumn, SyntaxErrorCode } from "./syntax/errors";
export { FilterSyntaxError, lineColumn, renderExcerpt } from "./syntax/errors";
export type { FormatOptions } from "./syntax/format";
export { format } from "./syntax/format";
export type { ParseAllResult, ParseOptions } from "./syntax/parser";
export { DEFAULT_LIMITS, parse, parseAll } from "./syntax/parser";
