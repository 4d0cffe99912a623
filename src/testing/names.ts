/**
 * Names for ids in the test kit's messages: an explanation reads
 * `Approved (44de097a…)` rather than a bare uuid. The names of ftrack's
 * default statuses are always known; a builder given `names` remembers them
 * for the event it built (in a WeakMap, so the event itself stays plain
 * JSON), and an assertion's own `names` option adds more.
 */

/** Status ids of ftrack's default workflow, by name, as ftrack's own examples use them. */
export const STATUS_IDS = Object.freeze({
  "Pending Review": "44dded64-4164-11df-9218-0019bb4983d8",
  Approved: "44de097a-4164-11df-9218-0019bb4983d8",
} as const);

/** Names by id. */
export type IdNames = Readonly<Record<string, string>>;

const DEFAULT_NAMES: IdNames = Object.freeze(Object.fromEntries(Object.entries(STATUS_IDS).map(([name, id]) => [id, name])));

const remembered = new WeakMap<object, IdNames>();

/** Throws a TypeError unless `names` is a plain object of text values. */
export function checkNames(caller: string, names: unknown): IdNames {
  if (typeof names !== "object" || names === null || Array.isArray(names)) {
    throw new TypeError(`${caller}: option "names" must be an object of ids and names`);
  }
  for (const [id, name] of Object.entries(names)) {
    if (typeof name !== "string") throw new TypeError(`${caller}: option "names": the name of ${JSON.stringify(id)} must be text`);
  }
  return names as IdNames;
}

/** Remembers the names a builder was given for the event it built. */
export function rememberNames(event: object, names: IdNames): void {
  remembered.set(event, { ...remembered.get(event), ...names });
}

/** The names to show for `event`: the default statuses, then the builder's, then `extra`. */
export function namesFor(event: unknown, extra?: IdNames): IdNames {
  const own = typeof event === "object" && event !== null ? remembered.get(event) : undefined;
  return { ...DEFAULT_NAMES, ...own, ...extra };
}

/** The id that `name` stands for in `names` (ids by name), or undefined. */
export function idOfName(name: string, names: IdNames | undefined): string | undefined {
  if (Object.hasOwn(STATUS_IDS, name)) return STATUS_IDS[name as keyof typeof STATUS_IDS];
  if (names === undefined) return undefined;
  for (const [id, known] of Object.entries(names)) if (known === name) return id;
  return undefined;
}
