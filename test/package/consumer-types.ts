/**
 * The type-checking consumers of the packed package: one source, which
 * reaches every entry point, compiled under each module resolution a
 * TypeScript user may have, with `strict` on, `skipLibCheck` off (so our
 * declarations are checked, not trusted) and `exactOptionalPropertyTypes`
 * off (TypeScript's default). Kept as text, so this repository's own tsc
 * never reads them.
 */

/**
 * The consumer's code. `vitest` brings `expect` and the matcher's types: an
 * ESM import, or vitest's globals where the file is CommonJS. Two consumers
 * go without: under node10, and a CommonJS file under node16, vitest's own
 * declarations do not load (node10 cannot resolve their imports, and under
 * node16 vitest's CommonJS declarations re-export its ESM ones, TS1479 in
 * vitest/index.d.cts), so no such project can use vitest's types, whatever
 * this package declares. Those consumers check the main entry and the test
 * kit; the vitest entry's resolution there is checked by attw (`npm run
 * check:package`), and the ESM file under node16 checks it fully.
 */
const consumer = (vitest: string) => `${vitest === "" ? "" : `${vitest}\nimport "ftrack-filter/vitest";`}
import { compile, explain, FilterSet, FilterSyntaxError, lint, parse, parseEntityEvent } from "ftrack-filter";
import type { CompiledFilter, Diagnostic, EntityEvent, Explanation, FilterAst } from "ftrack-filter";
import { STATUS_IDS, expectMatch, statusChanged, type SyntheticEntityEvent } from "ftrack-filter/testing";

const filter: CompiledFilter = compile(\`entity.new.status_id = "\${STATUS_IDS.Approved}"\`);
const ast: FilterAst = parse("entity.entity_type = Task");
const event: EntityEvent = parseEntityEvent('{"fez_id":"ftrack_entity_event_v1","entity":{"id":["1"],"entity_type":"Task","operation":"create"}}');
const optional: string | undefined = event.metadata?.configuration_hash;
const created: SyntheticEntityEvent = statusChanged("AssetVersion", "Pending Review", "Approved");
const routes = new FilterSet<string>();
routes.add("approved", filter, "notify the supervisor");
const diagnostics: Diagnostic[] = lint("entity.entity_type = task");
const why: Explanation = explain(filter, created);

export function typed(): unknown {
  expectMatch(filter, created);
  // @ts-expect-error: a filter is text, a compiled filter or an AST
  expectMatch(42, created);
${
  vitest === ""
    ? ""
    : `  expect(created).toMatchFilter(filter);
  expect(created).not.toMatchFilter(ast);
  // @ts-expect-error: a filter is text, a compiled filter or an AST
  expect(created).toMatchFilter(42);`
}
  try {
    parse("a=");
  } catch (error) {
    if (error instanceof FilterSyntaxError) return error.code;
  }
  return [routes.match(event), diagnostics, why, optional];
}
`;

const esm = consumer('import { expect } from "vitest";');
const plain = consumer("");
const cjs = consumer('/// <reference types="vitest/globals" />');

const options = { strict: true, skipLibCheck: false, noEmit: true, target: "es2022", types: ["node"] };

/** `moduleResolution` (with its `module`) and the files compiled under it. */
export const RESOLUTIONS = {
  node16: { module: "node16", files: { "node16/esm.mts": esm, "node16/cjs.cts": plain } },
  nodenext: { module: "nodenext", files: { "nodenext/esm.mts": esm, "nodenext/cjs.cts": cjs } },
  bundler: { module: "esnext", files: { "bundler/main.ts": esm } },
  node10: { module: "commonjs", files: { "node10/main.ts": plain } },
} as const;

/** Every file of the type-checking consumers: sources, and one tsconfig per resolution. */
export const TYPE_FILES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(RESOLUTIONS).flatMap(([resolution, { module, files }]) => [
    ...Object.entries(files),
    [
      `tsconfig.${resolution}.json`,
      JSON.stringify({ compilerOptions: { ...options, module, moduleResolution: resolution }, files: Object.keys(files) }, null, 2),
    ],
  ]),
);
