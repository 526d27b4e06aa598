// IMPLEMENTATION_REPORT.md and the PR body: what a reviewer reads, in the order they need it. The verdict
// comes first (an alert with every task that did not succeed, its cause, the cost against the estimate and
// what to check first), then what changed, the tasks, what went wrong and the next steps, in tables of at
// most six columns. Everything else (the graph, traceability, token and per-role figures, run metadata,
// warnings, how to undo) is folded into <details> at the end. The report is kept under a size limit (PR
// bodies are capped at 65,536 characters) by emptying the largest folded section first.

import type { RunResult } from '../core/results.js';
import { hardCap } from './cap.js';
import { type FileLinks, renderChanges } from './changes.js';
import {
  escapeCell,
  escapeInline,
  escapeProse,
  escapeProseCell,
  fenceFor,
  isShellSafePath,
  shellQuote,
} from './escape.js';
import { renderFailures } from './failures.js';
import {
  formatBytes,
  formatCount,
  formatDelta,
  formatDuration,
  formatPercent,
  formatTokens,
  formatTokenTotals,
  formatUsd,
  inputTokensTotal,
} from './format.js';
import { REPORT_JSON_FILENAME } from './json.js';
import { renderTaskGraph, statusText } from './mermaid.js';
import {
  countStatuses,
  defaultBranch,
  type FileRow,
  fileRows,
  roleRows,
  shortHash,
  type TaskRow,
  taskRows,
} from './model.js';
import { collectWarnings } from './problems.js';
import { details, table, truncationNote } from './sections.js';
import { renderTestLoopSection } from './test-loop.js';
import { renderTraceabilityMatrix, reviewHeadline } from './traceability.js';
import { renderVerdict } from './verdict.js';

export const REPORT_MARKDOWN_FILENAME = 'IMPLEMENTATION_REPORT.md';
export const DEFAULT_MAX_CHARS = 65_000;
/** Warnings listed before pointing at the JSON report. */
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
  /** Markdown shown right below the verdict (e.g. the note that no CI runs on this PR); trusted text. */
  notice?: string;
  /** Where the changed files can be opened: file names and review evidence become links. */
  links?: FileLinks;
}

/** Folded sections, in the order they appear; the size search empties the largest first. */
const FOLDED = ['graph', 'trace', 'figures', 'roles', 'run', 'warnings', 'conflicts', 'undo'] as const;
type Folded = (typeof FOLDED)[number];

interface Limits {
  fileRows: number;
  taskRows: number;
  /** Folded sections left out (their summary stays, with a pointer to the JSON report). */
  emptied: ReadonlySet<Folded>;
}

interface Context {
  result: RunResult;
  tasks: TaskRow[];
  files: FileRow[];
  jsonPath: string;
  undo: UndoOptions;
  notice: string;
  links: FileLinks | undefined;
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
    notice: opts.notice?.trim() ?? '',
    links: opts.links,
    sections: new Map(),
  };
  const full: Limits = { fileRows: ctx.files.length, taskRows: ctx.tasks.length, emptied: new Set() };
  const fits = (limits: Limits) => compose(ctx, limits).length <= maxChars;
  if (fits(full)) return compose(ctx, full);

  // Empty the folded sections, largest first, until the report fits: what is visible stays whole.
  const bySize = [...FOLDED].sort(
    (a, b) => foldedSection(ctx, b, false).length - foldedSection(ctx, a, false).length,
  );
  let limits = full;
  for (const name of bySize) {
    limits = { ...limits, emptied: new Set([...limits.emptied, name]) };
    if (fits(limits)) return compose(ctx, limits);
  }
  // Then shorten the visible tables: the files first, then the tasks, each keeping as many rows as fit.
  const stages: ((l: Limits) => Limits)[] = [(l) => ({ ...l, fileRows: 0 }), (l) => ({ ...l, taskRows: 0 })];
  for (const shrink of stages) {
    const next = shrink(limits);
    if (fits(next)) return compose(ctx, growBack(ctx, next, full, maxChars));
    limits = next;
  }
  return hardCap(compose(ctx, limits), maxChars, `The complete data is in the JSON report: ${ctx.jsonPath}`);
}

/** After a shrink step made the report fit, give back rows (tasks, then files), each as many as fit. */
function growBack(ctx: Context, limits: Limits, full: Limits, maxChars: number): Limits {
  let out = limits;
  for (const key of ['taskRows', 'fileRows'] as const) {
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
  const { result } = ctx;
  return [
    memo(ctx, 'verdict', () => renderVerdict(result, ctx.tasks)),
    ctx.notice,
    memo(ctx, `changes:${limits.fileRows}`, () =>
      renderChanges({
        files: ctx.files,
        writes: result.writes,
        limit: limits.fileRows,
        jsonPath: ctx.jsonPath,
        links: ctx.links,
      }),
    ),
    memo(ctx, `tasks:${limits.taskRows}`, () => tasksSection(ctx, limits.taskRows)),
    memo(ctx, 'failures', () => renderFailures(ctx.tasks, result.budget)),
    memo(ctx, 'tests', () => (result.testLoop ? renderTestLoopSection(result.testLoop) : '')),
    memo(ctx, 'checks', () => checksSection(result)),
    memo(ctx, 'next', () => nextSteps(ctx)),
    ...FOLDED.map((name) =>
      memo(ctx, `${name}:${limits.emptied.has(name)}`, () =>
        foldedSection(ctx, name, limits.emptied.has(name)),
      ),
    ),
    footer(ctx),
  ]
    .filter((section) => section !== '')
    .join('\n\n');
}

/** One folded section; `emptied` keeps only its summary and a pointer to the JSON report. */
function foldedSection(ctx: Context, name: Folded, emptied: boolean): string {
  const render = FOLDED_RENDERERS[name];
  const summary = render.summary(ctx);
  if (summary === '') return '';
  const body = emptied
    ? `_Left out to keep this report within its size limit. The complete data is in the JSON report: ${ctx.jsonPath}._`
    : render.body(ctx);
  return details(summary, body);
}

const FOLDED_RENDERERS: Record<Folded, { summary(ctx: Context): string; body(ctx: Context): string }> = {
  graph: {
    summary: ({ tasks }) => (tasks.length === 0 ? '' : `Task graph (${formatCount(tasks.length)} tasks)`),
    body: ({ tasks }) => renderTaskGraph(tasks),
  },
  trace: {
    summary: ({ result }) => `Traceability: ${reviewHeadline(result.review)}`,
    body: (ctx) =>
      renderTraceabilityMatrix({
        plan: ctx.result.plan,
        tasks: ctx.result.tasks,
        ...(ctx.result.review ? { review: ctx.result.review } : {}),
        ...(ctx.links ? { links: ctx.links, written: new Set(ctx.files.map((f) => f.path)) } : {}),
        heading: false,
      }),
  },
  figures: {
    summary: ({ tasks }) => (tasks.length === 0 ? '' : 'Tokens, cache, turns and estimates per task'),
    body: (ctx) => figuresTable(ctx),
  },
  roles: {
    summary: ({ tasks }) => (tasks.length === 0 ? '' : 'Cost, tokens and files per role'),
    body: (ctx) => rolesTable(ctx),
  },
  run: {
    summary: () => 'Run details: spec, model, times, tokens, budget, API calls',
    body: (ctx) => runDetails(ctx),
  },
  warnings: {
    summary: (ctx) => {
      const n = collectWarnings(ctx.result, ctx.tasks).length;
      return n === 0 ? '' : `Warnings (${formatCount(n)})`;
    },
    body: (ctx) => warningList(ctx),
  },
  conflicts: {
    summary: ({ result }) => {
      const n = editConflicts(result).length;
      return n === 0 ? '' : `Edit conflicts (${formatCount(n)}): files two tasks changed at the same time`;
    },
    body: (ctx) => conflictList(ctx),
  },
  undo: {
    summary: () => 'How to undo',
    body: (ctx) => undoSection(ctx),
  },
};

/** The PR's CI checks, shown like the test loop (a round = one wait for the checks of one commit). */
function checksSection(result: RunResult): string {
  const checks = result.checks;
  if (!checks) return '';
  if (checks.finalState === 'none') {
    return '## CI checks\n\nNo checks ran on this pull request (the repository has no workflow or check app for it).';
  }
  return renderTestLoopSection(checks).replace(/^## Tests/, '## CI checks');
}

/** Task | Agent | What | Status | Cost: what each task was and how it ended; the figures are folded. */
function tasksSection(ctx: Context, limit: number): string {
  const { tasks } = ctx;
  if (tasks.length === 0) return '## Tasks\n\nThe plan had no tasks.';
  const reused = new Set(ctx.result.resumed ?? []);
  const rows = tasks.slice(0, limit).map((t) => [
    escapeCell(t.id),
    escapeCell(t.agent),
    escapeProseCell(t.title, 90),
    // A task kept from the previous run made no call this time: say so rather than show a bare success.
    reused.has(t.id) ? `${statusText(t.status)} (reused)` : statusText(t.status),
    t.result && t.status !== 'skipped' ? formatUsd(t.result.costUsd) : '—',
  ]);
  const columns = [
    { title: 'Task' },
    { title: 'Agent' },
    { title: 'What' },
    { title: 'Status' },
    { title: 'Cost', right: true },
  ];
  const parts = ['## Tasks'];
  if (limit > 0) parts.push(table(columns, rows));
  if (limit < tasks.length) parts.push(truncationNote(limit, tasks.length, 'tasks', ctx.jsonPath));
  return parts.join('\n\n');
}

/** Per task: attempts, turns, tokens (input incl. cache), cache read/write, estimate, duration. */
function figuresTable({ tasks }: Context): string {
  const rows = tasks.map((t) => {
    const r = t.result;
    const estimate = r?.estimateUsd ?? t.planned?.estimate.usd;
    const ran = r !== undefined && t.status !== 'skipped';
    return [
      escapeCell(t.id),
      ran ? formatCount(r.attempts) : '-',
      ran ? formatCount(r.turns) : '-',
      ran ? formatTokens(inputTokensTotal(r.usage)) : '-',
      ran ? formatTokens(r.usage.outputTokens) : '-',
      ran ? `${formatTokens(r.usage.cacheReadTokens)} / ${formatTokens(r.usage.cacheCreationTokens)}` : '-',
      estimate === undefined ? '-' : formatUsd(estimate),
      // A task that never ran, or failed before any token was billed, has no cost to compare: no "-100%".
      ran && estimate !== undefined && (r.costUsd > 0 || t.status === 'success')
        ? formatDelta(r.costUsd, estimate)
        : '-',
      ran ? formatDuration(r.durationMs) : '-',
    ];
  });
  return [
    '_Input tokens include cache reads and cache writes._',
    table(
      [
        { title: 'Task' },
        { title: 'Attempts', right: true },
        { title: 'Turns', right: true },
        { title: 'Tokens in', right: true },
        { title: 'Tokens out', right: true },
        { title: 'Cache read / write', right: true },
        { title: 'Estimate', right: true },
        { title: 'vs estimate', right: true },
        { title: 'Duration', right: true },
      ],
      rows,
    ),
  ].join('\n\n');
}

function rolesTable({ result, tasks, files }: Context): string {
  const roles = roleRows(tasks, files);
  // A Model column only when some role ran on its own model.
  const withModel = roles.some((r) => r.model !== undefined);
  const rows = roles.map((r) => [
    escapeCell(r.role),
    ...(withModel ? [escapeCell(r.model ?? result.model)] : []),
    `${formatCount(r.succeeded)} / ${formatCount(r.tasks)}`,
    formatTokens(inputTokensTotal(r.usage)),
    formatTokens(r.usage.outputTokens),
    formatUsd(r.costUsd),
    formatUsd(r.estimateUsd),
    `${formatCount(r.filesCreated)} / ${formatCount(r.filesModified)}`,
    formatBytes(r.bytes),
  ]);
  const columns = [
    { title: 'Role' },
    ...(withModel ? [{ title: 'Model' }] : []),
    { title: 'Tasks succeeded', right: true },
    { title: 'Tokens in', right: true },
    { title: 'Tokens out', right: true },
    { title: 'Cost', right: true },
    { title: 'Estimate', right: true },
    { title: 'Files created / modified', right: true },
    { title: 'Bytes', right: true },
  ];
  return table(columns, rows);
}

function runDetails({ result }: Context): string {
  const est = result.plan.estimate;
  const saving = result.costUsdWithoutCache - result.costUsd;
  const budget = result.budget;
  const rows: string[][] = [
    [
      'Spec',
      `${escapeProseCell(result.spec.name)} (${escapeCell(result.spec.id)}), ${escapeProseCell(result.spec.path)}`,
    ],
    ['Spec hash', escapeCell(shortHash(result.spec.hash))],
    ['Mode, model', `${escapeCell(result.mode)}, ${escapeCell(result.model)}`],
    [
      'Started, finished',
      `${escapeCell(result.startedAt)} → ${escapeCell(result.finishedAt)} (${formatDuration(result.durationMs)})`,
    ],
    ['Output directory', escapeCell(result.outputDir)],
    ['Tokens', formatTokenTotals(result.usage)],
    [
      'Cost',
      `${formatUsd(result.costUsd)}; ${formatUsd(result.costUsdWithoutCache)} without caching (saved ${formatUsd(saving)}, ${formatPercent(saving, result.costUsdWithoutCache)})`,
    ],
    [
      'Planned estimate',
      `${formatUsd(est.usd)} (range ${formatUsd(est.lowUsd)} to ${formatUsd(est.highUsd)}), actual ${formatDelta(result.costUsd, est.usd)}; ` +
        'estimated from the repository the run worked in',
    ],
    [
      'Budget',
      `warn at ${formatUsd(budget.warnUsd)}${budget.warned ? ' (reached)' : ''}, stop at ${formatUsd(budget.maxUsd)}${budget.aborted ? ' (stopped the run)' : ''}`,
    ],
    ...(budget.stoppedBy ? [['Stopped from outside', escapeCell(budget.stoppedBy)]] : []),
    ...(result.resumed?.length
      ? [['Tasks reused from the previous run', formatCount(result.resumed.length)]]
      : []),
    [
      // The PR body is written before the PR request itself, so the GitHub count is "so far".
      'API calls (when this report was written)',
      result.apiCalls.github > 0
        ? `model ${formatCount(result.apiCalls.model)}, GitHub ${formatCount(result.apiCalls.github)}`
        : `model ${formatCount(result.apiCalls.model)}`,
    ],
  ];
  return table([{ title: 'Run' }, { title: 'Value' }], rows);
}

function warningList({ result, tasks, jsonPath }: Context): string {
  const warnings = collectWarnings(result, tasks);
  const shown = warnings.slice(0, MAX_LIST_ITEMS).map((w) => `- ${w}`);
  if (warnings.length > MAX_LIST_ITEMS) {
    shown.push(`- … and ${warnings.length - MAX_LIST_ITEMS} more: see the JSON report, ${jsonPath}.`);
  }
  return shown.join('\n');
}

function editConflicts(result: RunResult): { taskId: string; path: string; changedBy?: string }[] {
  return result.tasks.flatMap((t) => (t.conflicts ?? []).map((c) => ({ taskId: t.taskId, ...c })));
}

/** Where parallel tasks collided: each refused edit was re-applied after a fresh view, so review these first. */
function conflictList({ result, jsonPath }: Context): string {
  const conflicts = editConflicts(result);
  const lines = [
    'A task tried to edit a file that another task had changed since it viewed it. The edit was refused (never',
    'applied over the other change) and the task viewed the file again before editing it. Both changes are in the',
    'result, but these files are where parallel work met: read them first.',
    '',
    ...conflicts
      .slice(0, MAX_LIST_ITEMS)
      .map(
        (c) =>
          `- ${escapeProse(c.path, 300)}: edit by **${escapeInline(c.taskId, 100)}** refused${c.changedBy ? `, after **${escapeInline(c.changedBy, 100)}** wrote it` : ''}`,
      ),
  ];
  if (conflicts.length > MAX_LIST_ITEMS) {
    lines.push(`- … and ${conflicts.length - MAX_LIST_ITEMS} more: see the JSON report, ${jsonPath}.`);
  }
  return lines.join('\n');
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
      'Nothing usable was produced. Read the causes in the verdict above first: an invalid API key, a model the key cannot use or an exhausted credit balance stops every task.',
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
      `Spending passed the warning threshold of ${formatUsd(result.budget.warnUsd)}; check the per-task costs against the estimates (folded below).`,
    );
  }
  if (notDone > 0) {
    steps.push(
      `Fix the causes under What went wrong, then re-run on the same spec to resume: tasks that succeeded are kept and the ${notDone} unfinished task(s) run again.`,
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
    lines.push(`# … and ${paths.length - MAX_UNDO_PATHS} more: see What changed or the JSON report`);
  }
  return lines;
}

function undoSection({ result, files, undo }: Context): string {
  const parts: string[] = [];
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
      `${unsafe} file(s) with unusual names are left out of these commands; undo them by hand (see What changed).`,
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
