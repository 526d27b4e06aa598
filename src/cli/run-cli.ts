// Dispatches CLI commands. Commands load lazily so `validate` never pulls in the
// Anthropic SDK or Octokit and starts as fast as a bare script.
import type { CliIo } from './io.js';
import { HELP, UsageError } from './usage.js';

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const wantsHelp = rest.includes('--help') || rest.includes('-h');
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout(HELP);
        return command === undefined ? 2 : 0;
      case 'validate': {
        if (wantsHelp) return printHelp(io);
        const { validateCommand } = await import('./validate-command.js');
        return await validateCommand(rest, io);
      }
      case 'plan': {
        if (wantsHelp) return printHelp(io);
        const { planCommand } = await import('./plan-command.js');
        return await planCommand(rest, io);
      }
      case 'run': {
        if (wantsHelp) return printHelp(io);
        const { runCommand } = await import('./run-command.js');
        return await runCommand(rest, io);
      }
      default:
        throw new UsageError(`unknown command "${command}". Commands: validate, plan, run. See --help.`);
    }
  } catch (err) {
    if (await isUnreadableSpec(err)) {
      io.stderr(`implement-spec: ${(err as Error).message}`);
      return 2;
    }
    if (await isRoleConfigError(err)) {
      // The repository's config file is wrong, not the command line: say what to fix in it, no usage hint.
      io.stderr(`implement-spec: ${(err as Error).message}`);
      return 2;
    }
    if (err instanceof UsageError || isParseArgsError(err) || (await isBadOptionFromPlanner(err))) {
      io.stderr(`implement-spec: ${(err as Error).message}`);
      io.stderr('Run `implement-spec --help` for usage.');
      return 2;
    }
    io.stderr(`implement-spec: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

/** plan/run on a path that cannot be read (missing, a directory): exit 2 like validate does. */
async function isUnreadableSpec(err: unknown): Promise<boolean> {
  const { SpecReadError } = await import('../spec/load.js');
  return err instanceof SpecReadError;
}

async function isRoleConfigError(err: unknown): Promise<boolean> {
  const { RoleConfigError } = await import('../core/config.js');
  return err instanceof RoleConfigError;
}

/**
 * The planner checks --agents against the roles it loaded (built-in plus the repository's own), and the price
 * table checks the model; those are usage errors too, so they exit 2 like the checks the CLI does itself.
 * Other PlanErrors (a broken task graph) are failures of the plan and exit 1.
 */
async function isBadOptionFromPlanner(err: unknown): Promise<boolean> {
  if (!(err instanceof Error)) return false;
  const [{ PlanError }, { UnknownModelError }] = await Promise.all([
    import('../plan/errors.js'),
    import('../core/prices.js'),
  ]);
  if (err instanceof UnknownModelError) return true;
  return err instanceof PlanError && /^(Unknown agent role|The agents filter is empty)/.test(err.message);
}

function printHelp(io: CliIo): number {
  io.stdout(HELP);
  return 0;
}

function isParseArgsError(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
