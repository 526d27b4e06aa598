/**
 * Parser for the `/implement-spec …` comment command.
 *
 * The comment body is untrusted text written by anyone who can comment on a pull request. It is only ever
 * split into whitespace-separated tokens and compared against a fixed grammar; nothing here (or downstream)
 * hands it to a shell, so `$(…)`, backticks, `;` or `${{ }}` are plain characters that fail validation.
 */

export type ExecutionMode = 'sequential' | 'parallel';

export type ParsedCommand =
  | { kind: 'none' }
  | { kind: 'error'; message: string; usage: string }
  | {
      kind: 'run';
      /** Spec paths relative to the repository root; empty means "the specs this pull request touches". */
      specs: string[];
      dryRun: boolean;
      agents?: string[];
      mode?: ExecutionMode;
      maxCost?: number;
    }
  | { kind: 'approve' }
  | { kind: 'help'; usage: string };

export const DEFAULT_COMMAND = '/implement-spec';

const MAX_SPEC_PATH_LENGTH = 512;
const SPEC_PATH_CHARS = /^[A-Za-z0-9._/-]+$/;
const AGENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const POSITIVE_DECIMAL = /^(?:\d+(?:\.\d*)?|\.\d+)$/;

export function COMMAND_USAGE(command: string = DEFAULT_COMMAND): string {
  return [
    'Usage:',
    `  ${command} [spec-path ...] [--dry-run] [--agents a,b] [--mode sequential|parallel] [--max-cost USD]`,
    `  ${command} approve`,
    `  ${command} --help`,
    '',
    'Options:',
    '  spec-path         repository-relative path of a spec file (letters, digits, . _ - /); default: the specs this PR changes',
    '  --dry-run         validate and plan only; no agents run, nothing is committed',
    '  --agents a,b      run only these agent roles (comma-separated)',
    '  --mode M          run tasks sequentially or in parallel',
    '  --max-cost USD    stop before the estimated cost exceeds this many US dollars (a positive number)',
    '  approve           approve a plan that is waiting for approval',
    '',
    'Only the first line of the comment is read.',
  ].join('\n');
}

/**
 * Untrusted text as it may appear in a reply: one inline code span, so GitHub renders no `@mention`, image,
 * link or HTML from it, with backticks (which would close the span) and line breaks replaced, and cut short.
 */
export function shown(text: string, max = 60): string {
  const flat = text.replace(/`/g, "'").replace(/[\r\n\t]+/g, ' ');
  const cut = flat.length > max ? `${flat.slice(0, max)}…` : flat;
  return `\`${cut}\``;
}

/** Why a spec path is unacceptable, or null when it is fine. */
export function specPathProblem(path: string): string | null {
  if (path.length === 0) return 'the spec path is empty';
  if (path.includes('\0')) return 'the spec path contains a NUL character';
  if (path.length > MAX_SPEC_PATH_LENGTH)
    return `the spec path is longer than ${MAX_SPEC_PATH_LENGTH} characters`;
  if (path.startsWith('/'))
    return `spec path ${shown(path)} is absolute; give a path relative to the repository root`;
  if (path.includes('..'))
    return `spec path ${shown(path)} contains ".."; paths may not leave the repository`;
  if (!SPEC_PATH_CHARS.test(path)) {
    return `spec path ${shown(path)} contains characters other than letters, digits, ".", "_", "-" and "/"`;
  }
  return null;
}

type FlagName = '--dry-run' | '--agents' | '--mode' | '--max-cost' | '--help';
const FLAGS_WITH_VALUE = new Set<FlagName>(['--agents', '--mode', '--max-cost']);
const KNOWN_FLAGS = new Set<string>(['--dry-run', '--agents', '--mode', '--max-cost', '--help']);

class CommandError extends Error {}

export function parseCommand(body: string, command: string = DEFAULT_COMMAND): ParsedCommand {
  const firstLine = (body.split(/\r\n|\r|\n/, 1)[0] ?? '').trim();
  if (!firstLine.startsWith(command)) return { kind: 'none' };
  const rest = firstLine.slice(command.length);
  // `/implement-specs` or `/implement-spec:foo` are different words, not our command.
  if (rest.length > 0 && !/^\s/.test(rest)) return { kind: 'none' };

  const usage = COMMAND_USAGE(command);
  try {
    return parseArguments(rest.trim().length === 0 ? [] : rest.trim().split(/\s+/), usage);
  } catch (error) {
    if (error instanceof CommandError) return { kind: 'error', message: error.message, usage };
    throw error;
  }
}

function parseArguments(tokens: string[], usage: string): ParsedCommand {
  if (tokens[0] === 'approve') {
    if (tokens.length > 1) {
      throw new CommandError(`"approve" takes no arguments, but got: ${shown(tokens.slice(1).join(' '))}`);
    }
    return { kind: 'approve' };
  }
  if (tokens[0] === 'help') return { kind: 'help', usage };

  const seen = new Set<FlagName>();
  const specs: string[] = [];
  let dryRun = false;
  let help = false;
  let agents: string[] | undefined;
  let mode: ExecutionMode | undefined;
  let maxCost: number | undefined;

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!token.startsWith('-')) {
      const problem = specPathProblem(token);
      if (problem) throw new CommandError(problem);
      const normalised = token.replace(/^(?:\.\/)+/, '');
      if (!specs.includes(normalised)) specs.push(normalised);
      continue;
    }

    const eq = token.indexOf('=');
    const name = eq === -1 ? token : token.slice(0, eq);
    if (!KNOWN_FLAGS.has(name)) throw new CommandError(`unknown option ${shown(name)}`);
    const flag = name as FlagName;
    if (seen.has(flag)) throw new CommandError(`option "${flag}" is given more than once`);
    seen.add(flag);

    let value: string | undefined;
    if (eq !== -1) {
      value = token.slice(eq + 1);
    } else if (FLAGS_WITH_VALUE.has(flag)) {
      const next = tokens[i + 1];
      if (next === undefined || next.startsWith('--'))
        throw new CommandError(`option "${flag}" needs a value`);
      value = next;
      i++;
    }

    switch (flag) {
      case '--dry-run':
        dryRun = parseBooleanFlag(flag, value);
        break;
      case '--help':
        if (value !== undefined) throw new CommandError('option "--help" takes no value');
        help = true;
        break;
      case '--agents':
        agents = parseAgents(value ?? '');
        break;
      case '--mode':
        if (value !== 'sequential' && value !== 'parallel') {
          throw new CommandError(
            `option "--mode" must be "sequential" or "parallel", got ${shown(value ?? '')}`,
          );
        }
        mode = value;
        break;
      case '--max-cost':
        maxCost = parseMaxCost(value ?? '');
        break;
    }
  }

  if (help) return { kind: 'help', usage };
  const run: ParsedCommand = { kind: 'run', specs, dryRun };
  if (agents) run.agents = agents;
  if (mode) run.mode = mode;
  if (maxCost !== undefined) run.maxCost = maxCost;
  return run;
}

function parseBooleanFlag(flag: string, value: string | undefined): boolean {
  if (value === undefined || value === 'true') return true;
  if (value === 'false') return false;
  throw new CommandError(`option "${flag}" takes no value (or "=true"/"=false"), got ${shown(value)}`);
}

function parseAgents(value: string): string[] {
  const names = value.split(',').filter((name) => name.length > 0);
  if (names.length === 0)
    throw new CommandError('option "--agents" needs at least one agent name, e.g. --agents backend,tests');
  for (const name of names) {
    if (!AGENT_NAME.test(name)) {
      throw new CommandError(`agent name ${shown(name)} may only contain letters, digits, ".", "_" and "-"`);
    }
  }
  return [...new Set(names)];
}

function parseMaxCost(value: string): number {
  const amount = POSITIVE_DECIMAL.test(value) ? Number(value) : Number.NaN;
  if (!Number.isFinite(amount) || amount <= 0) {
    throw new CommandError(
      `option "--max-cost" must be a positive number of US dollars, e.g. 5 or 2.50; got ${shown(value)}`,
    );
  }
  return amount;
}
