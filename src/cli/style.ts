/**
 * Terminal colour for the command line: whether a stream gets ANSI colour,
 * and the few styles the output uses. Colour is on for a terminal and off
 * for pipes and files; `FORCE_COLOR` and `NO_COLOR` override that.
 */

/** The styles the output uses; each returns its text unchanged when colour is off. */
export interface Style {
  readonly enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

interface ColourStream {
  readonly isTTY?: boolean;
}

/**
 * Whether output to `stream` is coloured. `FORCE_COLOR` wins (any value but
 * empty, `0` or `false` turns colour on, even through a pipe; `0`/`false`
 * turn it off), then `NO_COLOR` (any non-empty value turns it off), then
 * the stream: colour only on a terminal whose `TERM` is not `dumb`.
 */
export function colourEnabled(stream: ColourStream, env: NodeJS.ProcessEnv): boolean {
  const force = env["FORCE_COLOR"];
  if (force !== undefined && force !== "") return force !== "0" && force.toLowerCase() !== "false";
  const noColour = env["NO_COLOR"];
  if (noColour !== undefined && noColour !== "") return false;
  return stream.isTTY === true && env["TERM"] !== "dumb";
}

const wrap =
  (enabled: boolean, open: number, close: number) =>
  (text: string): string =>
    enabled && text !== "" ? `\u001b[${open}m${text}\u001b[${close}m` : text;

/** The styles for `stream` under the environment `env`. */
export function styleFor(stream: ColourStream, env: NodeJS.ProcessEnv = process.env): Style {
  const on = colourEnabled(stream, env);
  return {
    enabled: on,
    bold: wrap(on, 1, 22),
    dim: wrap(on, 2, 22),
    red: wrap(on, 31, 39),
    green: wrap(on, 32, 39),
    yellow: wrap(on, 33, 39),
    cyan: wrap(on, 36, 39),
  };
}
