/**
 * Where JSON text goes wrong: a small JSON syntax checker used only after
 * `JSON.parse` has failed, because V8's messages do not always give a
 * position (and quote a snippet of the input instead). Iterative, so deep
 * nesting cannot overflow the stack.
 */

/** The first syntax error of `text` as JSON: a 0-based offset and a reason; undefined when it is valid. */
export function findJsonError(text: string): { offset: number; reason: string } | undefined {
  let i = 0;
  const n = text.length;
  // What each open container expects next.
  const stack: ("array" | "object")[] = [];
  const skipSpace = (): void => {
    while (i < n && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
  };
  const fail = (reason: string, at = i): { offset: number; reason: string } => ({ offset: at, reason });
  const found = (): string => (i >= n ? "the end of the input" : `${JSON.stringify(text[i])}`);

  const string = (): { offset: number; reason: string } | undefined => {
    const start = i++;
    while (i < n && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) return fail("a control character (such as a line break) inside a string");
      if (text[i] === "\\") {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9A-Fa-f]{4}$/.test(text.slice(i + 2, i + 6))) return fail("an invalid \\u escape in a string");
          i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) return fail(`an invalid escape \\${e ?? ""} in a string`);
        i += 2;
        continue;
      }
      i++;
    }
    if (i >= n) return fail("an unterminated string", start);
    i++;
    return undefined;
  };

  const scalar = (): { offset: number; reason: string } | undefined => {
    const c = text[i];
    if (c === '"') return string();
    const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (number !== null && number[0] !== "-") {
      i += number[0].length;
      return undefined;
    }
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return undefined;
      }
    }
    return fail(`expected a value but found ${found()}`);
  };

  /** A property name and its colon, at `i`. */
  const key = (): { offset: number; reason: string } | undefined => {
    if (text[i] !== '"') return fail(`expected a property name in double quotes but found ${found()}`);
    const problem = string();
    if (problem !== undefined) return problem;
    skipSpace();
    if (text[i] !== ":") return fail(`expected ":" but found ${found()}`);
    i++;
    return undefined;
  };

  for (;;) {
    // Read a value: open a container or read a scalar.
    skipSpace();
    if (text[i] === "{" || text[i] === "[") {
      const kind = text[i] === "{" ? "object" : "array";
      i++;
      skipSpace();
      if (text[i] === (kind === "object" ? "}" : "]")) {
        i++;
      } else {
        stack.push(kind);
        if (kind === "object") {
          const problem = key();
          if (problem !== undefined) return problem;
        }
        continue;
      }
    } else {
      const problem = scalar();
      if (problem !== undefined) return problem;
    }
    // After a value: close containers, or move on to the next item.
    for (;;) {
      skipSpace();
      const top = stack[stack.length - 1];
      if (top === undefined) {
        return i < n ? fail(`unexpected ${found()} after the JSON value`) : undefined;
      }
      const close = top === "object" ? "}" : "]";
      if (text[i] === close) {
        i++;
        stack.pop();
        continue;
      }
      if (text[i] !== ",") return fail(`expected "," or "${close}" but found ${found()}`);
      i++;
      if (top === "object") {
        skipSpace();
        const problem = key();
        if (problem !== undefined) return problem;
      }
      break;
    }
  }
}
