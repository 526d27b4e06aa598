// Builds a commit from exactly the files the run wrote, without trusting anything the run's code could have
// touched in .git: a fresh, temporary index seeded from the parent commit's tree, each file's content read by
// us (a regular file inside the checkout, no symbolic link anywhere on its path) and stored with hash-object
// --no-filters (no clean filter from .gitattributes runs), the tree and commit written with plumbing commands
// that run no hooks. The live index is then reset to the new commit, so whatever a test run staged there
// (`git add -f .github/workflows/pwn.yml`) is dropped, never committed.

import { lstatSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type SealedRun = (
  args: string[],
  options?: { input?: string | Buffer; env?: Record<string, string>; okExitCodes?: number[] },
) => Promise<{
  exitCode: number;
  stdout: string;
}>;

export interface SealedCommitRequest {
  /** Workspace-relative paths (POSIX) the run wrote or deleted: the only paths the commit may change. */
  paths: readonly string[];
  /** The complete commit message. */
  message: string;
  /** Environment for commit-tree (identity). */
  identityEnv: Record<string, string>;
}

export interface SealedCommitResult {
  /** The new commit, or null when the files do not change the parent's tree. */
  sha: string | null;
  /** Paths left out because .gitignore excludes them (and the parent does not track them). */
  ignored: string[];
  /** Paths left out for another reason (a symbolic link, not a regular file, outside the checkout), with it. */
  skipped: { path: string; reason: string }[];
}

const NULL_SHA = '0000000000000000000000000000000000000000';

/** Why `rel` cannot be committed as a plain file of `root`, or null when it can. */
export function unsafeCommitPath(rel: string): string | null {
  if (rel === '' || rel.includes('\0') || path.isAbsolute(rel) || rel.includes('\\'))
    return 'not a relative path';
  const parts = rel.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..')) return 'not a normalized relative path';
  if (parts.some((p) => p.toLowerCase().replace(/[. ]+$/, '') === '.git')) return 'inside .git';
  return null;
}

type Entry = { kind: 'file'; content: Buffer } | { kind: 'deleted' } | { kind: 'skip'; reason: string };

/** Reads `rel` the safe way: no symbolic link at any level, a regular file, inside the real checkout. */
function readEntry(root: string, rel: string): Entry {
  const realRoot = realpathSync(root);
  const abs = path.join(realRoot, ...rel.split('/'));
  let stat: ReturnType<typeof lstatSync>;
  try {
    stat = lstatSync(abs);
  } catch {
    return { kind: 'deleted' };
  }
  if (stat.isSymbolicLink()) return { kind: 'skip', reason: 'it is a symbolic link' };
  if (!stat.isFile()) return { kind: 'skip', reason: 'it is not a regular file' };
  // A directory on the way replaced by a link would make `abs` resolve elsewhere.
  if (realpathSync(abs) !== abs)
    return { kind: 'skip', reason: 'a directory on its path is a symbolic link' };
  return { kind: 'file', content: readFileSync(abs) };
}

/** Modes of `paths` in `commit` (100644, 100755, …), from ls-tree. */
async function modesIn(
  run: SealedRun,
  commit: string | null,
  paths: readonly string[],
): Promise<Map<string, string>> {
  const modes = new Map<string, string>();
  if (!commit || paths.length === 0) return modes;
  const out = await run(['ls-tree', '-z', '--full-tree', commit, '--', ...paths], {});
  for (const record of out.stdout.split('\0')) {
    const m = /^(\d+) \w+ [0-9a-f]+\t(.*)$/s.exec(record);
    if (m) modes.set(m[2]!, m[1]!);
  }
  return modes;
}

/** Of `paths` untracked in the parent, those .gitignore excludes (read from the files, not the index). */
async function ignoredOf(run: SealedRun, paths: string[], tracked: Map<string, string>): Promise<string[]> {
  const candidates = paths.filter((p) => !tracked.has(p));
  if (candidates.length === 0) return [];
  const result = await run(['check-ignore', '--no-index', '-z', '--stdin'], {
    input: `${candidates.join('\0')}\0`,
    okExitCodes: [0, 1],
  });
  return result.stdout.split('\0').filter((p) => p.length > 0);
}

/** Commits `req.paths` on top of `parent` (null: a root commit) and returns the new commit's SHA. */
export async function sealedCommit(
  run: SealedRun,
  root: string,
  parent: string | null,
  req: SealedCommitRequest,
): Promise<SealedCommitResult> {
  const skipped: SealedCommitResult['skipped'] = [];
  const wanted: string[] = [];
  for (const p of new Set(req.paths)) {
    const why = unsafeCommitPath(p);
    if (why) skipped.push({ path: p, reason: why });
    else wanted.push(p);
  }
  const entries = new Map<string, Entry>();
  for (const p of wanted) {
    const entry = readEntry(root, p);
    if (entry.kind === 'skip') skipped.push({ path: p, reason: entry.reason });
    else entries.set(p, entry);
  }
  const tracked = await modesIn(run, parent, [...entries.keys()]);
  const files = [...entries].filter(([, e]) => e.kind === 'file').map(([p]) => p);
  const ignored = await ignoredOf(run, files, tracked);
  const dir = mkdtempSync(path.join(tmpdir(), 'implement-spec-index-'));
  const env = { GIT_INDEX_FILE: path.join(dir, 'index') };
  try {
    if (parent) await run(['read-tree', parent], { env });
    const lines: string[] = [];
    for (const [p, entry] of entries) {
      if (ignored.includes(p)) continue;
      if (entry.kind === 'deleted') {
        if (tracked.has(p)) lines.push(`0 ${NULL_SHA}\t${p}`);
      } else if (entry.kind === 'file') {
        const hashed = await run(['hash-object', '-w', '--no-filters', '--stdin'], { input: entry.content });
        const mode = tracked.get(p) === '100755' ? '100755' : '100644';
        lines.push(`${mode} ${hashed.stdout.trim()}\t${p}`);
      }
    }
    if (lines.length > 0)
      await run(['update-index', '-z', '--index-info'], { input: `${lines.join('\0')}\0`, env });
    const tree = (await run(['write-tree'], { env })).stdout.trim();
    if (parent && (await run(['rev-parse', `${parent}^{tree}`], {})).stdout.trim() === tree) {
      return { sha: null, ignored, skipped };
    }
    const commit = await run(['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-F', '-'], {
      input: req.message,
      env: req.identityEnv,
    });
    return { sha: commit.stdout.trim(), ignored, skipped };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
