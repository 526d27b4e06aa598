// Runs the user's test and format commands. The command line comes from the workflow inputs, but what runs is
// code the agents just wrote, so it is handled as hostile: no shell ever sees the line (it is split into words
// here and spawned as an argument array), it runs in the sandbox (src/run/sandbox.ts) with an allow-listed
// environment, and known secret values are still redacted from what it prints (defence in depth).

import { allowListedEnv, isSecretName } from '../core/secret-env.js';
import { DEFAULT_COMMAND_TIMEOUT_MS, DEFAULT_MAX_OUTPUT_CHARS, runProcess } from './process.js';
import { detectSandbox, runSandboxed, type SandboxAvailability, SandboxUnavailableError } from './sandbox.js';

export { REDACTED, redactSecrets, SECRET_ENV_NAMES } from '../core/secret-env.js';
export { DEFAULT_COMMAND_TIMEOUT_MS, DEFAULT_MAX_OUTPUT_CHARS } from './process.js';
export { SandboxUnavailableError } from './sandbox.js';

/** A command line that uses shell syntax the tool cannot honour without a shell. */
export class CommandSyntaxError extends Error {
  constructor(
    readonly line: string,
    message: string,
  ) {
    super(message);
    this.name = 'CommandSyntaxError';
  }
}

const PIPELINE_HINT =
  'Commands run without a shell, so shell operators do not work. Put the pipeline in a script ' +
  '(e.g. a "test:ci" entry in package.json, or a script file in the repository) and give that instead, ' +
  'e.g. `npm run test:ci`.';

function operatorError(line: string, operator: string, index: number): CommandSyntaxError {
  return new CommandSyntaxError(
    line,
    `The command \`${line}\` uses the shell operator \`${operator}\` at character ${index + 1}. ${PIPELINE_HINT}`,
  );
}

/** Characters that start a shell operator when unquoted; `$` is checked separately (only before `(`, `{`, a name). */
const UNQUOTED_OPERATORS = new Set(['|', '&', ';', '>', '<', '`', '(', ')', '\n', '\r']);

function describeOperator(line: string, i: number): string {
  const c = line[i]!;
  const next = line[i + 1];
  if ((c === '|' || c === '&') && next === c) return c + c;
  if (c === '>' && next === '>') return '>>';
  if (c === '\n' || c === '\r') return 'a line break (two commands)';
  return c;
}

/**
 * Shell-words splitting without a shell: whitespace separates words; single quotes keep everything literal;
 * double quotes keep everything but `\"`, `\\`, `\$` and `` \` `` literal; a backslash outside quotes escapes the
 * next character. Shell operators (pipes, `&&`, `||`, `;`, redirections, command substitution, variables) are
 * rejected with a CommandSyntaxError instead of being passed on as literal words the user did not mean.
 */
export function splitCommand(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  const n = line.length;
  const dollar = (at: number): void => {
    const next = line[at + 1];
    if (next === '(') throw operatorError(line, '$(', at);
    if (next !== undefined && /[A-Za-z_{0-9@*#?$!-]/.test(next)) {
      throw new CommandSyntaxError(
        line,
        `The command \`${line}\` uses a shell variable (\`$${next === '{' ? '{' : next}…\`) at character ${at + 1}. ` +
          'Commands run without a shell, so variables are not expanded. Write the value itself, or use a ' +
          'script that reads the variable from its environment.',
      );
    }
  };
  while (i < n) {
    const c = line[i]!;
    if (c === ' ' || c === '\t') {
      if (inWord) {
        words.push(word);
        word = '';
        inWord = false;
      }
      i++;
      continue;
    }
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) {
        throw new CommandSyntaxError(
          line,
          `The command \`${line}\` has an unclosed single quote at character ${i + 1}. Close it with another '.`,
        );
      }
      word += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
      continue;
    }
    if (c === '"') {
      const start = i;
      i++;
      let closed = false;
      while (i < n) {
        const d = line[i]!;
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === '\\') {
          const next = line[i + 1];
          if (next === '"' || next === '\\' || next === '$' || next === '`') {
            word += next;
            i += 2;
            continue;
          }
          if (next === '\n') {
            i += 2;
            continue;
          }
          word += d;
          i++;
          continue;
        }
        // Inside double quotes a shell still substitutes these; passing them on literally would surprise.
        if (d === '`') throw operatorError(line, '`', i);
        if (d === '$') dollar(i);
        word += d;
        i++;
      }
      if (!closed) {
        throw new CommandSyntaxError(
          line,
          `The command \`${line}\` has an unclosed double quote at character ${start + 1}. Close it with another ".`,
        );
      }
      inWord = true;
      continue;
    }
    if (c === '\\') {
      const next = line[i + 1];
      if (next === undefined) {
        throw new CommandSyntaxError(
          line,
          `The command \`${line}\` ends with a backslash that escapes nothing. Remove it or quote the argument.`,
        );
      }
      // Backslash-newline is a line continuation in a shell.
      if (next !== '\n') {
        word += next;
        inWord = true;
      }
      i += 2;
      continue;
    }
    if (UNQUOTED_OPERATORS.has(c)) throw operatorError(line, describeOperator(line, i), i);
    if (c === '$') dollar(i);
    word += c;
    inWord = true;
    i++;
  }
  if (inWord) words.push(word);
  if (words.length === 0) {
    throw new CommandSyntaxError(
      line,
      'The command is empty. Give the program to run and its arguments, e.g. `npm test`.',
    );
  }
  return words;
}

/** Leading `NAME=value` words, as a shell would read them, become environment variables for the command. */
export function splitAssignments(words: string[]): { assignments: Record<string, string>; argv: string[] } {
  const assignments: Record<string, string> = {};
  let k = 0;
  for (; k < words.length; k++) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(words[k]!);
    if (!m) break;
    assignments[m[1]!] = m[2]!;
  }
  return { assignments, argv: words.slice(k) };
}

/** The environment an unsandboxed command gets: the allow-list of `base` plus `passEnv`, with `CI=true`. */
export function commandEnv(
  base: NodeJS.ProcessEnv = process.env,
  passEnv: readonly string[] = [],
): Record<string, string> {
  return allowListedEnv(base, passEnv);
}

/** The values of the secret variables in `base`, for redacting them from output a command prints. */
export function secretValuesOf(base: NodeJS.ProcessEnv = process.env, extraNames: string[] = []): string[] {
  const extra = new Set(extraNames);
  const values: string[] = [];
  for (const [key, value] of Object.entries(base)) {
    if (value !== undefined && value.length > 0 && isSecretName(key, extra)) values.push(value);
  }
  return values;
}

/** How commands that run repository or model-written code are contained. */
export interface CommandPolicy {
  /**
   * With no sandbox available: `refuse` (the action's default: the command is not run, the result says how
   * to enable one) or `run-unsandboxed` (the CLI, or the action's explicit opt-out: run with the allow-listed
   * environment only).
   */
  withoutSandbox: 'refuse' | 'run-unsandboxed';
  /** Let the command reach the network (default: no network). */
  network?: boolean;
  /** Host variables passed to the command in addition to the allow-list. */
  passEnv?: readonly string[];
  /** The result of detectSandbox(), when the caller already has it. */
  availability?: SandboxAvailability;
}

export const DEFAULT_COMMAND_POLICY: CommandPolicy = { withoutSandbox: 'refuse' };

export interface RunCommandOptions {
  cwd: string;
  /** Default 10 minutes. */
  timeoutMs?: number;
  /** Characters of output kept, from the end (default 20,000). */
  maxOutputChars?: number;
  /** Where the allow-listed variables are read from; default process.env. */
  hostEnv?: NodeJS.ProcessEnv;
  /** Values redacted from the output. */
  secrets?: string[];
  /** Appended to the command's words as separate arguments (never parsed). */
  extraArgs?: string[];
  /** Default: sandboxed, refused without a sandbox. */
  policy?: CommandPolicy;
}

export interface CommandResult {
  /** null when the program could not be started or was killed by a signal. */
  exitCode: number | null;
  /** stdout and stderr interleaved as they arrived, secrets redacted, the tail kept. */
  output: string;
  timedOut: boolean;
  durationMs: number;
  argv: string[];
  /** Whether the command ran inside the sandbox. */
  sandboxed: boolean;
}

/** The program words of a command line (leading `NAME=value` words split off); throws for shell syntax. */
export function parseCommandLine(line: string): { argv: string[]; assignments: Record<string, string> } {
  const { assignments, argv } = splitAssignments(splitCommand(line));
  if (argv.length === 0) {
    throw new CommandSyntaxError(
      line,
      `The command \`${line}\` only sets variables and names no program to run. Add the program after them.`,
    );
  }
  return { argv, assignments };
}

/**
 * Runs one command line: split into words (no shell), then run in the sandbox in `cwd` under a timeout that
 * kills it whole. Never throws for a failing or missing program (exitCode is null and the output says why);
 * throws CommandSyntaxError for a line that needs a shell, and SandboxUnavailableError when there is no
 * sandbox and the policy refuses to run without one.
 */
export async function runCommand(line: string, opts: RunCommandOptions): Promise<CommandResult> {
  const parsed = parseCommandLine(line);
  const argv = [...parsed.argv, ...(opts.extraArgs ?? [])];
  const policy = opts.policy ?? DEFAULT_COMMAND_POLICY;
  const hostEnv = opts.hostEnv ?? process.env;
  const limits = {
    timeoutMs: opts.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
    maxOutputChars: opts.maxOutputChars ?? DEFAULT_MAX_OUTPUT_CHARS,
    secrets: opts.secrets ?? [],
  };
  const availability = policy.availability ?? (await detectSandbox());
  if (availability.available) {
    const result = await runSandboxed(
      {
        argv,
        cwd: opts.cwd,
        setEnv: parsed.assignments,
        passEnv: policy.passEnv ?? [],
        network: policy.network ?? false,
        hostEnv,
        ...limits,
      },
      availability,
    );
    return { ...result, sandboxed: true };
  }
  if (policy.withoutSandbox === 'refuse') throw new SandboxUnavailableError(availability.reason);
  const [program, ...args] = argv as [string, ...string[]];
  const result = await runProcess({
    program,
    args,
    cwd: opts.cwd,
    env: { ...commandEnv(hostEnv, policy.passEnv ?? []), ...parsed.assignments },
    ...limits,
  });
  return { ...result, argv, sandboxed: false };
}
