// Builds the playground into one self-contained HTML file: the bundled
// script and the styles inlined, nothing fetched at run time, so the file
// works from disk and from any static host.
//
//   node playground/scripts/build.mjs      writes playground/dist/index.html and prints its size

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { chevrotainNotice, chevrotainStartup } from "../../scripts/chevrotain-startup.mjs";

const here = dirname(fileURLToPath(import.meta.url));
export const PLAYGROUND = resolve(here, "..");
const ROOT = resolve(PLAYGROUND, "..");
const LIBRARY = join(ROOT, "src");
const PUBLIC_ENTRY = join(LIBRARY, "index.ts");
export const OUTPUT = join(PLAYGROUND, "dist", "index.html");

/**
 * The playground may use the library only as users do: through src/index.ts.
 * A direct import of any other library module fails the build.
 */
const publicApiOnly = {
  name: "public-api-only",
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (!args.importer.startsWith(`${PLAYGROUND}/`)) return undefined;
      const target = resolve(args.resolveDir, args.path);
      const inLibrary = target.startsWith(`${LIBRARY}/`);
      if (inLibrary && target.replace(/\.ts$/, "") !== PUBLIC_ENTRY.replace(/\.ts$/, "")) {
        return { errors: [{ text: `${relative(ROOT, args.importer)} imports ${args.path}: use the public API (src/index.ts)` }] };
      }
      return undefined;
    });
  },
};

/** The browsers the page is built for. */
const TARGET = ["es2022"];

/** Builds the page; returns its path and its sizes in bytes. */
export async function buildPlayground({ quiet = false } = {}) {
  const result = await build({
    entryPoints: [join(PLAYGROUND, "src", "main.ts")],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: TARGET,
    minify: true,
    legalComments: "none",
    write: false,
    logLevel: quiet ? "silent" : "warning",
    plugins: [publicApiOnly, chevrotainStartup],
  });
  const script = result.outputFiles[0].text.replaceAll("</script", "<\\/script");
  const styles = readFileSync(join(PLAYGROUND, "src", "styles.css"), "utf8").replaceAll("</style", "<\\/style");
  const template = readFileSync(join(PLAYGROUND, "index.html"), "utf8");
  // Functions as replacements, so "$&" and friends in the code stay literal.
  // The page bundles Chevrotain, whose licence asks to go with it: as a comment at the top of the page.
  const notice = await chevrotainNotice(TARGET);
  if (notice.includes("--")) throw new Error("the licence notice cannot stand in an HTML comment");
  const html = template
    .replace("<!doctype html>", () => `<!doctype html>\n<!--\n${notice}-->`)
    .replace("/*STYLES*/", () => styles)
    .replace("/*SCRIPT*/", () => script);
  mkdirSync(dirname(OUTPUT), { recursive: true });
  writeFileSync(OUTPUT, html);
  const sizes = { bytes: Buffer.byteLength(html), gzip: gzipSync(html, { level: 9 }).length };
  return { path: OUTPUT, ...sizes };
}

/** The page's budget: the whole page, gzip-compressed. */
export const GZIP_BUDGET = 400 * 1024;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const built = await buildPlayground();
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`${relative(process.cwd(), built.path)}: ${kb(built.bytes)}, ${kb(built.gzip)} gzip (budget ${kb(GZIP_BUDGET)})`);
  if (built.gzip > GZIP_BUDGET) {
    console.error("the page is over its size budget");
    process.exit(1);
  }
}
