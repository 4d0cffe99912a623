// The browser tests: their own run (`npm run test:browser`), apart from the
// unit tests, since they need Chromium and build the page first.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: new URL("..", import.meta.url).pathname,
    include: ["playground/test/**/*.browser.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
