// The review agent: one model call (plus at most one corrective retry) that judges each functional
// requirement and acceptance criterion of the spec against what the run changed — a unified diff per file,
// numbered by the lines of the file after the run, most relevant files first — answering through the
// `submit_review` tool. Its answer is checked, never repaired by guessing: a verdict for an id the model did
// not give is left out, and evidence that points outside the written files is dropped with a note.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Budget } from '../core/budget.js';
import { type DiffHunk, type FileDiff, fileDiff, hunkHeader } from '../core/diff.js';
import {
  type AssistantBlock,
  addUsage,
  ModelError,
  type ModelMessage,
  type ModelPort,
  type ModelResponse,
  type SystemPart,
  type ToolDefinition,
  type ToolUseBlock,
  type Usage,
  type UserBlock,
  ZERO_USAGE,
} from '../core/model-port.js';
import { formatUsd } from '../core/money.js';
import { costOf } from '../core/prices.js';
import type { ReviewItem, ReviewResult, ReviewVerdict, WriteRecord } from '../core/results.js';
import type { ModelPrice, Plan } from '../core/tasks.js';
import type { Spec, SpecItem } from '../spec/types.js';
import { buildSharedContext, fenceFor, neutralizeDelimiters, prepareFrontMatter } from './context.js';
import { builtinPromptsDir } from './roles.js';

export const REVIEW_TOOL_NAME = 'submit_review';
export const REVIEW_TASK_ID = 'review';
/** Characters of numbered diffs the review prompt carries before it lists files by path only. */
export const DEFAULT_REVIEW_DIFF_CHARS = 120_000;
/** Unchanged lines shown around each change: enough to see the function a change sits in. */
export const REVIEW_CONTEXT_LINES = 5;
export const REVIEW_VERDICTS: readonly ReviewVerdict[] = ['met', 'partly', 'not-met', 'not-verifiable'];
/** `path:line` or `path:start-end`. */
export const EVIDENCE_PATTERN = /^[^:\s]+:\d+(-\d+)?$/;

export interface ReviewInput {
  spec: Spec;
  plan: Plan;
  /** Every write of the run, in order (RunResult.writes). */
  writes: WriteRecord[];
  /** Reads a workspace-relative file (workspace.read). */
  readFile: (path: string) => Promise<string>;
  model: ModelPort;
  modelName: string;
  maxTokens: number;
  budget: Budget;
  price: ModelPrice;
  /** Characters of diffs to include (default 120,000); beyond it, paths only. */
  maxDiffChars?: number;
  /**
   * The write journal's content of a path before the run (workspace.originalContent): null when the run
   * created it, undefined when unknown. Without it, created files diff against nothing and modified files
   * are shown whole.
   */
  originalContent?: (path: string) => string | null | undefined;
  /** Judge only these item ids (the re-check after a fix round); default every FR and AC. */
  itemIds?: string[];
  /** The review role prompt (a repository override from loadRoles); defaults to the built-in review.md. */
  rolePrompt?: string;
  signal?: AbortSignal;
}

/** A file the run left in place (created or modified, not deleted last), as the reviewer sees it. */
export interface ReviewedFile {
  path: string;
  /** null when it could not be read. */
  content: string | null;
  readError?: string;
  lineCount: number;
  /** What the run changed in it; absent when the content before the run is unknown (shown whole). */
  diff?: FileDiff;
  /** Tasks that wrote it, in order. */
  taskIds: string[];
}

export async function runReview(input: ReviewInput): Promise<ReviewResult> {
  let usage: Usage = { ...ZERO_USAGE };
  let calls = 0;
  const result = (status: ReviewResult['status'], items: ReviewItem[], reason?: string): ReviewResult => ({
    status,
    items,
    ...(reason !== undefined ? { reason } : {}),
    calls,
    usage,
    costUsd: costOf(usage, input.price),
  });

  const criteria = criteriaToJudge(input);
  if (criteria.length === 0) {
    return result(
      'skipped',
      [],
      'The spec has no functional requirements or acceptance criteria to review against.',
    );
  }
  if (!input.budget.canStart()) {
    return result(
      'skipped',
      [],
      `The budget is exhausted (spent ${formatUsd(input.budget.totalUsd)} of the ${formatUsd(input.budget.maxUsd)} max-cost), so the review did not run. Raise max-cost to include the review.`,
    );
  }

  let system: SystemPart[];
  try {
    const rolePrompt = input.rolePrompt ?? (await readBuiltinReviewPrompt());
    await prepareFrontMatter(input.spec);
    system = [
      { text: buildSharedContext(input.spec), cache: true },
      { text: rolePrompt, cache: true },
    ];
  } catch (err) {
    return result('failed', [], `The review prompt could not be loaded: ${errorText(err)}`);
  }

  const files = await readWrittenFiles(input.writes, input.readFile, input.originalContent);
  const ids = criteria.map((c) => c.id);
  const user = buildReviewMessage(
    criteria,
    input.plan,
    files,
    input.maxDiffChars ?? DEFAULT_REVIEW_DIFF_CHARS,
  );
  const tool = reviewToolDefinition(ids);
  const signal = combineSignals(input.signal, input.budget.signal);
  const messages: ModelMessage[] = [{ role: 'user', content: user }];

  let lastProblems: string[] = [];
  let lastItems: ReviewItem[] = [];
  for (let attempt = 1; attempt <= 2; attempt++) {
    let response: ModelResponse;
    try {
      response = await input.model.complete({
        model: input.modelName,
        maxTokens: input.maxTokens,
        system,
        messages: [...messages],
        tools: [tool],
        meta: { taskId: REVIEW_TASK_ID, turn: attempt },
        ...(signal ? { signal } : {}),
      });
    } catch (err) {
      calls += 1;
      const reason =
        err instanceof ModelError
          ? `The review's model call failed: ${err.message} ${err.hint}`.trim()
          : `The review's model call failed: ${errorText(err)}`;
      return result('failed', [], reason);
    }
    calls += Math.max(1, response.attempts);
    usage = addUsage(usage, response.usage);
    input.budget.add(response.usage, input.price);

    const checked = checkReviewResponse(response, ids, files);
    if (checked.problems.length === 0) return result('completed', checked.items);
    lastProblems = checked.problems;
    lastItems = checked.items;

    if (attempt === 2) break;
    if (!input.budget.canStart()) {
      return result(
        'malformed',
        lastItems,
        `The review's answer was malformed (${lastProblems.join('; ')}) and was not retried because the budget is exhausted.`,
      );
    }
    messages.push({ role: 'assistant', content: response.content });
    messages.push({ role: 'user', content: retryMessage(response.content, checked.problems, ids) });
  }
  return result(
    'malformed',
    lastItems,
    `The review's answer was malformed twice; last problems: ${lastProblems.join('; ')}. ` +
      'Only the verdicts it gave correctly are kept; the other items were not reviewed.',
  );
}

/** Every criterion, or only the ids asked for (the re-check after a fix round). */
function criteriaToJudge(input: Pick<ReviewInput, 'spec' | 'itemIds'>): SpecItem[] {
  const only = input.itemIds ? new Set(input.itemIds) : undefined;
  return reviewCriteria(input.spec).filter((c) => !only || only.has(c.id));
}

/** Functional requirements, then acceptance criteria, each id once (the first item of a duplicated id). */
export function reviewCriteria(spec: Spec): SpecItem[] {
  const seen = new Set<string>();
  const out: SpecItem[] = [];
  for (const item of [...spec.functionalRequirements, ...spec.acceptanceCriteria]) {
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    out.push(item);
  }
  return out;
}

async function readBuiltinReviewPrompt(): Promise<string> {
  const text = await readFile(path.join(builtinPromptsDir(), 'review.md'), 'utf8');
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

// ---------------------------------------------------------------------------------------------------------
// The files under review

/** The paths the run left in place, by their last write, read through the workspace, with their diffs. */
async function readWrittenFiles(
  writes: WriteRecord[],
  read: (path: string) => Promise<string>,
  original?: (path: string) => string | null | undefined,
): Promise<Map<string, ReviewedFile>> {
  const last = new Map<string, WriteRecord['action']>();
  const first = new Map<string, WriteRecord['action']>();
  const tasks = new Map<string, string[]>();
  for (const w of writes) {
    last.set(w.path, w.action);
    if (!first.has(w.path)) first.set(w.path, w.action);
    const ids = tasks.get(w.path) ?? [];
    if (!ids.includes(w.taskId)) ids.push(w.taskId);
    tasks.set(w.path, ids);
  }
  const paths = [...last.entries()]
    .filter(([, action]) => action !== 'deleted')
    .map(([p]) => p)
    .sort(cmp);
  const files = new Map<string, ReviewedFile>();
  for (const p of paths) {
    const taskIds = tasks.get(p) ?? [];
    try {
      const content = await read(p);
      // The journal's "before" when known; else a file whose first write created it had nothing before.
      const before = original?.(p) ?? (first.get(p) === 'created' ? null : undefined);
      const file: ReviewedFile = { path: p, content, lineCount: countLines(content), taskIds };
      if (before !== undefined) file.diff = fileDiff(p, before, content, REVIEW_CONTEXT_LINES);
      files.set(p, file);
    } catch (err) {
      files.set(p, { path: p, content: null, readError: errorText(err), lineCount: 0, taskIds });
    }
  }
  return files;
}

function countLines(content: string): number {
  const normalized = content.replace(/\r\n?/g, '\n');
  if (normalized === '') return 0;
  const lines = normalized.split('\n').length;
  return normalized.endsWith('\n') ? lines - 1 : lines;
}

const u = neutralizeDelimiters;

export function buildReviewMessage(
  criteria: SpecItem[],
  plan: Plan,
  files: Map<string, ReviewedFile>,
  budgetChars: number,
): string {
  const out: string[] = ['# Review', ''];
  out.push(
    `Judge each of these ${criteria.length} item(s) against the changes below, then call ${REVIEW_TOOL_NAME} once.`,
    '',
    '## Items to judge',
    '',
    '<spec-excerpt>',
  );
  for (const item of criteria) {
    out.push(`### ${u(item.id)}: ${u(item.title)}`, u(item.text.replace(/\r\n?/g, '\n').trim()), '');
  }
  out.push('</spec-excerpt>', '');
  // Which task was meant to implement each item tells the reviewer where to look first.
  const coveredBy = criteria.map((item) => {
    const tasks = plan.tasks.filter((t) => t.covers.includes(item.id));
    return `- ${u(item.id)}: ${tasks.length > 0 ? tasks.map((t) => `${t.id} (${t.agent})`).join(', ') : 'no task'}`;
  });
  out.push('Planned to be implemented by:', ...coveredBy, '');

  out.push(...changesPart(criteria, plan, files, budgetChars));
  out.push(
    '## Answer',
    '',
    `Call ${REVIEW_TOOL_NAME} exactly once with one entry for each of these ids, each once: ${criteria.map((c) => c.id).join(', ')}.`,
    'Evidence is `path:line` or `path:start-end`: line numbers of the files after the run, as numbered above.',
  );
  return out.join('\n') + '\n';
}

/**
 * The diffs, most relevant first (files of the tasks that cover the items under review, then other code, then
 * lockfiles and generated files), within `budgetChars`: a file that does not fit whole shows the hunks that
 * fit, and a file with no room left is listed by path.
 */
function changesPart(
  criteria: SpecItem[],
  plan: Plan,
  files: Map<string, ReviewedFile>,
  budgetChars: number,
): string[] {
  const out: string[] = ['## Changes made by this run', ''];
  if (files.size === 0) {
    out.push('The run wrote no files. Nothing can be cited as evidence.', '');
    return out;
  }
  out.push(
    'Each changed file is shown as a unified diff. Every line starts with its line number in the file after',
    'the run (blank for removed lines), then `+` (added), `-` (removed) or a space (unchanged context).',
    '',
  );
  const ids = new Set(criteria.map((c) => c.id));
  const relevant = new Set(plan.tasks.filter((t) => t.covers.some((id) => ids.has(id))).map((t) => t.id));
  const rank = (f: ReviewedFile) =>
    LOW_VALUE_FILE.test(f.path) ? 2 : f.taskIds.some((id) => relevant.has(id)) ? 0 : 1;
  const ordered = [...files.values()].sort((a, b) => rank(a) - rank(b) || cmp(a.path, b.path));
  const pathOnly: string[] = [];
  let left = budgetChars;
  for (const file of ordered) {
    if (file.content === null) {
      pathOnly.push(`- ${u(file.path)} (could not be read: ${u(file.readError ?? 'unknown error')})`);
      continue;
    }
    const shown = renderFileChange(file, left);
    if (shown === null) {
      pathOnly.push(`- ${u(file.path)} (${file.lineCount} lines, not shown)`);
      continue;
    }
    left -= shown.length;
    out.push(shown, '');
  }
  if (pathOnly.length > 0) {
    out.push('Also written, but not shown to stay within the context budget:', ...pathOnly, '');
  }
  return out;
}

/** Lockfiles, minified, generated and snapshot files: rarely evidence for a requirement. */
const LOW_VALUE_FILE =
  /(^|\/)(package-lock\.json|yarn\.lock|pnpm-lock\.yaml|Cargo\.lock|poetry\.lock|go\.sum|composer\.lock)$|\.(min\.js|map|snap|lock)$|(^|\/)(generated|__generated__)\//;

/** One file's diff (or whole content when the before is unknown) in at most `room` characters, or null. */
function renderFileChange(file: ReviewedFile, room: number): string | null {
  const content = file.content ?? '';
  const diff = file.diff;
  const hunks: DiffHunk[] = diff ? diff.hunks : [wholeFileHunk(content)];
  const change = !diff
    ? 'modified; the content before the run is not known, so the whole file is shown as context'
    : diff.before === null
      ? `created, +${diff.added}`
      : `modified, +${diff.added} -${diff.removed}`;
  const width = String(Math.max(1, file.lineCount)).length;
  const rendered = hunks.map((h) => renderHunk(h, width));
  const open = `<file path=${JSON.stringify(u(file.path))} lines="${file.lineCount}" change="${change}">`;
  let body = '';
  let count = 0;
  for (const text of rendered) {
    // Room for the delimiters, fences and the note below.
    if (open.length + body.length + text.length + 120 > room) break;
    body += `${text}\n`;
    count++;
  }
  if (hunks.length > 0 && count === 0) return null;
  if (hunks.length === 0) body = '(no change in content)\n';
  const note = count < hunks.length ? `[${hunks.length - count} more hunk(s) of this file not shown]\n` : '';
  const fence = fenceFor(body);
  return [open, `${fence.open}diff`, `${u(body)}${note}${fence.close}`, '</file>'].join('\n');
}

function renderHunk(h: DiffHunk, width: number): string {
  const lines = [hunkHeader(h)];
  for (const l of h.lines) {
    const num = l.op === '-' ? ''.padStart(width) : String(l.newLine).padStart(width);
    lines.push(`${num} ${l.op} ${l.text}`);
  }
  return lines.join('\n');
}

function wholeFileHunk(content: string): DiffHunk {
  const lines = content.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  const n = content === '' ? 0 : lines.length;
  return {
    oldStart: 1,
    oldCount: n,
    newStart: 1,
    newCount: n,
    lines: lines.slice(0, n).map((text, i) => ({ op: ' ' as const, text, oldLine: i + 1, newLine: i + 1 })),
  };
}

// ---------------------------------------------------------------------------------------------------------
// The tool and the check of its input

export function reviewToolDefinition(ids: string[]): ToolDefinition {
  return {
    name: REVIEW_TOOL_NAME,
    description:
      'Submit the review: one verdict per spec item id given in the user message, with evidence as ' +
      '`path:line` or `path:start-end` references into the written files. Call it exactly once.',
    input_schema: {
      type: 'object',
      properties: {
        items: {
          type: 'array',
          description: 'One entry per item id, each id exactly once.',
          items: {
            type: 'object',
            properties: {
              item_id: { type: 'string', enum: ids },
              verdict: { type: 'string', enum: [...REVIEW_VERDICTS] },
              evidence: {
                type: 'array',
                items: { type: 'string', pattern: EVIDENCE_PATTERN.source },
                description: 'References like src/a.ts:12 or src/a.ts:12-30 into the files shown.',
              },
              note: { type: 'string', description: 'Why this verdict; what is missing.' },
            },
            required: ['item_id', 'verdict', 'evidence', 'note'],
          },
        },
      },
      required: ['items'],
    },
  };
}

const entrySchema = z.object({
  item_id: z.string().min(1),
  verdict: z.enum(['met', 'partly', 'not-met', 'not-verifiable']),
  evidence: z
    .array(z.string().regex(EVIDENCE_PATTERN, 'must be `path:line` or `path:start-end`'))
    .default([]),
  note: z.string().default(''),
});

export interface CheckedReview {
  /** Entries that passed every check, in the order of `ids`. */
  items: ReviewItem[];
  /** What was wrong, in words the model (and a person) can act on. Empty when the answer is usable. */
  problems: string[];
}

/** Checks one assistant turn's answer against the review contract. */
export function checkReviewResponse(
  response: Pick<ModelResponse, 'content' | 'stopReason'>,
  ids: string[],
  files: Map<string, ReviewedFile>,
): CheckedReview {
  const toolUses = response.content.filter((b): b is ToolUseBlock => b.type === 'tool_use');
  const cut =
    response.stopReason === 'max_tokens'
      ? ' The reply was cut off by the output token limit: keep notes short.'
      : '';
  if (toolUses.length === 0) {
    return {
      items: [],
      problems: [
        `no ${REVIEW_TOOL_NAME} tool call was made (the answer must be a tool call, not text).${cut}`,
      ],
    };
  }
  const others = toolUses.filter((b) => b.name !== REVIEW_TOOL_NAME);
  const submits = toolUses.filter((b) => b.name === REVIEW_TOOL_NAME);
  const problems: string[] = [];
  if (others.length > 0) {
    problems.push(
      `unknown tool(s) called: ${[...new Set(others.map((b) => b.name))].join(', ')}; only ${REVIEW_TOOL_NAME} exists`,
    );
  }
  const first = submits[0];
  if (!first) return { items: [], problems: [...problems, `${REVIEW_TOOL_NAME} was not called.${cut}`] };
  if (submits.length > 1) problems.push(`${REVIEW_TOOL_NAME} was called ${submits.length} times, not once`);
  const checked = checkReviewInput(first.input, ids, files);
  problems.push(...checked.problems);
  if (problems.length > 0 && cut) problems.push(cut.trim());
  return { items: checked.items, problems };
}

export function checkReviewInput(
  input: unknown,
  ids: string[],
  files: Map<string, ReviewedFile>,
): CheckedReview {
  const problems: string[] = [];
  if (!isRecord(input)) {
    return { items: [], problems: ['the tool input is not a JSON object with an "items" list'] };
  }
  let rawItems: unknown = input.items;
  // Some models send a nested list as a JSON string; read it, but an unreadable one is an error.
  if (typeof rawItems === 'string') {
    try {
      rawItems = JSON.parse(rawItems);
    } catch {
      return { items: [], problems: ['"items" is a string that is not valid JSON; send it as a JSON list'] };
    }
  }
  if (!Array.isArray(rawItems)) {
    return {
      items: [],
      problems: [
        rawItems === undefined ? '"items" is missing' : `"items" must be a list, got ${typeName(rawItems)}`,
      ],
    };
  }

  const known = new Set(ids);
  const byId = new Map<string, ReviewItem>();
  const seen = new Set<string>();
  rawItems.forEach((raw, index) => {
    const parsed = entrySchema.safeParse(raw);
    const label =
      isRecord(raw) && typeof raw.item_id === 'string'
        ? `items[${index}] (${raw.item_id})`
        : `items[${index}]`;
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const where = issue.path.length > 0 ? `.${issue.path.join('.')}` : '';
        const value = valueAt(raw, issue.path);
        const shown = value === undefined ? '' : ` (got ${clipped(JSON.stringify(value), 80)})`;
        problems.push(`${label}${where}: ${issue.message}${shown}`);
      }
      if (isRecord(raw) && typeof raw.item_id === 'string') seen.add(raw.item_id);
      return;
    }
    const entry = parsed.data;
    if (!known.has(entry.item_id)) {
      problems.push(`${label}: unknown item id "${entry.item_id}" (not one of the ids to judge)`);
      return;
    }
    if (seen.has(entry.item_id)) {
      problems.push(`${label}: item id ${entry.item_id} is given more than once`);
      byId.delete(entry.item_id);
      return;
    }
    seen.add(entry.item_id);
    byId.set(entry.item_id, toReviewItem(entry, files));
  });
  const missing = ids.filter((id) => !seen.has(id));
  if (missing.length > 0) problems.push(`missing item id(s): ${missing.join(', ')}`);
  return { items: ids.flatMap((id) => byId.get(id) ?? []), problems };
}

function toReviewItem(entry: z.infer<typeof entrySchema>, files: Map<string, ReviewedFile>): ReviewItem {
  const evidence: string[] = [];
  const dropped: string[] = [];
  for (const ref of entry.evidence) {
    const why = evidenceProblem(ref, files);
    if (why === null) {
      const normalized = ref.replace(/^\.\//, '');
      if (!evidence.includes(normalized)) evidence.push(normalized);
    } else {
      dropped.push(`${ref} (${why})`);
    }
  }
  const note = entry.note.trim();
  const dropNote = dropped.length > 0 ? `Evidence dropped: ${dropped.join('; ')}.` : '';
  return {
    itemId: entry.item_id,
    verdict: entry.verdict,
    evidence,
    note: [note, dropNote].filter((s) => s !== '').join(' '),
  };
}

/** Why a `path:line[-end]` reference does not point into a written file, or null when it does. */
function evidenceProblem(ref: string, files: Map<string, ReviewedFile>): string | null {
  const match = /^(.+):(\d+)(?:-(\d+))?$/.exec(ref);
  if (!match) return 'not path:line';
  const filePath = (match[1] ?? '').replace(/^\.\//, '');
  const start = Number(match[2]);
  const end = match[3] === undefined ? start : Number(match[3]);
  const file = files.get(filePath);
  if (!file) return 'not a file this run wrote';
  if (file.content === null) return 'the file could not be read to check it';
  if (start < 1 || end < start) return 'not a valid line range';
  if (end > file.lineCount) return `past the end of the file, which has ${file.lineCount} line(s)`;
  return null;
}

function retryMessage(content: AssistantBlock[], problems: string[], ids: string[]): UserBlock[] {
  const explanation =
    `Your review could not be accepted: ${problems.join('; ')}. ` +
    `Call ${REVIEW_TOOL_NAME} again, exactly once, with one entry for each of these ids, each once and no others: ` +
    `${ids.join(', ')}. Verdicts are met, partly, not-met or not-verifiable; evidence is path:line or ` +
    'path:start-end into the files shown.';
  const results: UserBlock[] = content
    .filter((b): b is ToolUseBlock => b.type === 'tool_use')
    .map((b) => ({
      type: 'tool_result',
      tool_use_id: b.id,
      content:
        b.name === REVIEW_TOOL_NAME
          ? `Rejected: ${problems.join('; ')}`
          : `There is no tool named ${b.name}; only ${REVIEW_TOOL_NAME} exists.`,
      is_error: true,
    }));
  return [...results, { type: 'text', text: explanation }];
}

// ---------------------------------------------------------------------------------------------------------

function combineSignals(...signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  if (present.length <= 1) return present[0];
  return AbortSignal.any(present);
}

function valueAt(root: unknown, keys: readonly PropertyKey[]): unknown {
  let value: unknown = root;
  for (const key of keys) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function clipped(text: string | undefined, max: number): string {
  if (text === undefined) return 'undefined';
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
