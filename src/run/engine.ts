// Runs a plan: each task's prompt is built, its agent conversation runs through the safe workspace,
// real usage feeds the budget, and the scheduler keeps the task graph's order. Pure wiring: every
// piece it uses is tested on its own.

import { buildPrompt, prepareFrontMatter } from '../agents/context.js';
import type { AgentOutcome, RepoSnapshot, RoleDefinition } from '../agents/types.js';
import type { Budget } from '../core/budget.js';
import type { CheckRunner } from '../core/checks.js';
import { CostTally } from '../core/cost-tally.js';
import { type ModelPort, ZERO_USAGE } from '../core/model-port.js';
import { formatUsd } from '../core/money.js';
import { priceOf } from '../core/prices.js';
import type { BudgetSummary, ProgressListener, RunResult, RunStatus, TaskResult } from '../core/results.js';
import type { ModelPrice, Plan, Role, Task } from '../core/tasks.js';
import type { Workspace } from '../core/workspace.js';
import type { Spec } from '../spec/types.js';
import { runPaidAgentTask } from './agent-task.js';
import { type ScheduledOutcome, schedule } from './scheduler.js';
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
  /** The repository's checks the agents may run (run_check), if any are configured. */
  checks?: CheckRunner | null;
  /** run_check calls per task. */
  maxChecks?: number;
  /** A test command runs after the tasks (the agents are told). */
  testsRunAfter?: boolean;
}

/**
 * The steps: (1) each task runs in the scheduler's order — reused, or its agent with the prompt built from the
 * spec and its dependencies' files; (2) tasks that never ran get a row; (3) a budget stop or cancellation
 * becomes an error; (4) the totals are counted again from the task rows, each at its own model's price.
 */
export async function runPlan(opts: EngineOptions): Promise<RunResult> {
  await prepareFrontMatter(opts.spec);
  const now = opts.now ?? Date.now;
  const started = now();
  const { plan, budget } = opts;
  const run: PlanRun = {
    opts,
    now,
    priceFor: taskPricer(plan, opts.customPrice),
    tasksById: new Map(plan.tasks.map((t) => [t.id, t])),
    results: new Map(),
    warnings: [...plan.warnings],
    errors: [],
    modelCalls: 0,
    emit: (event) => {
      if (event.type === 'warning')
        run.warnings.push(event.taskId ? `${event.taskId}: ${event.message}` : event.message);
      opts.onEvent?.(event);
    },
  };

  const statuses = await schedule(plan.tasks, {
    mode: plan.mode,
    maxParallel: opts.maxParallel,
    signal: budget.signal,
    run: (task, signal) => runTask(run, task, signal),
  });
  addUnranRows(run, statuses);
  const budgetSummary = budget.summary();
  run.errors.push(...stopErrors(budgetSummary));
  return assembleResult(run, started, budgetSummary);
}

/** One runPlan's inputs and what it has gathered so far; the steps below share it. */
interface PlanRun {
  opts: EngineOptions;
  now: () => number;
  priceFor: (task: Task) => ModelPrice;
  tasksById: Map<string, Task>;
  results: Map<string, TaskResult>;
  warnings: string[];
  errors: string[];
  modelCalls: number;
  /** Passes events on to the caller, keeping the warnings for the result. */
  emit: ProgressListener;
}

type TaskRunOutcome = { ok: boolean; reason?: string };

/** A task with its own model (its role's) pays that model's table price; custom prices are the plan model's. */
function taskPricer(plan: Plan, customPrice: ModelPrice | undefined): (task: Task) => ModelPrice {
  const price = priceOf(plan.model, customPrice);
  return (task) => (task.model !== undefined && task.model !== plan.model ? priceOf(task.model) : price);
}

/** Step 1 for one task: kept from the previous run, refused for want of a role prompt, or run by its agent. */
async function runTask(run: PlanRun, task: Task, signal: AbortSignal): Promise<TaskRunOutcome> {
  const { opts, emit } = run;
  const reused = opts.reuse?.get(task.id);
  if (reused) {
    emit({ type: 'task-start', task });
    const r = { ...blankResult(task, 'success', 'reused from the previous run'), files: reused.files };
    run.results.set(task.id, r);
    emit({ type: 'task-end', result: r });
    return { ok: true };
  }
  const role = opts.roles.get(task.agent);
  const taskStart = run.now();
  if (!role) {
    const reason = `no prompt for role "${task.agent}": add .github/implement-spec/agents/${task.agent}.md`;
    run.results.set(task.id, blankResult(task, 'failed', reason));
    return { ok: false, reason };
  }
  emit({ type: 'task-start', task });
  const outcome = await runAgent(run, task, role, signal);
  return recordOutcome(run, task, outcome, taskStart);
}

/** The task's agent conversation, its usage paid into the budget as it comes. */
async function runAgent(run: PlanRun, task: Task, role: RoleDefinition, signal: AbortSignal) {
  const { opts, emit } = run;
  const prompt = buildPrompt({
    spec: opts.spec,
    task,
    role,
    repo: opts.repo,
    dependencyFiles: await dependencyFiles(task, run.tasksById, run.results, opts.workspace),
  });
  return runPaidAgentTask(opts, {
    task,
    prompt,
    modelName: task.model ?? opts.plan.model,
    price: run.priceFor(task),
    signal,
    testsRunAfter: opts.testsRunAfter ?? false,
    onEvent: emit,
  });
}

/** The agent's outcome as the task's row, its warnings and failure in the run's lists. */
function recordOutcome(run: PlanRun, task: Task, outcome: AgentOutcome, taskStart: number): TaskRunOutcome {
  const { plan } = run.opts;
  run.modelCalls += outcome.calls;
  const result = taskResultFrom(task, outcome, {
    price: run.priceFor(task),
    durationMs: run.now() - taskStart,
    ...(task.model !== undefined && task.model !== plan.model ? { model: task.model } : {}),
  });
  run.results.set(task.id, result);
  for (const w of outcome.warnings) run.warnings.push(`${task.id}: ${w}`);
  if (outcome.status === 'failed')
    run.errors.push(`${task.id} (${task.agent}) failed: ${outcome.reason ?? 'unknown reason'}`);
  run.emit({ type: 'task-end', result });
  return outcome.status === 'success'
    ? { ok: true }
    : { ok: false, ...(outcome.reason ? { reason: outcome.reason } : {}) };
}

/** Step 2: tasks that never ran (skipped after a failed dependency, cancelled by the budget) still get a row. */
function addUnranRows(run: PlanRun, statuses: Map<string, ScheduledOutcome>): void {
  for (const task of run.opts.plan.tasks) {
    const s = statuses.get(task.id);
    const existing = run.results.get(task.id);
    if (!existing && s) {
      const r = blankResult(task, s.status === 'success' ? 'failed' : s.status, s.reason);
      run.results.set(task.id, r);
      run.emit({ type: 'task-end', result: r });
    } else if (existing && s?.status === 'cancelled' && existing.status !== 'cancelled') {
      existing.status = 'cancelled';
      existing.reason ??= s.reason;
    }
  }
}

/** Step 3: why the run stopped before every task finished, if it did. */
function stopErrors(budgetSummary: BudgetSummary): string[] {
  const errors: string[] = [];
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
  return errors;
}

/** Step 4: the run's result, its totals counted from the task rows. */
function assembleResult(run: PlanRun, started: number, budgetSummary: BudgetSummary): RunResult {
  const { opts } = run;
  const { plan } = opts;
  const taskResults = plan.tasks.map((t) => run.results.get(t.id)!);
  const tally = new CostTally();
  for (const task of plan.tasks) tally.add(run.results.get(task.id)!.usage, run.priceFor(task));
  const finished = run.now();
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
    warnings: run.warnings,
    errors: run.errors,
    plan,
    apiCalls: { model: run.modelCalls, github: 0 },
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
