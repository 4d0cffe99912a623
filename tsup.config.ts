import { defineConfig } from "tsup";

// Chevrotain is bundled: importing the unbundled package costs ~250 ms of
// start-up, which matters for the CLI and for serverless webhook handlers.
export default defineConfig({
  entry: { index: "src/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: false,
  target: "node20",
  platform: "neutral",
  noExternal: ["chevrotain"],
  treeshake: true,
  splitting: false,
});
