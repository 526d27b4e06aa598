// Every action input, read once, checked once. A bad value fails the step with the input's name,
// the value's problem and what to write instead.

import { RETRY_TIMINGS } from '../core/retry-policy.js';
import { passEnvNameProblem } from '../core/secret-env.js';
import { specPathProblem } from '../github/command.js';
import { parseRoleModels, RoleModelsError } from '../plan/role-models.js';
import { splitCommand } from '../run/commands.js';
import * as core from './runner.js';

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

const list = (raw: string): string[] =>
  raw
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

/** Reads one input's raw text: its value, or a message saying what is wrong and what to write instead. */
type Read<T> = (raw: string) => T;

/** A problem with one input; collected, so one failed step names every bad input at once. */
class Problem {
  constructor(readonly message: string) {}
}

const fail = (message: string): never => {
  throw new Problem(message);
};

const bool =
  (name: string): Read<boolean> =>
  (v) => {
    const s = v.trim().toLowerCase();
    if (s === '' || s === 'false') return false;
    if (s === 'true') return true;
    return fail(`input "${name}" must be "true" or "false", got "${v}"`);
  };

const number =
  (name: string, opts: { int?: boolean; min: number; max?: number }): Read<number> =>
  (v) => {
    const n = Number(v.trim());
    const bad =
      v.trim() === '' ||
      !Number.isFinite(n) ||
      (opts.int && !Number.isInteger(n)) ||
      n < opts.min ||
      (opts.max !== undefined && n > opts.max);
    if (!bad) return n;
    const range = opts.max === undefined ? `≥ ${opts.min}` : `from ${opts.min} to ${opts.max}`;
    return fail(`input "${name}" must be ${opts.int ? 'a whole number' : 'a number'} ${range}, got "${v}"`);
  };

const oneOf =
  <T extends string>(values: readonly T[], message: string): Read<T> =>
  (v) =>
    (values as readonly string[]).includes(v) ? (v as T) : fail(message);

/** Trimmed, and matching `pattern` (when given). */
const text =
  (pattern?: RegExp, message = ''): Read<string> =>
  (v) => {
    const s = v.trim();
    return pattern && !pattern.test(s) ? fail(message) : s;
  };

const untrimmed: Read<string> = (v) => v;

/** Commands run without a shell: a pipeline or redirection is a configuration error, said up front. */
const command =
  (name: string): Read<string> =>
  (v) => {
    const s = v.trim();
    if (s === '') return s;
    try {
      splitCommand(s);
    } catch (err) {
      fail(`input "${name}": ${(err as Error).message}`);
    }
    return s;
  };

const PERMISSIONS = ['read', 'triage', 'write', 'maintain', 'admin'] as const;

const READERS = {
  specPaths: list,
  // Checked like the dispatch event's input and comment arguments: relative, no "..", plain characters.
  spec: (v: string) => {
    const s = v.trim();
    const problem = s === '' ? null : specPathProblem(s);
    return problem ? fail(`input "spec": ${problem}`) : s;
  },
  dryRun: bool('dry-run'),
  detectOnly: bool('detect-only'),
  failOnNotReady: bool('fail-on-not-ready'),
  anthropicApiKey: untrimmed,
  githubToken: untrimmed,
  model: text(/^[A-Za-z0-9._:-]+$/, 'input "model" must be a model name such as claude-sonnet-5-5'),
  roleModels: (v: string) => {
    try {
      return parseRoleModels(v, 'input "role-models"');
    } catch (err) {
      if (!(err instanceof RoleModelsError)) throw err;
      return fail(err.message);
    }
  },
  maxTokens: number('max-tokens', { int: true, min: 256, max: 128_000 }),
  maxTurns: number('max-turns', { int: true, min: 1, max: 200 }),
  mode: oneOf(['sequential', 'parallel'] as const, 'input "mode" must be "sequential" or "parallel"'),
  maxParallel: number('max-parallel', { int: true, min: 1, max: 32 }),
  agents: list,
  maxCost: number('max-cost', { min: 0 }),
  costWarn: number('cost-warn', { min: 0 }),
  force: bool('force'),
  protectedPaths: list,
  triggerLabel: text(/[\s\S]/, 'input "trigger-label" must not be empty'),
  command: text(/^\/[A-Za-z0-9._-]+$/, 'input "command" must look like /implement-spec'),
  allowedPermission: oneOf(
    PERMISSIONS,
    `input "allowed-permission" must be one of ${PERMISSIONS.join(', ')}`,
  ),
  enablePullRequest: bool('enable-pull-request'),
  base: text(),
  committer: text(),
  draft: bool('draft'),
  draftOnFailure: bool('draft-on-failure'),
  prLabels: list,
  commitReport: bool('commit-report'),
  testCommand: command('test-command'),
  maxFixRounds: number('max-fix-rounds', { int: true, min: 0, max: 10 }),
  formatCommand: command('format-command'),
  review: bool('review'),
  fresh: bool('fresh'),
  approveAbove: number('approve-above', { min: 0 }),
  waitForChecks: bool('wait-for-checks'),
  checksTimeoutMinutes: number('checks-timeout-minutes', { min: 1, max: 360 }),
  sandboxNetwork: bool('sandbox-network'),
  sandboxEnv: (v: string) => {
    const names = list(v);
    const problems = names.flatMap((name) => {
      const problem = passEnvNameProblem(name);
      return problem ? [`input "sandbox-env": ${problem}`] : [];
    });
    return problems.length > 0 ? fail(problems.join('; ')) : names;
  },
  allowUnsandboxedCommands: bool('allow-unsandboxed-commands'),
  botLogin: text(
    /^$|^[A-Za-z0-9][A-Za-z0-9-]*(\[bot\])?$/,
    'input "bot-login" must be a GitHub login, e.g. my-app[bot]',
  ),
  retryTiming: oneOf(RETRY_TIMINGS, `input "retry-timing" must be one of ${RETRY_TIMINGS.join(', ')}`),
} satisfies Record<string, Read<unknown>>;

export type ActionInputs = { [K in keyof typeof READERS]: ReturnType<(typeof READERS)[K]> };

/** Input names as declared in action.yml, keyed by the field they fill. */
export const INPUT_NAMES: Record<keyof ActionInputs, string> = {
  specPaths: 'spec-paths',
  spec: 'spec',
  dryRun: 'dry-run',
  detectOnly: 'detect-only',
  failOnNotReady: 'fail-on-not-ready',
  anthropicApiKey: 'anthropic-api-key',
  githubToken: 'github-token',
  model: 'model',
  roleModels: 'role-models',
  maxTokens: 'max-tokens',
  maxTurns: 'max-turns',
  mode: 'mode',
  maxParallel: 'max-parallel',
  agents: 'agents',
  maxCost: 'max-cost',
  costWarn: 'cost-warn',
  force: 'force',
  protectedPaths: 'protected-paths',
  triggerLabel: 'trigger-label',
  command: 'command',
  allowedPermission: 'allowed-permission',
  enablePullRequest: 'enable-pull-request',
  base: 'base',
  committer: 'committer',
  draft: 'draft',
  draftOnFailure: 'draft-on-failure',
  prLabels: 'pr-labels',
  commitReport: 'commit-report',
  testCommand: 'test-command',
  maxFixRounds: 'max-fix-rounds',
  formatCommand: 'format-command',
  review: 'review',
  fresh: 'fresh',
  approveAbove: 'approve-above',
  waitForChecks: 'wait-for-checks',
  checksTimeoutMinutes: 'checks-timeout-minutes',
  sandboxNetwork: 'sandbox-network',
  sandboxEnv: 'sandbox-env',
  allowUnsandboxedCommands: 'allow-unsandboxed-commands',
  botLogin: 'bot-login',
  retryTiming: 'retry-timing',
};

/** Defaults for inputs the runner leaves empty (the runner fills action.yml defaults; local runs may not). */
const DEFAULTS: Partial<Record<keyof ActionInputs, string>> = {
  specPaths: 'specs/**/*.md',
  failOnNotReady: 'true',
  model: 'claude-sonnet-5-5',
  maxTokens: '16000',
  maxTurns: '20',
  mode: 'sequential',
  maxParallel: '4',
  maxCost: '50',
  costWarn: '10',
  triggerLabel: 'implement-spec',
  command: '/implement-spec',
  allowedPermission: 'write',
  committer: 'github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>',
  prLabels: 'implement-spec:generated',
  maxFixRounds: '2',
  review: 'true',
  draftOnFailure: 'true',
  approveAbove: '5',
  checksTimeoutMinutes: '30',
  retryTiming: 'standard',
};

/** Each input's raw text by field, action.yml's default in place of an empty value. */
export function rawInputs(getInput: (name: string) => string): Record<keyof ActionInputs, string> {
  const raw = {} as Record<keyof ActionInputs, string>;
  for (const [key, name] of Object.entries(INPUT_NAMES) as [keyof ActionInputs, string][]) {
    const value = getInput(name);
    raw[key] = value === '' ? (DEFAULTS[key] ?? '') : value;
  }
  return raw;
}

export function readInputs(getInput: (name: string) => string = (n) => core.getInput(n)): ActionInputs {
  const raw = rawInputs(getInput);
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, read] of Object.entries(READERS) as [keyof ActionInputs, Read<unknown>][]) {
    try {
      values[key] = read(raw[key] ?? '');
    } catch (err) {
      if (!(err instanceof Problem)) throw err;
      problems.push(err.message);
    }
  }
  if (problems.length > 0) throw new InputError(problems.join('; '));
  const inputs = values as ActionInputs;
  if (inputs.costWarn > inputs.maxCost) {
    throw new InputError(
      `input "cost-warn" (${inputs.costWarn}) must not exceed "max-cost" (${inputs.maxCost}): lower cost-warn or raise max-cost.`,
    );
  }
  if (inputs.anthropicApiKey) core.setSecret(inputs.anthropicApiKey);
  if (inputs.githubToken) core.setSecret(inputs.githubToken);
  return inputs;
}
