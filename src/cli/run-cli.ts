// Dispatches CLI commands. Commands load lazily so `validate` never pulls in the
// Anthropic SDK or Octokit and starts as fast as a bare script.
import type { CliIo } from './io.js';
import { HELP, UsageError } from './usage.js';

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout(HELP);
        return command === undefined ? 2 : 0;
      case 'validate': {
        if (rest.includes('--help') || rest.includes('-h')) return (io.stdout(HELP), 0);
        const { validateCommand } = await import('./validate-command.js');
        return await validateCommand(rest, io);
      }
      case 'plan': {
        if (rest.includes('--help') || rest.includes('-h')) return (io.stdout(HELP), 0);
        const { planCommand } = await import('./plan-command.js');
        return await planCommand(rest, io);
      }
      case 'run': {
        if (rest.includes('--help') || rest.includes('-h')) return (io.stdout(HELP), 0);
        const { runCommand } = await import('./run-command.js');
        return await runCommand(rest, io);
      }
      default:
        throw new UsageError(`unknown command "${command}". Commands: validate, plan, run. See --help.`);
    }
  } catch (err) {
    if (err instanceof UsageError || isParseArgsError(err)) {
      io.stderr(`implement-spec: ${(err as Error).message}`);
      io.stderr('Run `implement-spec --help` for usage.');
      return 2;
    }
    io.stderr(`implement-spec: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

function isParseArgsError(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
