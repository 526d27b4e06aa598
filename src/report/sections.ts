// Markdown building blocks shared by the full report, the job summary and the progress comment.
import type { RunStatus, TaskStatus } from '../core/results.js';
import { escapeCell } from './escape.js';
import { formatCount } from './format.js';

/** A GFM table. Cells must already be escaped; header/alignment come from `columns`. */
export function table(
  columns: readonly { title: string; right?: boolean }[],
  rows: readonly string[][],
): string {
  const header = `| ${columns.map((c) => c.title).join(' | ')} |`;
  const rule = `|${columns.map((c) => (c.right ? ' ---: ' : ' --- ')).join('|')}|`;
  return [header, rule, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/**
 * A folded section. `summary` is escaped Markdown shown as the toggle; the blank lines around the body let
 * GitHub render Markdown (tables, fences, Mermaid) inside the HTML block.
 */
export function details(summary: string, body: string): string {
  return `<details>\n<summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

/** Status words as badge text: no emoji, so they read the same in logs, e-mail and screen readers. */
export function statusBadge(status: RunStatus): string {
  return `**Status: ${status.toUpperCase()}**`;
}

export function taskStatusCell(status: TaskStatus | string): string {
  return escapeCell(status);
}

/** `"3 of 5 tasks succeeded, 1 failed, 1 skipped"`: non-zero counts only after the first. */
export function taskCountsSentence(counts: Record<string, number>, total: number): string {
  const parts = [`${counts.success ?? 0} of ${total} tasks succeeded`];
  for (const key of ['failed', 'skipped', 'cancelled', 'running', 'pending']) {
    const n = counts[key] ?? 0;
    if (n > 0) parts.push(`${n} ${key}`);
  }
  return parts.join(', ');
}

/** Line saying a table was shortened and where the rest is. */
export function truncationNote(shown: number, total: number, what: string, jsonPath: string): string {
  const head =
    shown === 0
      ? `The ${formatCount(total)} ${what} are not listed here, to keep this report within its size limit.`
      : `Showing the first ${formatCount(shown)} of ${formatCount(total)} ${what}.`;
  return `_${head} The full list is in the JSON report: ${jsonPath}._`;
}
