// The traceability matrix: for each spec item a reader cares about (FR, AC/AT, US, DT), which task was
// planned to cover it, which files those tasks wrote, and what the review said about it.

import type { ReviewFixRound, ReviewItem, ReviewResult, ReviewVerdict, TaskResult } from '../core/results.js';
import type { Plan, Task } from '../core/tasks.js';
import type { Spec, SpecItem } from '../spec/types.js';
import { type FileLinks, fileUrl, linked } from './changes.js';
import { escapeCell, escapeProse, escapeProseCell } from './escape.js';
import { formatCount } from './format.js';
import { table } from './sections.js';

export interface TraceabilityInput {
  plan: Plan;
  tasks: TaskResult[];
  review?: ReviewResult;
  /** Gives item titles and the items no task covers; without it the items come from the plan's coverage. */
  spec?: Spec;
  /** Files listed per item before "+N more" (default 3). */
  maxFilesPerItem?: number;
  /** Rows shown before the table is cut (default: all). */
  maxRows?: number;
  /** Evidence `file:line` into these written files becomes a link to the line. */
  links?: FileLinks;
  written?: ReadonlySet<string>;
  /** The `## Traceability` heading (default true; off inside a folded section that has its own summary). */
  heading?: boolean;
}

export interface ReviewSummary {
  met: number;
  partly: number;
  notMet: number;
  notVerifiable: number;
}

/** Item id prefixes shown in the matrix, in the order their rows appear. */
const TRACED_PREFIXES = ['FR', 'US', 'AC', 'AT', 'DT'] as const;
const TRACED_ID = /^(FR|US|AC|AT|DT)-/;
const NOT_REVIEWED = '—';
const MAX_EVIDENCE = 3;

const VERDICT_TEXT: Record<ReviewVerdict, string> = {
  met: 'met',
  partly: 'partly',
  'not-met': 'not met',
  'not-verifiable': 'not verifiable',
};

export function summarizeReview(review: ReviewResult): ReviewSummary {
  const summary: ReviewSummary = { met: 0, partly: 0, notMet: 0, notVerifiable: 0 };
  for (const item of review.items) {
    if (item.verdict === 'met') summary.met++;
    else if (item.verdict === 'partly') summary.partly++;
    else if (item.verdict === 'not-met') summary.notMet++;
    else if (item.verdict === 'not-verifiable') summary.notVerifiable++;
  }
  return summary;
}

export function renderTraceabilityMatrix(input: TraceabilityInput): string {
  const { plan, review, spec } = input;
  const maxFiles = Math.max(0, input.maxFilesPerItem ?? 3);
  const rows = tracedItems(input);
  const resultsById = new Map(input.tasks.map((t) => [t.taskId, t]));
  const reviewById = new Map<string, ReviewItem>();
  for (const item of review?.items ?? []) if (!reviewById.has(item.itemId)) reviewById.set(item.itemId, item);
  const hasNotes = (review?.items ?? []).some((i) => i.note.trim() !== '');

  const parts = [...(input.heading === false ? [] : ['## Traceability']), reviewSentence(review)];
  if (review?.fixRound) parts.push(fixRoundSentence(review.fixRound, reviewById));
  if (rows.length === 0) {
    parts.push(
      'The spec has no functional requirements, acceptance criteria, user stories or deterministic tests.',
    );
    return parts.join('\n\n');
  }

  const limit = Math.min(rows.length, Math.max(0, input.maxRows ?? rows.length));
  const cells = rows.slice(0, limit).map(({ id, item }) => {
    const tasks = plan.tasks.filter((t) => t.covers.includes(id));
    const verdict = reviewById.get(id);
    const row = [escapeCell(id, 80)];
    if (spec) row.push(item ? escapeProseCell(item.title, 120) : '-');
    row.push(tasksCell(tasks, resultsById));
    row.push(filesCell(tasks, resultsById, maxFiles));
    row.push(verdict ? verdictCell(verdict) : NOT_REVIEWED);
    row.push(verdict ? evidenceCell(verdict.evidence, input) : NOT_REVIEWED);
    if (hasNotes) row.push(verdict ? escapeProseCell(verdict.note, 200) : '-');
    return row;
  });
  const columns = [
    { title: 'Item' },
    ...(spec ? [{ title: 'Title' }] : []),
    { title: 'Task(s)' },
    { title: 'Files' },
    { title: 'Verdict' },
    { title: 'Evidence' },
    ...(hasNotes ? [{ title: 'Note' }] : []),
  ];
  parts.push(table(columns, cells));
  if (limit < rows.length) {
    parts.push(`_Showing the first ${formatCount(limit)} of ${formatCount(rows.length)} items._`);
  }
  return parts.join('\n\n');
}

interface TracedRow {
  id: string;
  item?: SpecItem;
}

/** From the spec when given (every traced item, covered or not); else from the plan's coverage and the review. */
function tracedItems(input: TraceabilityInput): TracedRow[] {
  const seen = new Set<string>();
  const rows: TracedRow[] = [];
  const add = (id: string, item?: SpecItem) => {
    if (seen.has(id) || !TRACED_ID.test(id)) return;
    seen.add(id);
    rows.push(item ? { id, item } : { id });
  };
  if (input.spec) {
    const s = input.spec;
    for (const item of [
      ...s.functionalRequirements,
      ...s.userStories,
      ...s.acceptanceCriteria,
      ...s.deterministicTests,
    ])
      add(item.id, item);
  }
  const extra: string[] = [
    ...input.plan.coverage.covered,
    ...input.plan.coverage.uncovered,
    ...input.plan.tasks.flatMap((t) => t.covers),
    ...(input.review?.items.map((i) => i.itemId) ?? []),
  ].filter((id) => !seen.has(id) && TRACED_ID.test(id));
  const prefixRank = (id: string) =>
    TRACED_PREFIXES.indexOf(id.split('-')[0] as (typeof TRACED_PREFIXES)[number]);
  // A stable sort keeps each kind's ids in the order the plan lists them.
  for (const id of [...new Set(extra)].sort((a, b) => prefixRank(a) - prefixRank(b))) add(id);
  return rows;
}

function tasksCell(tasks: Task[], results: Map<string, TaskResult>): string {
  if (tasks.length === 0) return 'no task';
  return tasks
    .map((t) => {
      const status = results.get(t.id)?.status;
      const id = escapeCell(t.id, 80);
      if (status === 'success') return id;
      return `${id} (${status === undefined ? 'not run' : escapeCell(status, 40)})`;
    })
    .join(', ');
}

function filesCell(tasks: Task[], results: Map<string, TaskResult>, max: number): string {
  const files = [...new Set(tasks.flatMap((t) => results.get(t.id)?.files ?? []))];
  if (files.length === 0) return '-';
  const shown = files.slice(0, max).map((f) => escapeCell(f, 200));
  const more = files.length - shown.length;
  if (more > 0) shown.push(`+${formatCount(more)} more`);
  return shown.join(', ');
}

const FILE_LINE = /^(.+?):(\d+)(?:[-–]\d+)?$/;

/** `file:line` as a link to that line when the file is one the run wrote and a repository URL is known. */
function evidenceText(e: string, input: TraceabilityInput): string {
  const text = escapeCell(e, 200);
  const m = FILE_LINE.exec(e.trim());
  if (!m || !input.written?.has(m[1]!)) return text;
  return linked(text, fileUrl(input.links, m[1]!, Number(m[2])));
}

function evidenceCell(evidence: string[], input: TraceabilityInput): string {
  if (evidence.length === 0) return '-';
  const shown = evidence.slice(0, MAX_EVIDENCE).map((e) => evidenceText(e, input));
  const more = evidence.length - shown.length;
  if (more > 0) shown.push(`+${formatCount(more)} more`);
  return shown.join(', ');
}

/** `20 met, 2 partly, 1 not met` or why there are no verdicts: the folded section's summary. */
export function reviewHeadline(review: ReviewResult | undefined): string {
  if (!review) return 'no review ran';
  const s = summarizeReview(review);
  const counts = `${s.met} met, ${s.partly} partly, ${s.notMet} not met, ${s.notVerifiable} not verifiable`;
  return review.status === 'completed' ? counts : `review ${review.status} (${counts})`;
}

/** A reason as the end of a sentence: one final period, never two. */
function asSentence(text: string): string {
  return `${text.replace(/[.\s]+$/, '')}.`;
}

/** A re-checked item shows both verdicts: the one after the review's fix round and the one before it. */
function verdictCell(item: ReviewItem): string {
  const now = VERDICT_TEXT[item.verdict];
  return item.before ? `${now} (was ${VERDICT_TEXT[item.before]} before the fix round)` : now;
}

function fixRoundSentence(round: ReviewFixRound, reviewById: Map<string, ReviewItem>): string {
  const ids = round.itemIds.map((id) => escapeCell(id, 80)).join(', ');
  const task = round.fixTask
    ? `${escapeCell(round.fixTask.taskId, 80)} (${escapeCell(round.fixTask.status, 40)}${round.fixTask.files.length > 0 ? `, ${formatCount(round.fixTask.files.length)} file(s) changed` : ''})`
    : 'no fix task';
  const head = `Review fix round: the review judged must-have item(s) ${ids} not met, so one fix round ran: ${task}.`;
  if (round.recheck === 'not-run') {
    return `${head} The items were not re-checked: ${escapeProse(round.reason ?? 'the fix did not run', 400)}.`;
  }
  const after = round.itemIds
    .map((id) => {
      const item = reviewById.get(id);
      return `${escapeCell(id, 80)} ${item ? VERDICT_TEXT[item.verdict] : NOT_REVIEWED}`;
    })
    .join(', ');
  const reason = round.reason ? ` ${escapeProse(round.reason, 400)}.` : '';
  return `${head} Re-checked after it: ${after}.${reason}`;
}

function reviewSentence(review: ReviewResult | undefined): string {
  if (!review) return `The review did not run: verdicts are shown as ${NOT_REVIEWED}.`;
  const s = summarizeReview(review);
  const counts = `${s.met} met, ${s.partly} partly, ${s.notMet} not met, ${s.notVerifiable} not verifiable`;
  const reason = review.reason ? ` ${asSentence(escapeProse(review.reason, 500))}` : '';
  switch (review.status) {
    case 'completed':
      return `Review: ${counts}. Verdicts come from the review agent, not from running the code.`;
    case 'malformed':
      return `The review's answer was malformed: items without a valid verdict show ${NOT_REVIEWED} (${counts} given correctly).${reason}`;
    case 'failed':
      return `The review failed, so items show ${NOT_REVIEWED}.${reason}`;
    case 'skipped':
      return `The review was skipped, so items show ${NOT_REVIEWED}.${reason}`;
  }
}
