/**
 * The published test kit works for a real consumer: the built library
 * (dist/, made by `npm run build`, which `npm test` runs first) is packed
 * with `npm pack`, installed from the tarball into a new project without
 * network, and that project's own vitest run (ESM, CommonJS and setupFiles)
 * and type check use `ftrack-filter/vitest` and `ftrack-filter/testing`.
 *
 * vitest and TypeScript come from this repository (see ../package/tarball.ts).
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";
import { explain } from "../../src/compiler/explain";
import { STATUS_IDS, seededIds, statusChanged } from "../../src/testing/index";
import { childEnv as env, packAndInstall, root } from "../package/tarball";
import { DATE, FILES, SEED } from "./consumer-files";

const run = promisify(execFile);
const APPROVED = `entity.entity_type = "AssetVersion" and entity.operation = "update" and entity.new.status_id != entity.old.status_id and entity.new.status_id = "${STATUS_IDS.Approved}"`;

interface AssertionResult {
  readonly title: string;
  readonly status: string;
  readonly failureMessages: readonly string[];
}

let work = "";
let packed: readonly string[] = [];
let results = new Map<string, AssertionResult>();
let typeCheck = { code: 0, output: "" };

beforeAll(async () => {
  const installed = packAndInstall("pack", FILES);
  work = installed.work;
  const app = installed.app;
  packed = installed.files.map((file) => file.path);

  const report = join(work, "report.json");
  const vitest = run(process.execPath, [join(root, "node_modules/vitest/vitest.mjs"), "run", "--reporter=json", `--outputFile=${report}`], {
    cwd: app,
    env,
  }).catch((error: unknown) => error); // the failing assertions make vitest exit with 1
  // The main program, then the two documented ways to get the types without importing ftrack-filter/vitest.
  const tsc = (project: string) =>
    run(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", project], { cwd: app, env }).then(
      () => ({ code: 0, output: "" }),
      (error: { code?: number; stdout?: string }) => ({ code: error.code ?? -1, output: `${project}: ${error.stdout ?? String(error)}` }),
    );
  const [vitestOutcome, ...tscOutcomes] = await Promise.all([vitest, tsc("."), tsc("tsconfig.setup.json"), tsc("tsconfig.reference.json")]);
  typeCheck = {
    code: Math.max(...tscOutcomes.map((outcome) => outcome.code)),
    output: tscOutcomes.map((outcome) => outcome.output).join(""),
  };
  if (!existsSync(report)) throw new Error(`vitest wrote no report: ${String(vitestOutcome)}`);
  const json = JSON.parse(readFileSync(report, "utf8")) as { testResults: { message?: string; assertionResults: AssertionResult[] }[] };
  const fileErrors = json.testResults.map((file) => file.message ?? "").filter((message) => message !== "");
  if (fileErrors.length > 0) throw new Error(`a consumer test file failed to load: ${fileErrors.join("\n")}`);
  results = new Map(json.testResults.flatMap((file) => file.assertionResults).map((result) => [result.title, result]));
}, 120_000);

afterAll(() => {
  if (work !== "") rmSync(work, { recursive: true, force: true });
});

test("the tarball holds both subpaths, in ESM and CommonJS, with their type declarations", () => {
  for (const name of ["index", "testing", "vitest"]) {
    for (const extension of [".js", ".cjs", ".d.ts", ".d.cts"]) expect(packed).toContain(`dist/${name}${extension}`);
  }
});

test("vitest is neither bundled nor imported at run time", () => {
  for (const file of packed.filter((path) => /\.c?js$/.test(path))) {
    const text = readFileSync(join(root, file), "utf8");
    expect(text, file).not.toMatch(/from ["']vitest["']|require\(["']vitest["']\)|@vitest\/expect/);
  }
});

test("every consumer test ran", () => {
  const titles = [...results.keys()].sort();
  const expected = ["setup: the matcher is registered by setupFiles", "cjs: require() loads the CommonJS builds"];
  for (const name of ["esm", "cjs"]) {
    expected.push(`${name}: passing assertions pass`, `${name}: one copy of the library across entry points`);
    expected.push(`${name}: toMatchFilter fails`, `${name}: expectMatch fails`);
  }
  expect(titles).toEqual(expected.sort());
});

test.each(["esm", "cjs"])("%s: passing assertions pass, and one copy of the library serves every entry point", (name) => {
  for (const title of [`${name}: passing assertions pass`, `${name}: one copy of the library across entry points`]) {
    const result = results.get(title);
    expect(result?.failureMessages, title).toEqual([]);
    expect(result?.status, title).toBe("passed");
  }
});

test("require() loads the CommonJS builds, and setupFiles registers the matcher", () => {
  expect(results.get("cjs: require() loads the CommonJS builds")?.failureMessages).toEqual([]);
  expect(results.get("setup: the matcher is registered by setupFiles")?.failureMessages).toEqual([]);
});

test.each(["esm: toMatchFilter", "esm: expectMatch", "cjs: toMatchFilter", "cjs: expectMatch"])(
  "%s fails with the explanation tree in its message",
  (prefix) => {
    const result = results.get(`${prefix} fails`);
    expect(result?.status).toBe("failed");
    const message = result?.failureMessages.join("\n") ?? "";
    // The same event, rebuilt here from the same seed, explained by the source.
    const event = statusChanged("AssetVersion", "Approved", "Pending Review", { ids: seededIds(SEED), date: DATE });
    expect(message).toContain("expected the event to match the filter, but it does not");
    expect(message).toContain(`filter (trigger): ${APPROVED}`);
    // The kit names the default statuses in its trees.
    const names = Object.fromEntries(Object.entries(STATUS_IDS).map(([name, id]) => [id, name]));
    expect(message).toContain(explain(APPROVED, event, { names }).toString());
    if (prefix.endsWith("expectMatch")) expect(message).toMatch(/^AssertionError: /);
  },
);

test("the published types check for ESM and CommonJS consumers, and from tsconfig's types or a reference line", () => {
  expect(typeCheck.output).toBe("");
  expect(typeCheck.code).toBe(0);
});
