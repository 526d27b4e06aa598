// The edit tool, shaped like Anthropic's text editor tool (`str_replace_based_edit_tool`): `view` (numbered
// lines, ranges, directory listings), `create` (new files only), `str_replace` (exactly one match) and `insert`.
// Every write goes through the safe workspace; every edit is checked against what this task last viewed.
import { z } from 'zod';
import type { WriteRecord } from '../core/results.js';
import type { Role } from '../core/tasks.js';
import { PathRejectedError, type Workspace } from '../core/workspace.js';
import { excerpt, lineAt, nearestLines, numbered, occurrences, splitLines } from './text-lines.js';
import { DEFAULT_VIEW_MAX_CHARS, EDIT_TOOL_NAME } from './tool-definitions.js';
import type { ViewLedger } from './view-ledger.js';

export { DEFAULT_VIEW_MAX_CHARS, EDIT_TOOL_NAME };

/** Entries a directory view lists. */
const MAX_DIR_ENTRIES = 400;
/** Files are read whole up to the workspace's write limit: anything bigger cannot be edited anyway. */
const WHOLE_FILE_BYTES = 1_048_576;
const TRUNCATION_MARKER = /\n\n\[truncated: showing the first \d+ of \d+ bytes of [^\n]*\]$/;

export const editInputSchema = z.object({
  command: z.enum(['view', 'create', 'str_replace', 'insert'], {
    error: 'command must be one of "view", "create", "str_replace", "insert" (undo_edit is not available)',
  }),
  path: z.string(),
  view_range: z.array(z.number().int()).length(2).optional(),
  file_text: z.string().optional(),
  old_str: z.string().optional(),
  new_str: z.string().optional(),
  insert_line: z.number().int().optional(),
  insert_text: z.string().optional(),
});
export type EditInput = z.infer<typeof editInputSchema>;

export interface EditContext {
  workspace: Workspace;
  taskId: string;
  role: Role;
  ledger: ViewLedger;
  maxViewChars?: number;
}

export interface EditOutcome {
  content: string;
  isError: boolean;
  record?: WriteRecord;
}

const fail = (content: string): EditOutcome => ({ content, isError: true });

export type FileState =
  | { kind: 'file'; content: string; truncated: boolean }
  | { kind: 'dir' }
  | { kind: 'missing' };

export async function fileState(ws: Workspace, path: string): Promise<FileState> {
  try {
    const text = await ws.read(path, WHOLE_FILE_BYTES);
    const truncated = TRUNCATION_MARKER.test(text);
    return { kind: 'file', content: truncated ? text.replace(TRUNCATION_MARKER, '') : text, truncated };
  } catch (err) {
    if (err instanceof PathRejectedError && err.reason === 'not-found') return { kind: 'missing' };
    if (err instanceof PathRejectedError && err.reason === 'not-a-file') return { kind: 'dir' };
    throw err;
  }
}

export async function runEditCommand(input: EditInput, ctx: EditContext): Promise<EditOutcome> {
  switch (input.command) {
    case 'view':
      return view(input, ctx);
    case 'create':
      return create(input, ctx);
    case 'str_replace':
      return strReplace(input, ctx);
    case 'insert':
      return insert(input, ctx);
  }
}

async function view(input: EditInput, ctx: EditContext): Promise<EditOutcome> {
  const state = await fileState(ctx.workspace, input.path);
  if (state.kind === 'missing')
    return fail(`${input.path} does not exist. Use search_code or view a directory to find the right path.`);
  if (state.kind === 'dir') return viewDirectory(input.path, ctx.workspace);
  const rel = ctx.workspace.resolveForRead(input.path);
  ctx.ledger.saw(rel, state.content);
  const lines = splitLines(state.content);
  const start = input.view_range?.[0] ?? 1;
  let end = input.view_range?.[1] ?? -1;
  if (end === -1) end = lines.length;
  if (lines.length === 0) return { content: `${rel} is empty.`, isError: false };
  if (start < 1 || start > lines.length || end < start || end > lines.length) {
    return fail(
      `Invalid view_range [${input.view_range?.join(', ')}] for ${rel}, which has ${lines.length} lines: ` +
        `use [start, end] with 1 <= start <= end <= ${lines.length}, or end = -1 for the end of the file.`,
    );
  }
  const max = ctx.maxViewChars ?? DEFAULT_VIEW_MAX_CHARS;
  const shown: string[] = [];
  let chars = 0;
  let last = start - 1;
  for (let n = start; n <= end; n++) {
    const line = `${String(n).padStart(6)}\t${lines[n - 1]}`;
    if (chars + line.length + 1 > max && shown.length > 0) break;
    shown.push(line);
    chars += line.length + 1;
    last = n;
  }
  const cut =
    last < end
      ? `\n[cut at ${max} characters: showing lines ${start}-${last} of ${lines.length}; view_range [${last + 1}, ${end === lines.length ? -1 : end}] shows more]`
      : '';
  const tooBig = state.truncated ? '\n[the file is larger than 1 MB; only its first megabyte is shown]' : '';
  return { content: shown.join('\n') + cut + tooBig, isError: false };
}

async function viewDirectory(path: string, ws: Workspace): Promise<EditOutcome> {
  const base = ws.resolveForRead(path);
  const { files, truncated } = await ws.list(base, 20_000);
  const entries = new Set<string>();
  for (const file of files) {
    const rel = base === '.' ? file : file.slice(base.length + 1);
    const parts = rel.split('/');
    // Two levels deep, like the reference tool: deeper files show as their folder.
    entries.add(
      parts.length <= 2 ? file : `${base === '.' ? '' : `${base}/`}${parts.slice(0, 2).join('/')}/`,
    );
  }
  const list = [...entries].sort();
  const shown = list.slice(0, MAX_DIR_ENTRIES);
  const more =
    list.length > shown.length || truncated
      ? `\n[${list.length - shown.length} more entries not shown; view a subdirectory]`
      : '';
  if (shown.length === 0) return { content: `No files under ${base}.`, isError: false };
  return {
    content: `Files and folders up to 2 levels deep in ${base}:\n${shown.join('\n')}${more}`,
    isError: false,
  };
}

async function create(input: EditInput, ctx: EditContext): Promise<EditOutcome> {
  if (input.file_text === undefined)
    return fail('create needs "file_text": the whole content of the new file.');
  const state = await fileState(ctx.workspace, input.path);
  if (state.kind !== 'missing') {
    return fail(
      `${input.path} already exists; create only makes new files. View it and change it with str_replace or insert.`,
    );
  }
  const record = await ctx.workspace.write(ctx.taskId, ctx.role, input.path, input.file_text);
  ctx.ledger.saw(record.path, input.file_text);
  return { content: `Created ${record.path} (${record.bytes} bytes).`, isError: false, record };
}

/** The file as this task may edit it, or why it may not. */
async function editable(
  path: string,
  ctx: EditContext,
): Promise<{ rel: string; content: string } | EditOutcome> {
  const state = await fileState(ctx.workspace, path);
  if (state.kind === 'missing') return fail(`${path} does not exist. Create it with the create command.`);
  if (state.kind === 'dir') return fail(`${path} is a directory; give a file path.`);
  if (state.truncated) return fail(`${path} is larger than 1 MB and cannot be edited.`);
  const rel = ctx.workspace.resolveForRead(path);
  const stale = staleness(rel, state.content, ctx);
  return stale ?? { rel, content: state.content };
}

/**
 * Why the task may not change `rel` (whose content is now `current`), or null when it may: it must have seen
 * exactly this content. A mismatch is recorded as a conflict and the task must view the file again.
 */
export function staleness(rel: string, current: string, ctx: EditContext): EditOutcome | null {
  const verdict = ctx.ledger.verdict(rel, current);
  if (verdict === 'unseen') {
    return fail(
      `View ${rel} before editing it (edits are checked against what you viewed). Call view with a view_range around the lines to change.`,
    );
  }
  if (verdict === 'changed') {
    const changedBy = ctx.workspace
      .records()
      .filter((r) => r.path === rel && r.taskId !== ctx.taskId)
      .at(-1)?.taskId;
    ctx.ledger.conflicts.push({ path: rel, taskId: ctx.taskId, ...(changedBy ? { changedBy } : {}) });
    ctx.ledger.forget(rel);
    return fail(
      `${rel} changed since you last viewed it${changedBy ? ` (${changedBy} wrote it meanwhile)` : ''}, so the edit was not applied. ` +
        'View it again and re-apply your change to the current content.',
    );
  }
  return null;
}

async function strReplace(input: EditInput, ctx: EditContext): Promise<EditOutcome> {
  if (input.old_str === undefined || input.old_str === '')
    return fail('str_replace needs a non-empty "old_str": the exact text to replace, copied from a view.');
  const newStr = input.new_str ?? '';
  if (newStr === input.old_str) return fail('old_str and new_str are identical: nothing would change.');
  const file = await editable(input.path, ctx);
  if ('isError' in file) return file;
  const at = occurrences(file.content, input.old_str);
  if (at.length === 0) return noMatch(file.rel, file.content, input.old_str);
  if (at.length > 1) {
    const lines = at.map((offset) => lineAt(file.content, offset));
    return fail(
      `old_str occurs ${at.length} times in ${file.rel} (at lines ${lines.join(', ')}); nothing was changed. ` +
        'Include more surrounding lines in old_str so that it matches exactly once.',
    );
  }
  const offset = at[0]!;
  const updated = file.content.slice(0, offset) + newStr + file.content.slice(offset + input.old_str.length);
  const record = await ctx.workspace.write(ctx.taskId, ctx.role, file.rel, updated);
  ctx.ledger.saw(file.rel, updated);
  const first = lineAt(updated, offset);
  const lastLine = first + Math.max(0, newStr.split('\n').length - 1);
  return {
    content:
      `Edited ${file.rel}: replaced 1 occurrence (now lines ${first}-${lastLine}).\n` +
      excerpt(updated, Math.floor((first + lastLine) / 2), Math.ceil((lastLine - first) / 2) + 3),
    isError: false,
    record,
  };
}

function noMatch(rel: string, content: string, oldStr: string): EditOutcome {
  const near = nearestLines(content, oldStr);
  if (near.lines.length === 0)
    return fail(
      `No match for old_str in ${rel}; nothing was changed. View the file and copy the exact text.`,
    );
  const hint = near.whitespaceOnly
    ? `It matches at line ${near.lines[0]} if whitespace is ignored: copy the indentation and line breaks exactly.`
    : 'The nearest lines are below; copy the exact text (whitespace included) from them.';
  const shown = near.lines.map((line) => excerpt(content, line, 1)).join('\n...\n');
  return fail(`No match for old_str in ${rel}; nothing was changed. ${hint}\n${shown}`);
}

async function insert(input: EditInput, ctx: EditContext): Promise<EditOutcome> {
  // The model emits insert_text; the published docs once said new_str: both are accepted.
  const text = input.insert_text ?? input.new_str;
  if (input.insert_line === undefined || text === undefined)
    return fail('insert needs "insert_line" (insert after this line; 0 = the top) and "insert_text".');
  const file = await editable(input.path, ctx);
  if ('isError' in file) return file;
  const lines = splitLines(file.content);
  if (input.insert_line < 0 || input.insert_line > lines.length)
    return fail(
      `insert_line ${input.insert_line} is outside ${file.rel}, which has ${lines.length} lines (use 0-${lines.length}).`,
    );
  const inserted = splitLines(text.endsWith('\n') ? text : `${text}\n`);
  const next = [...lines.slice(0, input.insert_line), ...inserted, ...lines.slice(input.insert_line)];
  // The file keeps its final newline (or its lack of one); an empty file gets the inserted lines' newline.
  const updated = `${next.join('\n')}${file.content.endsWith('\n') || lines.length === 0 ? '\n' : ''}`;
  const record = await ctx.workspace.write(ctx.taskId, ctx.role, file.rel, updated);
  ctx.ledger.saw(file.rel, updated);
  const first = input.insert_line + 1;
  return {
    content: `Inserted ${inserted.length} line(s) into ${file.rel} after line ${input.insert_line}.\n${numbered(
      next.slice(Math.max(0, first - 3), first - 1 + inserted.length + 2),
      Math.max(1, first - 2),
    )}`,
    isError: false,
    record,
  };
}
