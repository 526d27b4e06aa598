// What a run shows while it works: log lines (a log group per task when tasks run one at a time) and, on PR
// triggers, one progress comment on the PR, found again by its marker and rewritten at most every 10 s.
import type { Budget } from '../core/budget.js';
import type { TaskStatus } from '../core/results.js';
import type { Plan } from '../core/tasks.js';
import type { GitHubClient } from '../github/client.js';
import { ProgressCommenter } from '../github/comments.js';
import { formatUsd } from '../report/format.js';
import { renderProgress } from '../report/summary.js';
import type { ProgressSink } from '../run/start-run.js';
import type { ActionLog } from './log.js';

export const progressMarker = (id: string) => `<!-- implement-spec:progress:${id} -->`;

interface TaskRow {
  id: string;
  agent: string;
  title: string;
  status: TaskStatus | string;
  /** Why it did not succeed: shown with its status, in the same words as the PR body. */
  reason?: string;
}

export interface RunProgress {
  sink: ProgressSink;
  /** Whether a PR comment shows the progress (so a failure explained there needs no second reply). */
  reportsOnPull: boolean;
  /** The last word in the progress comment (no-op without a PR): what happened, or why it stopped. */
  finish(note?: string): Promise<void>;
}

export function createRunProgress(opts: {
  plan: Plan;
  budget: Budget;
  log: ActionLog;
  gh: GitHubClient;
  repo: { owner: string; repo: string };
  /** The PR (or issue) that gets the progress comment; null: log only. */
  issueNumber: number | null;
}): RunProgress {
  const { plan, budget, log } = opts;
  const id = plan.spec.id;
  const rows = new Map<string, TaskRow>(
    plan.tasks.map((t) => [t.id, { id: t.id, agent: t.agent, title: t.title, status: 'pending' }]),
  );
  const comment =
    opts.issueNumber !== null
      ? new ProgressCommenter({
          octokit: opts.gh.octokit,
          ...opts.repo,
          issueNumber: opts.issueNumber,
          marker: progressMarker(id),
          author: opts.gh.login,
          log: (m: string) => log.info(m),
        })
      : null;
  const body = (final: boolean, note?: string) =>
    `${progressMarker(id)}\n${renderProgress({
      specId: id,
      tasks: [...rows.values()],
      usage: budget.usage,
      costUsd: budget.totalUsd,
      final,
      ...(note ? { note } : {}),
    })}`;
  comment?.update(body(false));
  return {
    reportsOnPull: comment !== null,
    sink: logSink(log, rows, plan.mode === 'sequential', () => comment?.update(body(false))),
    finish: async (note) => {
      if (comment) await comment.finish(body(true, note));
    },
  };
}

function logSink(
  log: ActionLog,
  rows: Map<string, TaskRow>,
  grouped: boolean,
  redraw: () => void,
): ProgressSink {
  return {
    taskStarted: (task) => {
      // Fix tasks of the test loop are not in the plan: they get a row when they start.
      rows.set(task.id, { id: task.id, agent: task.agent, title: task.title, status: 'running' });
      if (grouped) log.startGroup(`[${task.id}] ${task.agent}: ${task.title}`);
      else log.info(`▶ [${task.id}] ${task.agent}: ${task.title}`);
    },
    taskEnded: (r) => {
      rows.set(r.taskId, {
        id: r.taskId,
        agent: r.agent,
        title: r.title,
        status: r.status,
        ...(r.reason ? { reason: r.reason } : {}),
      });
      log.info(
        `[${r.taskId}] ${r.status}: ${r.files.length} file(s), ${formatUsd(r.costUsd)}${r.reason ? ` — ${r.reason}` : ''}`,
      );
      if (grouped && r.calls > 0) log.endGroup();
    },
    fileWritten: (record) => log.info(`  ${record.action} ${record.path} (${record.bytes} bytes)`),
    warning: (message) => log.warning(message),
    changed: redraw,
  };
}
