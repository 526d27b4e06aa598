// IMPLEMENTATION_REPORT.md: everything a reviewer needs about one run, kept under a size limit (PR bodies
// are capped at 65,536 characters) by shortening the files table first, then the diagram, then the tasks.

import type { RunResult } from '../core/results.js';
import { hardCap } from './cap.js';
import {
  escapeCell,
  escapeInline,
  escapeProse,
  escapeProseCell,
  fenceFor,
  isShellSafePath,
  shellQuote,
} from './escape.js';
import {
  formatBytes,
  formatCount,
  formatDelta,
  formatDuration,
  formatPercent,
  formatTokens,
  formatUsd,
} from './format.js';
import { REPORT_JSON_FILENAME } from './json.js';
import { renderTaskGraph } from './mermaid.js';
import {
  countFiles,
  countStatuses,
  defaultBranch,
  type FileRow,
  fileRows,
  roleRows,
  shortHash,
  type TaskRow,
  taskRows,
} from './model.js';
import { collectProblems } from './problems.js';
import { statusBadge, table, taskCountsSentence, truncationNote } from './sections.js';
import { renderTestLoopSection } from './test-loop.js';
import { renderTraceabilityMatrix } from './traceability.js';

export const REPORT_MARKDOWN_FILENAME = 'IMPLEMENTATION_REPORT.md';
export const DEFAULT_MAX_CHARS = 65_000;
/** Warnings/errors shown before pointing at the JSON report. */
const MAX_LIST_ITEMS = 50;
/** Paths per undo command before pointing at the Files table. */
const MAX_UNDO_PATHS = 100;

export interface UndoOptions {
  /** The branch the run committed to (CI); defaults to `feat/spec-<id>`. */
  branch?: string;
  /** The branch the PR targets. */
  baseBranch?: string;
  /** A local run (files written into a checkout or --output-dir, no PR). Default: true unless `branch` is set. */
  local?: boolean;
  /** Where overwritten files were backed up (local runs); default `.implement-spec/backups/<timestamp>/`. */
  backupsDir?: string;
}

export interface ReportMarkdownOptions {
  /** Hard limit on the report's length in characters (default 65,000). */
  maxChars?: number;
  /** Where the JSON report is, for "see the JSON report" pointers (default `implementation-report.json`). */
  jsonPath?: string;
  undo?: UndoOptions;
}

interface Limits {
  fileRows: number;
  taskRows: number;
  diagram: boolean;
  /** Errors and warnings listed before pointing at the JSON. */
  listItems: number;
}

interface Context {
  result: RunResult;
  tasks: TaskRow[];
  files: FileRow[];
  jsonPath: string;
  undo: UndoOptions;
  /** Rendered sections by name and limit: the size search composes the report many times. */
  sections: Map<string, string>;
}

function memo(ctx: Context, key: string, render: () => string): string {
  let text = ctx.sections.get(key);
  if (text === undefined) {
    text = render();
    ctx.sections.set(key, text);
  }
  return text;
}

export function renderReportMarkdown(result: RunResult, opts: ReportMarkdownOptions = {}): string {
  const maxChars = Math.max(1, Math.floor(opts.maxChars ?? DEFAULT_MAX_CHARS));
  const ctx: Context = {
    result,
    tasks: taskRows(result),
    files: fileRows(result.writes),
    jsonPath: escapeInline(opts.jsonPath ?? REPORT_JSON_FILENAME, 500),
    undo: opts.undo ?? {},
    sections: new Map(),
  };
  const { errors, warnings } = collectProblems(result, ctx.tasks);
  const listItems = Math.min(MAX_LIST_ITEMS, Math.max(errors.length, warnings.length));
  const full: Limits = { fileRows: ctx.files.length, taskRows: ctx.tasks.length, diagram: true, listItems };
  const fits = (limits: Limits) => compose(ctx, limits).length <= maxChars;
  if (fits(full)) return compose(ctx, full);

  // Shorten one thing at a time, in order of how little a reviewer loses: the files table, the diagram,
  // the tasks table, then the warning and error lists. Each step keeps as many rows as still fit.
  const stages: ((l: Limits) => Limits)[] = [
    (l) => ({ ...l, fileRows: 0 }),
    (l) => ({ ...l, diagram: false }),
    (l) => ({ ...l, taskRows: 0 }),
    (l) => ({ ...l, listItems: 0 }),
  ];
  let limits = full;
  for (const shrink of stages) {
    const next = shrink(limits);
    if (fits(next)) return compose(ctx, growBack(ctx, next, full, maxChars));
    limits = next;
  }
  return hardCap(compose(ctx, limits), maxChars, `The complete data is in the JSON report: ${ctx.jsonPath}`);
}

/**
 * After a shrink step made the report fit, give back rows in the reverse order of removal (lists, tasks,
 * files), each as many as fit.
 */
function growBack(ctx: Context, limits: Limits, full: Limits, maxChars: number): Limits {
  let out = limits;
  for (const key of ['listItems', 'taskRows', 'fileRows'] as const) {
    if (out[key] === full[key]) continue;
    const n = largestFitting(full[key], (k) => compose(ctx, { ...out, [key]: k }), maxChars);
    out = { ...out, [key]: n ?? 0 };
  }
  return out;
}

/** Largest n in [0, max] whose rendering fits, or null when even n = 0 does not (renders O(log max) times). */
function largestFitting(max: number, render: (n: number) => string, maxChars: number): number | null {
  if (render(0).length > maxChars) return null;
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (render(mid).length <= maxChars) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function compose(ctx: Context, limits: Limits): string {
  return [
    memo(ctx, 'header', () => header(ctx)),
    memo(ctx, 'summary', () => summary(ctx)),
    memo(ctx, `tasks:${limits.taskRows}`, () => tasksSection(ctx, limits.taskRows)),
    memo(ctx, `files:${limits.fileRows}`, () => filesSection(ctx, limits.fileRows)),
    memo(ctx, 'roles', () => rolesSection(ctx)),
    memo(ctx, 'tests', () => (ctx.result.testLoop ? renderTestLoopSection(ctx.result.testLoop) : '')),
    memo(ctx, 'checks', () => checksSection(ctx.result)),
    memo(ctx, `trace:${limits.taskRows > 0}`, () =>
      renderTraceabilityMatrix({
        plan: ctx.result.plan,
        tasks: ctx.result.tasks,
        ...(ctx.result.review ? { review: ctx.result.review } : {}),
        ...(limits.taskRows > 0 ? {} : { maxRows: 20 }),
      }),
    ),
    memo(ctx, `problems:${limits.listItems}`, () => problemsSection(ctx, limits.listItems)),
    memo(ctx, `graph:${limits.diagram}`, () => graphSection(ctx, limits.diagram)),
    memo(ctx, 'next', () => nextSteps(ctx)),
    memo(ctx, 'undo', () => undoSection(ctx)),
    memo(ctx, 'footer', () => footer(ctx)),
  ]
    .filter((section) => section !== '')
    .join('\n\n');
}

/** The PR's CI checks, shown like the test loop (a round = one wait for the checks of one commit). */
function checksSection(result: RunResult): string {
  const checks = result.checks;
  if (!checks) return '';
  if (checks.finalState === 'none') {
    return '## CI checks\n\nNo checks ran on this pull request (the repository has no workflow or check app for it).';
  }
  return renderTestLoopSection(checks).replace(/^## Tests/, '## CI checks');
}

function header({ result, tasks }: Context): string {
  const counts = countStatuses(tasks);
  const meta = table(
    [{ title: 'Run' }, { title: 'Value' }],
    [
      ['Spec', `${escapeProseCell(result.spec.name)} (${escapeCell(result.spec.id)})`],
      ['Spec file', escapeProseCell(result.spec.path)],
      ['Spec hash', escapeCell(shortHash(result.spec.hash))],
      ['Mode', escapeCell(result.mode)],
      ['Model', escapeCell(result.model)],
      ['Started', escapeCell(result.startedAt)],
      ['Finished', escapeCell(result.finishedAt)],
      ['Duration', formatDuration(result.durationMs)],
      ['Output directory', escapeCell(result.outputDir)],
    ],
  );
  return [
    `# Implementation report: ${escapeProse(result.spec.name, 200) || escapeInline(result.spec.id, 200)}`,
    `${statusBadge(result.status)} · ${taskCountsSentence(counts, tasks.length)}`,
    meta,
  ].join('\n\n');
}

function summary({ result, tasks, files }: Context): string {
  const counts = countStatuses(tasks);
  const fileCounts = countFiles(files);
  const saving = result.costUsdWithoutCache - result.costUsd;
  const est = result.plan.estimate;
  const rows: string[][] = [
    ['Tasks succeeded', formatCount(counts.success)],
    ...(result.resumed?.length
      ? [['Tasks reused from the previous run (no model call)', formatCount(result.resumed.length)]]
      : []),
    ['Tasks failed', formatCount(counts.failed)],
    ['Tasks skipped', formatCount(counts.skipped)],
    ['Tasks cancelled', formatCount(counts.cancelled)],
  ];
  if (counts.pending + counts.running > 0)
    rows.push(['Tasks not run', formatCount(counts.pending + counts.running)]);
  rows.push(
    ['Files created', formatCount(fileCounts.created)],
    ['Files modified', formatCount(fileCounts.modified)],
  );
  if (fileCounts.deleted > 0) rows.push(['Files deleted', formatCount(fileCounts.deleted)]);
  rows.push(
    ['Bytes written', formatBytes(fileCounts.bytes)],
    ['Input tokens', formatTokens(result.usage.inputTokens)],
    ['Output tokens', formatTokens(result.usage.outputTokens)],
    ['Cache write tokens', formatTokens(result.usage.cacheCreationTokens)],
    ['Cache read tokens', formatTokens(result.usage.cacheReadTokens)],
    ['Cost', formatUsd(result.costUsd)],
    ['Cost without caching', formatUsd(result.costUsdWithoutCache)],
    ['Saved by caching', `${formatUsd(saving)} (${formatPercent(saving, result.costUsdWithoutCache)})`],
    [
      'Planned estimate',
      `${formatUsd(est.usd)} (range ${formatUsd(est.lowUsd)} to ${formatUsd(est.highUsd)}), actual ${formatDelta(result.costUsd, est.usd)}`,
    ],
    ['Budget', `warn at ${formatUsd(result.budget.warnUsd)}, stop at ${formatUsd(result.budget.maxUsd)}`],
    ['Budget warning reached', result.budget.warned ? 'yes' : 'no'],
    ['Stopped by budget', result.budget.aborted ? 'yes' : 'no'],
    ...(result.budget.stoppedBy ? [['Stopped from outside', escapeCell(result.budget.stoppedBy)]] : []),
    [
      // The PR body is written before the PR request itself, so the GitHub count is "so far".
      'API calls (when this report was written)',
      result.apiCalls.github > 0
        ? `model ${formatCount(result.apiCalls.model)}, GitHub ${formatCount(result.apiCalls.github)}`
        : `model ${formatCount(result.apiCalls.model)}`,
    ],
  );
  return `## Summary\n\n${table([{ title: 'Metric' }, { title: 'Value', right: true }], rows)}`;
}

function tasksSection(ctx: Context, limit: number): string {
  const { tasks } = ctx;
  if (tasks.length === 0) return '## Tasks\n\nThe plan had no tasks.';
  const reused = new Set(ctx.result.resumed ?? []);
  const rows = tasks.slice(0, limit).map((t) => {
    const r = t.result;
    const estimate = r?.estimateUsd ?? t.planned?.estimate.usd;
    return [
      escapeCell(t.id),
      escapeCell(t.agent),
      escapeProseCell(t.title, 120),
      // A task kept from the previous run made no call this time: say so rather than show a bare success.
      escapeCell(reused.has(t.id) ? `${t.status} (reused)` : t.status),
      r ? formatCount(r.attempts) : '-',
      r ? formatCount(r.turns) : '-',
      r ? formatCount(r.files.length) : '-',
      r ? formatTokens(r.usage.inputTokens) : '-',
      r ? formatTokens(r.usage.outputTokens) : '-',
      r ? `${formatTokens(r.usage.cacheCreationTokens)} / ${formatTokens(r.usage.cacheReadTokens)}` : '-',
      r ? formatUsd(r.costUsd) : '-',
      estimate === undefined ? '-' : formatUsd(estimate),
      r && estimate !== undefined ? formatDelta(r.costUsd, estimate) : '-',
      r ? formatDuration(r.durationMs) : '-',
    ];
  });
  const columns = [
    { title: 'Task' },
    { title: 'Agent' },
    { title: 'Title' },
    { title: 'Status' },
    { title: 'Attempts', right: true },
    { title: 'Turns', right: true },
    { title: 'Files', right: true },
    { title: 'Tokens in', right: true },
    { title: 'Tokens out', right: true },
    { title: 'Cache write / read', right: true },
    { title: 'Cost', right: true },
    { title: 'Estimate', right: true },
    { title: 'vs estimate', right: true },
    { title: 'Duration', right: true },
  ];
  const parts = ['## Tasks'];
  if (limit > 0) parts.push(table(columns, rows));
  if (limit < tasks.length) parts.push(truncationNote(limit, tasks.length, 'tasks', ctx.jsonPath));
  return parts.join('\n\n');
}

const ACTION_TEXT: Record<FileRow['action'], string> = {
  created: 'created',
  modified: 'modified',
  deleted: 'deleted',
  'created-then-deleted': 'created, then deleted',
};

function filesSection(ctx: Context, limit: number): string {
  const { files } = ctx;
  if (files.length === 0) return '## Files\n\nNo files were written.';
  const rows = files
    .slice(0, limit)
    .map((f) => [
      escapeProseCell(f.path, 400),
      ACTION_TEXT[f.action],
      formatBytes(f.bytes),
      escapeCell(f.taskIds.join(', ')),
      escapeCell(f.roles.join(', ')),
    ]);
  const parts = ['## Files'];
  if (limit > 0) {
    parts.push(
      table(
        [
          { title: 'File' },
          { title: 'Action' },
          { title: 'Size', right: true },
          { title: 'Task' },
          { title: 'Role' },
        ],
        rows,
      ),
    );
  }
  if (limit < files.length) parts.push(truncationNote(limit, files.length, 'files', ctx.jsonPath));
  return parts.join('\n\n');
}

function rolesSection({ result, tasks, files }: Context): string {
  const roles = roleRows(tasks, files);
  if (roles.length === 0) return '## Cost and files per role\n\nNo roles took part.';
  // A Model column only when some role ran on its own model: default reports keep their shape.
  const withModel = roles.some((r) => r.model !== undefined);
  const rows = roles.map((r) => [
    escapeCell(r.role),
    ...(withModel ? [escapeCell(r.model ?? result.model)] : []),
    `${formatCount(r.succeeded)} / ${formatCount(r.tasks)}`,
    formatTokens(r.usage.inputTokens),
    formatTokens(r.usage.outputTokens),
    `${formatTokens(r.usage.cacheCreationTokens)} / ${formatTokens(r.usage.cacheReadTokens)}`,
    formatUsd(r.costUsd),
    formatUsd(r.estimateUsd),
    formatCount(r.filesCreated),
    formatCount(r.filesModified),
    formatBytes(r.bytes),
  ]);
  const columns = [
    { title: 'Role' },
    ...(withModel ? [{ title: 'Model' }] : []),
    { title: 'Tasks succeeded', right: true },
    { title: 'Tokens in', right: true },
    { title: 'Tokens out', right: true },
    { title: 'Cache write / read', right: true },
    { title: 'Cost', right: true },
    { title: 'Estimate', right: true },
    { title: 'Files created', right: true },
    { title: 'Files modified', right: true },
    { title: 'Bytes', right: true },
  ];
  return `## Cost and files per role\n\n${table(columns, rows)}`;
}

function bulletList(items: readonly string[], max: number, what: string, jsonPath: string): string {
  if (items.length === 0) return 'None.';
  const shown = items.slice(0, max).map((i) => `- ${i}`);
  if (items.length > max) {
    shown.push(`- … and ${items.length - max} more ${what}: see the JSON report, ${jsonPath}.`);
  }
  return shown.join('\n');
}

function problemsSection({ result, tasks, jsonPath }: Context, listItems: number): string {
  const { errors, warnings } = collectProblems(result, tasks);
  return [
    '## Warnings and errors',
    `### Errors (${errors.length})`,
    bulletList(errors, listItems, 'errors', jsonPath),
    `### Warnings (${warnings.length})`,
    bulletList(warnings, listItems, 'warnings', jsonPath),
  ].join('\n\n');
}

function graphSection({ tasks }: Context, withDiagram: boolean): string {
  if (tasks.length === 0) return '## Task graph\n\nNo tasks.';
  if (!withDiagram) return '## Task graph\n\nLeft out to keep this report within its size limit.';
  return `## Task graph\n\n${renderTaskGraph(tasks)}`;
}

function isLocal(undo: UndoOptions): boolean {
  return undo.local ?? undo.branch === undefined;
}

function nextSteps({ result, tasks, files, undo, jsonPath }: Context): string {
  const counts = countStatuses(tasks);
  const local = isLocal(undo);
  const steps: string[] = [];
  const notDone = counts.failed + counts.skipped + counts.cancelled + counts.pending + counts.running;

  if (result.status === 'failed' && counts.success === 0) {
    steps.push(
      'Nothing usable was produced. Read the errors above first: an invalid API key, a model the key cannot use or an exhausted credit balance stops every task.',
    );
  }
  if (files.length > 0) {
    steps.push(
      local
        ? `Review the changes in ${escapeInline(result.outputDir, 500)} (\`git status\`, \`git diff\`) before committing them.`
        : 'Review the changes in this pull request; the code was written by agents and has not been reviewed by a person.',
    );
    if (result.testLoop?.passed) {
      steps.push(
        `The test command \`${escapeInline(result.testLoop.command, 200)}\` passed; still run the linter and the build.`,
      );
    } else {
      steps.push("Run the project's tests, linter and build: this run did not prove that the code works.");
    }
  }
  if (result.budget.aborted) {
    steps.push(
      `The run stopped at the cost limit of ${formatUsd(result.budget.maxUsd)} (the plan estimated ${formatUsd(result.plan.estimate.usd)}). ` +
        'If the remaining tasks are worth it, raise `max-cost` (CLI: `--max-cost`) and re-run.',
    );
  } else if (result.budget.warned) {
    steps.push(
      `Spending passed the warning threshold of ${formatUsd(result.budget.warnUsd)}; check the per-task costs against the estimates above.`,
    );
  }
  if (notDone > 0) {
    steps.push(
      `Fix the causes listed under Warnings and errors, then re-run on the same spec to resume: tasks that succeeded are kept and the ${notDone} unfinished task(s) run again.`,
    );
  }
  const uncovered = result.plan.coverage.uncovered;
  if (uncovered.length > 0) {
    const ids = uncovered.slice(0, 20).map((id) => escapeInline(id, 40));
    const more = uncovered.length > 20 ? `, and ${uncovered.length - 20} more (see ${jsonPath})` : '';
    steps.push(
      `${uncovered.length} spec item(s) were not covered by any task: ${ids.join(', ')}${more}. Implement them by hand or extend the spec.`,
    );
  }
  if (result.status === 'success' && !local) steps.push('When the review passes, merge the pull request.');
  if (steps.length === 0)
    steps.push('Nothing to do: the run finished without writing files or leaving work behind.');
  return `## Next steps\n\n${steps.map((s, i) => `${i + 1}. ${s}`).join('\n')}`;
}

function commandBlock(lines: readonly string[]): string {
  const body = lines.join('\n');
  const fence = fenceFor(body);
  return `${fence}sh\n${body}\n${fence}`;
}

function pathsCommand(command: string, paths: readonly string[]): string[] {
  if (paths.length === 0) return [];
  const lines = [`${command} ${paths.slice(0, MAX_UNDO_PATHS).map(shellQuote).join(' ')}`];
  if (paths.length > MAX_UNDO_PATHS) {
    lines.push(`# … and ${paths.length - MAX_UNDO_PATHS} more: see the Files table or the JSON report`);
  }
  return lines;
}

function undoSection({ result, files, undo }: Context): string {
  const parts = ['## How to undo'];
  if (!isLocal(undo)) {
    const branch = undo.branch ?? defaultBranch(result.spec.id);
    const base = undo.baseBranch ? ` ${escapeInline(undo.baseBranch, 200)}` : '';
    parts.push(
      `Close the pull request without merging it, then delete the branch ${escapeInline(branch, 200)}. ` +
        `Nothing reaches the base branch${base} until the pull request is merged.`,
    );
    if (isShellSafePath(branch)) parts.push(commandBlock([`git push origin --delete ${shellQuote(branch)}`]));
    return parts.join('\n\n');
  }
  const created = files.filter((f) => f.action === 'created').map((f) => f.path);
  const modified = files.filter((f) => f.action === 'modified').map((f) => f.path);
  if (created.length + modified.length === 0) {
    parts.push('This run left no file changes behind: there is nothing to undo.');
    return parts.join('\n\n');
  }
  const safeCreated = created.filter(isShellSafePath);
  const safeModified = modified.filter(isShellSafePath);
  const where = escapeInline(result.outputDir, 500);
  parts.push(
    `This run created ${created.length} and modified ${modified.length} file(s) in ${where}. ` +
      'In a git checkout, restore the modified files and delete the created ones:',
  );
  const lines = [
    ...(isShellSafePath(result.outputDir) ? [`cd ${shellQuote(result.outputDir)}`] : []),
    ...pathsCommand('git checkout --', safeModified),
    ...pathsCommand('rm --', safeCreated),
  ];
  parts.push(commandBlock(lines));
  const unsafe = created.length - safeCreated.length + (modified.length - safeModified.length);
  if (unsafe > 0) {
    parts.push(
      `${unsafe} file(s) with unusual names are left out of these commands; undo them by hand (see the Files table).`,
    );
  }
  parts.push(
    '`git checkout -- .` restores every modified tracked file at once, but it also discards your own uncommitted changes.',
  );
  const backups = escapeInline(undo.backupsDir ?? '.implement-spec/backups/<timestamp>/', 500);
  if (modified.length > 0)
    parts.push(`With backups on, copies of the files this run overwrote are under ${backups}.`);
  return parts.join('\n\n');
}

function footer({ jsonPath }: Context): string {
  return `---\n\n_Generated by implement-spec. Machine-readable report: ${jsonPath}._`;
}
