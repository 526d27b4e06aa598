// The part of the workspace's path checks that needs the disk: a path that passed the lexical policy may still
// leave the repository through a symbolic link (one the repository ships, or one a test wrote).
import { lstatSync, realpathSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { PathRejectedError } from '../core/workspace.js';
import { prefixes, refusalMessage } from './path-policy.js';

export interface SymlinkGuard {
  /** Writes may not pass through or land on a symlink: it could point anywhere, including outside. */
  assertWritable(original: string, rel: string): void;
  /** Reads may follow links, but only to places inside the root and outside `.git`. */
  assertReadable(original: string, rel: string): void;
  /** For listings: a symlink that resolves to a regular file inside the root. */
  isFileInside(rel: string): Promise<boolean>;
}

function isNotFound(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function reject(original: string, reason: 'symlink' | 'git-dir', why: string): never {
  throw new PathRejectedError(original, reason, refusalMessage(original, why));
}

/** Where `target` lies relative to `realRoot`; null when outside it. */
function insideRel(realRoot: string, target: string): string | null {
  const rel = path.relative(realRoot, target);
  const outside = rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
  return outside ? null : rel;
}

/** The first component of `rel` that is a symlink; undefined when none is (or the path stops existing). */
function firstLink(abs: (rel: string) => string, rel: string): string | undefined {
  for (const prefix of prefixes(rel)) {
    try {
      if (lstatSync(abs(prefix)).isSymbolicLink()) return prefix;
    } catch (err) {
      if (isNotFound(err)) return undefined; // Nothing below a missing component exists yet.
      throw err;
    }
  }
  return undefined;
}

function assertResolvesInside(realRoot: string, absolute: string, original: string): void {
  let target: string;
  try {
    target = realpathSync(absolute);
  } catch (err) {
    if (isNotFound(err)) {
      reject(original, 'symlink', 'it goes through a symbolic link whose target does not exist.');
    }
    throw err;
  }
  const relTarget = insideRel(realRoot, target);
  if (relTarget === null) {
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

/** `abs` maps a workspace-relative POSIX path to the absolute path under the root. */
export function createSymlinkGuard(root: string, abs: (rel: string) => string): SymlinkGuard {
  let realRootCache: string | undefined;
  const realRoot = () => {
    realRootCache ??= realpathSync(root);
    return realRootCache;
  };
  return {
    assertWritable(original, rel) {
      const link = firstLink(abs, rel);
      if (link !== undefined) {
        reject(
          original,
          'symlink',
          `"${link}" is a symbolic link; writing through or onto links is refused because they can point outside the repository. Write to the real path instead.`,
        );
      }
    },
    assertReadable(original, rel) {
      if (rel !== '.' && firstLink(abs, rel) !== undefined)
        assertResolvesInside(realRoot(), abs(rel), original);
    },
    async isFileInside(rel) {
      try {
        const target = await realpath(abs(rel));
        return insideRel(realRoot(), target) !== null && (await stat(target)).isFile();
      } catch {
        return false; // Dangling links are not files worth listing.
      }
    },
  };
}
