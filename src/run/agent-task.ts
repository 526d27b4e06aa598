// One agent task through the tool loop, paid for as it goes: the one way the engine's plan tasks and the
// fix rounds (tests, review, CI checks) run an agent, so both count usage in the budget the same way.
import { runAgentTask } from '../agents/tool-loop.js';
import type { AgentOutcome, BuiltPrompt } from '../agents/types.js';
import type { Budget } from '../core/budget.js';
import type { CheckRunner } from '../core/checks.js';
import { type ModelPort, ZERO_USAGE } from '../core/model-port.js';
import type { ProgressListener } from '../core/results.js';
import type { ModelPrice, Task } from '../core/tasks.js';
import type { Workspace } from '../core/workspace.js';

/** What every agent task of a run shares (the engine's and the fix runner's options both carry these). */
export interface AgentRunSetup {
  model: ModelPort;
  maxTokens: number;
  maxTurns: number;
  workspace: Workspace;
  /** The repository's checks the agent may run (run_check), if any are configured. */
  checks?: CheckRunner | null;
  maxChecks?: number;
  /** Every model call's usage is added here as it comes. */
  budget: Budget;
}

/** What differs between a plan task and a fix round. */
export interface PaidTask {
  task: Task;
  prompt: BuiltPrompt;
  /** The task's model (its role's may differ from the run's) and the price `budget` charges for it. */
  modelName: string;
  price: ModelPrice;
  /** Cancels the conversation: the scheduler's signal for plan tasks, the budget's for fix rounds. */
  signal: AbortSignal;
  /** A test command runs after this task (the agent is told). */
  testsRunAfter: boolean;
  onEvent?: ProgressListener;
}

/**
 * Runs the task's agent conversation, adding each call's usage to the budget and reporting the new total as
 * a `cost` event. Never throws: the tool loop reports failures as outcomes, so an exception is a bug, kept
 * visible as a failed outcome instead of ending the run.
 */
export async function runPaidAgentTask(setup: AgentRunSetup, paid: PaidTask): Promise<AgentOutcome> {
  const { budget } = setup;
  try {
    return await runAgentTask({
      task: paid.task,
      prompt: paid.prompt,
      model: setup.model,
      modelName: paid.modelName,
      maxTokens: setup.maxTokens,
      maxTurns: setup.maxTurns,
      workspace: setup.workspace,
      signal: paid.signal,
      ...(setup.checks ? { checks: setup.checks } : {}),
      ...(setup.maxChecks !== undefined ? { maxChecks: setup.maxChecks } : {}),
      testsRunAfter: paid.testsRunAfter,
      ...(paid.onEvent ? { onEvent: paid.onEvent } : {}),
      onUsage: (usage) => {
        budget.add(usage, paid.price);
        paid.onEvent?.({ type: 'cost', totalUsd: budget.totalUsd, usage: budget.usage });
      },
    });
  } catch (err) {
    return failedOutcome(`internal error: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The outcome of a task whose agent never ran or crashed: nothing spent, nothing written. */
export function failedOutcome(reason: string): AgentOutcome {
  return { status: 'failed', reason, turns: 0, calls: 0, usage: { ...ZERO_USAGE }, files: [], warnings: [] };
}
