// The safe workspace: the only way agents touch files. Every path is checked before any byte is written,
// because paths come from model output and must be treated as untrusted input. The checks live in three
// parts wired here: the lexical path policy (path-policy.ts), the symlink guard (the disk), and the write
// journal (what this run wrote, the per-task limit, backups).
import { copyFile, mkdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Role } from '../core/tasks.js';
import { PathRejectedError, type Workspace, type WorkspaceOptions } from '../core/workspace.js';
import { BACKUP_DIR, checkPath, type PathPolicy, refusalMessage } from './path-policy.js';
import { createSymlinkGuard, type SymlinkGuard } from './symlink-guard.js';
import {
  existingKind,
  listFiles,
  type Refuse,
  readCapped,
  readWholeNoFollow,
  writeNoFollow,
} from './workspace-files.js';
import { WriteJournal } from './write-journal.js';

export { BACKUP_DIR } from './path-policy.js';

export const DEFAULT_MAX_FILE_BYTES = 1_048_576;
export const DEFAULT_MAX_FILES_PER_TASK = 200;
export const DEFAULT_MAX_READ_BYTES = 100 * 1024;
export const DEFAULT_MAX_LIST_ENTRIES = 500;

function refuser(p: string): Refuse {
  return (reason, why) => {
    throw new PathRejectedError(p, reason, refusalMessage(p, why));
  };
}

function defaultStamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

/** What the workspace's operations share: the root, the policy, the guard, the journal and the limits. */
interface Context {
  root: string;
  abs: (rel: string) => string;
  policy: Omit<PathPolicy, 'access' | 'role'>;
  guard: SymlinkGuard;
  journal: WriteJournal;
  maxFileBytes: number;
  maxFilesPerTask: number;
  /** Folder under BACKUP_DIR for originals about to be overwritten; undefined when backups are off. */
  backupStamp: string | undefined;
}

function checked(ctx: Context, p: string, extra: Pick<PathPolicy, 'access' | 'role'>): string {
  const check = checkPath(p, { ...ctx.policy, ...extra });
  if (!check.ok) throw new PathRejectedError(p, check.reason, check.message);
  return check.path;
}

function resolveForRead(ctx: Context, p: string): string {
  const rel = checked(ctx, p, { access: 'read' });
  ctx.guard.assertReadable(p, rel);
  return rel;
}

/** All checks a path must pass before this run may create, change or delete it. */
function resolveForWrite(ctx: Context, taskId: string, role: Role, p: string): string {
  const rel = checked(ctx, p, { access: 'write', role });
  ctx.guard.assertWritable(p, rel);
  if (ctx.journal.wouldExceed(taskId, rel, ctx.maxFilesPerTask)) {
    refuser(p)(
      'too-many-files',
      `task ${taskId} has already written ${ctx.maxFilesPerTask} files, the most one task may write. Split the work into smaller tasks.`,
    );
  }
  return rel;
}

async function writeFile(ctx: Context, taskId: string, role: Role, p: string, content: string) {
  const rel = resolveForWrite(ctx, taskId, role, p);
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes > ctx.maxFileBytes) {
    refuser(p)(
      'too-large',
      `the content is ${bytes} bytes, more than the ${ctx.maxFileBytes}-byte limit per file. Split it into smaller files.`,
    );
  }
  const kind = await existingKind(ctx.abs(rel));
  if (kind === 'dir' || kind === 'other') {
    refuser(p)('not-a-file', 'a directory or special file already exists at this path. Choose a file path.');
  }
  if (kind === 'file' && ctx.backupStamp !== undefined && ctx.journal.needsBackup(rel)) {
    const dest = path.join(ctx.root, ...BACKUP_DIR.split('/'), ctx.backupStamp, ...rel.split('/'));
    await mkdir(path.dirname(dest), { recursive: true });
    await copyFile(ctx.abs(rel), dest);
    ctx.journal.noteBackup(rel);
  }
  if (ctx.journal.needsOriginal(rel)) {
    // The before of this run's diffs; an old file over the size limit is not kept (its diff is unknown).
    ctx.journal.noteOriginal(
      rel,
      kind === 'file' ? await readWholeNoFollow(ctx.abs(rel), ctx.maxFileBytes) : null,
    );
  }
  await writeNoFollow(ctx.abs(rel), content);
  return ctx.journal.noteWrite(taskId, role, rel, content, kind === 'file');
}

async function removeFile(ctx: Context, taskId: string, role: Role, p: string) {
  const rel = resolveForWrite(ctx, taskId, role, p);
  if (!ctx.journal.createdInRun(rel)) {
    refuser(p)(
      'not-created-in-run',
      'only files this run created can be deleted; files that existed before the run are left for a person to remove.',
    );
  }
  if ((await existingKind(ctx.abs(rel))) !== 'file') refuser(p)('not-found', 'the file was already deleted.');
  await unlink(ctx.abs(rel));
  return ctx.journal.noteDelete(taskId, role, rel);
}

export function createWorkspace(opts: WorkspaceOptions): Workspace {
  if (!path.isAbsolute(opts.root)) {
    throw new Error(`Workspace root must be an absolute path, got "${opts.root}".`);
  }
  const root = path.resolve(opts.root);
  const abs = (rel: string) => (rel === '.' ? root : path.join(root, ...rel.split('/')));
  const ctx: Context = {
    root,
    abs,
    policy: { specPaths: opts.specPaths, protectedGlobs: opts.protectedPaths, roleAllow: opts.roleAllow },
    guard: createSymlinkGuard(root, abs),
    journal: new WriteJournal(),
    maxFileBytes: opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    maxFilesPerTask: opts.maxFilesPerTask ?? DEFAULT_MAX_FILES_PER_TASK,
    backupStamp: opts.backups ? (opts.backupStamp ?? defaultStamp()) : undefined,
  };
  return {
    root,
    resolveForRead: (p) => resolveForRead(ctx, p),
    write: (taskId, role, p, content) => writeFile(ctx, taskId, role, p, content),
    remove: (taskId, role, p) => removeFile(ctx, taskId, role, p),
    read: async (p, maxBytes = DEFAULT_MAX_READ_BYTES) => {
      const rel = resolveForRead(ctx, p);
      return readCapped(abs(rel), rel, maxBytes, refuser(p));
    },
    list: async (dir = '.', max = DEFAULT_MAX_LIST_ENTRIES) => {
      const start = resolveForRead(ctx, dir);
      return listFiles({ start, max, abs, linkIsFileInside: ctx.guard.isFileInside, refuse: refuser(dir) });
    },
    records: () => ctx.journal.records(),
    writtenContent: (p) => {
      const check = checkPath(p, { access: 'read' });
      return check.ok ? ctx.journal.latestContent(check.path) : undefined;
    },
    originalContent: (p) => {
      const check = checkPath(p, { access: 'read' });
      return check.ok ? ctx.journal.originalContent(check.path) : undefined;
    },
  };
}
