// `plan`'s cache of the repository scan's symbol names, kept between runs: reading the sources for the symbol map
// (about 70 files, 380 KB, in this repository) was the largest part of a plan's time beyond a validate. A source
// whose stamp (size, mtime, ctime, inode) is the one it was read at is not read again; any other is.
//
// Only `plan` uses it: its output is an estimate, and its run in a pre-commit hook or an editor is what must start
// fast. `run` always reads the sources: the symbol map it sends to the model never comes from a cache. The file
// lives in the code cache's private folder (cache-dir.ts: only this user can write there) and, like any cache
// here, is never a reason to fail: a missing, unreadable or malformed file is an empty cache.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileStamp, SymbolNamesCache } from '../agents/types.js';
import { fnv1a, replaceCacheFile } from './cache-dir.js';

/**
 * A file changed less than this before the scan started is read but not remembered: a write in the same tick of
 * the file system's clock (up to 2 s on some file systems) could leave its stamp unchanged. This is git's "racily
 * clean" rule.
 */
export const RACY_MS = 2_000;

/** Bumped when exportedNames changes what it finds: the names of an older version are not reused. */
const FORMAT = 1;

type Entry = [size: number, mtimeMs: number, ctimeMs: number, ino: number, names: string[]];

export interface ScanNamesCache extends SymbolNamesCache {
  /** Writes what this scan used and read (nothing when that is what the file holds already). */
  save(): void;
}

/** The cache of the repository at `root` (an absolute path), in the private folder `dir`; `now` starts the scan. */
export function openScanNamesCache(dir: string, root: string, now: number): ScanNamesCache {
  const path = join(dir, `scan-names-${fnv1a(root)}.json`);
  const known = readEntries(path, root);
  const kept = new Map<string, Entry>();
  let changed = false;
  return {
    get(file, stamp) {
      const entry = known.get(file);
      if (entry === undefined || !sameStamp(entry, stamp)) return undefined;
      kept.set(file, entry);
      return entry[4];
    },
    set(file, stamp, names) {
      changed = true;
      if (Math.max(stamp.mtimeMs, stamp.ctimeMs) >= now - RACY_MS) return;
      kept.set(file, [stamp.size, stamp.mtimeMs, stamp.ctimeMs, stamp.ino, names]);
    },
    save() {
      // Entries of files this scan did not reach (deleted, or past the map's end) are left out.
      if (!changed && kept.size === known.size) return;
      // Not written: the next plan reads the sources, as this one did.
      replaceCacheFile(path, JSON.stringify({ format: FORMAT, root, files: Object.fromEntries(kept) }));
    },
  };
}

function sameStamp(entry: Entry, stamp: FileStamp): boolean {
  return (
    entry[0] === stamp.size &&
    entry[1] === stamp.mtimeMs &&
    entry[2] === stamp.ctimeMs &&
    entry[3] === stamp.ino
  );
}

/** The entries of a well-formed cache file of this root and format; an empty map for anything else. */
function readEntries(path: string, root: string): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return entries;
  }
  const { format, root: cachedRoot, files } = (parsed ?? {}) as Record<string, unknown>;
  if (format !== FORMAT || cachedRoot !== root || typeof files !== 'object' || files === null) return entries;
  for (const [file, entry] of Object.entries(files)) {
    if (isEntry(entry)) entries.set(file, entry);
  }
  return entries;
}

function isEntry(value: unknown): value is Entry {
  return (
    Array.isArray(value) &&
    value.length === 5 &&
    value.slice(0, 4).every((n) => typeof n === 'number') &&
    Array.isArray(value[4]) &&
    value[4].every((name) => typeof name === 'string')
  );
}
