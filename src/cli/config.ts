/**
 * The configuration file of `lint`, found from the working directory
 * upward: the first directory holding `ftrack-filter.config.json`, or a
 * package.json with an `"ftrack-filter"` key, gives it (the former wins when
 * both are there). Every key is checked; a problem names the file and the
 * key, and stops the run (exit status 2).
 *
 * ```json
 * { "rules": { "field-reference": "off", "wildcard": "warning" },
 *   "dialect": "trigger", "schema": "ftrack-schema.json", "maxWarnings": 0 }
 * ```
 */

import { CliError, didYouMean } from "./args";
import { jsonErrorMessage } from "./input";
import type { RuleSettings } from "./lib";
import { dirname, join, readFile, relative, resolve } from "./node";
import { checkRules } from "./rules";

export const CONFIG_FILE = "ftrack-filter.config.json";
const PACKAGE_KEY = "ftrack-filter";
const KEYS = ["rules", "dialect", "schema", "maxWarnings"] as const;

/** A configuration as read: each key optional; `schema` resolved against the file's directory. */
export interface LintConfig {
  /** The file it came from, as shown in messages. */
  readonly file: string;
  readonly rules: RuleSettings;
  readonly dialect?: "trigger" | "event-hub";
  readonly schema?: string;
  readonly maxWarnings?: number;
}

/**
 * The configuration that applies in `cwd`: the nearest one found walking up
 * to the root, or undefined. Throws a CliError naming the file and the key
 * for a malformed one. Cost: up to two small reads per directory walked.
 */
export async function findConfig(cwd: string): Promise<LintConfig | undefined> {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const own = await readJson(join(dir, CONFIG_FILE), cwd);
    if (own !== undefined) return checkConfig(own.data, own.name, "", dir);
    const pkg = await readJson(join(dir, "package.json"), cwd, true);
    if (pkg !== undefined && isObject(pkg.data) && Object.hasOwn(pkg.data, PACKAGE_KEY)) {
      return checkConfig(pkg.data[PACKAGE_KEY], pkg.name, `${PACKAGE_KEY}.`, dir);
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** Reads the configuration of `--config FILE` (a config file, or a package.json with the key). */
export async function loadConfig(path: string, cwd: string): Promise<LintConfig> {
  const read = await readJson(resolve(cwd, path), cwd);
  if (read === undefined) throw new CliError(`${path}: no such file`);
  const dir = dirname(resolve(cwd, path));
  if (path.endsWith("package.json")) {
    if (!isObject(read.data) || !Object.hasOwn(read.data, PACKAGE_KEY)) throw new CliError(`${read.name}: no "${PACKAGE_KEY}" key`);
    return checkConfig(read.data[PACKAGE_KEY], read.name, `${PACKAGE_KEY}.`, dir);
  }
  return checkConfig(read.data, read.name, "", dir);
}

/**
 * The JSON of `path`, or undefined when there is no such file. With
 * `onlyIfOurs`, a file that is not valid JSON is passed over unless it
 * mentions the package key: a broken package.json of another project above
 * this one is not ours to report.
 */
async function readJson(path: string, cwd: string, onlyIfOurs = false): Promise<{ name: string; data: unknown } | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") return undefined;
    throw new CliError(`${relative(cwd, path) || path}: cannot be read (${String(code)})`);
  }
  const name = relative(cwd, path) || path;
  try {
    return { name, data: JSON.parse(text) };
  } catch (error) {
    if (onlyIfOurs && !text.includes(`"${PACKAGE_KEY}"`)) return undefined;
    throw new CliError(`${name}: invalid JSON: ${jsonErrorMessage(error, text)}`);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function checkConfig(data: unknown, file: string, prefix: string, dir: string): LintConfig {
  const fail = (key: string, problem: string): CliError => new CliError(`${file}: key "${prefix}${key}": ${problem}`);
  if (!isObject(data))
    throw new CliError(`${file}: ${prefix === "" ? "the configuration" : `key "${prefix.slice(0, -1)}"`} must be a JSON object`);
  const config: { file: string; rules: RuleSettings; dialect?: "trigger" | "event-hub"; schema?: string; maxWarnings?: number } = {
    file,
    rules: {},
  };
  for (const [key, value] of Object.entries(data)) {
    switch (key) {
      case "rules":
        if (!isObject(value)) throw fail(key, "must be an object of rule codes and settings");
        config.rules = checkRules(value, (code, problem) => fail(`rules.${code}`, problem));
        break;
      case "dialect":
        if (value !== "trigger" && value !== "event-hub") throw fail(key, `must be "trigger" or "event-hub", not ${JSON.stringify(value)}`);
        config.dialect = value;
        break;
      case "schema":
        if (typeof value !== "string" || value === "")
          throw fail(key, "must be the path of a query_schemas result (JSON), relative to this file");
        config.schema = resolve(dir, value);
        break;
      case "maxWarnings":
        if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) throw fail(key, "must be a whole number, 0 or more");
        config.maxWarnings = value;
        break;
      default:
        throw fail(key, `unknown key (known: ${KEYS.join(", ")})${didYouMean(key, KEYS, true)}`);
    }
  }
  return config;
}
