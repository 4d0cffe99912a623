/**
 * The commands of `ftrack-filter`: their option tables and help texts.
 */
import { COMMAND_NAMES, type CommandName } from "./command-names";

const help = { type: "boolean", short: "h" } as const;
const dialect = { type: "string", short: "d" } as const;
const format = { type: "string" } as const;

export const LINT_OPTIONS = {
  help,
  dialect,
  format,
  file: { type: "string", short: "f", multiple: true },
  schema: { type: "string" },
  "max-warnings": { type: "string" },
  rule: { type: "string", multiple: true },
  quiet: { type: "boolean", short: "q" },
  config: { type: "string" },
  "no-config": { type: "boolean" },
} as const;

export const MATCH_OPTIONS = {
  help,
  dialect,
  format,
  count: { type: "boolean", short: "c" },
  explain: { type: "boolean", short: "e" },
  strict: { type: "boolean" },
} as const;

export const FORMAT_OPTIONS = {
  help,
  dialect,
  file: { type: "string", short: "f", multiple: true },
  check: { type: "boolean" },
  write: { type: "boolean", short: "w" },
} as const;

export const EXPLAIN_OPTIONS = {
  help,
  dialect,
  format,
} as const;

export { COMMAND_NAMES, type CommandName };

const EXIT_TEXT = `exit status: 0 success, 1 a finding (see the command's help), 2 usage error or
unreadable input, 70 internal error`;

export const MAIN_HELP = `ftrack-filter: lint, format, explain and evaluate ftrack filter expressions
(webhook trigger filters and event-hub subscriptions)

usage: ftrack-filter <command> [options] [arguments]

commands:
  lint      report mistakes in filters, compiler style
  match     evaluate a filter against events (JSON files or JSON Lines)
  format    print filters in canonical form, or --check that they are
  explain   show how a filter evaluates against one event, node by node

options:
  -h, --help     show this help; ftrack-filter <command> --help for a command
  -v, --version  print the version (-V too)

examples:
  ftrack-filter lint 'entity.entity_type = "task" and entity.operation = delete'
  ftrack-filter match 'entity.entity_type = Task' events/*.json
  ftrack-filter explain 'entity.new.status_id != entity.old.status_id' event.json

${EXIT_TEXT}
`;

const DIALECT_TEXT = `  -d, --dialect D    trigger (webhook trigger filters, the default) or event-hub`;

export const HELP: Readonly<Record<CommandName, string>> = {
  lint: `usage: ftrack-filter lint [options] [FILTER...] [--file FILE...]

Reports syntax errors and likely mistakes (unknown fields, "task" for "Task",
numbers compared with text, delete operations ...) in each filter, as
SOURCE:LINE:COLUMN: SEVERITY CODE: MESSAGE with the line and a caret.

Filters come from the arguments (named <arg 1>, <arg 2> ...; - reads
standard input), from files, or from standard input when neither is given
(and it is not a terminal). A file holds one filter per line (blank lines and
lines starting with # are skipped; named FILE:LINE) or a JSON array of
strings (named FILE[INDEX]); FILE - reads standard input, and a FILE pattern
with *, ? or ** is expanded when the shell did not.

In a file, "# ftrack-filter-disable-next-line CODE[, CODE]" silences those
rules on the next line; a code that silences nothing is reported.

Settings come from ftrack-filter.config.json (or the "ftrack-filter" key of
package.json) in this directory or the nearest one above, then the options.

options:
  -f, --file FILE    read filters from FILE (repeatable; - for standard input)
${DIALECT_TEXT}
      --rule CODE=S  set a rule to off, error, warning or info (repeatable)
  -q, --quiet        show errors only (warnings still count for --max-warnings)
      --schema FILE  check entity types and properties against a query_schemas
                     result (JSON) instead of the built-in ftrack schema
      --format F     text (default), json, github (Actions annotations) or
                     sarif (SARIF 2.1.0)
      --max-warnings N
                     exit 1 when there are more than N warnings
      --config FILE  read the settings from FILE instead of searching
      --no-config    use no configuration file
  -h, --help         show this help

examples:
  ftrack-filter lint 'entity.entity_type = "task"'
  ftrack-filter lint --file 'filters/*.txt' --max-warnings 0 --format github
  ftrack-filter lint --rule field-reference=off --file filters.txt
  ftrack-filter lint --dialect event-hub 'topic=ftrack.update'

exit status: 0 no errors (warnings and infos allowed), 1 errors or more than
--max-warnings warnings, 2 usage error or unreadable input
`,
  match: `usage: ftrack-filter match [options] FILTER [EVENT...]

Evaluates FILTER against each event, as ftrack does, and prints
SOURCE: match or SOURCE: no match for each.

An EVENT file holds one JSON event (named FILE) or JSON Lines, one event per
line (named FILE:LINE); a directory stands for its .json, .jsonl and .ndjson
files, in name order. Without EVENT, or with -, events are read from
standard input (<stdin>) the same way. A malformed event is reported on
standard error with its file and line; the others are still evaluated.

FILTER - reads the filter from standard input (the events then come from
files). An EVENT pattern with *, ? or ** is expanded when the shell did not.
When events look like the other dialect's (a topic and no entity for a
trigger filter), a hint says so on standard error.

options:
  -c, --count        print only the number of matching events
  -e, --explain      print how each event evaluates, node by node
      --strict       report evaluation errors (e.g. ordering a number) on
                     standard error instead of treating them as no match
      --format F     text (default) or json: one JSON object per event per
                     line ({ source, file, line, matched }), or { matched, events }
                     with --count
${DIALECT_TEXT}
  -h, --help         show this help

examples:
  ftrack-filter match 'entity.entity_type = Task' events/*.json
  ftrack-filter match --explain 'entity.operation = update' event.json
  cat events.jsonl | ftrack-filter match --count 'entity.entity_type = AssetVersion'

exit status: 0 at least one event matched, 1 none matched, 2 usage error,
syntax error in FILTER, unreadable or malformed input, or (with --strict) an
evaluation error
`,
  format: `usage: ftrack-filter format [options] [FILTER...] [--file FILE...]

Prints filters in canonical form: lower-case keywords, one space around
operators, quoted literals, parentheses only where needed. A FILTER argument
prints as one line; a file (or standard input, - or when nothing is given)
prints whole, its comments, blank lines, line breaks and unparsable lines kept
as they were, so the output can replace it. A JSON array stays a JSON array.

options:
  -f, --file FILE    read filters from FILE (repeatable; - for standard input)
  -w, --write        rewrite each file in place instead of printing it
      --check        print nothing but the filters that are not in canonical
                     form (with their canonical form), and exit 1 if any
${DIALECT_TEXT}
  -h, --help         show this help

examples:
  ftrack-filter format 'entity.entity_type=Task AND entity.operation=create'
  ftrack-filter format --check --file filters.txt
  ftrack-filter format --write --file 'filters/*.txt'

exit status: 0 success, 1 a syntax error (shown as lint shows it; the line is
left as it was) or, with --check, a filter not in canonical form, 2 usage
error or unreadable input
`,
  explain: `usage: ftrack-filter explain [options] FILTER [EVENT]

Evaluates FILTER against one event and prints the evaluation tree: each node
with its result (✓ true, ✗ false, ! error, · not evaluated) and the value
each side of each condition resolved to. EVENT is a file holding one JSON
event; without it, or with -, the event is read from standard input.
FILTER - reads the filter from standard input instead.

options:
      --format F     text (default) or json (the explanation as data)
${DIALECT_TEXT}
  -h, --help         show this help

example:
  ftrack-filter explain 'entity.entity_type = Task and entity.new.bid > 3' event.json

exit status: 0 the event matches, 1 it does not, 2 usage error, syntax error
in FILTER, or an unreadable or malformed event
`,
};
