// One spec's implementation after planning, shared by the CLI and the action: resume state, role
// allowlists, the agents, the formatter, the test loop with fix rounds, the review, the new state.

import { runReview } from '../agents/review.js';
import type { RepoSnapshot, RoleDefinition } from '../agents/types.js';
import { priceOf } from '../plan/prices.js';
import type { Plan, Role } from '../plan/types.js';
import type { Spec } from '../spec/types.js';
import type { Budget } from './budget.js';
import { runPlan } from './engine.js';
import type { ModelPort } from './model/port.js';
import { diskFileCheck, planResume } from './resume.js';
import { loadRoleConfig } from './role-config.js';
import { buildState, readState, STATE_PATH, writeState } from './state.js';
import { makeFixRunner, runFormatter, runTestLoop } from './test-loop.js';
import type { ProgressListener, RunResult } from './types.js';
import { createWorkspace } from './workspace.js';

export interface PipelineInput {
  spec: Spec;
  plan: Plan;
  roles: Map<Role, RoleDefinition>;
  repo: RepoSnapshot;
  /** Workspace root: the checkout or --output-dir. */
  root: string;
  /** Workspace-relative path of the spec (never writable), when it lies inside the root. */
  specPath: string | null;
  model: ModelPort;
  maxTokens: number;
  maxTurns: number;
  maxParallel: number;
  budget: Budget;
  protectedPaths: string[];
  /** Copy files about to be overwritten to .implement-spec/backups/ (local runs). */
  backups: boolean;
  /** Ignore the state of an earlier run. */
  fresh: boolean;
  testCommand?: string;
  maxFixRounds: number;
  formatCommand?: string;
  review: boolean;
  /** Values to redact from command output (API keys, tokens). */
  secrets: string[];
  onEvent?: ProgressListener;
  log: (message: string) => void;
}

export async function implementPlan(input: PipelineInput): Promise<RunResult> {
  const { spec, plan, budget, root } = input;
  const price = priceOf(plan.model);
  const warnings: string[] = [];

  // A broken config file is the user's to fix before anything is spent: RoleConfigError propagates.
  const roleConfig = await loadRoleConfig(root);
  warnings.push(...roleConfig.warnings);

  const previous = await readState(root);
  if (previous.warning) warnings.push(previous.warning);
  const resume = planResume({
    spec,
    plan,
    previous: previous.state,
    fresh: input.fresh,
    fileExists: diskFileCheck(root),
  });
  if (resume.reuse.size > 0) {
    input.log(`Resuming: ${resume.reuse.size} task(s) completed by the previous run are kept.`);
    for (const id of resume.redo)
      input.log(`  ${id} runs again: ${resume.reasons[id] ?? 'not completed before'}`);
  }

  const workspace = createWorkspace({
    root,
    specPaths: input.specPath ? [input.specPath] : [],
    // Agents never touch the resume state: only this pipeline writes it.
    protectedPaths: [...input.protectedPaths, ...roleConfig.protectedPaths, STATE_PATH],
    roleAllow: roleConfig.roleAllow,
    backups: input.backups,
  });

  const result = await runPlan({
    spec,
    plan,
    model: input.model,
    maxTokens: input.maxTokens,
    maxTurns: input.maxTurns,
    maxParallel: input.maxParallel,
    workspace,
    roles: input.roles,
    repo: input.repo,
    budget,
    reuse: resume.reuse,
    ...(input.onEvent ? { onEvent: input.onEvent } : {}),
  });
  result.warnings.unshift(...warnings);
  const written = () => [
    ...new Set(
      workspace
        .records()
        .filter((w) => w.action !== 'deleted')
        .map((w) => w.path),
    ),
  ];

  if (input.formatCommand && written().length > 0) {
    const formatted = await runFormatter({
      formatCommand: input.formatCommand,
      files: written(),
      cwd: root,
      secrets: input.secrets,
    });
    if (!formatted.ok)
      result.warnings.push(
        `format-command failed (the files are kept unformatted): ${formatted.output.slice(-500)}`,
      );
  }

  const anySuccess = result.tasks.some((t) => t.status === 'success');
  if (input.testCommand && anySuccess && !budget.exceeded) {
    input.log(`Running the tests: ${input.testCommand}`);
    result.testLoop = await runTestLoop({
      testCommand: input.testCommand,
      maxFixRounds: input.maxFixRounds,
      cwd: root,
      secrets: input.secrets,
      budget,
      filesWritten: written,
      runFix: makeFixRunner({
        spec,
        roles: input.roles,
        repo: input.repo,
        model: input.model,
        modelName: plan.model,
        maxTokens: input.maxTokens,
        maxTurns: input.maxTurns,
        workspace,
        budget,
        price,
        baseTaskIds: plan.tasks.map((t) => t.id),
        ...(input.onEvent ? { onEvent: input.onEvent } : {}),
      }),
    });
    for (const round of result.testLoop.rounds) {
      if (round.fixTask) {
        result.tasks.push(round.fixTask);
        result.apiCalls.model += round.fixTask.calls;
      }
    }
    if (!result.testLoop.passed) result.warnings.push(`Tests still fail: ${result.testLoop.stopReason}.`);
  }

  if (input.review && anySuccess) {
    const reviewed = await runReview({
      spec,
      plan,
      writes: workspace.records(),
      readFile: (path) => workspace.read(path),
      model: input.model,
      modelName: plan.model,
      maxTokens: input.maxTokens,
      budget,
      price,
      ...(input.roles.get('review') ? { rolePrompt: input.roles.get('review')!.prompt } : {}),
    });
    result.review = reviewed;
    result.apiCalls.model += reviewed.calls;
    if (reviewed.status !== 'completed' && reviewed.reason)
      result.warnings.push(`Review ${reviewed.status}: ${reviewed.reason}`);
  }

  // Totals include the fix rounds and the review, which the budget saw too.
  result.writes = workspace.records();
  result.usage = budget.usage;
  result.costUsd = budget.totalUsd;
  result.costUsdWithoutCache = budget.totalUsdWithoutCache;
  result.budget = budget.summary();

  const state = buildState(
    spec,
    plan,
    result.tasks.filter((t) => plan.tasks.some((p) => p.id === t.taskId)),
    result.writes,
    previous.state ?? undefined,
    result.resumed,
  );
  await writeState(root, state);
  return result;
}
