// The workspace's disk operations, on paths the policy and the symlink guard already accepted: write without
// following links, read with a byte cap, list a tree with a walk limit.
import { constants as fsConstants } from 'node:fs';
import { lstat, mkdir, open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { PathRejection } from '../core/workspace.js';
import { BACKUP_DIR } from './path-policy.js';

// Hard cap on how many files a listing walks, so a huge checkout cannot stall a run.
const LIST_WALK_LIMIT = 100_000;
const SKIPPED_DIR_NAMES = new Set(['.git', 'node_modules']);

/** Throws the workspace's PathRejectedError for the path being handled. */
export type Refuse = (reason: PathRejection, why: string) => never;

export function isNotFound(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

export async function existingKind(target: string): Promise<'file' | 'dir' | 'other' | 'missing'> {
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

export async function writeNoFollow(target: string, content: string): Promise<void> {
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
}

/** The whole text of a file (no link followed), or undefined when it is larger than `maxBytes`. */
export async function readWholeNoFollow(target: string, maxBytes: number): Promise<string | undefined> {
  const handle = await open(target, fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0));
  try {
    const { size } = await handle.stat();
    return size <= maxBytes ? await handle.readFile('utf8') : undefined;
  } finally {
    await handle.close();
  }
}

/** Cut a UTF-8 buffer at `max` bytes without splitting a character. */
function utf8Prefix(buf: Buffer, max: number): string {
  let end = Math.min(max, buf.length);
  // Back off over continuation bytes (10xxxxxx) so the cut lands on a character boundary.
  while (end > 0 && end < buf.length && ((buf[end] ?? 0) & 0xc0) === 0x80) end--;
  return buf.subarray(0, end).toString('utf8');
}

/** The file's text, cut at `maxBytes` with a note naming `rel`. */
export async function readCapped(target: string, rel: string, maxBytes: number, refuse: Refuse) {
  let size: number;
  try {
    const st = await stat(target);
    if (!st.isFile()) refuse('not-a-file', 'it is a directory, not a file. Use list to see its files.');
    size = st.size;
  } catch (err) {
    if (isNotFound(err)) refuse('not-found', 'no such file. Use list to see which files exist.');
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

export interface ListRequest {
  start: string;
  max: number;
  abs: (rel: string) => string;
  /** Symlinks are listed only when they resolve to a file inside the root. */
  linkIsFileInside: (rel: string) => Promise<boolean>;
  refuse: Refuse;
}

/** Files under `start`, sorted, skipping .git, node_modules and the backups. */
export async function listFiles(req: ListRequest): Promise<{ files: string[]; truncated: boolean }> {
  let startIsDir: boolean;
  try {
    startIsDir = (await stat(req.abs(req.start))).isDirectory();
  } catch (err) {
    if (isNotFound(err)) req.refuse('not-found', 'no such directory. List "." to see the whole repository.');
    throw err;
  }
  const found: string[] = [];
  let walkCut = false;

  async function walk(rel: string): Promise<void> {
    const entries = await readdir(req.abs(rel), { withFileTypes: true });
    for (const entry of entries) {
      if (found.length >= LIST_WALK_LIMIT) {
        walkCut = true;
        return;
      }
      const child = rel === '.' ? entry.name : `${rel}/${entry.name}`;
      if (SKIPPED_DIR_NAMES.has(entry.name.toLowerCase()) || child === BACKUP_DIR) continue;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) found.push(child);
      else if (entry.isSymbolicLink() && (await req.linkIsFileInside(child))) found.push(child);
    }
  }

  if (startIsDir) await walk(req.start);
  else found.push(req.start);
  found.sort();
  return { files: found.slice(0, req.max), truncated: walkCut || found.length > req.max };
}
