/** subscriptionMatches: ftrack's published event-hub expressions against event-hub events (synthetic). */
import { describe, expect, test } from "vitest";
import { defaultFilterCache } from "../../src/compiler/cache";
import { subscriptionMatches } from "../../src/matcher/event-hub";
import { FilterSyntaxError } from "../../src/syntax/errors";
import { eventHubEvent } from "../../src/testing";

const update = eventHubEvent({
  topic: "ftrack.update",
  data: { entities: [{ entityType: "task", action: "update" }], eventType: "Shot" },
  source: { id: "s1", applicationId: "ftrack.client.web", user: { username: "jane", id: "u1" } },
});
const discover = eventHubEvent({
  topic: "ftrack.connect.application.discover",
  data: { application: { identifier: "maya-2024", version: "2024" } },
});

describe("subscriptionMatches", () => {
  test("ftrack's published expressions", () => {
    expect(subscriptionMatches("topic=ftrack.update", update)).toBe(true);
    expect(subscriptionMatches("topic=ftrack.*", update)).toBe(true);
    expect(subscriptionMatches("topic=ftrack.location.component-added and data.locationId=london", update)).toBe(false);
    expect(subscriptionMatches("topic=foo and data.eventType=Shot", update)).toBe(false);
    expect(subscriptionMatches("topic=ftrack.update and data.eventType=Shot", update)).toBe(true);
    expect(subscriptionMatches('topic="ftrack.update" and source.user.username="jane"', update)).toBe(true);
    expect(subscriptionMatches('source.user.username="john"', update)).toBe(false);
    const maya = "topic=ftrack.connect.application.discover and data.application.identifier=maya* and data.application.version >= 2021";
    expect(subscriptionMatches(maya, discover)).toBe(true);
    expect(subscriptionMatches(maya, { ...discover, data: { application: { identifier: "maya", version: "2019" } } })).toBe(false);
  });

  test("the event-hub dialect: a bare entity.x on the right is a literal", () => {
    expect(subscriptionMatches("data.x = entity.old.status_id", { data: { x: "entity.old.status_id" } })).toBe(true);
    expect(subscriptionMatches("data.x = entity.old.status_id", { data: { x: "s" }, entity: { old: { status_id: "s" } } })).toBe(false);
  });

  test("evaluation errors mean no match; bad expressions throw", () => {
    expect(subscriptionMatches("topic=ftrack.update or data.n > 1", { topic: "ftrack.update", data: { n: 5 } })).toBe(false);
    expect(() => subscriptionMatches("topic=", update)).toThrow(FilterSyntaxError);
  });

  test("compiles through the shared cache, apart from trigger filters of the same text", () => {
    defaultFilterCache.clear();
    subscriptionMatches("topic=ftrack.update", update);
    subscriptionMatches("topic=ftrack.update", update);
    expect(defaultFilterCache.size).toBe(1);
    expect(defaultFilterCache.compile("topic=ftrack.update", { dialect: "event-hub" }).dialect).toBe("event-hub");
    expect(defaultFilterCache.size).toBe(1);
  });
});
