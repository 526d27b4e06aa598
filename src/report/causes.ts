// Why a task did not succeed and what to do about it, in one wording shared by the PR body, the job summary
// and the progress comment. Reasons and replies are untrusted (they can quote model output): everything
// returned here is escaped Markdown.
import type { TaskStatus } from '../core/results.js';
import { clip, escapeInline, escapeProse, toSingleLine } from './escape.js';
import { formatUsd } from './format.js';

/** What the cause needs to know about a task; a TaskRow or a progress row fits. */
export interface CauseInput {
  id: string;
  agent: string;
  status: TaskStatus | string;
  reason?: string | undefined;
  warnings?: readonly string[] | undefined;
  covers?: readonly string[] | undefined;
}

/** Characters of a reason shown in one-line views (verdict, summary, progress). */
export const CAUSE_CHARS = 220;

/** One line, escaped: why the task did not succeed (empty for a success). */
export function taskCause(t: CauseInput, max = CAUSE_CHARS): string {
  if (t.status === 'success' || t.status === 'running') return '';
  const reason = t.reason?.trim();
  if (reason) return escapeProse(reason, max);
  switch (t.status) {
    case 'failed':
      return 'failed without a reason (see the run log)';
    case 'skipped':
      return 'skipped because a task it depends on did not succeed';
    case 'cancelled':
      return 'cancelled before it finished';
    default:
      return 'not run: the run ended before this task started';
  }
}

const MAX_TURNS = /stopped after (\d+) turns \(max-turns\)/;
const REFUSED = /Refused path "((?:[^"\\]|\\.)*)": ([^.(]*)/;

/**
 * A concrete next step for a task that did not succeed: raise max-turns when it ran out of turns, the path
 * the workspace refused and why, the spec items to clarify when the agent wrote nothing, the key or credit
 * to fix after a model error.
 */
export function nextStepFor(t: CauseInput, budget: { maxUsd: number; aborted: boolean }): string {
  const reason = t.reason ?? '';
  const turns = (t.warnings ?? []).map((w) => MAX_TURNS.exec(w)?.[1]).find((n) => n !== undefined);
  if (t.status === 'skipped') {
    return 'Nothing to do for this task itself: it runs again once the task it depends on succeeds.';
  }
  if (t.status === 'cancelled' || t.status === 'pending') {
    return budget.aborted
      ? `The run stopped at max-cost ${formatUsd(budget.maxUsd)}: raise \`max-cost\` (CLI \`--max-cost\`) and re-run; finished tasks are kept.`
      : 'Re-run on the same spec: finished tasks are kept and this one runs again.';
  }
  if (turns !== undefined) {
    return `The agent used all ${turns} turns: raise \`max-turns\` (CLI \`--max-turns\`) above ${turns} and re-run; finished tasks are kept.`;
  }
  const refused = REFUSED.exec(reason);
  if (refused) {
    const path = escapeInline(refused[1]!, 200);
    const why = escapeProse(refused[2]!.trim().replace(/[.\s]+$/, ''), 200);
    return (
      `The workspace refused to write \`${path}\` (${why}). Say in the spec where this code belongs, or, if the path ` +
      "is right, allow it (`protected-paths`, or the role's paths in `.github/implement-spec/config.yml`), then re-run."
    );
  }
  if (/^no code produced/.test(reason)) {
    const items = (t.covers ?? []).map((id) => escapeInline(id, 40)).join(', ');
    return (
      `The agent wrote no file. Read its last reply: if it asks a question or finds something missing, make ${items || "the task's items"} ` +
      'explicit in the spec (paths, names, expected behaviour), then re-run.'
    );
  }
  if (/refused the task/.test(reason)) {
    return 'The model refused this task: rephrase the spec items it covers, then re-run.';
  }
  return 'Fix the cause above (API key, model name, credit balance, network), then re-run: finished tasks are kept.';
}

/**
 * The agent's last reply as a short quoted excerpt, or '' when there is none. Escaped like any prose, so
 * it cannot open HTML, a fence or a mention; each line is quoted.
 */
export function replyExcerpt(reply: string | undefined, max = 400): string {
  const text = reply?.trim();
  if (!text) return '';
  const lines = clip(text, max)
    .split(/\r?\n/)
    .map((l) => toSingleLine(l).trim())
    .filter((l) => l !== '')
    .slice(0, 8);
  return lines.map((l) => `> ${escapeProse(l, max)}`).join('\n');
}
