/**
 * Syntax highlighting of filters: a CodeMirror stream language following
 * the token rules of grammar/README.md (keywords in any case, quoted values
 * that stay on one line, the six operators). The library does not export
 * its lexer, so this is a small copy for colouring only: it never decides
 * whether text is valid, the linter's diagnostics do.
 */
import { HighlightStyle, StreamLanguage, type StringStream } from "@codemirror/language";
import { tags } from "@lezer/highlight";

interface TokenState {
  /** True right after an operator, where a value comes. */
  afterOperator: boolean;
}

const KEYWORD = /^(?:and|or|not)(?![A-Za-z0-9_$])/i;
const OPERATOR = /^(?:!=|<=|>=|=|<|>)/;
const WORD = /^[A-Za-z0-9_$.,/*@+-]+/;
const REFERENCE = /^(?:entity|metadata)\./;

function token(stream: StringStream, state: TokenState): string | null {
  if (stream.eatSpace()) return null;
  const quote = stream.peek();
  if (quote === '"' || quote === "'") {
    stream.next();
    // A backslash keeps the next character; a doubled quote stays text.
    for (;;) {
      const ch = stream.next();
      if (ch === undefined) break;
      if (ch === "\\") stream.next();
      else if (ch === quote) {
        if (stream.peek() === quote) stream.next();
        else break;
      }
    }
    state.afterOperator = false;
    return "string";
  }
  if (stream.match(OPERATOR)) {
    state.afterOperator = true;
    return "operator";
  }
  if (stream.eat("(") || stream.eat(")")) return "paren";
  if (!state.afterOperator && stream.match(KEYWORD)) return "keyword";
  const word = stream.match(WORD);
  if (word !== null && word !== true && word !== false) {
    const value = state.afterOperator;
    state.afterOperator = false;
    if (!value) return "propertyName";
    return REFERENCE.test(word[0]) ? "variableName" : "string";
  }
  stream.next();
  return "invalid";
}

/** The filter language, for `EditorState` extensions. */
export const filterLanguage = StreamLanguage.define<TokenState>({
  name: "ftrack-filter",
  startState: () => ({ afterOperator: false }),
  copyState: (state) => ({ ...state }),
  token,
});

/** Colours with at least 4.5:1 contrast on the editor's white background. */
export const filterHighlight = HighlightStyle.define([
  { tag: tags.keyword, color: "#7b1fa2", fontWeight: "600" },
  { tag: tags.propertyName, color: "#0b5394" },
  { tag: tags.variableName, color: "#0b5394", fontStyle: "italic" },
  { tag: tags.string, color: "#1b6e20" },
  { tag: tags.operator, color: "#b3261e" },
  { tag: tags.paren, color: "#444" },
  { tag: tags.invalid, color: "#fff", backgroundColor: "#b3261e" },
  // JSON, in the event editor.
  { tag: tags.number, color: "#8a4b00" },
  { tag: [tags.bool, tags.null], color: "#7b1fa2" },
]);
