// The playground's tests: their own run (`npm run test:browser`), apart from
// the unit tests, since the browser ones need Chromium and build the page.
// *.node.ts test the page's logic in Node; *.browser.ts drive the page.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: new URL("..", import.meta.url).pathname,
    include: ["playground/test/**/*.node.ts", "playground/test/**/*.browser.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
