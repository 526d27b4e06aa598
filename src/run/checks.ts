// The check runner the agents call through `run_check`: the repository's configured commands (`checks:` in
// .github/implement-spec/config.yml, plus the test-command input as `test`), started without a shell inside the
// sandbox (no network, an allow-listed environment: no secret), under a time limit, with the output tail bounded
// and secrets redacted.
import { type CheckResult, type CheckRunner, MAX_CHECK_OUTPUT_CHARS } from '../core/checks.js';
import {
  type CommandPolicy,
  type CommandResult,
  CommandSyntaxError,
  type RunCommandOptions,
  runCommand,
  SandboxUnavailableError,
  splitCommand,
} from './commands.js';

/** One check's time limit: long enough for a test suite, short enough that a hung one cannot eat the job. */
export const DEFAULT_CHECK_TIMEOUT_MS = 5 * 60 * 1000;

export interface CheckRunnerOptions {
  /** Name → command line, cheapest first (the config file's order). */
  checks: Record<string, string>;
  /** The test-command input: joins as `test` unless the config already names a `test` check. */
  testCommand?: string;
  cwd: string;
  /** Values redacted from the output. */
  secrets: string[];
  timeoutMs?: number;
  /** How checks are contained: default sandboxed (no network, allow-listed environment), refused without one. */
  policy?: CommandPolicy;
  /** How a command runs (tests pin it); default: runCommand (no shell, in the sandbox). */
  exec?: (line: string, opts: RunCommandOptions) => Promise<CommandResult>;
}

/**
 * The runner, or null when nothing is configured. A command that needs a shell is refused here, before any
 * agent runs, with the check's name in the message.
 */
export function createCheckRunner(opts: CheckRunnerOptions): CheckRunner | null {
  const commands = new Map<string, string>(Object.entries(opts.checks));
  if (opts.testCommand?.trim() && !commands.has('test')) commands.set('test', opts.testCommand.trim());
  if (commands.size === 0) return null;
  for (const [name, line] of commands) {
    try {
      splitCommand(line);
    } catch (err) {
      if (err instanceof CommandSyntaxError)
        throw new CommandSyntaxError(line, `Check "${name}": ${err.message}`);
      throw err;
    }
  }
  const exec = opts.exec ?? runCommand;
  return {
    names: [...commands.keys()],
    beforeDone: Object.keys(opts.checks)[0],
    commandOf: (name) => commands.get(name),
    async run(name: string): Promise<CheckResult> {
      const line = commands.get(name);
      if (line === undefined) {
        return { exitCode: null, outputTail: `No check named "${name}".`, timedOut: false, durationMs: 0 };
      }
      let result: CommandResult;
      try {
        result = await exec(line, {
          cwd: opts.cwd,
          secrets: opts.secrets,
          timeoutMs: opts.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS,
          maxOutputChars: MAX_CHECK_OUTPUT_CHARS,
          ...(opts.policy ? { policy: opts.policy } : {}),
        });
      } catch (err) {
        // No sandbox and a policy that refuses to run without one: the agent reads why, the run goes on.
        if (!(err instanceof SandboxUnavailableError)) throw err;
        return { exitCode: null, outputTail: err.message, timedOut: false, durationMs: 0 };
      }
      return {
        exitCode: result.exitCode,
        outputTail: result.output.slice(-MAX_CHECK_OUTPUT_CHARS),
        timedOut: result.timedOut,
        durationMs: result.durationMs,
        ...('sandboxed' in result ? { sandboxed: Boolean(result.sandboxed) } : {}),
      };
    },
  };
}
