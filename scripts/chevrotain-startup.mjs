/**
 * Chevrotain as every bundle that holds it gets it (tsup's builds and the
 * playground's), as an esbuild plugin: built once per build into one
 * minified module, with start-up edits to its lexer and parser, and followed into
 * the output by its licence.
 *
 * Minified: V8 reads every byte of a module when it loads it, and
 * Chevrotain is about 240 KB of the library's 410 KB as written; minified
 * it is about 100 KB, which took about 1 ms off the import here. The
 * library's own code stays as written, so its stack traces and printed
 * objects keep their names; only Chevrotain's internal functions lose
 * theirs.
 *
 * The edits, each of a start-up cost measured here:
 * - Chevrotain's lexer fills a table of 65,536 entries, one per UTF-16
 *   code unit, when the first lexer is built: `new Array(65536)` is a slow
 *   dictionary-mode array, and the fill took about 2.7 ms of a cold start.
 *   Each entry is a formula of its index (itself below 256, else 255 +
 *   floor(index / 255)), and the lexer looks one up only for a character
 *   past 255. The edit computes the formula where the table was read and
 *   leaves the table empty; every lookup of a UTF-16 code unit gives the
 *   value it gave. (A code point past 0xFFFF, which only a pattern with the
 *   `u` flag can name, found no entry and now finds one; this grammar has
 *   no such pattern, and names the first characters of every token.)
 *   (Chevrotain's own source notes the table as a candidate for lazy
 *   initialisation.)
 * - At import, `applyMixins` copies some 200 methods of the parser's
 *   traits onto its prototype, one at a time. V8 keeps a prototype's
 *   properties in a layout of its own, which each addition copies whole:
 *   about 2.3 ms. The edit adds and deletes one property first, which
 *   turns the prototype into a dictionary, where an addition costs little
 *   (0.2 ms); V8 makes it fast again when it is used, about 1 ms of the
 *   first parse. Nothing of the property remains.
 * Each edit is textual: when Chevrotain's code no longer reads as
 * expected, the build fails rather than ship without it, and the edit must
 * be redone for the new version.
 *
 * The licence: Chevrotain and its @chevrotain packages are Apache-2.0,
 * which asks that a copy of the licence go with the code. Each build that
 * holds Chevrotain and writes to a folder writes THIRD-PARTY-LICENSES.txt
 * there, naming every package Chevrotain's bundle was built from, at its
 * version, and the licence text; a build without a folder (the
 * playground's page) takes the same text from `chevrotainNotice()`.
 */
import { readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

/** The project's root: where `chevrotain` resolves. */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

const LEXER = /[\\/]chevrotain[\\/]lib[\\/]src[\\/]scan[\\/]lexer\.js$/;
const MIXINS = /[\\/]chevrotain[\\/]lib[\\/]src[\\/]parse[\\/]parser[\\/]utils[\\/]apply_mixins\.js$/;

/** The edits, each in the file its path ends with. */
const EDITS = [
  {
    file: LEXER,
    what: "the table lookup",
    from: ": charCodeToOptimizedIdxMap[charCode];",
    to: ": 255 + ~~(charCode / 255);",
  },
  {
    file: LEXER,
    what: "the table fill",
    from: "if (charCodeToOptimizedIdxMap.length === 0) {",
    to: "if (false) {",
  },
  {
    file: MIXINS,
    what: "the mixins' prototype",
    from: "export function applyMixins(derivedCtor, baseCtors) {",
    to: "export function applyMixins(derivedCtor, baseCtors) {\n    derivedCtor.prototype.__dictionary = 0;\n    delete derivedCtor.prototype.__dictionary;",
  },
];

/** Where the edits go. */
const EDITED = [...new Set(EDITS.map((edit) => edit.file))];

/** The edits, as a plugin of the inner build. */
const editChevrotain = {
  name: "chevrotain-edits",
  setup(build) {
    build.onLoad({ filter: /[\\/]chevrotain[\\/]lib[\\/]src[\\/].*\.js$/ }, async (args) => {
      const edits = EDITS.filter((edit) => edit.file.test(args.path));
      if (edits.length === 0) return undefined;
      let contents = await readFile(args.path, "utf8");
      for (const edit of edits) {
        const parts = contents.split(edit.from);
        if (parts.length !== 2) {
          throw new Error(
            `chevrotain-startup: ${edit.what} (${JSON.stringify(edit.from)}) is not in ${args.path} exactly once; redo the edit for this version of Chevrotain`,
          );
        }
        contents = parts.join(edit.to);
      }
      return { contents, loader: "js" };
    });
  },
};

/** Chevrotain's builds, by target: the ESM and CommonJS builds (and the playground's notice) share one. */
const builds = new Map();

/** Chevrotain built into one minified ES module, once per target: its code, and the packages (name, version, folder) it holds. */
function buildChevrotain(target) {
  const key = JSON.stringify(target);
  let built = builds.get(key);
  if (built === undefined) {
    built = buildOnce(target);
    builds.set(key, built);
  }
  return built;
}

async function buildOnce(target) {
  const result = await esbuild.build({
    stdin: { contents: 'export * from "chevrotain";', resolveDir: ROOT, loader: "js" },
    absWorkingDir: ROOT,
    bundle: true,
    format: "esm",
    platform: "neutral",
    target,
    minify: true,
    write: false,
    metafile: true,
    logLevel: "silent",
    plugins: [editChevrotain],
  });
  const inputs = Object.keys(result.metafile.inputs);
  for (const file of EDITED) {
    if (!inputs.some((input) => file.test(input))) {
      throw new Error(
        `chevrotain-startup: the bundle of Chevrotain holds no file matching ${file} to edit; redo the edits for this version of Chevrotain`,
      );
    }
  }
  const folders = new Set();
  for (const input of inputs) {
    const match = /^(.*node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(input);
    if (match?.[1] !== undefined) folders.add(join(ROOT, match[1]));
  }
  const packages = [];
  for (const folder of [...folders].sort()) {
    const { name, version, license } = JSON.parse(await readFile(join(folder, "package.json"), "utf8"));
    packages.push({ name, version, license, folder });
  }
  return { code: result.outputFiles[0].text, packages };
}

/** The licence notice of the packages a bundle holds. */
async function notices(packages) {
  const licenceTexts = new Set();
  for (const { folder } of packages) licenceTexts.add((await readFile(join(folder, "LICENSE.txt"), "utf8")).trim());
  if (licenceTexts.size !== 1) throw new Error("chevrotain-startup: Chevrotain's packages carry different licences; list each one");
  const list = packages.map(({ name, version, license }) => `- ${name} ${version} (${license})`).join("\n");
  return `Bundled here: code from the following packages, each under the licence below.\n\n${list}\n\n${[...licenceTexts.keys()][0]}\n`;
}

/** The licence notice of the Chevrotain a build for `target` bundles, for a build that places it itself. */
export async function chevrotainNotice(target) {
  const { packages } = await buildChevrotain(target);
  return notices(packages);
}

/** The esbuild plugin. */
export const chevrotainStartup = {
  name: "chevrotain-startup",
  setup(build) {
    const target = build.initialOptions.target ?? "es2022";
    let chevrotain;
    build.onStart(() => {
      chevrotain = undefined;
    });
    build.onResolve({ filter: /^chevrotain$/ }, () => ({ path: "chevrotain", namespace: "chevrotain-bundled" }));
    build.onLoad({ filter: /.*/, namespace: "chevrotain-bundled" }, async () => {
      chevrotain = buildChevrotain(target);
      const { code } = await chevrotain;
      return { contents: code, loader: "js", resolveDir: ROOT };
    });
    build.onEnd(async (result) => {
      if (chevrotain === undefined || result.errors.length > 0) return;
      const { outdir, outfile } = build.initialOptions;
      const folder = outdir ?? (outfile === undefined ? undefined : dirname(outfile));
      if (folder === undefined) return;
      const { packages } = await chevrotain;
      await writeFile(join(folder, "THIRD-PARTY-LICENSES.txt"), await notices(packages));
    });
  },
};
