// Runs a plan: each task's prompt is built, its agent conversation runs through the safe workspace,
// real usage feeds the budget, and the scheduler keeps the task graph's order. Pure wiring: every
// piece it uses is tested on its own.

import { buildPrompt } from '../agents/context.js';
import { runAgentTask } from '../agents/tool-loop.js';
import type { AgentOutcome, RepoSnapshot, RoleDefinition } from '../agents/types.js';
import type { Budget } from '../core/budget.js';
import { CostTally } from '../core/cost-tally.js';
import { type ModelPort, ZERO_USAGE } from '../core/model-port.js';
import { formatUsd } from '../core/money.js';
import { priceOf } from '../core/prices.js';
import type { ProgressListener, RunResult, RunStatus, TaskResult } from '../core/results.js';
import type { ModelPrice, Plan, Role, Task } from '../core/tasks.js';
import type { Workspace } from '../core/workspace.js';
import type { Spec } from '../spec/types.js';
import { schedule } from './scheduler.js';
import { taskResultFrom } from './task-result.js';

export interface EngineOptions {
  spec: Spec;
  plan: Plan;
  model: ModelPort;
  maxTokens: number;
  maxTurns: number;
  maxParallel: number;
  workspace: Workspace;
  roles: Map<Role, RoleDefinition>;
  repo: RepoSnapshot;
  budget: Budget;
  customPrice?: ModelPrice;
  onEvent?: ProgressListener;
  now?: () => number;
  /** Tasks completed by an earlier run of the same plan (resume): not run again, their files kept. */
  reuse?: Map<string, { files: string[]; costUsd: number }>;
}

export async function runPlan(opts: EngineOptions): Promise<RunResult> {
  const now = opts.now ?? Date.now;
  const started = now();
  const { plan, budget } = opts;
  const price = priceOf(plan.model, opts.customPrice);
  // A task with its own model (its role's) pays that model's table price; custom prices are the plan model's.
  const priceFor = (task: Task) =>
    task.model !== undefined && task.model !== plan.model ? priceOf(task.model) : price;
  const tasksById = new Map(plan.tasks.map((t) => [t.id, t]));
  const results = new Map<string, TaskResult>();
  const warnings: string[] = [...plan.warnings];
  const errors: string[] = [];
  let modelCalls = 0;

  const emit: ProgressListener = (event) => {
    if (event.type === 'warning')
      warnings.push(event.taskId ? `${event.taskId}: ${event.message}` : event.message);
    opts.onEvent?.(event);
  };

  const runTask = async (task: Task, signal: AbortSignal): Promise<{ ok: boolean; reason?: string }> => {
    const reused = opts.reuse?.get(task.id);
    if (reused) {
      emit({ type: 'task-start', task });
      const r = { ...blankResult(task, 'success', 'reused from the previous run'), files: reused.files };
      results.set(task.id, r);
      emit({ type: 'task-end', result: r });
      return { ok: true };
    }
    const role = opts.roles.get(task.agent);
    const taskStart = now();
    if (!role) {
      const reason = `no prompt for role "${task.agent}": add .github/implement-spec/agents/${task.agent}.md`;
      results.set(task.id, blankResult(task, 'failed', reason));
      return { ok: false, reason };
    }
    emit({ type: 'task-start', task });
    const prompt = buildPrompt({
      spec: opts.spec,
      task,
      role,
      repo: opts.repo,
      dependencyFiles: await dependencyFiles(task, tasksById, results, opts.workspace),
    });
    const taskPrice = priceFor(task);
    let outcome: AgentOutcome;
    try {
      outcome = await runAgentTask({
        task,
        prompt,
        model: opts.model,
        modelName: task.model ?? plan.model,
        maxTokens: opts.maxTokens,
        maxTurns: opts.maxTurns,
        workspace: opts.workspace,
        signal,
        onEvent: emit,
        onUsage: (usage) => {
          budget.add(usage, taskPrice);
          emit({ type: 'cost', totalUsd: budget.totalUsd, usage: budget.usage });
        },
      });
    } catch (err) {
      // The tool loop reports failures as outcomes; an exception here is a bug, kept visible.
      outcome = {
        status: 'failed',
        reason: `internal error: ${err instanceof Error ? err.message : String(err)}`,
        turns: 0,
        calls: 0,
        usage: ZERO_USAGE,
        files: [],
        warnings: [],
      };
    }
    modelCalls += outcome.calls;
    const result = taskResultFrom(task, outcome, {
      price: taskPrice,
      durationMs: now() - taskStart,
      ...(task.model !== undefined && task.model !== plan.model ? { model: task.model } : {}),
    });
    results.set(task.id, result);
    for (const w of outcome.warnings) warnings.push(`${task.id}: ${w}`);
    if (outcome.status === 'failed')
      errors.push(`${task.id} (${task.agent}) failed: ${outcome.reason ?? 'unknown reason'}`);
    emit({ type: 'task-end', result });
    return outcome.status === 'success'
      ? { ok: true }
      : { ok: false, ...(outcome.reason ? { reason: outcome.reason } : {}) };
  };

  const statuses = await schedule(plan.tasks, {
    mode: plan.mode,
    maxParallel: opts.maxParallel,
    signal: budget.signal,
    run: runTask,
  });

  // Tasks that never ran (skipped after a failed dependency, cancelled by the budget) still get a row.
  for (const task of plan.tasks) {
    const s = statuses.get(task.id);
    const existing = results.get(task.id);
    if (!existing && s) {
      const r = blankResult(task, s.status === 'success' ? 'failed' : s.status, s.reason);
      results.set(task.id, r);
      emit({ type: 'task-end', result: r });
    } else if (existing && s?.status === 'cancelled' && existing.status !== 'cancelled') {
      existing.status = 'cancelled';
      existing.reason ??= s.reason;
    }
  }

  const budgetSummary = budget.summary();
  if (budgetSummary.aborted) {
    errors.push(
      `Budget: spending reached the max-cost limit of ${formatUsd(budgetSummary.maxUsd)}; no further model call was made. Files already written are kept.`,
    );
  }
  if (budgetSummary.stoppedBy) {
    errors.push(
      `Stopped (${budgetSummary.stoppedBy}) before every task finished. Files already written are kept; re-run to resume from the last completed task.`,
    );
  }
  const taskResults = plan.tasks.map((t) => results.get(t.id)!);
  const tally = new CostTally();
  for (const task of plan.tasks) tally.add(results.get(task.id)!.usage, priceFor(task));
  const finished = now();
  return {
    status: runStatus(taskResults, budgetSummary.aborted || budgetSummary.stoppedBy !== undefined),
    spec: plan.spec,
    mode: plan.mode,
    model: plan.model,
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    durationMs: finished - started,
    tasks: taskResults,
    writes: opts.workspace.records(),
    usage: tally.usage,
    costUsd: tally.costUsd,
    costUsdWithoutCache: tally.costUsdWithoutCache,
    budget: budgetSummary,
    warnings,
    errors,
    plan,
    apiCalls: { model: modelCalls, github: 0 },
    outputDir: opts.workspace.root,
    ...(opts.reuse && opts.reuse.size > 0 ? { resumed: [...opts.reuse.keys()] } : {}),
  };
}

export function runStatus(tasks: TaskResult[], aborted: boolean): RunStatus {
  if (tasks.length === 0) return 'failed';
  const ok = tasks.filter((t) => t.status === 'success').length;
  if (ok === tasks.length && !aborted) return 'success';
  return ok === 0 ? 'failed' : 'partial';
}

function blankResult(task: Task, status: TaskResult['status'], reason?: string): TaskResult {
  return {
    taskId: task.id,
    agent: task.agent,
    title: task.title,
    status,
    ...(reason ? { reason } : {}),
    calls: 0,
    attempts: 0,
    turns: 0,
    files: [],
    usage: ZERO_USAGE,
    costUsd: 0,
    durationMs: 0,
    estimateUsd: task.estimate.usd,
    warnings: [],
  };
}

/**
 * Files written by the task's dependencies (transitively), in task order, as the agent's context. Files of
 * tasks reused from an earlier run were not written by this run, so they are read from the workspace.
 */
async function dependencyFiles(
  task: Task,
  tasksById: Map<string, Task>,
  results: Map<string, TaskResult>,
  workspace: Workspace,
): Promise<{ path: string; content: string }[]> {
  const seen = new Set<string>();
  const stack = [...task.dependsOn];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(tasksById.get(id)?.dependsOn ?? []));
  }
  const files: { path: string; content: string }[] = [];
  const paths = new Set<string>();
  for (const id of [...seen].sort()) {
    for (const path of results.get(id)?.files ?? []) {
      if (paths.has(path)) continue;
      paths.add(path);
      let content = workspace.writtenContent(path);
      if (content === undefined) content = await workspace.read(path).catch(() => undefined);
      if (content !== undefined) files.push({ path, content });
    }
  }
  return files;
}
