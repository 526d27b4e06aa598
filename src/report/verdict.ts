// The verdict: the first thing in the PR body and the job summary. A GitHub alert whose colour follows the
// run's status, with every task that did not succeed and its cause, the cost against the estimate, and
// what a reviewer should check first.
import type { RunResult, RunStatus } from '../core/results.js';
import { taskCause } from './causes.js';
import { escapeInline, escapeProse } from './escape.js';
import { formatUsd } from './format.js';
import { STATUS_MARK } from './mermaid.js';
import { countStatuses, type TaskRow } from './model.js';
import { taskCountsSentence } from './sections.js';
import { summarizeReview } from './traceability.js';

const ALERT: Record<RunStatus, { kind: string; word: string }> = {
  success: { kind: 'NOTE', word: 'Implemented' },
  partial: { kind: 'WARNING', word: 'Partly implemented' },
  failed: { kind: 'CAUTION', word: 'Not implemented' },
};

/** Task lines in the verdict before "and N more": the verdict must stay short enough to read first. */
export const MAX_VERDICT_TASKS = 12;
/** Review item ids named in "check first" before "and N more". */
const MAX_CHECK_IDS = 8;

/** `$0.0123 (estimate $0.05)`; a task that never ran says so instead of showing a −100% saving. */
export function costAgainstEstimate(t: TaskRow): string {
  const estimate = t.result?.estimateUsd ?? t.planned?.estimate.usd;
  const est = estimate === undefined ? '' : `estimate ${formatUsd(estimate)}`;
  const spent = t.result?.costUsd ?? 0;
  if (t.status === 'skipped' || t.status === 'pending' || (t.status === 'cancelled' && spent === 0)) {
    return est ? `not run (${est})` : 'not run';
  }
  return est ? `${formatUsd(spent)} (${est})` : formatUsd(spent);
}

/** One verdict line per task that did not succeed: symbol, id, role, cause, cost against estimate. */
export function unfinishedTaskLines(tasks: readonly TaskRow[], max = MAX_VERDICT_TASKS): string[] {
  const open = tasks.filter((t) => t.status !== 'success');
  const lines = open.slice(0, max).map((t) => {
    const mark = STATUS_MARK[t.status];
    const cause = taskCause({ ...t, reason: t.result?.reason });
    return `${mark.symbol} **${escapeInline(t.id, 80)}** (${escapeInline(t.agent, 40)}) ${mark.word}: ${cause} · ${costAgainstEstimate(t)}`;
  });
  if (open.length > max) lines.push(`… and ${open.length - max} more: see the Tasks table.`);
  return lines;
}

/** Run-level errors that are not a task's failure (those have their own line). */
export function runErrors(result: RunResult, tasks: readonly TaskRow[]): string[] {
  const taskLines = tasks.map((t) => `${t.id} (${t.agent}) failed:`);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const e of result.errors) {
    if (taskLines.some((prefix) => e.startsWith(prefix)) || seen.has(e)) continue;
    seen.add(e);
    out.push(escapeProse(e, 400));
  }
  return out;
}

function ids(list: readonly string[]): string {
  const shown = list.slice(0, MAX_CHECK_IDS).map((id) => escapeInline(id, 40));
  return list.length > MAX_CHECK_IDS
    ? `${shown.join(', ')} and ${list.length - MAX_CHECK_IDS} more`
    : shown.join(', ');
}

/** What deserves a reviewer's attention before anything else, most important first. */
export function checkFirst(result: RunResult): string[] {
  const out: string[] = [];
  const review = result.review;
  if (review) {
    const notMet = review.items.filter((i) => i.verdict === 'not-met').map((i) => i.itemId);
    const partly = review.items.filter((i) => i.verdict === 'partly').map((i) => i.itemId);
    if (notMet.length > 0) out.push(`review says **not met**: ${ids(notMet)}`);
    if (partly.length > 0) out.push(`review says **partly met**: ${ids(partly)}`);
    if (review.status === 'completed' && review.items.length === 0) out.push('the review gave no verdicts');
    if (review.status !== 'completed')
      out.push(`the review ${review.status === 'malformed' ? 'answer was malformed' : review.status}`);
  } else {
    out.push('no review ran');
  }
  if (result.testLoop && !result.testLoop.passed) {
    out.push(`tests still failing (${escapeInline(result.testLoop.command, 120)})`);
  }
  const checks = result.checks;
  if (checks && checks.finalState !== 'none' && !checks.passed) out.push('CI checks still failing');
  const uncovered = result.plan.coverage.uncovered;
  if (uncovered.length > 0) out.push(`spec items no task covered: ${ids(uncovered)}`);
  if (result.budget.warned && !result.budget.aborted)
    out.push(`spending passed the warning at ${formatUsd(result.budget.warnUsd)}`);
  return out;
}

/** The verdict alert. `notice` (e.g. the no-CI note) goes right below it, outside the alert. */
export function renderVerdict(
  result: RunResult,
  tasks: readonly TaskRow[],
  opts: { maxTasks?: number } = {},
): string {
  const alert = ALERT[result.status];
  const counts = countStatuses(tasks);
  const est = result.plan.estimate.usd;
  const name = escapeProse(result.spec.name, 120) || escapeInline(result.spec.id, 120);
  const head =
    `**${alert.word}: ${name}.** ${taskCountsSentence(counts, tasks.length)} · cost **${formatUsd(result.costUsd)}** ` +
    `(estimate ${formatUsd(est)})`;
  const body: string[] = [head];
  const lines = [
    ...unfinishedTaskLines(tasks, opts.maxTasks),
    ...runErrors(result, tasks).map((e) => `⚠️ ${e}`),
  ];
  if (lines.length > 0) body.push('', ...lines.map((l) => `- ${l}`));
  const check = checkFirst(result);
  if (result.review?.status === 'completed' && check.length === 0) {
    const s = summarizeReview(result.review);
    body.push(
      '',
      `**Check first:** nothing flagged (review: ${s.met} met). Agents wrote this code; read it before merging.`,
    );
  } else if (check.length > 0) {
    body.push('', `**Check first:** ${check.join(' · ')}.`);
  }
  return [`> [!${alert.kind}]`, ...body.map((l) => (l === '' ? '>' : `> ${l}`))].join('\n');
}
