/**
 * ftrack-filter: parse, lint, format, explain and evaluate ftrack's filter
 * expressions exactly as ftrack does.
 */
export { parse, parseAll, DEFAULT_LIMITS } from "./syntax/parser";
export type { ParseOptions, ParseAllResult } from "./syntax/parser";
export { format } from "./syntax/format";
export type { FormatOptions } from "./syntax/format";
export { FilterSyntaxError, lineColumn, renderExcerpt } from "./syntax/errors";
export type { SyntaxErrorCode, LineColumn } from "./syntax/errors";
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
export { lint } from "./lint/lint";
export type { LintOptions } from "./lint/lint";
export type { Diagnostic, DiagnosticSpan, Severity, Suggestion } from "./lint/diagnostic";
export { isRuleCode, lintRules, validateRules } from "./lint/rule-list";
export type { RuleCode, RuleInfo, RuleProblem, RuleSetting, RuleSettings } from "./lint/rule-list";
export { FtrackSchema, builtInSchema, loadSchema } from "./lint/schema";
export type { PropertyInfo, PropertyKind } from "./lint/schema";
export { compile } from "./compiler/compile";
export type { CompiledFilter, CompileOptions } from "./compiler/compile";
export { explain } from "./compiler/explain";
export type {
  Explanation,
  ExplainCondition,
  ExplainError,
  ExplainGroup,
  ExplainLiteral,
  ExplainNode,
  ExplainNot,
  ExplainOptions,
  ExplainResult,
  ExplainSide,
} from "./compiler/explain";
export { renderExplanation } from "./compiler/render";
export type { RenderOptions } from "./compiler/render";
export { DEFAULT_CACHE_LENGTH, DEFAULT_CACHE_SIZE, FilterCache, defaultFilterCache, matches } from "./compiler/cache";
export type { FilterCacheOptions, MatchOptions } from "./compiler/cache";
export { FilterEvaluationError } from "./compiler/errors";
export type { EvaluationErrorCode, FilterEvaluationErrorData } from "./compiler/errors";
export type { JsonValue } from "./compiler/json-safe";
export {
  DEFAULT_MAX_EVENT_BYTES,
  ENTITY_EVENT_FEZ_ID,
  EventValidationError,
  MAX_ENTITY_IDS,
  MAX_EVENT_PROBLEMS,
  parseEntityEvent,
} from "./matcher/event";
export type {
  EntityEvent,
  EntityEventEntity,
  EntityEventMetadata,
  EventProblem,
  EventValidationCode,
  JsonObject,
  ParseEntityEventOptions,
} from "./matcher/event";
export { FilterSet } from "./matcher/filter-set";
export type { FilterSetEntry, FilterSetOptions, FilterSetValueArgs } from "./matcher/filter-set";
export { DEFAULT_SECRET_HEADER, verifyWebhookSecret } from "./matcher/secret";
export type { HeadersInput, VerifySecretOptions } from "./matcher/secret";
export { createWebhookHandler } from "./matcher/webhook";
export { WebhookRouteError } from "./matcher/route-lint";
export type { WebhookLintMode, WebhookRouteWarning } from "./matcher/route-lint";
export type {
  WebhookErrorContext,
  WebhookHandlerOptions,
  WebhookRoute,
  WebhookRouteContext,
  WebhookRouteHandler,
} from "./matcher/webhook";
export { toNodeListener } from "./matcher/node-listener";
export type { FetchHandler, NodeRequestLike, NodeResponseLike } from "./matcher/node-listener";
export { subscriptionMatches } from "./matcher/event-hub";
export type { EventHubEvent } from "./matcher/event-hub";
