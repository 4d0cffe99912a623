/**
 * Drives the playground in Chromium: starts the browser and a server on
 * 127.0.0.1, opens the page with the network cut off (any request other
 * than the page itself is refused and recorded), and reads and edits the
 * page through its accessible names.
 */

import type { Server } from "node:http";
import { pathToFileURL } from "node:url";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { buildPlayground } from "../scripts/build.mjs";
import { servePage } from "../scripts/serve.mjs";
import { findChromium, missingChromium } from "./chromium.mjs";

export interface Harness {
  readonly browser: Browser;
  readonly server: Server;
  /** The page over http://127.0.0.1. */
  readonly httpUrl: string;
  /** The built file, opened from disk. */
  readonly fileUrl: string;
  /** The built page's size in bytes, plain and gzip-compressed. */
  readonly page: { readonly bytes: number; readonly gzip: number };
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const executablePath = findChromium();
  if (executablePath === undefined) throw new Error(missingChromium());
  const built = await buildPlayground({ quiet: true });
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"], headless: true });
  const { server, url } = (await servePage(built.path, 0)) as { server: Server; url: string };
  return {
    browser,
    server,
    httpUrl: url,
    fileUrl: pathToFileURL(built.path).href,
    page: { bytes: built.bytes, gzip: built.gzip },
    async close() {
      await browser.close();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

export interface OpenPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Requests refused because they left the page. */
  readonly refused: string[];
  /** Errors thrown in the page or logged to its console. */
  readonly errors: string[];
}

/** Opens `url` in a fresh context where only `allowedPrefix` is reachable. */
export async function open(
  harness: Harness,
  url: string,
  allowedPrefix: string,
  viewport = { width: 1280, height: 900 },
): Promise<OpenPage> {
  const context = await harness.browser.newContext({ viewport });
  if (allowedPrefix.startsWith("http")) {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(allowedPrefix).origin });
  }
  const refused: string[] = [];
  const errors: string[] = [];
  await context.route("**/*", (route) => {
    const requested = route.request().url();
    if (requested.startsWith(allowedPrefix)) return route.continue();
    refused.push(requested);
    return route.abort();
  });
  const page = await context.newPage();
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(url);
  await filterBox(page).waitFor();
  return { page, context, refused, errors };
}

export const filterBox = (page: Page): Locator => page.getByRole("textbox", { name: "Filter" });
export const eventBox = (page: Page): Locator => page.getByRole("textbox", { name: "Event" });
export const diagnostics = (page: Page): Locator => page.getByRole("region", { name: "Diagnostics" });
export const explanation = (page: Page): Locator => page.getByRole("region", { name: "Explanation" });
export const verdict = (page: Page): Locator => explanation(page).getByTestId("verdict");

/**
 * Replaces an editor's whole text by typing it key by key, or by pasting it
 * through the clipboard (pages over http only, where the clipboard is granted).
 */
export async function replaceText(page: Page, editor: Locator, text: string, how: "type" | "paste" = "type"): Promise<void> {
  if (how === "paste") await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  if (how === "type") await page.keyboard.type(text);
  else await page.keyboard.press("ControlOrMeta+v");
}

/** An editor's text, line by line as CodeMirror holds it. */
export async function editorText(editor: Locator): Promise<string> {
  return (await editor.locator(".cm-line").allTextContents()).join("\n");
}
