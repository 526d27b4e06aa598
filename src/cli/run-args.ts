// The options of `implement-spec run`, parsed and checked before anything is read or spent.
import { parseArgs } from 'node:util';
import { passEnvNameProblem } from '../core/secret-env.js';
import type { PlanOptions } from '../core/tasks.js';
import { splitCommand } from '../run/commands.js';
import { PLAN_OPTIONS, parsePositive, planOptionsFrom } from './plan-command.js';
import { UsageError } from './usage.js';

const RUN_OPTIONS = {
  ...PLAN_OPTIONS,
  'dry-run': { type: 'boolean' },
  'output-dir': { type: 'string' },
  'max-cost': { type: 'string' },
  'cost-warn': { type: 'string' },
  'max-parallel': { type: 'string' },
  'max-turns': { type: 'string' },
  'max-tokens': { type: 'string' },
  record: { type: 'string' },
  replay: { type: 'string' },
  verbose: { type: 'boolean' },
  fresh: { type: 'boolean' },
  'test-command': { type: 'string' },
  'max-fix-rounds': { type: 'string' },
  'format-command': { type: 'string' },
  'no-review': { type: 'boolean' },
  'protected-paths': { type: 'string' },
  'sandbox-network': { type: 'boolean' },
  'sandbox-env': { type: 'string', multiple: true },
} as const;

type RunValues = ReturnType<
  typeof parseArgs<{ options: typeof RUN_OPTIONS; allowPositionals: true }>
>['values'];

export interface RunArgs {
  specArg: string;
  values: RunValues;
  options: PlanOptions;
  maxCost: number;
  costWarn: number;
  maxParallel: number;
  maxTurns: number;
  maxTokens: number;
  maxFixRounds: number;
  /** Host variables passed into the sandbox of the test, format and check commands (the action's sandbox-env). */
  sandboxEnv: string[];
}

export function parseRunArgs(argv: string[]): RunArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: RUN_OPTIONS,
  });
  if (positionals.length !== 1)
    throw new UsageError('run needs exactly one spec file, e.g. `implement-spec run specs/x.md`.');
  const args: RunArgs = {
    specArg: positionals[0]!,
    values,
    options: planOptionsFrom(values),
    maxCost: parsePositive('--max-cost', values['max-cost'], { allowZero: true }) ?? 50,
    costWarn: parsePositive('--cost-warn', values['cost-warn'], { allowZero: true }) ?? 10,
    maxParallel: parsePositive('--max-parallel', values['max-parallel'], { int: true }) ?? 4,
    maxTurns: parsePositive('--max-turns', values['max-turns'], { int: true }) ?? 20,
    maxTokens: parsePositive('--max-tokens', values['max-tokens'], { int: true }) ?? 16_000,
    maxFixRounds:
      parsePositive('--max-fix-rounds', values['max-fix-rounds'], { int: true, allowZero: true }) ?? 2,
    sandboxEnv: sandboxEnvNames(values['sandbox-env'] ?? []),
  };
  checkCombinations(args);
  return args;
}

/**
 * `--sandbox-env A,B` (repeatable) as a list of names. The action's own credentials are refused, as the action's
 * `sandbox-env` input refuses them: code the agents wrote runs in that sandbox.
 */
function sandboxEnvNames(raw: readonly string[]): string[] {
  const names = raw.flatMap((r) => r.split(',')).map((n) => n.trim());
  for (const name of names) {
    const problem = name === '' ? 'an empty name (a stray comma?)' : passEnvNameProblem(name);
    if (problem) throw new UsageError(`--sandbox-env: ${problem}.`);
  }
  return [...new Set(names)];
}

function checkCombinations({ values, costWarn, maxCost }: RunArgs): void {
  if (costWarn > maxCost)
    throw new UsageError(`--cost-warn (${costWarn}) must not exceed --max-cost (${maxCost}).`);
  if (values.record && values.replay) throw new UsageError('choose one of --record and --replay.');
  if (!values['dry-run'] && (values.json || values.markdown)) {
    throw new UsageError(
      '--json and --markdown show the plan: use them with --dry-run (a real run writes implementation-report.json).',
    );
  }
  // Commands run without a shell: a pipeline or redirection is a usage error, said before anything runs.
  for (const name of ['test-command', 'format-command'] as const) {
    const line = values[name];
    if (line === undefined) continue;
    try {
      splitCommand(line);
    } catch (err) {
      throw new UsageError(`--${name}: ${(err as Error).message}`);
    }
  }
}
