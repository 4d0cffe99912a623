/**
 * The playground in a real browser: typing, diagnostics and suggestions,
 * the dialect switch, events and their explanation, links, formatting, and
 * the page from disk with no network. Run by `npm run test:browser`.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GZIP_BUDGET } from "../scripts/build.mjs";
import { diagnostics, editorText, eventBox, explanation, filterBox, type Harness, open, replaceText, startHarness, verdict } from "./page";

const ARTIFACTS = new URL("../artifacts/", import.meta.url);
const eventFile = (name: string): string => readFileSync(new URL(`../../examples/events/${name}.json`, import.meta.url), "utf8");

const APPROVED_FILTER =
  'entity.entity_type = "AssetVersion" and entity.operation = "update" and entity.new.status_id != entity.old.status_id';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

describe("the playground", () => {
  test("the page is one file within its size budget", () => {
    expect(harness.page.gzip).toBeLessThanOrEqual(GZIP_BUDGET);
    const html = readFileSync(new URL(harness.fileUrl), "utf8");
    // Nothing loaded from elsewhere: no external script, style sheet or font.
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|@import|url\((?!["']?data:)/i);
  });

  test("opens from disk with no network and explains ftrack's published Task payload", async () => {
    const { page, context, refused, errors } = await open(harness, harness.fileUrl, "file://");
    expect(await editorText(eventBox(page))).toContain('"fez_id": "ftrack_entity_event_v1"');
    await expect.poll(() => verdict(page).textContent()).toBe("Match");
    const tree = explanation(page);
    expect(await tree.textContent()).toContain('entity.entity_type is "Task"');
    // The preloaded filter is ftrack's documented status-change filter, which lints clean.
    expect(await diagnostics(page).textContent()).toContain("No problems");
    expect(refused).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  test("a broken filter gets its syntax diagnostic, underlined, and no result", async () => {
    const { page, context } = await open(harness, harness.httpUrl, harness.httpUrl);
    await replaceText(page, filterBox(page), "entity.entity_type = Task and");
    const list = diagnostics(page);
    await expect.poll(() => list.textContent()).toContain("syntax");
    expect(await list.textContent()).toContain("the end of the filter");
    expect(await filterBox(page).locator(".cm-lintRange-error, .cm-lintPoint-error").count()).toBeGreaterThan(0);
    expect(await verdict(page).textContent()).toBe("No result");
    expect(await page.getByRole("button", { name: "Format" }).isDisabled()).toBe(true);
    await context.close();
  });

  test("a suggestion is applied with one click", async () => {
    const { page, context } = await open(harness, harness.httpUrl, harness.httpUrl);
    await replaceText(page, filterBox(page), 'entity.entity_type = "task"');
    const apply = diagnostics(page).getByRole("button", { name: 'Replace with "Task"' });
    await apply.click();
    expect(await editorText(filterBox(page))).toBe('entity.entity_type = "Task"');
    await expect.poll(() => diagnostics(page).textContent()).not.toContain("unknown-entity-type");
    await expect.poll(() => verdict(page).textContent()).toBe("Match");

    // The same fix from the underline's tooltip.
    await replaceText(page, filterBox(page), 'entity.entity_type = "task"');
    await filterBox(page).locator(".cm-lintRange-warning").hover();
    await page.locator(".cm-tooltip-lint").getByRole("button", { name: "Apply" }).click();
    await expect.poll(() => editorText(filterBox(page))).toBe('entity.entity_type = "Task"');
    await context.close();
  });

  test("the dialect switch changes the rules and the reading", async () => {
    const { page, context } = await open(harness, harness.httpUrl, harness.httpUrl);
    await replaceText(page, filterBox(page), "entity.operation = delete");
    const list = diagnostics(page);
    await expect.poll(() => list.textContent()).toContain("unknown-operation");
    await page.getByLabel("Dialect").selectOption("event-hub");
    await expect.poll(() => list.textContent()).toContain("No problems found.");
    await replaceText(page, filterBox(page), "topic=ftrack.update");
    await replaceText(page, eventBox(page), JSON.stringify({ topic: "ftrack.update", data: {} }), "paste");
    await expect.poll(() => verdict(page).textContent()).toBe("Match");
    await page.getByLabel("Dialect").selectOption("trigger");
    await expect.poll(() => list.textContent()).toContain("unknown-field");
    expect(await explanation(page).textContent()).toContain("not a valid event");
    await context.close();
  });

  test("pasting events flips the result, and the failing condition is marked in the filter", async () => {
    const { page, context } = await open(harness, harness.httpUrl, harness.httpUrl);
    await replaceText(page, filterBox(page), APPROVED_FILTER, "paste");
    await replaceText(page, eventBox(page), eventFile("synthetic-assetversion-approved"), "paste");
    await expect.poll(() => verdict(page).textContent()).toBe("Match");
    expect(await filterBox(page).locator(".cm-failing").count()).toBe(0);
    await replaceText(page, eventBox(page), eventFile("synthetic-assetversion-comment"), "paste");
    await expect.poll(() => verdict(page).textContent()).toBe("No match");
    // Screen readers hear the verdict change, from a live region that outlives the redraws.
    expect(await page.locator("#verdict-live").textContent()).toBe("No match");
    // The mark may be split by the highlighting's spans; together they are the one failing condition.
    const marked = await filterBox(page).locator(".cm-failing").allTextContents();
    expect(marked.join("")).toBe("entity.new.status_id != entity.old.status_id");
    expect(await explanation(page).textContent()).toContain('entity.new.status_id is "44de097a-4164-11df-9218-0019bb4983d8"');
    await context.close();
  });

  test("invalid JSON and an invalid event are reported clearly", async () => {
    const { page, context } = await open(harness, harness.httpUrl, harness.httpUrl);
    await replaceText(page, eventBox(page), '{"fez_id": ', "paste");
    const alert = explanation(page).getByRole("alert");
    await expect.poll(() => alert.textContent()).toContain("The event is not valid JSON");
    const broken = eventBox(page).locator(".cm-lintRange-error, .cm-lintPoint-error");
    await expect.poll(() => broken.count()).toBeGreaterThan(0);
    await replaceText(page, eventBox(page), '{"fez_id": "ftrack_entity_event_v1", "entity": {}}', "paste");
    await expect.poll(() => alert.textContent()).toContain("The event is not a valid event");
    expect(await alert.textContent()).toContain("$.entity.id");
    await context.close();
  });

  test("the example menu loads events, switching dialect when the event needs it", async () => {
    const { page, context } = await open(harness, harness.httpUrl, harness.httpUrl);
    const menu = page.getByLabel("Example event");
    await menu.selectOption("task-create");
    await expect.poll(() => editorText(eventBox(page))).toContain('"operation": "create"');
    await expect.poll(() => verdict(page).textContent()).toBe("No match");
    await menu.selectOption("hub-update");
    await expect.poll(() => page.getByLabel("Dialect").inputValue()).toBe("event-hub");
    expect(await editorText(filterBox(page))).toBe("topic=ftrack.update and source.user.username=jane.doe");
    await expect.poll(() => verdict(page).textContent()).toBe("Match");
    await context.close();
  });

  test("Format prints the canonical form", async () => {
    const { page, context } = await open(harness, harness.httpUrl, harness.httpUrl);
    await replaceText(page, filterBox(page), "ENTITY.entity_type=Task AND (entity.operation=create OR entity.operation=update)");
    await page.getByRole("button", { name: "Format" }).click();
    await expect
      .poll(() => editorText(filterBox(page)))
      .toBe('ENTITY.entity_type = "Task" and (entity.operation = "create" or entity.operation = "update")');
    await context.close();
  });

  test("a copied link reproduces filter, dialect and event", async () => {
    const first = await open(harness, harness.httpUrl, harness.httpUrl);
    const page = first.page;
    await page.getByLabel("Dialect").selectOption("event-hub");
    await replaceText(page, filterBox(page), "topic=ftrack.* and source.user.username != john");
    await replaceText(page, eventBox(page), '{"topic": "ftrack.update", "source": {"user": {"username": "jane & co #1"}}}', "paste");
    await expect.poll(() => verdict(page).textContent()).toBe("Match");
    await page.getByRole("button", { name: "Copy link" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toBe("Link copied.");
    const link = await page.getByLabel("Link").inputValue();
    expect(link.startsWith(`${harness.httpUrl}#`)).toBe(true);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await first.context.close();

    const second = await open(harness, link, harness.httpUrl);
    const again = second.page;
    expect(await again.getByLabel("Dialect").inputValue()).toBe("event-hub");
    expect(await editorText(filterBox(again))).toBe("topic=ftrack.* and source.user.username != john");
    expect(JSON.parse(await editorText(eventBox(again)))).toEqual({
      topic: "ftrack.update",
      source: { user: { username: "jane & co #1" } },
    });
    await expect.poll(() => verdict(again).textContent()).toBe("Match");

    // A link followed in the same tab changes only the fragment: the page takes it in.
    await again.evaluate(() => {
      location.hash = "#dialect=event-hub&filter=topic%3Dftrack.action.launch";
    });
    await expect.poll(() => editorText(filterBox(again))).toBe("topic=ftrack.action.launch");
    await expect.poll(() => verdict(again).textContent()).toBe("No match");
    await second.context.close();
  });

  test("works from the keyboard with visible focus, and fits 360 px", async () => {
    const { page, context } = await open(harness, harness.fileUrl, "file://", { width: 360, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // Tab walks the controls in reading order; each shows a focus ring (an editor
    // shows it on its box, around the focused text area).
    const reached: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press("Tab");
      reached.push(
        await page.evaluate(() => {
          const focused = document.activeElement as HTMLElement;
          const ring = getComputedStyle(focused.closest(".editor") ?? focused).outlineStyle;
          return `${focused.getAttribute("aria-label") ?? focused.id}:${ring}`;
        }),
      );
    }
    expect(reached).toEqual(["dialect:solid", "format:solid", "Filter:solid", "example:solid", "Event:solid", "copy-link:solid"]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: new URL("playground-360.png", ARTIFACTS).pathname, fullPage: true });
    await context.close();
  });

  test("saves a screenshot of the page explaining a no match", async () => {
    const { page, context } = await open(harness, harness.httpUrl, harness.httpUrl, { width: 1280, height: 1000 });
    await page.getByLabel("Example event").selectOption("assetversion-comment");
    await replaceText(
      page,
      filterBox(page),
      `${APPROVED_FILTER} and entity.new.status_id = "44de097a-4164-11df-9218-0019bb4983d8"`,
      "paste",
    );
    await expect.poll(() => verdict(page).textContent()).toBe("No match");
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    mkdirSync(ARTIFACTS, { recursive: true });
    const path = new URL("playground.png", ARTIFACTS).pathname;
    await page.screenshot({ path, fullPage: true });
    expect(readFileSync(path).subarray(1, 4).toString()).toBe("PNG");
    await context.close();
  });
});
