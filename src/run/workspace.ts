// The safe workspace: the only way agents touch files. Every path is checked before any byte is written,
// because paths come from model output and must be treated as untrusted input.
import { createHash } from 'node:crypto';
import { constants as fsConstants, lstatSync, realpathSync } from 'node:fs';
import { copyFile, lstat, mkdir, open, readdir, realpath, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { minimatch } from 'minimatch';
import type { WriteRecord } from '../core/results.js';
import type { Role } from '../core/tasks.js';
import {
  PathRejectedError,
  type PathRejection,
  type Workspace,
  type WorkspaceOptions,
} from '../core/workspace.js';
import { countLineChanges, MAX_DIFF_BYTES } from './line-diff.js';

export const DEFAULT_MAX_FILE_BYTES = 1_048_576;
export const DEFAULT_MAX_FILES_PER_TASK = 200;
export const DEFAULT_MAX_READ_BYTES = 100 * 1024;
export const DEFAULT_MAX_LIST_ENTRIES = 500;

/** Where backups go, relative to the root. Agents may not write there: it is the user's undo. */
export const BACKUP_DIR = '.implement-spec/backups';

// Hard cap on how many files a listing walks, so a huge checkout cannot stall a run.
const LIST_WALK_LIMIT = 100_000;

const SKIPPED_DIR_NAMES = new Set(['.git', 'node_modules']);

function reject(p: string, reason: PathRejection, why: string): never {
  throw new PathRejectedError(p, reason, `Refused path "${printable(p)}": ${why}`);
}

/** Paths may carry control characters; show them escaped so messages stay one readable line. */
function printable(p: string): string {
  return JSON.stringify(p).slice(1, -1);
}

function isAbsoluteAnywhere(p: string): boolean {
  return p.startsWith('/') || p.startsWith('\\') || /^[A-Za-z]:/.test(p);
}

/**
 * Lexical checks shared by reads and writes. Returns the normalized workspace-relative POSIX path
 * ('.' for the root itself).
 */
function normalizeRelative(p: string): string {
  if (typeof p !== 'string' || p.trim() === '') {
    reject(
      String(p ?? ''),
      'empty',
      'the path is empty. Give a path relative to the repository root, e.g. "src/index.ts".',
    );
  }
  if (p.includes('\0')) {
    reject(p, 'nul-byte', 'the path contains a NUL byte. Use a plain path relative to the repository root.');
  }
  if (isAbsoluteAnywhere(p)) {
    reject(
      p,
      'absolute',
      'absolute paths are not allowed. Give a path relative to the repository root, e.g. "src/index.ts".',
    );
  }
  if (p.includes('\\')) {
    reject(
      p,
      'backslash',
      'backslashes are not allowed in paths. Use forward slashes, e.g. "src/app/index.ts".',
    );
  }
  const normalized = path.posix.normalize(p).replace(/\/+$/, '');
  if (normalized === '..' || normalized.startsWith('../')) {
    reject(
      p,
      'escapes-root',
      'it points outside the repository (".." climbs above the root). Use a path inside the repository.',
    );
  }
  const segments = normalized.split('/');
  if (segments.some((s) => s.toLowerCase() === '.git')) {
    reject(
      p,
      'git-dir',
      'files inside a ".git" directory belong to git itself and cannot be read or written. Choose another path.',
    );
  }
  return normalized === '' ? '.' : normalized;
}

function isWorkflowPath(rel: string): boolean {
  const [first, second] = rel.toLowerCase().split('/');
  return first === '.github' && second === 'workflows';
}

function isUnder(rel: string, dir: string): boolean {
  return rel === dir || rel.startsWith(`${dir}/`);
}

/** Every ancestor directory of `rel` and `rel` itself: a/b/c → a, a/b, a/b/c. */
function prefixes(rel: string): string[] {
  const segments = rel.split('/');
  return segments.map((_, i) => segments.slice(0, i + 1).join('/'));
}

function sha256(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

function isNotFound(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function defaultStamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

/** Cut a UTF-8 buffer at `max` bytes without splitting a character. */
function utf8Prefix(buf: Buffer, max: number): string {
  let end = Math.min(max, buf.length);
  // Back off over continuation bytes (10xxxxxx) so the cut lands on a character boundary.
  while (end > 0 && end < buf.length && ((buf[end] ?? 0) & 0xc0) === 0x80) end--;
  return buf.subarray(0, end).toString('utf8');
}

export function createWorkspace(opts: WorkspaceOptions): Workspace {
  if (!path.isAbsolute(opts.root)) {
    throw new Error(`Workspace root must be an absolute path, got "${opts.root}".`);
  }
  const root = path.resolve(opts.root);
  const maxFileBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const maxFilesPerTask = opts.maxFilesPerTask ?? DEFAULT_MAX_FILES_PER_TASK;
  const backupStamp = opts.backupStamp ?? defaultStamp();
  const specPaths = (opts.specPaths ?? []).map((s) =>
    path.posix.normalize(s.replace(/\\/g, '/')).toLowerCase(),
  );
  const protectedGlobs = opts.protectedPaths ?? [];
  const roleAllow = opts.roleAllow;

  const writeLog: WriteRecord[] = [];
  const latestContent = new Map<string, string>();
  /** Each written path as it was before the run ('' when new, null when too big to count lines of). */
  const beforeRun = new Map<string, string | null>();
  /** Paths that did not exist before this run wrote them: the only ones `remove` may delete. */
  const createdInRun = new Set<string>();
  const backedUp = new Set<string>();
  const pathsByTask = new Map<string, Set<string>>();

  let realRootCache: string | undefined;
  function realRoot(): string {
    realRootCache ??= realpathSync(root);
    return realRootCache;
  }

  function abs(rel: string): string {
    return rel === '.' ? root : path.join(root, ...rel.split('/'));
  }

  /** Writes may not pass through or land on a symlink: it could point anywhere, including outside. */
  function assertNoSymlinkComponent(original: string, rel: string): void {
    for (const prefix of prefixes(rel)) {
      let isLink: boolean;
      try {
        isLink = lstatSync(abs(prefix)).isSymbolicLink();
      } catch (err) {
        if (isNotFound(err)) return; // Nothing below a missing component exists yet.
        throw err;
      }
      if (isLink) {
        reject(
          original,
          'symlink',
          `"${prefix}" is a symbolic link; writing through or onto links is refused because they can point outside the repository. Write to the real path instead.`,
        );
      }
    }
  }

  /** Reads may follow links, but only to places inside the root. */
  function assertReadStaysInside(original: string, rel: string): void {
    let hasLink = false;
    for (const prefix of prefixes(rel)) {
      try {
        if (lstatSync(abs(prefix)).isSymbolicLink()) {
          hasLink = true;
          break;
        }
      } catch (err) {
        if (isNotFound(err)) return;
        throw err;
      }
    }
    if (!hasLink) return;
    let target: string;
    try {
      target = realpathSync(abs(rel));
    } catch (err) {
      if (isNotFound(err)) {
        reject(original, 'symlink', 'it goes through a symbolic link whose target does not exist.');
      }
      throw err;
    }
    const relTarget = path.relative(realRoot(), target);
    const outside = relTarget === '..' || relTarget.startsWith(`..${path.sep}`) || path.isAbsolute(relTarget);
    if (outside) {
      reject(
        original,
        'symlink',
        'it goes through a symbolic link that points outside the repository. Only files inside the repository can be read.',
      );
    }
    if (relTarget.split(path.sep).some((s) => s.toLowerCase() === '.git')) {
      reject(original, 'git-dir', 'it is a symbolic link into a ".git" directory, which cannot be read.');
    }
  }

  function resolveForRead(p: string): string {
    const rel = normalizeRelative(p);
    if (rel !== '.') assertReadStaysInside(p, rel);
    return rel;
  }

  /** All checks a path must pass before this run may create, change or delete it. */
  function resolveForWrite(taskId: string, role: Role, p: string): string {
    const rel = normalizeRelative(p);
    if (rel === '.') {
      reject(
        p,
        'not-a-file',
        'it names the repository root, not a file. Give a file path such as "src/index.ts".',
      );
    }
    if (isWorkflowPath(rel)) {
      reject(
        p,
        'workflows',
        'files under .github/workflows cannot be written: the GITHUB_TOKEN used to push is not allowed to change workflows, and letting generated code edit CI is an attack path. Describe the workflow change in the PR instead so a person can add it.',
      );
    }
    if (rel.split('/').some((s) => s.toLowerCase() === 'node_modules')) {
      reject(
        p,
        'protected',
        'node_modules holds installed dependencies: files there are not committed, so no reviewer would see them, yet tests would run them. Add the dependency to the manifest (e.g. package.json) instead.',
      );
    }
    if (specPaths.includes(rel.toLowerCase())) {
      reject(
        p,
        'spec-file',
        'it is the spec file being implemented; the spec is input and is never changed by a run.',
      );
    }
    if (isUnder(rel, BACKUP_DIR)) {
      reject(
        p,
        'protected',
        `"${BACKUP_DIR}" holds backups of overwritten files and cannot be written by agents.`,
      );
    }
    const hit = protectedGlobs.find((glob) =>
      prefixes(rel).some((pre) => minimatch(pre, glob, { dot: true })),
    );
    if (hit !== undefined) {
      reject(
        p,
        'protected',
        `it matches the protected path pattern "${hit}" (input protected-paths). Write elsewhere, or remove the pattern if the file should be editable.`,
      );
    }
    const allowed = roleAllow && Object.hasOwn(roleAllow, role) ? roleAllow[role] : undefined;
    if (allowed && !allowed.some((glob) => minimatch(rel, glob, { dot: true }))) {
      reject(
        p,
        'role-not-allowed',
        `the ${role} agent may only write paths matching ${allowed.map((g) => `"${g}"`).join(', ') || '(nothing)'}. Leave this file to the agent that owns it.`,
      );
    }
    assertNoSymlinkComponent(p, rel);
    const touched = pathsByTask.get(taskId);
    if (!touched?.has(rel) && (touched?.size ?? 0) >= maxFilesPerTask) {
      reject(
        p,
        'too-many-files',
        `task ${taskId} has already written ${maxFilesPerTask} files, the most one task may write. Split the work into smaller tasks.`,
      );
    }
    return rel;
  }

  function noteTouched(taskId: string, rel: string): void {
    let touched = pathsByTask.get(taskId);
    if (!touched) {
      touched = new Set();
      pathsByTask.set(taskId, touched);
    }
    touched.add(rel);
  }

  async function existingKind(target: string): Promise<'file' | 'dir' | 'other' | 'missing'> {
    try {
      const st = await lstat(target);
      if (st.isFile()) return 'file';
      if (st.isDirectory()) return 'dir';
      return 'other';
    } catch (err) {
      if (isNotFound(err)) return 'missing';
      throw err;
    }
  }

  /** O_NOFOLLOW: a symlink swapped in after the lstat check is not followed out of the workspace. */
  async function contentForDiff(target: string): Promise<string | null> {
    const handle = await open(target, fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0));
    try {
      const st = await handle.stat();
      return st.size > MAX_DIFF_BYTES ? null : await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  }

  async function backup(rel: string): Promise<void> {
    const dest = path.join(root, ...BACKUP_DIR.split('/'), backupStamp, ...rel.split('/'));
    await mkdir(path.dirname(dest), { recursive: true });
    await copyFile(abs(rel), dest);
    backedUp.add(rel);
  }

  async function write(taskId: string, role: Role, p: string, content: string): Promise<WriteRecord> {
    const rel = resolveForWrite(taskId, role, p);
    const bytes = Buffer.byteLength(content, 'utf8');
    if (bytes > maxFileBytes) {
      reject(
        p,
        'too-large',
        `the content is ${bytes} bytes, more than the ${maxFileBytes}-byte limit per file. Split it into smaller files.`,
      );
    }
    const target = abs(rel);
    const kind = await existingKind(target);
    if (kind === 'dir' || kind === 'other') {
      reject(p, 'not-a-file', 'a directory or special file already exists at this path. Choose a file path.');
    }
    const existed = kind === 'file';
    if (!beforeRun.has(rel)) beforeRun.set(rel, existed ? await contentForDiff(target) : '');
    if (existed && opts.backups && !createdInRun.has(rel) && !backedUp.has(rel)) await backup(rel);

    await mkdir(path.dirname(target), { recursive: true });
    // O_NOFOLLOW closes the gap between the symlink check and the open (0 where unsupported).
    const flags =
      fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_TRUNC | (fsConstants.O_NOFOLLOW ?? 0);
    const handle = await open(target, flags, 0o644);
    try {
      await handle.writeFile(content, 'utf8');
    } finally {
      await handle.close();
    }

    if (!existed) createdInRun.add(rel);
    noteTouched(taskId, rel);
    latestContent.set(rel, content);
    const baseline = beforeRun.get(rel);
    const record: WriteRecord = {
      path: rel,
      action: existed ? 'modified' : 'created',
      bytes,
      taskId,
      role,
      sha256: sha256(content),
      ...(typeof baseline === 'string' ? { lines: countLineChanges(baseline, content) } : {}),
    };
    writeLog.push(record);
    return record;
  }

  async function read(p: string, maxBytes: number = DEFAULT_MAX_READ_BYTES): Promise<string> {
    const rel = resolveForRead(p);
    const target = abs(rel);
    let size: number;
    try {
      const st = await stat(target);
      if (!st.isFile()) reject(p, 'not-a-file', 'it is a directory, not a file. Use list to see its files.');
      size = st.size;
    } catch (err) {
      if (isNotFound(err)) reject(p, 'not-found', 'no such file. Use list to see which files exist.');
      throw err;
    }
    const handle = await open(target, 'r');
    try {
      const want = Math.min(size, maxBytes + 4); // A few extra bytes let utf8Prefix see the next character.
      const buf = Buffer.alloc(want);
      const { bytesRead } = await handle.read(buf, 0, want, 0);
      const data = buf.subarray(0, bytesRead);
      if (size <= maxBytes) return data.toString('utf8');
      const text = utf8Prefix(data, maxBytes);
      return `${text}\n\n[truncated: showing the first ${Buffer.byteLength(text, 'utf8')} of ${size} bytes of ${rel}]`;
    } finally {
      await handle.close();
    }
  }

  async function list(
    dir = '.',
    max = DEFAULT_MAX_LIST_ENTRIES,
  ): Promise<{ files: string[]; truncated: boolean }> {
    const start = resolveForRead(dir);
    let startIsDir: boolean;
    try {
      startIsDir = (await stat(abs(start))).isDirectory();
    } catch (err) {
      if (isNotFound(err))
        reject(dir, 'not-found', 'no such directory. List "." to see the whole repository.');
      throw err;
    }
    const found: string[] = [];
    let walkCut = false;

    async function walk(rel: string): Promise<void> {
      const entries = await readdir(abs(rel), { withFileTypes: true });
      for (const entry of entries) {
        if (found.length >= LIST_WALK_LIMIT) {
          walkCut = true;
          return;
        }
        const child = rel === '.' ? entry.name : `${rel}/${entry.name}`;
        if (SKIPPED_DIR_NAMES.has(entry.name.toLowerCase()) || child === BACKUP_DIR) continue;
        if (entry.isDirectory()) await walk(child);
        else if (entry.isFile()) found.push(child);
        else if (entry.isSymbolicLink() && (await linkIsFileInside(child))) found.push(child);
      }
    }

    async function linkIsFileInside(rel: string): Promise<boolean> {
      try {
        const target = await realpath(abs(rel));
        const relTarget = path.relative(realRoot(), target);
        if (relTarget.startsWith('..') || path.isAbsolute(relTarget)) return false;
        return (await stat(target)).isFile();
      } catch {
        return false; // Dangling links are not files worth listing.
      }
    }

    if (startIsDir) await walk(start);
    else found.push(start);
    found.sort();
    return { files: found.slice(0, max), truncated: walkCut || found.length > max };
  }

  async function remove(taskId: string, role: Role, p: string): Promise<WriteRecord> {
    const rel = resolveForWrite(taskId, role, p);
    if (!createdInRun.has(rel)) {
      reject(
        p,
        'not-created-in-run',
        'only files this run created can be deleted; files that existed before the run are left for a person to remove.',
      );
    }
    const kind = await existingKind(abs(rel));
    if (kind !== 'file') reject(p, 'not-found', 'the file was already deleted.');
    await unlink(abs(rel));
    noteTouched(taskId, rel);
    latestContent.delete(rel);
    const record: WriteRecord = {
      path: rel,
      action: 'deleted',
      bytes: 0,
      taskId,
      role,
      sha256: '',
      // Only files created in this run can be deleted: net, nothing changed.
      lines: { added: 0, removed: 0 },
    };
    writeLog.push(record);
    return record;
  }

  return {
    root,
    resolveForRead,
    write,
    read,
    list,
    remove,
    records: () => [...writeLog],
    writtenContent: (p: string) => {
      try {
        return latestContent.get(normalizeRelative(p));
      } catch {
        return undefined;
      }
    },
  };
}
