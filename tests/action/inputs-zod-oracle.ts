// The action's inputs as the zod schema read them before src/action/inputs.ts was written without zod (zod
// cost the action's cold start about 0.5 MB of compiling). Kept only as the oracle of inputs-equivalence.test.ts.
import { z } from 'zod';
import { RETRY_TIMINGS } from '../../src/core/retry-policy.js';
import { passEnvNameProblem } from '../../src/core/secret-env.js';
import { specPathProblem } from '../../src/github/command.js';
import { parseRoleModels, RoleModelsError } from '../../src/plan/role-models.js';
import { splitCommand } from '../../src/run/commands.js';

const list = (raw: string): string[] =>
  raw
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

const bool = (name: string) =>
  z.string().transform((v, ctx) => {
    const s = v.trim().toLowerCase();
    if (s === '' || s === 'false') return false;
    if (s === 'true') return true;
    ctx.addIssue({ code: 'custom', message: `input "${name}" must be "true" or "false", got "${v}"` });
    return z.NEVER;
  });

const number = (name: string, opts: { int?: boolean; min: number; max?: number }) =>
  z.string().transform((v, ctx) => {
    const n = Number(v.trim());
    const bad =
      v.trim() === '' ||
      !Number.isFinite(n) ||
      (opts.int && !Number.isInteger(n)) ||
      n < opts.min ||
      (opts.max !== undefined && n > opts.max);
    if (bad) {
      const range = opts.max === undefined ? `≥ ${opts.min}` : `from ${opts.min} to ${opts.max}`;
      ctx.addIssue({
        code: 'custom',
        message: `input "${name}" must be ${opts.int ? 'a whole number' : 'a number'} ${range}, got "${v}"`,
      });
      return z.NEVER;
    }
    return n;
  });

const PERMISSIONS = ['read', 'triage', 'write', 'maintain', 'admin'] as const;

const InputsSchema = z.object({
  specPaths: z.string().transform(list),
  // Checked like the dispatch event's input and comment arguments: relative, no "..", plain characters.
  spec: z
    .string()
    .transform((s) => s.trim())
    .superRefine((v, ctx) => {
      const problem = v === '' ? null : specPathProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: `input "spec": ${problem}` });
    }),
  dryRun: bool('dry-run'),
  detectOnly: bool('detect-only'),
  failOnNotReady: bool('fail-on-not-ready'),
  anthropicApiKey: z.string(),
  githubToken: z.string(),
  model: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._:-]+$/, 'input "model" must be a model name such as claude-sonnet-5-5'),
  roleModels: z.string().transform((v, ctx) => {
    try {
      return parseRoleModels(v, 'input "role-models"');
    } catch (err) {
      if (!(err instanceof RoleModelsError)) throw err;
      ctx.addIssue({ code: 'custom', message: err.message });
      return z.NEVER;
    }
  }),
  maxTokens: number('max-tokens', { int: true, min: 256, max: 128_000 }),
  maxTurns: number('max-turns', { int: true, min: 1, max: 200 }),
  mode: z.enum(['sequential', 'parallel'], { message: 'input "mode" must be "sequential" or "parallel"' }),
  maxParallel: number('max-parallel', { int: true, min: 1, max: 32 }),
  agents: z.string().transform(list),
  maxCost: number('max-cost', { min: 0 }),
  costWarn: number('cost-warn', { min: 0 }),
  force: bool('force'),
  protectedPaths: z.string().transform(list),
  triggerLabel: z.string().trim().min(1, 'input "trigger-label" must not be empty'),
  command: z
    .string()
    .trim()
    .regex(/^\/[A-Za-z0-9._-]+$/, 'input "command" must look like /implement-spec'),
  allowedPermission: z.enum(PERMISSIONS, {
    message: `input "allowed-permission" must be one of ${PERMISSIONS.join(', ')}`,
  }),
  enablePullRequest: bool('enable-pull-request'),
  base: z.string().trim(),
  committer: z.string().trim(),
  draft: bool('draft'),
  draftOnFailure: bool('draft-on-failure'),
  prLabels: z.string().transform(list),
  commitReport: bool('commit-report'),
  testCommand: z
    .string()
    .trim()
    .superRefine((v, ctx) => commandProblem('test-command', v, ctx)),
  maxFixRounds: number('max-fix-rounds', { int: true, min: 0, max: 10 }),
  formatCommand: z
    .string()
    .trim()
    .superRefine((v, ctx) => commandProblem('format-command', v, ctx)),
  review: bool('review'),
  fresh: bool('fresh'),
  approveAbove: number('approve-above', { min: 0 }),
  waitForChecks: bool('wait-for-checks'),
  checksTimeoutMinutes: number('checks-timeout-minutes', { min: 1, max: 360 }),
  sandboxNetwork: bool('sandbox-network'),
  sandboxEnv: z
    .string()
    .transform(list)
    .superRefine((names, ctx) => {
      for (const name of names) {
        const problem = passEnvNameProblem(name);
        if (problem) ctx.addIssue({ code: 'custom', message: `input "sandbox-env": ${problem}` });
      }
    }),
  allowUnsandboxedCommands: bool('allow-unsandboxed-commands'),
  botLogin: z
    .string()
    .trim()
    .regex(
      /^$|^[A-Za-z0-9][A-Za-z0-9-]*(\[bot\])?$/,
      'input "bot-login" must be a GitHub login, e.g. my-app[bot]',
    ),
  retryTiming: z.enum(RETRY_TIMINGS, {
    message: `input "retry-timing" must be one of ${RETRY_TIMINGS.join(', ')}`,
  }),
});

/** Commands run without a shell: a pipeline or redirection is a configuration error, said up front. */
function commandProblem(name: string, value: string, ctx: z.RefinementCtx): void {
  if (value === '') return;
  try {
    splitCommand(value);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `input "${name}": ${(err as Error).message}` });
  }
}

/** What the zod schema made of raw input values: the parsed inputs, or the joined issue messages. */
export function zodReadInputs(raw: Record<string, string>): { data: unknown } | { error: string } {
  const parsed = InputsSchema.safeParse(raw);
  if (!parsed.success) return { error: parsed.error.issues.map((i) => i.message).join('; ') };
  return { data: parsed.data };
}
