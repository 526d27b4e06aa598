// search_code: a regular-expression search over the repository, in process (no shell, no ripgrep), through the
// workspace's read rules. Files ignored by .gitignore, binary files and huge files are skipped; the output is
// bounded by a result limit, a per-line length and a time budget.
import ignore, { type Ignore } from 'ignore';
import { minimatch } from 'minimatch';
import { z } from 'zod';
import { PathRejectedError, type Workspace } from '../core/workspace.js';
import { checkRegexSafety } from './safe-regex.js';

export const SEARCH_DEFAULT_RESULTS = 50;
export const SEARCH_MAX_RESULTS = 200;
/** Files bigger than this are generated or data, not code worth searching. */
export const SEARCH_MAX_FILE_BYTES = 512 * 1024;
/** Characters of a line matched against (long minified lines are cut), and shown in a result. */
const MATCH_LINE_CHARS = 2_000;
const SHOWN_LINE_CHARS = 240;
/** Wall time one search may take before it returns what it found. */
export const SEARCH_TIME_BUDGET_MS = 3_000;
const WALK_LIMIT = 20_000;
const TRUNCATION_MARKER = /\n\n\[truncated: showing the first \d+ of \d+ bytes of [^\n]*\]$/;

export const searchInputSchema = z.object({
  pattern: z.string().min(1),
  path: z.string().optional(),
  glob: z.string().optional(),
  max_results: z.number().int().min(1).max(SEARCH_MAX_RESULTS).optional(),
});
export type SearchInput = z.infer<typeof searchInputSchema>;

/** The .gitignore rules of every folder, applied to paths relative to that folder (as git does). */
async function gitignoreFilter(ws: Workspace, files: string[]): Promise<(file: string) => boolean> {
  const rules = new Map<string, Ignore>();
  for (const file of files) {
    if (file !== '.gitignore' && !file.endsWith('/.gitignore')) continue;
    const dir = file === '.gitignore' ? '' : file.slice(0, -'/.gitignore'.length);
    try {
      rules.set(dir, ignore().add(await ws.read(file, 256 * 1024)));
    } catch {
      // An unreadable .gitignore ignores nothing.
    }
  }
  return (file) => {
    const parts = file.split('/');
    for (let depth = 0; depth < parts.length; depth++) {
      const dir = parts.slice(0, depth).join('/');
      const rule = rules.get(dir);
      if (rule?.ignores(parts.slice(depth).join('/'))) return true;
    }
    return false;
  };
}

function globMatches(glob: string, file: string): boolean {
  // A glob without a slash names files at any depth ("*.ts"), as in ripgrep.
  return glob.includes('/')
    ? minimatch(file, glob, { dot: true })
    : minimatch(file.split('/').pop() ?? file, glob, { dot: true });
}

export async function searchCode(
  input: SearchInput,
  ws: Workspace,
  now = () => performance.now(),
): Promise<string> {
  const safety = checkRegexSafety(input.pattern);
  if (!safety.ok) throw new Error(`pattern refused: ${safety.reason}`);
  let regex: RegExp;
  try {
    regex = new RegExp(input.pattern);
  } catch (err) {
    throw new Error(`invalid regular expression (JavaScript syntax): ${(err as Error).message}`);
  }
  const max = input.max_results ?? SEARCH_DEFAULT_RESULTS;
  const base = ws.resolveForRead(input.path?.trim() ? input.path : '.');
  const { files } = await ws.list(base, WALK_LIMIT);
  const ignored = await gitignoreFilter(ws, base === '.' ? files : (await ws.list('.', WALK_LIMIT)).files);
  const started = now();
  const hits: string[] = [];
  let searched = 0;
  let stopped = '';
  for (const file of files) {
    if (ignored(file) || (input.glob && !globMatches(input.glob, file))) continue;
    if (now() - started > SEARCH_TIME_BUDGET_MS) {
      stopped = `[stopped after ${SEARCH_TIME_BUDGET_MS} ms having searched ${searched} files; narrow the search with path or glob]`;
      break;
    }
    const text = await readSearchable(ws, file);
    if (text === null) continue;
    searched++;
    const lines = text.split('\n');
    for (let i = 0; i < lines.length && hits.length <= max; i++) {
      const line = lines[i]!;
      if (!regex.test(line.length > MATCH_LINE_CHARS ? line.slice(0, MATCH_LINE_CHARS) : line)) continue;
      const shown = line.trim();
      hits.push(
        `${file}:${i + 1}: ${shown.length > SHOWN_LINE_CHARS ? `${shown.slice(0, SHOWN_LINE_CHARS)}…` : shown}`,
      );
    }
    if (hits.length > max) break;
  }
  if (hits.length === 0)
    return `No matches for /${input.pattern}/ in ${searched} file(s) under ${base}.${stopped ? `\n${stopped}` : ''}`;
  const more =
    hits.length > max
      ? `\n[more than ${max} matches; only the first ${max} are shown. Narrow the pattern, path or glob]`
      : '';
  return hits.slice(0, max).join('\n') + more + (stopped ? `\n${stopped}` : '');
}

/** The file's text, or null for binary, huge or unreadable files. */
async function readSearchable(ws: Workspace, file: string): Promise<string | null> {
  let text: string;
  try {
    text = await ws.read(file, SEARCH_MAX_FILE_BYTES);
  } catch (err) {
    if (err instanceof PathRejectedError) return null;
    return null;
  }
  if (TRUNCATION_MARKER.test(text)) return null;
  // A NUL in the first 8 KB is how git itself tells binary from text.
  if (text.slice(0, 8192).includes('\0')) return null;
  return text;
}
