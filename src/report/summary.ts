// Short views: the GitHub job summary (GITHUB_STEP_SUMMARY) and the body of the PR progress comment that is
// updated while tasks run. Both use the report's verdict and causes, so a failure reads the same in the PR
// body, the job summary and the comment.
import type { Usage } from '../core/model-port.js';
import type { RunResult, TaskStatus } from '../core/results.js';
import { hardCap } from './cap.js';
import { taskCause } from './causes.js';
import { changeSummary, lineCounts } from './changes.js';
import { escapeCell, escapeInline, escapeProse, escapeProseCell } from './escape.js';
import { formatDuration, formatTokenTotals, formatUsd } from './format.js';
import { REPORT_JSON_FILENAME } from './json.js';
import { statusText } from './mermaid.js';
import { countStatuses, fileRows, taskRows } from './model.js';
import { table, truncationNote } from './sections.js';
import { renderVerdict } from './verdict.js';

export interface JobSummaryOptions {
  /** The pull request the run opened or updated. */
  prUrl?: string;
  /** Where the JSON report is, for pointers (default `implementation-report.json`). */
  jsonPath?: string;
  /** Task rows shown before pointing at the full report (default 100). */
  maxTaskRows?: number;
  /** Hard limit in characters (default 100,000; GitHub allows 1 MiB per step summary). */
  maxChars?: number;
}

/** Only http(s) URLs become links; anything else is shown as text. */
function prLink(url: string): string {
  const line = url.trim();
  if (/^https?:\/\/[^\s<>()[\]`"']+$/.test(line)) return `[${escapeInline(line, 500)}](${line})`;
  return escapeInline(line, 500);
}

/** A status cell: symbol and word, then the cause for a task that did not succeed. */
export function statusWithCause(t: {
  id: string;
  agent: string;
  status: TaskStatus | string;
  reason?: string | undefined;
}): string {
  // A pending task in a running run is waiting its turn: no cause to show.
  if (t.status === 'pending') return '⏳ waiting';
  const cause = taskCause(t);
  return cause ? `${statusText(t.status)}: ${cause}` : statusText(t.status);
}

export function renderJobSummary(result: RunResult, opts: JobSummaryOptions = {}): string {
  const jsonPath = escapeInline(opts.jsonPath ?? REPORT_JSON_FILENAME, 500);
  const maxRows = Math.max(0, opts.maxTaskRows ?? 100);
  const tasks = taskRows(result);
  const files = fileRows(result.writes);

  const parts = [
    `## implement-spec: ${escapeProse(result.spec.name, 200) || escapeInline(result.spec.id, 200)}`,
    renderVerdict(result, tasks),
  ];
  if (opts.prUrl) parts.push(`Pull request: ${prLink(opts.prUrl)}`);
  parts.push(
    [
      `- **Spec:** ${escapeInline(result.spec.id, 200)} (${escapeInline(result.spec.path, 300)}) · ${escapeInline(result.model, 100)}, ${escapeInline(result.mode, 40)} · ${formatDuration(result.durationMs)}`,
      `- **Files:** ${files.length === 0 ? 'none written' : changeSummary(files, lineCounts(result.writes))}`,
      `- **Tokens:** ${formatTokenTotals(result.usage)}`,
      `- **Budget:** max ${formatUsd(result.budget.maxUsd)}${result.budget.aborted ? ', stopped by budget' : result.budget.warned ? ', warning reached' : ''}`,
    ].join('\n'),
  );
  if (tasks.length > 0 && maxRows > 0) {
    parts.push(
      table(
        [
          { title: 'Task' },
          { title: 'Agent' },
          { title: 'What' },
          { title: 'Status' },
          { title: 'Cost', right: true },
        ],
        tasks
          .slice(0, maxRows)
          .map((t) => [
            escapeCell(t.id),
            escapeCell(t.agent),
            escapeProseCell(t.title, 90),
            statusText(t.status),
            t.result && t.status !== 'skipped' ? formatUsd(t.result.costUsd) : '—',
          ]),
      ),
    );
  }
  if (tasks.length > maxRows) parts.push(truncationNote(maxRows, tasks.length, 'tasks', jsonPath));
  parts.push(`_Full report: IMPLEMENTATION_REPORT.md and ${jsonPath}._`);
  return hardCap(
    `${parts.join('\n\n')}\n`,
    opts.maxChars ?? 100_000,
    `The complete data is in the JSON report: ${jsonPath}`,
  );
}

export interface ProgressState {
  specId: string;
  /** `reason`: why a task did not succeed, shown with its status. */
  tasks: { id: string; agent: string; title: string; status: string; reason?: string }[];
  usage: Usage;
  costUsd: number;
  /** The run has ended: the comment says so instead of "running". */
  final?: boolean;
  note?: string;
}

/** Rows shown in the progress comment; GitHub caps comments at 65,536 characters. */
const MAX_PROGRESS_ROWS = 200;
const MAX_PROGRESS_CHARS = 60_000;

export function renderProgress(state: ProgressState): string {
  const counts = countStatuses(state.tasks);
  const done = counts.success + counts.failed + counts.skipped + counts.cancelled;
  const total = state.tasks.length;
  const phase = state.final ? 'finished' : `running, ${done} of ${total} tasks done`;
  const parts = [`### implement-spec progress: ${escapeInline(state.specId, 200)} (${phase})`];
  if (state.note) parts.push(`> ${escapeProse(state.note, 1000)}`);
  if (total === 0) parts.push('No tasks yet.');
  else {
    parts.push(
      table(
        [{ title: 'Task' }, { title: 'Agent' }, { title: 'What' }, { title: 'Status' }],
        state.tasks
          .slice(0, MAX_PROGRESS_ROWS)
          .map((t) => [
            escapeCell(t.id),
            escapeCell(t.agent),
            escapeProseCell(t.title, 90),
            statusWithCause(t),
          ]),
      ),
    );
    if (total > MAX_PROGRESS_ROWS) parts.push(`_… and ${total - MAX_PROGRESS_ROWS} more tasks._`);
  }
  const statusTotals = (['success', 'failed', 'skipped', 'cancelled', 'running', 'pending'] as const)
    .filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}`)
    .join(', ');
  parts.push(
    `**Totals:** ${statusTotals || 'no tasks'} · tokens ${formatTokenTotals(state.usage)} · cost ${formatUsd(state.costUsd)}`,
  );
  return hardCap(`${parts.join('\n\n')}\n`, MAX_PROGRESS_CHARS, 'The run log has every task');
}
