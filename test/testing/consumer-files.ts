/**
 * The files of the throwaway consumer project that the packing test builds
 * around the packed tarball: vitest tests in ESM, in CommonJS and through
 * `setupFiles`, each with passing and failing assertions, and two files
 * that only the type checker reads (ESM and CommonJS resolution).
 *
 * They are kept as text, not as files of this repository, so that this
 * repository's own vitest and tsc never pick them up.
 */

/** Every event the consumer builds is repeatable, so the test can rebuild it here. */
export const SEED = 1;
export const DATE = "2024-06-04T10:31:39.554000+00:00";

const header = (load: string) => `${load}
const APPROVED = \`entity.entity_type = "AssetVersion" and entity.operation = "update" and entity.new.status_id != entity.old.status_id and entity.new.status_id = "\${STATUS_IDS.Approved}"\`;
const rejected = () => statusChanged("AssetVersion", "Approved", "Pending Review", { ids: seededIds(${SEED}), date: "${DATE}" });
const approved = () => statusChanged("AssetVersion", "Pending Review", "Approved");
`;

/** The body shared by the ESM and CommonJS test files; `name` prefixes the test titles. */
const body = (name: string) => `
test("${name}: passing assertions pass", () => {
  expect(approved()).toMatchFilter(APPROVED);
  expect(updated("AssetVersion", { comment: "looks good" })).not.toMatchFilter(APPROVED);
  expect({ body: approved() }).toEqual({ body: expect.toMatchFilter(APPROVED) });
  expectMatch(APPROVED, approved());
  expectNoMatch(APPROVED, rejected());
});

test("${name}: one copy of the library across entry points", () => {
  expect(() => expectMatch("entity.entity_type =", approved())).toThrow(FilterSyntaxError);
});

test("${name}: toMatchFilter fails", () => {
  expect(rejected()).toMatchFilter(APPROVED);
});

test("${name}: expectMatch fails", () => {
  expectMatch(APPROVED, rejected());
});
`;

/** A strict nodenext project over `files`, with our declarations checked too (`skipLibCheck` off). */
function tsconfig(files: readonly string[], types: readonly string[] = []): string {
  const compilerOptions = {
    module: "nodenext",
    moduleResolution: "nodenext",
    target: "es2022",
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    types,
  };
  return JSON.stringify({ compilerOptions, files }, null, 2);
}

export const FILES: Readonly<Record<string, string>> = {
  "package.json": JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2),

  "vitest.config.mjs": `export default {
  test: {
    projects: [
      { test: { name: "import", include: ["esm.test.ts", "cjs.test.cjs"], globals: true } },
      { test: { name: "setup", include: ["setup.test.mjs"], setupFiles: ["ftrack-filter/vitest"] } },
    ],
  },
};
`,

  "esm.test.ts":
    header(`import { expect, test } from "vitest";
import "ftrack-filter/vitest";
import { FilterSyntaxError } from "ftrack-filter";
import { STATUS_IDS, expectMatch, expectNoMatch, seededIds, statusChanged, updated } from "ftrack-filter/testing";
`) + body("esm"),

  // vitest cannot be require()d: CommonJS tests take test and expect from its globals.
  "cjs.test.cjs":
    header(`const { FilterSyntaxError } = require("ftrack-filter");
const { STATUS_IDS, expectMatch, expectNoMatch, seededIds, statusChanged, updated } = require("ftrack-filter/testing");
require("ftrack-filter/vitest");
`) +
    body("cjs") +
    `
test("cjs: require() loads the CommonJS builds", () => {
  expect(require.resolve("ftrack-filter/vitest")).toMatch(/vitest\\.cjs$/);
  expect(require.resolve("ftrack-filter/testing")).toMatch(/testing\\.cjs$/);
});
`,

  // No import of ftrack-filter/vitest: the matcher comes from setupFiles.
  "setup.test.mjs": `import { expect, test } from "vitest";
import { STATUS_IDS, statusChanged } from "ftrack-filter/testing";

test("setup: the matcher is registered by setupFiles", () => {
  expect(statusChanged("AssetVersion", "Pending Review", "Approved")).toMatchFilter(\`entity.new.status_id = "\${STATUS_IDS.Approved}"\`);
  expect(statusChanged("AssetVersion", "Approved", "Pending Review")).not.toMatchFilter(\`entity.new.status_id = "\${STATUS_IDS.Approved}"\`);
});
`,

  "types.mts": `import { expect } from "vitest";
import "ftrack-filter/vitest";
import { compile } from "ftrack-filter";
import { statusChanged, type SyntheticEntityEvent } from "ftrack-filter/testing";

const event: SyntheticEntityEvent = statusChanged("AssetVersion", "Pending Review", "Approved");
export function typed(): void {
  expect(event).toMatchFilter("entity.entity_type = AssetVersion", { dialect: "trigger", strict: true });
  expect(event).toMatchFilter(compile("entity.entity_type = AssetVersion"));
  expect(event).not.toMatchFilter("entity.entity_type = Task");
  expect({ event }).toEqual({ event: expect.toMatchFilter("entity.operation = update") });
  // @ts-expect-error: a filter is text, a compiled filter or an AST
  expect(event).toMatchFilter(42);
  // @ts-expect-error: no such dialect
  expect(event).toMatchFilter("a=b", { dialect: "sql" });
}
`,

  "types.cts": `/// <reference types="vitest/globals" />
import testing = require("ftrack-filter/testing");
import "ftrack-filter/vitest";

const event: testing.SyntheticEntityEvent = testing.created("Task", { name: "layout" });
export function typed(): void {
  expect(event).toMatchFilter("entity.operation = create");
  testing.expectNoMatch("entity.operation = update", event, { strict: true });
  // @ts-expect-error: a filter is text, a compiled filter or an AST
  expect(event).toMatchFilter(42);
  // @ts-expect-error: no such option
  testing.expectMatch("a=b", event, { dialct: "trigger" });
}
`,

  // No import of ftrack-filter/vitest: the matcher's types come from tsconfig's "types" (and setupFiles at run time).
  "setup-types.mts": `import { expect } from "vitest";
import { statusChanged } from "ftrack-filter/testing";

export function typed(): void {
  expect(statusChanged("Task", "Pending Review", "Approved")).toMatchFilter("entity.operation = update", { lint: "errors" });
  expect({ event: 1 }).toEqual({ event: expect.toMatchFilter("entity.operation = update") });
  // @ts-expect-error: no such lint setting
  expect(1).toMatchFilter("a=b", { lint: "never" });
}
`,

  // The other documented form: one reference line in any file of the program.
  "reference-types.mts": `/// <reference types="ftrack-filter/vitest" />
import { expect } from "vitest";

export function typed(): void {
  expect({}).not.toMatchFilter("entity.operation = update", { names: { "44de097a-4164-11df-9218-0019bb4983d8": "Approved" } });
  // @ts-expect-error: a filter is text, a compiled filter or an AST
  expect({}).toMatchFilter(42);
}
`,

  "tsconfig.setup.json": tsconfig(["setup-types.mts"], ["ftrack-filter/vitest"]),
  "tsconfig.reference.json": tsconfig(["reference-types.mts"]),
  "tsconfig.json": tsconfig(["types.mts", "types.cts"]),
};
