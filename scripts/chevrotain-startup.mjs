/**
 * Build-time edits to Chevrotain for start-up time, as an esbuild plugin
 * for every bundle that holds Chevrotain (tsup's builds and the
 * playground's).
 *
 * Chevrotain's lexer fills a table of 65,536 entries, one per UTF-16 code
 * unit, when the first lexer is built: `new Array(65536)` is a slow
 * dictionary-mode array, and the fill took about 2.7 ms of a cold start
 * here. Each entry is a formula of its index (itself below 256, else
 * 255 + floor(index / 255)), and the lexer looks one up only for a
 * character past 255. The edit computes the formula where the table was
 * read and leaves the table empty; every lookup gives the value it gave.
 * (Chevrotain's own source notes the table as a candidate for lazy
 * initialisation.)
 *
 * The edit is textual: when Chevrotain's code no longer reads as expected,
 * the build fails rather than ship without it, and the edit must be
 * redone for the new version.
 */
import { readFile } from "node:fs/promises";

const EDITS = [
  {
    what: "the table lookup",
    from: ": charCodeToOptimizedIdxMap[charCode];",
    to: ": 255 + ~~(charCode / 255);",
  },
  {
    what: "the table fill",
    from: "if (charCodeToOptimizedIdxMap.length === 0) {",
    to: "if (false) {",
  },
];

/** The esbuild plugin. */
export const chevrotainStartup = {
  name: "chevrotain-startup",
  setup(build) {
    // A build that imports Chevrotain must have loaded, and edited, its lexer.
    let imported = false;
    let edited = false;
    build.onStart(() => {
      imported = false;
      edited = false;
    });
    build.onResolve({ filter: /^chevrotain$/ }, () => {
      imported = true;
      return undefined;
    });
    build.onEnd((result) => {
      if (imported && !edited && result.errors.length === 0) {
        throw new Error(
          "chevrotain-startup: the build imports Chevrotain but never loaded its scan/lexer.js to edit it; redo the edit for this version of Chevrotain",
        );
      }
    });
    build.onLoad({ filter: /[\\/]chevrotain[\\/]lib[\\/]src[\\/]scan[\\/]lexer\.js$/ }, async (args) => {
      let contents = await readFile(args.path, "utf8");
      for (const edit of EDITS) {
        const parts = contents.split(edit.from);
        if (parts.length !== 2) {
          throw new Error(
            `chevrotain-startup: ${edit.what} (${JSON.stringify(edit.from)}) is not in ${args.path} exactly once; redo the edit for this version of Chevrotain`,
          );
        }
        contents = parts.join(edit.to);
      }
      edited = true;
      return { contents, loader: "js" };
    });
  },
};
