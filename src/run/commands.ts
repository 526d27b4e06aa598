// Runs the user's test and format commands. The command line comes from the workflow inputs, but its output
// comes from code the agents just wrote, so both are handled as untrusted: no shell ever sees the line (it is
// split into words here and spawned as an argument array), the child gets an environment without the action's
// secrets, and secret values are redacted from what it prints before anyone sees it.

import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { isSecretName, redactSecrets, withoutSecrets } from '../core/secret-env.js';

export const DEFAULT_COMMAND_TIMEOUT_MS = 10 * 60 * 1000;
export const DEFAULT_MAX_OUTPUT_CHARS = 20_000;
/** After SIGTERM, how long a timed-out process tree gets before SIGKILL. */
const KILL_GRACE_MS = 2_000;
/** After the child exits, how long we wait for grandchildren still holding its stdout/stderr open. */
const STREAM_DRAIN_MS = 2_000;

export { REDACTED, redactSecrets, SECRET_ENV_NAMES } from '../core/secret-env.js';

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

/** `base` without the action's secrets (and `extraNames`), with `CI=true` so tools run non-interactively. */
export function scrubbedEnv(
  base: NodeJS.ProcessEnv = process.env,
  extraNames: string[] = [],
): Record<string, string> {
  const env = withoutSecrets(base, extraNames);
  env.CI = 'true';
  return env;
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

export interface RunCommandOptions {
  cwd: string;
  /** Default 10 minutes. */
  timeoutMs?: number;
  /** Characters of output kept, from the end (default 20,000). */
  maxOutputChars?: number;
  /** The child's environment, used as given; default `scrubbedEnv()`. */
  env?: NodeJS.ProcessEnv;
  /** Values redacted from the output. */
  secrets?: string[];
  /** Appended to the command's words as separate arguments (never parsed). */
  extraArgs?: string[];
}

export interface CommandResult {
  /** null when the program could not be started or was killed by a signal. */
  exitCode: number | null;
  /** stdout and stderr interleaved as they arrived, secrets redacted, the tail kept. */
  output: string;
  timedOut: boolean;
  durationMs: number;
  argv: string[];
}

/** Collects output, keeping only what can end up in the tail, so a chatty test run cannot exhaust memory. */
class TailBuffer {
  private text = '';
  private cut = false;
  private readonly keep: number;

  constructor(
    private readonly maxChars: number,
    private readonly secrets: readonly string[],
  ) {
    const longest = secrets.reduce((m, s) => Math.max(m, s.length), 0);
    // Room for one secret split across the cut point and one straddling the final tail boundary.
    this.keep = maxChars + 2 * longest + 1;
  }

  push(chunk: string): void {
    if (chunk === '') return;
    this.text += chunk;
    if (this.text.length > this.keep * 2) {
      this.text = this.text.slice(this.text.length - this.keep);
      this.cut = true;
    }
  }

  result(): string {
    let raw = this.text;
    if (raw.length > this.keep) {
      raw = raw.slice(raw.length - this.keep);
      this.cut = true;
    }
    let out = redactSecrets(raw, this.secrets);
    if (this.cut) {
      // The first characters may be the end of a secret whose start was dropped: drop them too.
      const longest = this.secrets.reduce((m, s) => Math.max(m, s.length), 0);
      out = out.slice(longest);
    }
    if (out.length > this.maxChars) this.cut = true;
    if (!this.cut) return out;
    const marker = '[… earlier output omitted …]\n';
    const room = Math.max(0, this.maxChars - marker.length);
    return marker + out.slice(Math.max(0, out.length - room));
  }
}

function killTree(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    // The child leads its own process group (detached), so test runners' workers die with it.
    if (process.platform !== 'win32') process.kill(-pid, signal);
    else process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Runs one command line: split into words (no shell), spawned with an argument array in `cwd`, under a
 * timeout that kills the whole process tree. Never throws for a failing or missing program (exitCode is null
 * and the output says why); throws CommandSyntaxError for a line that needs a shell.
 */
export async function runCommand(line: string, opts: RunCommandOptions): Promise<CommandResult> {
  const words = splitCommand(line);
  const { assignments, argv: commandWords } = splitAssignments(words);
  if (commandWords.length === 0) {
    throw new CommandSyntaxError(
      line,
      `The command \`${line}\` only sets variables and names no program to run. Add the program after them.`,
    );
  }
  const argv = [...commandWords, ...(opts.extraArgs ?? [])];
  const [program, ...args] = argv as [string, ...string[]];
  const timeoutMs = opts.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  const secrets = opts.secrets ?? [];
  const buffer = new TailBuffer(opts.maxOutputChars ?? DEFAULT_MAX_OUTPUT_CHARS, secrets);
  const env: NodeJS.ProcessEnv = { ...(opts.env ?? scrubbedEnv()), ...assignments };
  const started = performance.now();

  return await new Promise<CommandResult>((resolve) => {
    let timedOut = false;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const finish = (exitCode: number | null, note?: string): void => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      if (note) buffer.push(`${note}\n`);
      resolve({
        exitCode,
        output: buffer.result(),
        timedOut,
        durationMs: Math.round(performance.now() - started),
        argv,
      });
    };

    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(program, args, {
        cwd: opts.cwd,
        env,
        shell: false,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: process.platform !== 'win32',
        windowsHide: true,
      });
    } catch (err) {
      finish(null, startFailure(program, opts.cwd, err));
      return;
    }

    const decoders = { out: new StringDecoder('utf8'), err: new StringDecoder('utf8') };
    child.stdout?.on('data', (d: Buffer) => buffer.push(decoders.out.write(d)));
    child.stderr?.on('data', (d: Buffer) => buffer.push(decoders.err.write(d)));

    let exitCode: number | null = null;
    let exitSignal: NodeJS.Signals | null = null;
    const done = (): void => {
      if (settled) return;
      buffer.push(decoders.out.end());
      buffer.push(decoders.err.end());
      let note: string | undefined;
      if (timedOut) {
        note = `[implement-spec: \`${program}\` was stopped after the ${formatMs(timeoutMs)} timeout]`;
      } else if (exitCode === null && exitSignal) {
        note = `[implement-spec: \`${program}\` was killed by ${exitSignal}]`;
      }
      finish(timedOut ? null : exitCode, note);
    };

    child.on('error', (err) => {
      // Spawn failures (ENOENT, EACCES, bad cwd) arrive here, with no exit event.
      if (child.pid === undefined) finish(null, startFailure(program, opts.cwd, err));
    });
    child.on('exit', (code, signal) => {
      exitCode = code;
      exitSignal = signal;
      // Grandchildren may keep the pipes open after the child is gone; don't wait on them for long.
      timers.push(
        setTimeout(() => {
          killTree(child.pid, 'SIGKILL');
          child.stdout?.destroy();
          child.stderr?.destroy();
          done();
        }, STREAM_DRAIN_MS),
      );
    });
    child.on('close', done);

    timers.push(
      setTimeout(() => {
        timedOut = true;
        killTree(child.pid, 'SIGTERM');
        timers.push(
          setTimeout(() => {
            killTree(child.pid, 'SIGKILL');
            // A process that ignores SIGKILL's group (or leaked its pipes) still must not hang the run.
            timers.push(
              setTimeout(() => {
                child.stdout?.destroy();
                child.stderr?.destroy();
                done();
              }, KILL_GRACE_MS),
            );
          }, KILL_GRACE_MS),
        );
      }, timeoutMs),
    );
  });
}

function formatMs(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000}-minute`;
  if (ms >= 1000 && ms % 1000 === 0) return `${ms / 1000}-second`;
  return `${ms} ms`;
}

function startFailure(program: string, cwd: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') {
    return (
      `[implement-spec: could not start \`${program}\`: it was not found on PATH (or the working directory ` +
      `${cwd} does not exist). Install it in an earlier workflow step, or use the command that runs it (e.g. \`npx ${program}\`).]`
    );
  }
  if (code === 'EACCES') {
    return `[implement-spec: could not start \`${program}\`: permission denied. Make the file executable or run it through its interpreter (e.g. \`node ${program}\`).]`;
  }
  const message = err instanceof Error ? err.message : String(err);
  return `[implement-spec: could not start \`${program}\`: ${message}]`;
}
