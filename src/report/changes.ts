// "What changed": the files the run left behind, grouped by directory, with what happened to each and the
// lines added and removed. Paths come from model output, so they are escaped, and a link is made only from
// a known repository URL plus percent-encoded path segments.
import type { WriteRecord } from '../core/results.js';
import { escapeCell, escapeProse, escapeProseCell } from './escape.js';
import { formatCount } from './format.js';
import type { FileRow } from './model.js';
import { table, truncationNote } from './sections.js';

/** Where the changed files can be seen: the repository's web URL and the branch the run pushed. */
export interface FileLinks {
  /** e.g. `https://github.com/octo-org/shop`. */
  repoUrl: string;
  /** The branch (or commit) the files are on. */
  ref: string;
}

export interface LineCount {
  added: number;
  removed: number;
}

/** Net lines per path: the last write's count (each write counts against the file as it was before the run). */
export function lineCounts(writes: readonly WriteRecord[]): Map<string, LineCount | undefined> {
  const out = new Map<string, LineCount | undefined>();
  for (const w of writes) out.set(w.path, w.lines);
  return out;
}

/** Only http(s) URLs without characters that could end a Markdown link destination. */
export function safeRepoUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const trimmed = url.trim().replace(/\/+$/, '');
  return /^https?:\/\/[^\s<>()[\]`"'\\]+$/.test(trimmed) ? trimmed : undefined;
}

/** The web URL of a file (and line) on the run's branch, or undefined without a usable repository URL. */
export function fileUrl(links: FileLinks | undefined, path: string, line?: number): string | undefined {
  const repoUrl = safeRepoUrl(links?.repoUrl);
  if (!repoUrl || !links) return undefined;
  // encodeURIComponent leaves `(`, `)`, `!`, `'` and `*`; a `)` would end the Markdown link destination.
  const segment = (s: string) =>
    encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const enc = (s: string) => s.split('/').map(segment).join('/');
  return `${repoUrl}/blob/${enc(links.ref)}/${enc(path)}${line !== undefined ? `#L${line}` : ''}`;
}

/** Escaped text, as a link when a URL is known. */
export function linked(text: string, url: string | undefined): string {
  return url ? `[${text}](${url})` : text;
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? './' : `${path.slice(0, i)}/`;
}

function linesCell(lines: LineCount | undefined, action: FileRow['action']): string {
  if (action === 'created-then-deleted') return '±0';
  if (!lines) return '-';
  return `+${formatCount(lines.added)} −${formatCount(lines.removed)}`;
}

const CHANGE_TEXT: Record<FileRow['action'], string> = {
  created: 'created',
  modified: 'modified',
  deleted: 'deleted',
  'created-then-deleted': 'created, then deleted',
};

/** `9 files: 8 created, 1 modified · +412 −3 lines`. */
export function changeSummary(files: readonly FileRow[], lines: Map<string, LineCount | undefined>): string {
  const count = (a: FileRow['action']) => files.filter((f) => f.action === a).length;
  const parts = [`${formatCount(count('created'))} created`, `${formatCount(count('modified'))} modified`];
  if (count('deleted') > 0) parts.push(`${formatCount(count('deleted'))} deleted`);
  let added = 0;
  let removed = 0;
  let known = true;
  for (const f of files) {
    const l = lines.get(f.path);
    if (l) {
      added += l.added;
      removed += l.removed;
    } else if (f.action !== 'created-then-deleted') known = false;
  }
  const lineText = known ? ` · +${formatCount(added)} −${formatCount(removed)} lines` : '';
  return `${formatCount(files.length)} file(s): ${parts.join(', ')}${lineText}`;
}

/** The section: a summary line, then Directory | File | Change | Lines | Task, directories in order. */
export function renderChanges(input: {
  files: readonly FileRow[];
  writes: readonly WriteRecord[];
  limit: number;
  jsonPath: string;
  links?: FileLinks | undefined;
}): string {
  const { files, limit } = input;
  if (files.length === 0) return '## What changed\n\nNo files were written.';
  const lines = lineCounts(input.writes);
  const sorted = [...files].sort((a, b) => {
    const da = dirOf(a.path);
    const db = dirOf(b.path);
    return da === db ? a.path.localeCompare(b.path) : da.localeCompare(db);
  });
  let lastDir = '';
  const rows = sorted.slice(0, limit).map((f) => {
    const dir = dirOf(f.path);
    const dirCell = dir === lastDir ? '' : escapeProseCell(dir, 200);
    lastDir = dir;
    const name = escapeProse(f.path.slice(dir === './' ? 0 : dir.length), 200) || '-';
    const url = f.action === 'created' || f.action === 'modified' ? fileUrl(input.links, f.path) : undefined;
    return [
      dirCell,
      linked(name, url),
      CHANGE_TEXT[f.action],
      linesCell(lines.get(f.path), f.action),
      escapeCell(f.taskIds.join(', ')),
    ];
  });
  const parts = ['## What changed', changeSummary(files, lines)];
  if (limit > 0) {
    parts.push(
      table(
        [
          { title: 'Directory' },
          { title: 'File' },
          { title: 'Change' },
          { title: 'Lines', right: true },
          { title: 'Task' },
        ],
        rows,
      ),
    );
  }
  if (limit < files.length) parts.push(truncationNote(limit, files.length, 'files', input.jsonPath));
  return parts.join('\n\n');
}
