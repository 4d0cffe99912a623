// Finds the Chromium the browser tests drive: $CHROMIUM_PATH, or Debian's
// package (`apt-get install -y chromium`). Nothing downloads a browser.
//
//   node playground/test/chromium.mjs     exits 1 with what to do when none is found
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

/** The Chromium executable to use, or undefined when there is none. */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv !== undefined && fromEnv !== "") return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

/** What to tell the user when {@link findChromium} finds nothing. */
export function missingChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  const looked =
    fromEnv !== undefined && fromEnv !== "" ? `CHROMIUM_PATH=${fromEnv} does not exist` : `looked for ${CANDIDATES.join(" and ")}`;
  return (
    `No Chromium found for the browser tests (${looked}). Install Debian's package with ` +
    "`apt-get install -y chromium` (or run scripts/ci-browser.sh as root), or set CHROMIUM_PATH to a Chromium or Chrome executable."
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const found = findChromium();
  if (found === undefined) {
    console.error(missingChromium());
    process.exit(1);
  }
  console.log(`browser tests use ${found}`);
}
