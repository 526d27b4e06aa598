// One spec's implementation after planning, shared by the CLI and the action: resume state, role
// allowlists, the agents, the formatter, the test loop with fix rounds, the review, the new state.

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runReview } from '../agents/review.js';
import type { RepoSnapshot, RoleDefinition } from '../agents/types.js';
import type { Budget } from '../core/budget.js';
import { loadRoleConfig, type RoleConfig } from '../core/config.js';
import type { ModelPort } from '../core/model-port.js';
import { priceOf } from '../core/prices.js';
import type { ProgressEvent, ProgressListener, RunResult, TaskResult, WriteRecord } from '../core/results.js';
import type { Plan, Role } from '../core/tasks.js';
import { modelForRole } from '../plan/role-models.js';
import type { Spec } from '../spec/types.js';
import { createCheckRunner } from './checks.js';
import { splitCommand } from './commands.js';
import { runPlan } from './engine.js';
import { diskFileCheck, planResume } from './resume.js';
import { buildState, readState, STATE_PATH, writeState, writeStateSync } from './state.js';
import { makeFixRunner, runFormatter, runTestLoop } from './test-loop.js';
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
  /**
   * Model per role (the plan's tasks already carry theirs); here for the fix and review agents. Merged over
   * the config file's `roles.<role>.model`.
   */
  roleModels?: Record<Role, string>;
  /** The role config from preparePlan; read from `root` when absent. */
  roleConfig?: RoleConfig;
  /** Values to redact from command output (API keys, tokens). */
  secrets: string[];
  onEvent?: ProgressListener;
  log: (message: string) => void;
}

/**
 * The caller's listener, made unable to break the run: progress reporting that throws (say, on a fix task
 * the caller's plan view does not know) is logged, and the run goes on with the same outcome.
 */
function guardedListener(
  listener: ProgressListener | undefined,
  log: (message: string) => void,
): ProgressListener | undefined {
  if (!listener) return undefined;
  return (event: ProgressEvent) => {
    try {
      listener(event);
    } catch (err) {
      const task =
        event.type === 'task-start' ? event.task.id : event.type === 'task-end' ? event.result.taskId : '';
      log(
        `Progress listener failed on ${event.type}${task ? ` of ${task}` : ''}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  };
}

/** sha256 of a workspace file's content now, or null when it cannot be read. */
async function diskSha256(root: string, relPath: string): Promise<string | null> {
  try {
    return createHash('sha256')
      .update(await readFile(path.join(root, ...relPath.split('/'))))
      .digest('hex');
  } catch {
    return null;
  }
}

function parsesWithoutShell(line: string): boolean {
  try {
    splitCommand(line);
    return true;
  } catch {
    return false;
  }
}

export async function implementPlan(input: PipelineInput): Promise<RunResult> {
  const { spec, plan, budget, root } = input;
  const warnings: string[] = [];
  const onEvent = guardedListener(input.onEvent, input.log);

  // A broken config file is the user's to fix before anything is spent: RoleConfigError propagates.
  const roleConfig = input.roleConfig ?? (await loadRoleConfig(root));
  warnings.push(...roleConfig.warnings);
  const roleModels = { ...roleConfig.roleModels, ...input.roleModels };
  const fixModel = modelForRole('fix', roleModels, plan.model);
  const reviewModel = modelForRole('review', roleModels, plan.model);

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

  // Checkpoints: the state is rewritten after every finished task, so a run killed mid-way (a cancelled job,
  // a crash) resumes from the last completed task instead of from the start.
  const finished = new Map<string, TaskResult>();
  const checkpointing: ProgressListener = (event) => {
    onEvent?.(event);
    if (event.type !== 'task-end' || event.result.status !== 'success') return;
    finished.set(event.result.taskId, event.result);
    const reused = [...resume.reuse.keys()].filter((id) => finished.has(id));
    try {
      writeStateSync(
        root,
        buildState(
          spec,
          plan,
          [...finished.values()],
          workspace.records(),
          previous.state ?? undefined,
          reused,
        ),
      );
    } catch (err) {
      input.log(`Could not write the resume checkpoint: ${(err as Error).message}`);
    }
  };

  // A check that needs a shell is the config's to fix before anything is spent: the error propagates. A bad
  // test-command is left to the test loop, which reports it as it always has.
  const checks = createCheckRunner({
    checks: roleConfig.checks,
    ...(input.testCommand && parsesWithoutShell(input.testCommand) ? { testCommand: input.testCommand } : {}),
    cwd: root,
    secrets: input.secrets,
  });

  const result = await runPlan({
    spec,
    plan,
    checks,
    ...(roleConfig.maxChecks !== undefined ? { maxChecks: roleConfig.maxChecks } : {}),
    testsRunAfter: Boolean(input.testCommand),
    model: input.model,
    maxTokens: input.maxTokens,
    maxTurns: input.maxTurns,
    maxParallel: input.maxParallel,
    workspace,
    roles: input.roles,
    repo: input.repo,
    budget,
    reuse: resume.reuse,
    onEvent: checkpointing,
  });
  result.warnings.unshift(...warnings);
  // Files of the tasks taken over from the previous run are part of the result under test and review,
  // though this run did not write them.
  const thisRun = new Set(workspace.records().map((w) => w.path));
  const reusedRecords: WriteRecord[] = [...resume.reuse].flatMap(([taskId, reused]) => {
    const task = plan.tasks.find((t) => t.id === taskId);
    const prev = previous.state?.tasks[taskId];
    return reused.files
      .filter((p) => !thisRun.has(p))
      .map((p) => ({
        path: p,
        action: 'created' as const,
        bytes: 0,
        taskId,
        role: task?.agent ?? prev?.agent ?? 'backend',
        sha256: prev?.files.find((f) => f.path === p)?.sha256 ?? '',
      }));
  });
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
      filesWritten: () => [...new Set([...written(), ...reusedRecords.map((r) => r.path)])],
      runFix: makeFixRunner({
        spec,
        roles: input.roles,
        repo: input.repo,
        model: input.model,
        modelName: fixModel,
        runModel: plan.model,
        maxTokens: input.maxTokens,
        maxTurns: input.maxTurns,
        workspace,
        budget,
        price: priceOf(fixModel),
        baseTaskIds: plan.tasks.map((t) => t.id),
        ...(onEvent ? { onEvent } : {}),
      }),
    });
    for (const round of result.testLoop.rounds) {
      if (round.fixTask) {
        result.tasks.push(round.fixTask);
        result.apiCalls.model += round.fixTask.calls;
      }
    }
    if (!result.testLoop.passed) {
      // Code that fails the repository's own tests is not a finished implementation: the run is partial,
      // and the error says why (the PR is still opened, so the work can be continued).
      result.errors.push(`Tests still fail: ${result.testLoop.stopReason}.`);
      if (result.status === 'success') result.status = 'partial';
    }
  }

  if (input.review && anySuccess) {
    const reviewed = await runReview({
      spec,
      plan,
      writes: [...reusedRecords, ...workspace.records()],
      readFile: (p) => workspace.read(p),
      model: input.model,
      modelName: reviewModel,
      maxTokens: input.maxTokens,
      budget,
      price: priceOf(reviewModel),
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

  // The state records what is committed: the content after the formatter (and anything the tests rewrote),
  // not what the agents wrote, or the next run would take every formatted file for a changed one.
  const onDisk: WriteRecord[] = [];
  for (const w of result.writes) {
    onDisk.push(w.action === 'deleted' ? w : { ...w, sha256: (await diskSha256(root, w.path)) ?? w.sha256 });
  }
  const state = buildState(
    spec,
    plan,
    result.tasks.filter((t) => plan.tasks.some((p) => p.id === t.taskId)),
    onDisk,
    previous.state ?? undefined,
    result.resumed,
  );
  await writeState(root, state);
  return result;
}
