// A task's row in the run result, from what its agent conversation produced. `model` is given only when the
// task ran on a model other than the run's, so results of default runs look as they always did.
import type { AgentOutcome } from '../agents/types.js';
import { costOf } from '../core/prices.js';
import type { TaskResult } from '../core/results.js';
import type { ModelPrice, Task } from '../core/tasks.js';

export function taskResultFrom(
  task: Task,
  outcome: AgentOutcome,
  opts: { price: ModelPrice; durationMs: number; model?: string },
): TaskResult {
  return {
    taskId: task.id,
    agent: task.agent,
    title: task.title,
    status: outcome.status,
    ...(outcome.reason ? { reason: outcome.reason } : {}),
    calls: outcome.calls,
    attempts: 1,
    turns: outcome.turns,
    files: outcome.files,
    usage: outcome.usage,
    costUsd: costOf(outcome.usage, opts.price),
    durationMs: opts.durationMs,
    estimateUsd: task.estimate.usd,
    warnings: outcome.warnings,
    ...(opts.model !== undefined ? { model: opts.model } : {}),
    ...(outcome.lastReply !== undefined ? { lastReply: outcome.lastReply } : {}),
    ...(outcome.conflicts && outcome.conflicts.length > 0 ? { conflicts: outcome.conflicts } : {}),
  };
}
