/**
 * `createWebhookHandler` checks its routes when it is built: every error
 * names the route, and filters are linted as trigger filters (errors throw;
 * warnings go to `onWarning`, or throw with `lint: "strict"`; `lint: "off"`
 * opts out).
 */
import { describe, expect, test } from "vitest";
import { compile, createWebhookHandler, FilterSet, parse, WebhookRouteError, type WebhookRouteWarning } from "../../src/index";

const handler = (): void => undefined;
const build =
  (filter: unknown, extra: Record<string, unknown> = {}) =>
  () =>
    createWebhookHandler({ secret: "s", routes: [{ id: "approvals", filter, handler } as never], ...extra });

/** The error `fn` throws, checked to be a WebhookRouteError for `approvals`. */
function routeError(fn: () => unknown): WebhookRouteError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookRouteError);
    expect((error as WebhookRouteError).routeId).toBe("approvals");
    return error as WebhookRouteError;
  }
  throw new Error("expected a WebhookRouteError");
}

describe("every error about a route names it", () => {
  test("a syntax error", () => {
    const error = routeError(build("entity.new.name == x"));
    expect(error.message).toMatch(/^createWebhookHandler: route "approvals": error syntax at 1:18: /);
    expect(error.diagnostic?.code).toBe("syntax");
  });

  test("a syntax error with linting off, a missing handler, a duplicate id, an event-hub compiled filter", () => {
    expect(routeError(build("entity.new.name == x", { lint: "off" })).message).toMatch(
      /^createWebhookHandler: route "approvals": .+line 1, column 18/,
    );
    expect(routeError(() => createWebhookHandler({ secret: "s", routes: [{ id: "approvals", filter: "a=1" } as never] })).message).toBe(
      'createWebhookHandler: route "approvals": has no handler function',
    );
    const route = { id: "approvals", filter: 'entity.entity_type = "Task"', handler };
    expect(routeError(() => createWebhookHandler({ secret: "s", routes: [route, route] })).message).toMatch(/duplicate route id/);
    expect(routeError(build(compile("topic=ftrack.update", { dialect: "event-hub" }))).message).toMatch(/event-hub/);
  });
});

describe("routes are linted at construction", () => {
  test("against the site's schema when one is given; a malformed one is a TypeError", () => {
    const custom = "entity.entity_type = Task and entity.new.shot_length = 12";
    const site = [{ id: "Task", properties: { id: { type: "string" }, shot_length: { type: "string" } }, required: ["id"] }];
    expect(routeError(build(custom, { lint: "strict" })).diagnostic).toMatchObject({ code: "unknown-property" });
    expect(build(custom, { lint: "strict", schema: site })).not.toThrow();
    expect(build(custom, { schema: [{}] })).toThrow(/^createWebhookHandler: option schema: /);
  });

  // Was: a compiled filter was linted by its source, which for a tree no filter text can express is a
  // debug rendering (`"entity.new.my-field" = "x"`): a false syntax error for a route that works.
  test("a compiled hand-built tree is linted by its canonical form, or not at all when it has none", () => {
    const ast = parse('entity.entity_type = "Task"');
    if (ast.kind !== "condition") throw new Error("expected a condition");
    const inexpressible = { ...ast, field: { ...ast.field, segments: ["entity", "new", "my-field"] } };
    for (const filter of [inexpressible, compile(inexpressible)]) expect(build(filter)).not.toThrow();
    const nested = { ...ast, field: { ...ast.field, segments: ["entity", "new", "a", "b"] } };
    expect(routeError(build(compile(nested))).diagnostic).toMatchObject({ code: "unknown-field", severity: "error" });
  });

  test("a lint error throws, naming the route and the diagnostic: an event-hub expression as a trigger", () => {
    const error = routeError(build("topic=ftrack.update"));
    expect(error.message).toMatch(/^createWebhookHandler: route "approvals": error unknown-field at 1:1: "topic" is not a field/);
    expect(error.diagnostic).toMatchObject({ code: "unknown-field", severity: "error" });
  });

  test("warnings go to onWarning; lint: strict throws for them; lint: off checks nothing", () => {
    const never = 'entity.entity_type = "task" and entity.operation = "update"';
    const warnings: WebhookRouteWarning[] = [];
    createWebhookHandler({ secret: "s", routes: [{ id: "approvals", filter: never, handler }], onWarning: (w) => warnings.push(w) });
    expect(warnings.map((w) => [w.routeId, w.diagnostic.code])).toEqual([["approvals", "unknown-entity-type"]]);
    expect(warnings[0]?.message).toMatch(/^route "approvals": warning unknown-entity-type at 1:22: "task" is not an entity type/);
    const strict = routeError(build(never, { lint: "strict" }));
    expect(strict.message).toMatch(/warning unknown-entity-type at 1:22: .+\(lint: "strict" makes warnings errors\)$/);
    expect(() => build("topic=ftrack.update", { lint: "off" })()).not.toThrow();
  });

  test("infos pass, whatever the mode: ftrack's documented filter is accepted", () => {
    const documented =
      'entity.entity_type = "AssetVersion" and entity.operation = "update" and entity.new.status_id != entity.old.status_id';
    const warnings: unknown[] = [];
    expect(() => build(documented, { lint: "strict", onWarning: (w: unknown) => warnings.push(w) })()).not.toThrow();
    expect(warnings).toEqual([]);
  });

  test("filters given as ASTs, compiled filters and a FilterSet's entries are linted too", () => {
    expect(routeError(build(parse("metadata.user = x"))).diagnostic?.code).toBe("unknown-field");
    expect(routeError(build(compile("entity.operation = delete"))).diagnostic?.code).toBe("unknown-operation");
    const set = new FilterSet<() => void>();
    set.add("approvals", "entity.operation = delete", handler);
    expect(routeError(() => createWebhookHandler({ secret: "s", filterSet: set })).diagnostic?.code).toBe("unknown-operation");
  });

  test("bad lint options are a TypeError", () => {
    expect(build("entity.operation = create", { lint: "warn" })).toThrow(TypeError);
    expect(build("entity.operation = create", { onWarning: 1 })).toThrow(TypeError);
  });
});
