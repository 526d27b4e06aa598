// Short views: the GitHub job summary (GITHUB_STEP_SUMMARY) and the body of the PR progress comment that is
// updated while tasks run.
import type { Usage } from '../core/model-port.js';
import type { RunResult } from '../core/results.js';
import { hardCap } from './cap.js';
import { escapeCell, escapeInline, escapeProse, escapeProseCell } from './escape.js';
import { formatCount, formatDuration, formatPercent, formatTokens, formatUsd } from './format.js';
import { REPORT_JSON_FILENAME } from './json.js';
import { countFiles, countStatuses, fileRows, taskRows } from './model.js';
import { collectProblems } from './problems.js';
import { statusBadge, table, taskCountsSentence, truncationNote } from './sections.js';

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

export function renderJobSummary(result: RunResult, opts: JobSummaryOptions = {}): string {
  const jsonPath = escapeInline(opts.jsonPath ?? REPORT_JSON_FILENAME, 500);
  const maxRows = Math.max(0, opts.maxTaskRows ?? 100);
  const tasks = taskRows(result);
  const counts = countStatuses(tasks);
  const files = countFiles(fileRows(result.writes));
  const saving = result.costUsdWithoutCache - result.costUsd;

  const parts = [
    `## implement-spec: ${escapeProse(result.spec.name, 200) || escapeInline(result.spec.id, 200)}`,
    `${statusBadge(result.status)} · ${taskCountsSentence(counts, tasks.length)} · ${formatUsd(result.costUsd)} · ${formatDuration(result.durationMs)}`,
  ];
  if (opts.prUrl) parts.push(`Pull request: ${prLink(opts.prUrl)}`);
  parts.push(
    table(
      [{ title: 'Metric' }, { title: 'Value', right: true }],
      [
        ['Spec', `${escapeCell(result.spec.id)} (${escapeCell(result.spec.path)})`],
        ['Model', `${escapeCell(result.model)}, ${escapeCell(result.mode)}`],
        ['Files', `${formatCount(files.created)} created, ${formatCount(files.modified)} modified`],
        [
          'Tokens',
          `${formatTokens(result.usage.inputTokens)} in, ${formatTokens(result.usage.outputTokens)} out, ` +
            `${formatTokens(result.usage.cacheCreationTokens)} cache write, ${formatTokens(result.usage.cacheReadTokens)} cache read`,
        ],
        ['Cost', `${formatUsd(result.costUsd)} (estimate ${formatUsd(result.plan.estimate.usd)})`],
        ['Saved by caching', `${formatUsd(saving)} (${formatPercent(saving, result.costUsdWithoutCache)})`],
        [
          'Budget',
          `max ${formatUsd(result.budget.maxUsd)}${result.budget.aborted ? ', stopped by budget' : result.budget.warned ? ', warning reached' : ''}`,
        ],
      ],
    ),
  );
  if (tasks.length > 0 && maxRows > 0) {
    parts.push(
      table(
        [
          { title: 'Task' },
          { title: 'Agent' },
          { title: 'Title' },
          { title: 'Status' },
          { title: 'Cost', right: true },
          { title: 'Duration', right: true },
        ],
        tasks
          .slice(0, maxRows)
          .map((t) => [
            escapeCell(t.id),
            escapeCell(t.agent),
            escapeProseCell(t.title, 100),
            escapeCell(t.status),
            t.result ? formatUsd(t.result.costUsd) : '-',
            t.result ? formatDuration(t.result.durationMs) : '-',
          ]),
      ),
    );
  }
  if (tasks.length > maxRows) parts.push(truncationNote(maxRows, tasks.length, 'tasks', jsonPath));
  const { errors } = collectProblems(result, tasks);
  if (errors.length > 0) {
    parts.push(
      `### Errors\n\n${errors
        .slice(0, 10)
        .map((e) => `- ${e}`)
        .join('\n')}`,
    );
    if (errors.length > 10) parts.push(`_${errors.length - 10} more in the full report._`);
  }
  parts.push(`_Full report: IMPLEMENTATION_REPORT.md and ${jsonPath}._`);
  return hardCap(
    `${parts.join('\n\n')}\n`,
    opts.maxChars ?? 100_000,
    `The complete data is in the JSON report: ${jsonPath}`,
  );
}

export interface ProgressState {
  specId: string;
  tasks: { id: string; agent: string; title: string; status: string }[];
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
        [{ title: 'Task' }, { title: 'Agent' }, { title: 'Title' }, { title: 'Status' }],
        state.tasks
          .slice(0, MAX_PROGRESS_ROWS)
          .map((t) => [
            escapeCell(t.id),
            escapeCell(t.agent),
            escapeProseCell(t.title, 100),
            escapeCell(t.status),
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
    `**Totals:** ${statusTotals || 'no tasks'} · tokens ${formatTokens(state.usage.inputTokens)} in, ` +
      `${formatTokens(state.usage.outputTokens)} out, ${formatTokens(state.usage.cacheCreationTokens)} cache write, ` +
      `${formatTokens(state.usage.cacheReadTokens)} cache read · cost ${formatUsd(state.costUsd)}`,
  );
  return hardCap(`${parts.join('\n\n')}\n`, MAX_PROGRESS_CHARS, 'The run log has every task');
}
