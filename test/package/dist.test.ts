/**
 * The built package (dist/, made by `npm run build`, which `npm test` runs
 * first) loads through both `import` and `require`, in a fresh Node process,
 * by its package name.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const FILTER = "entity.entity_type = AssetVersion and entity.new.status_id != entity.old.status_id";

function node(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: root, encoding: "utf8" });
}

test("dist has been built", () => {
  for (const file of ["index.js", "index.cjs", "index.d.ts", "index.d.cts"]) {
    expect(existsSync(`${root}dist/${file}`), file).toBe(true);
  }
});

test("import() of the package gives the ESM build", () => {
  const out = node([
    "--input-type=module",
    "-e",
    `import { format, parse, FilterSyntaxError } from "ftrack-filter";
     let code;
     try { parse("a="); } catch (e) { code = e instanceof FilterSyntaxError && e.code; }
     console.log(JSON.stringify([format(${JSON.stringify(FILTER)}), code]));`,
  ]);
  expect(JSON.parse(out)).toEqual([
    'entity.entity_type = "AssetVersion" and entity.new.status_id != entity.old.status_id',
    "unexpected-end",
  ]);
});

test("require() of the package gives the CommonJS build", () => {
  const out = node([
    "-e",
    `const { format, parse, FilterSyntaxError } = require("ftrack-filter");
     let code;
     try { parse("a="); } catch (e) { code = e instanceof FilterSyntaxError && e.code; }
     console.log(JSON.stringify([format(${JSON.stringify(FILTER)}), code, require.resolve("ftrack-filter")]));`,
  ]);
  const [formatted, code, resolved] = JSON.parse(out) as [string, string, string];
  expect(formatted).toBe('entity.entity_type = "AssetVersion" and entity.new.status_id != entity.old.status_id');
  expect(code).toBe("unexpected-end");
  expect(resolved).toMatch(/dist[\\/]index\.cjs$/);
});

test("the bundles carry Chevrotain inside: no runtime dependency", () => {
  const out = node([
    "-e",
    `const fs = require("fs");
     const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));
     const files = fs.readdirSync("dist").filter((f) => /\\.c?js$/.test(f));
     const importers = files.filter((f) => /from ?["']chevrotain["']|require\\(["']chevrotain["']\\)/.test(fs.readFileSync("dist/" + f, "utf8")));
     console.log(JSON.stringify([pkg.dependencies ?? {}, files.length > 0, importers]));`,
  ]);
  expect(JSON.parse(out)).toEqual([{}, true, []]);
});
