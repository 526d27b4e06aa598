// Where the CLI's caches live (the V8 code cache, code-cache.ts, and plan's scan cache, scan-cache.ts): a folder
// only this user can write to, under the temp directory or NODE_COMPILE_CACHE. A cache file there is either code
// this process will run or text that ends up in its output, so a folder anyone else could write to is refused.
import { lstatSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where this user's caches go, or undefined when caching is off or the place is not safe. NODE_COMPILE_CACHE and
 * NODE_DISABLE_COMPILE_CACHE are Node's own settings for its compile cache; they are honoured here too.
 */
export function cacheDirectory(env: NodeJS.ProcessEnv): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  const uid = process.getuid?.();
  const dir = env.NODE_COMPILE_CACHE
    ? join(env.NODE_COMPILE_CACHE, 'implement-spec')
    : join(temporaryDirectory(env), `implement-spec-compile-cache-${uid ?? 'user'}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return isPrivateDirectory(dir, uid) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/**
 * os.tmpdir()'s answer, without loading node:os (part of a one-spec `validate`'s time beyond a bare script): the
 * same variables in the same order, and the same fallbacks.
 */
export function temporaryDirectory(env: NodeJS.ProcessEnv): string {
  if (process.platform === 'win32') {
    const dir = env.TEMP || env.TMP || `${env.SystemRoot || env.windir}\\temp`;
    return dir.length > 1 && dir.endsWith('\\') && !dir.endsWith(':\\') ? dir.slice(0, -1) : dir;
  }
  const dir = env.TMPDIR || env.TMP || env.TEMP || '/tmp';
  return dir.length > 1 && dir.endsWith('/') ? dir.slice(0, -1) : dir;
}

/**
 * A directory another user could write to (shared /tmp: one made there first by someone else, or a symbolic
 * link to theirs) would let them put code in this process: only a real directory of ours, closed to group and
 * others' writes, is used.
 */
export function isPrivateDirectory(dir: string, uid: number | undefined): boolean {
  const stat = lstatSync(dir);
  if (!stat.isDirectory()) return false;
  if (uid !== undefined && stat.uid !== uid) return false;
  return (stat.mode & 0o022) === 0;
}

/**
 * Replaces `path` (in a cache folder) with `data`, readable by this user only: written beside and renamed into place,
 * so a process starting meanwhile reads a whole file or none. False when it could not be written (a full disk, a
 * read-only place): a cache is never a reason to fail.
 */
export function replaceCacheFile(path: string, data: string | Uint8Array): boolean {
  const scratch = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(scratch, data, { mode: 0o600 });
    renameSync(scratch, path);
    return true;
  } catch {
    return false;
  }
}

/** A short, stable hash of a string (FNV-1a, 32 bits): names a cache file, guards nothing. */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
