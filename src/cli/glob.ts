/**
 * File name patterns for shells that did not expand them (a quoted
 * `'filters/*.txt'`, or Windows' cmd): `*` matches any characters of one
 * name but `/`, `?` one character, `**` any number of directories (zero
 * included). Names starting with `.` match only a pattern that starts with
 * `.`, as in a shell. Matches come back sorted; a path that exists as given
 * is never treated as a pattern.
 */
import { join, readdir, stat } from "./node";

/** Whether `path` holds a pattern character. */
export function isPattern(path: string): boolean {
  return /[*?]/.test(path);
}

/** A regular expression for one name segment of a pattern. */
function segmentRegExp(segment: string): RegExp {
  let source = "";
  for (const c of segment) {
    if (c === "*") source += "[^/]*";
    else if (c === "?") source += "[^/]";
    else source += c.replace(/[\\^$.|+(){}[\]]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function entries(dir: string): Promise<{ name: string; isDirectory: boolean }[]> {
  try {
    const found = await readdir(dir === "" ? "." : dir, { withFileTypes: true });
    return found.map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory() }));
  } catch {
    return [];
  }
}

/**
 * The files matching `pattern` (forward slashes separate names; a leading
 * `/` is absolute), sorted; empty when none does. Paths that exist as
 * given are returned as they are. Cost: one directory read per directory
 * the pattern can reach; `**` walks the whole tree under it.
 */
export async function expandGlob(pattern: string): Promise<string[]> {
  if (!isPattern(pattern) || (await exists(pattern))) return [pattern];
  const absolute = pattern.startsWith("/");
  const segments = pattern.split("/").filter((segment, i) => segment !== "" || i === 0);
  if (absolute) segments.shift();
  const found = new Set<string>();
  await walk(absolute ? "/" : "", segments, found);
  return [...found].sort();
}

async function walk(dir: string, segments: readonly string[], found: Set<string>): Promise<void> {
  const [segment, ...rest] = segments;
  if (segment === undefined) return;
  const last = rest.length === 0;
  if (segment === "**") {
    // Zero directories, then one more at each step down.
    await walk(dir, rest, found);
    for (const entry of await entries(dir)) {
      if (entry.isDirectory && !entry.name.startsWith(".")) await walk(join(dir, entry.name), segments, found);
    }
    return;
  }
  if (!isPattern(segment)) {
    const path = dir === "" ? segment : join(dir, segment);
    if (last) {
      if (await exists(path)) found.add(path);
    } else {
      await walk(path, rest, found);
    }
    return;
  }
  const matcher = segmentRegExp(segment);
  for (const entry of await entries(dir)) {
    if (entry.name.startsWith(".") && !segment.startsWith(".")) continue;
    if (!matcher.test(entry.name)) continue;
    const path = dir === "" ? entry.name : join(dir, entry.name);
    if (last) {
      if (!entry.isDirectory) found.add(path);
    } else if (entry.isDirectory) {
      await walk(path, rest, found);
    }
  }
}
