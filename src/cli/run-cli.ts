// Dispatches CLI commands. Commands load lazily so `validate` never pulls in the
// Anthropic SDK or Octokit and starts as fast as a bare script.
import type { CliIo } from './io.js';
import { type Command, commandHelp, globalHelp, isCommand, UsageError, usageHint } from './usage.js';

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const wantsHelp = rest.includes('--help') || rest.includes('-h');
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout(globalHelp());
        return command === undefined ? 2 : 0;
      case '-v':
      case '--version':
      case 'version':
        // Loaded only here: a module shared with the action would be one more file on every command's start.
        io.stdout((await import('../core/version.js')).version());
        return 0;
      case 'validate': {
        if (wantsHelp) return printHelp(io, command);
        const { validateCommand } = await import('./validate-command.js');
        return await validateCommand(rest, io);
      }
      case 'plan': {
        if (wantsHelp) return printHelp(io, command);
        const { planCommand } = await import('./plan-command.js');
        return await planCommand(rest, io);
      }
      case 'run': {
        if (wantsHelp) return printHelp(io, command);
        const { runCommand } = await import('./run-command.js');
        return await runCommand(rest, io);
      }
      default:
        throw new UsageError(
          command.startsWith('-')
            ? `unknown option ${quote(command)} (options go after the command: validate, plan or run).`
            : `unknown command ${JSON.stringify(command)}. Commands: validate, plan, run.`,
        );
    }
  } catch (err) {
    return reportError(err, isCommand(command) ? command : null, io);
  }
}

/** One line saying what was wrong (plus a usage hint for command-line mistakes); the exit code. */
function reportError(err: unknown, command: Command | null, io: CliIo): number {
  const prefix = command === null ? 'implement-spec' : `implement-spec ${command}`;
  if (isNamed(err, 'SpecReadError', 'RoleConfigError')) {
    // A path that cannot be read, or the repository's config file is wrong, not the command line: say what to
    // fix, no usage hint.
    io.stderr(`implement-spec: ${err.message}`);
    return 2;
  }
  if (isParseArgsError(err)) {
    io.stderr(`${prefix}: ${parseArgsMessage(err as Error)}`);
    io.stderr(usageHint(command));
    return 2;
  }
  if (err instanceof UsageError || isBadOptionFromPlanner(err)) {
    io.stderr(`implement-spec: ${(err as Error).message}`);
    io.stderr(usageHint(command));
    return 2;
  }
  io.stderr(`implement-spec: ${err instanceof Error ? err.message : String(err)}`);
  return 1;
}

function quote(s: string): string {
  return `'${s.replace(/[^\x20-\x7e]/g, '?')}'`;
}

/**
 * Node's parseArgs messages run to two sentences of advice about `--`; keep the first, in our words where we
 * know the case. The option stays quoted as the user typed it.
 */
function parseArgsMessage(err: Error): string {
  const code = (err as { code?: string }).code;
  const option = /'([^']*)'/.exec(err.message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option !== undefined)
    return `unknown option ${quote(option)}.`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option !== undefined) {
    const name = option.split(' ')[0] ?? option;
    if (/argument missing/.test(err.message)) return `option ${quote(name)} needs a value.`;
    // `--max-cost -1`: parseArgs will not take a value that starts with a dash after a space.
    if (/ambiguous/.test(err.message))
      return `option ${quote(name)} is followed by a dash; to give it a value that starts with one, write ${name}=-1.`;
    return `option ${quote(name)} takes no value.`;
  }
  return (err.message.split(/\.\s/)[0] ?? err.message).replace(/\.$/, '') + '.';
}

/**
 * Errors of other layers are told apart by the `name` their classes set (SpecReadError: plan/run on a path that
 * cannot be read; RoleConfigError: the repository's config file; PlanError, UnknownModelError), not by
 * instanceof: importing their modules here, even lazily, would make each a separate chunk entry and split the
 * code `validate` loads into more files.
 */
function isNamed(err: unknown, ...names: string[]): err is Error {
  return err instanceof Error && names.includes(err.name);
}

/**
 * The planner checks --agents against the roles it loaded (built-in plus the repository's own), and the price
 * table checks the model; those are usage errors too, so they exit 2 like the checks the CLI does itself.
 * Other PlanErrors (a broken task graph) are failures of the plan and exit 1.
 */
function isBadOptionFromPlanner(err: unknown): boolean {
  if (isNamed(err, 'UnknownModelError')) return true;
  return isNamed(err, 'PlanError') && /^(Unknown agent role|The agents filter is empty)/.test(err.message);
}

function printHelp(io: CliIo, command: Command): number {
  io.stdout(commandHelp(command));
  return 0;
}

function isParseArgsError(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
