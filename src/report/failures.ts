// "What went wrong": one entry per failed task (cause, cost, the end of what the agent said, a next step),
// then one line for the tasks that never ran because of it. Each cause appears once.
import type { BudgetSummary } from '../core/results.js';
import { nextStepFor, replyExcerpt, taskCause } from './causes.js';
import { escapeInline, escapeProse } from './escape.js';
import { formatCount } from './format.js';
import { STATUS_MARK } from './mermaid.js';
import type { TaskRow } from './model.js';
import { costAgainstEstimate } from './verdict.js';

/** Failed tasks given a full entry before the rest are only named (their causes are in the verdict). */
export const MAX_FAILURE_ENTRIES = 20;

function failureEntry(t: TaskRow, budget: BudgetSummary): string {
  const r = t.result;
  const input = { ...t, reason: r?.reason, warnings: r?.warnings, covers: t.planned?.covers };
  const turns = r ? ` · ${formatCount(r.turns)} turn(s)` : '';
  const lines = [
    `### ${STATUS_MARK.failed.symbol} ${escapeInline(t.id, 80)} (${escapeInline(t.agent, 40)}): ${escapeProse(t.title, 120)}`,
    '',
    `- **Cause:** ${taskCause(input, 600)}`,
    `- **Cost:** ${costAgainstEstimate(t)}${turns}`,
    `- **Next step:** ${nextStepFor(input, budget)}`,
  ];
  const excerpt = replyExcerpt(r?.lastReply);
  if (excerpt) lines.push('', "The agent's last reply (end):", '', excerpt);
  return lines.join('\n');
}

/** The section, or '' when every task succeeded. */
export function renderFailures(tasks: readonly TaskRow[], budget: BudgetSummary): string {
  const failed = tasks.filter((t) => t.status === 'failed');
  const notRun = tasks.filter(
    (t) => t.status === 'skipped' || t.status === 'cancelled' || t.status === 'pending',
  );
  if (failed.length === 0 && notRun.length === 0) return '';
  const parts = ['## What went wrong'];
  for (const t of failed.slice(0, MAX_FAILURE_ENTRIES)) parts.push(failureEntry(t, budget));
  if (failed.length > MAX_FAILURE_ENTRIES) {
    parts.push(
      `_${failed.length - MAX_FAILURE_ENTRIES} more failed task(s): their causes are in the verdict above and in the JSON report._`,
    );
  }
  if (notRun.length > 0) {
    const named = notRun.slice(0, 30).map((t) => escapeInline(t.id, 80));
    const more = notRun.length > 30 ? ` and ${notRun.length - 30} more` : '';
    const next = nextStepFor({ ...notRun[0]!, reason: notRun[0]!.result?.reason }, budget);
    parts.push(`**Not run (${notRun.length}):** ${named.join(', ')}${more}. ${next}`);
  }
  return parts.join('\n\n');
}
