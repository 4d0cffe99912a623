/**
 * The `ftrack-filter` command line: reads the command, handles `--help`
 * and `--version`, then runs the command. The executable (bin.ts) loads
 * this module and the library's chunks it requires through its code cache,
 * which compiles nothing a previous run compiled: the commands are imported
 * here, not loaded when called: a lazy load would save only the evaluation
 * of their modules, about 1 ms of `--version` with the cache.
 *
 * Nothing reaches the user as a stack trace: bad input and usage errors are
 * one line on standard error with exit status 2; a defect of ftrack-filter
 * itself is one line too, with status 70.
 */
import { version } from "../../package.json";
import { CliError, EXIT, type ExitStatus, parseCommand, unknown, usageError } from "./args";
import { COMMAND_NAMES, type CommandName, EXPLAIN_OPTIONS, FORMAT_OPTIONS, HELP, LINT_OPTIONS, MAIN_HELP, MATCH_OPTIONS } from "./commands";
import { runExplain } from "./explain";
import { runFormat } from "./format";
import { internalError } from "./internal-error";
import { runLint } from "./lint";
import { runMatch } from "./match";
import { handleClosedOutput, problem } from "./output";

const isCommand = (name: string): name is CommandName => (COMMAND_NAMES as readonly string[]).includes(name);

async function run(argv: string[]): Promise<ExitStatus> {
  const [first, ...args] = argv;
  if (first === "--version" || first === "-V" || first === "-v") {
    process.stdout.write(`${version}\n`);
    return EXIT.ok;
  }
  if (first === "--help" || first === "-h") {
    process.stdout.write(MAIN_HELP);
    return EXIT.ok;
  }
  if (first === "help") {
    const topic = args[0];
    if (topic !== undefined && !isCommand(topic)) throw usageError(unknown(topic, COMMAND_NAMES, "command"));
    process.stdout.write(topic === undefined ? MAIN_HELP : HELP[topic]);
    return EXIT.ok;
  }
  if (first === undefined) throw usageError("no command given");
  if (!isCommand(first)) {
    throw usageError(
      first.startsWith("-") ? unknown(first, ["--help", "--version"]) : unknown(first, [...COMMAND_NAMES, "help"], "command"),
    );
  }
  // Help comes before anything else is checked, so `lint --bogus --help` still helps.
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(HELP[first]);
    return EXIT.ok;
  }
  return runCommand(first, args);
}

async function runCommand(command: CommandName, args: string[]): Promise<ExitStatus> {
  try {
    switch (command) {
      case "lint": {
        const parsed = parseCommand(args, LINT_OPTIONS);
        return await runLint(parsed);
      }
      case "match": {
        const parsed = parseCommand(args, MATCH_OPTIONS);
        return await runMatch(parsed);
      }
      case "format": {
        const parsed = parseCommand(args, FORMAT_OPTIONS);
        return await runFormat(parsed);
      }
      case "explain": {
        const parsed = parseCommand(args, EXPLAIN_OPTIONS);
        return await runExplain(parsed);
      }
      default: {
        const never: never = command;
        throw usageError(`unknown command ${String(never)}`);
      }
    }
  } catch (error) {
    // Name the command in the hint of a usage error.
    if (error instanceof CliError && error.usage) {
      throw new CliError(`${command}: ${error.message}`, error.status, true, command);
    }
    throw error;
  }
}

/**
 * Runs the command in `process.argv` and sets the exit status, which it
 * also resolves to; never rejects. The executable (bin.ts) calls it.
 */
export async function main(): Promise<ExitStatus> {
  handleClosedOutput();
  let status: ExitStatus;
  try {
    status = await run(process.argv.slice(2));
  } catch (error) {
    if (error instanceof CliError) {
      problem(error.message);
      if (error.usage) {
        const help = error.command === undefined ? "ftrack-filter --help" : `ftrack-filter ${error.command} --help`;
        process.stderr.write(`Run '${help}' for usage.\n`);
      }
      status = error.status;
    } else {
      problem(internalError(error));
      status = EXIT.internal;
    }
  }
  // Let pending output drain rather than calling process.exit().
  process.exitCode = status;
  return status;
}
