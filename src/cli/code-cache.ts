// Runs a CommonJS script with a V8 code cache kept between processes: what Node 22's module.enableCompileCache()
// does, by hand, so that it works on Node 20 too and holds the functions a command actually ran. A cache made
// after the command has run holds the bytecode of every function it compiled; one made at load time (Node's)
// holds the top level only. For a one-spec `validate`, compiling our code cold is the larger part of the time
// beyond Node's own start.
//
// The cache is an optimisation and never a reason to fail: any error reading or writing it means "no cache".
// It lives where only this user can write (a cache file is code this process will run), and is keyed by the
// script's build id, Node's version and its flags, so a stale cache is never offered. V8 checks the rest (its
// own version, flags, the source's length) and rejects a cache that does not fit; it is then rewritten.
import { readdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { fnv1a, replaceCacheFile } from './cache-dir.js';

/** The parameters a CommonJS module's wrapper gives its code. */
type ModuleWrapper = (
  exports: object,
  require: NodeJS.Require,
  module: { exports: object },
  filename: string,
  dirname: string,
) => void;

export interface CachedScript {
  /** What the script put on module.exports. */
  exports: Record<string, unknown>;
  /** True when V8 took the cache (no compiling from source this time). */
  cacheUsed: boolean;
  /** Writes the cache when there was none or V8 rejected it: call once the work it should cover has run. */
  saveCache(): void;
}

/**
 * The cache file for `script` (its build id) run as `variant` (the command: each caches what it ran): Node's
 * version and platform, and the V8 flags given to this process, are part of the name, so a process started with
 * other flags keeps its own cache instead of rewriting a shared one every time.
 */
export function cacheFileName(buildId: string, variant: string, env: NodeJS.ProcessEnv): string {
  const flags = `${process.execArgv.join(' ')}|${env.NODE_OPTIONS ?? ''}`;
  return `${buildId}-${variant}-${process.version}-${process.platform}-${process.arch}-${fnv1a(flags)}.v8cache`;
}

/** Loads `file` as a CommonJS module, compiled from `cachePath` when V8 accepts that cache. */
export function loadCachedScript(
  file: string,
  cachePath: string | undefined,
  require: NodeJS.Require,
): CachedScript {
  const source = readFileSync(file, 'utf8');
  const cachedData = cachePath === undefined ? undefined : readCache(cachePath);
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  const module = { exports: {} as Record<string, unknown> };
  const dirname = join(file, '..');
  (script.runInThisContext() as ModuleWrapper)(module.exports, require, module, file, dirname);
  const cacheUsed = cachedData !== undefined && !script.cachedDataRejected;
  return {
    exports: module.exports,
    cacheUsed,
    saveCache() {
      if (cachePath === undefined || cacheUsed) return;
      writeCache(cachePath, script.createCachedData());
    },
  };
}

function readCache(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** Written whole (replaceCacheFile), then other builds' stale caches are pruned. */
function writeCache(path: string, data: Buffer): void {
  // Not written: the next run compiles from source, as this one did.
  if (!replaceCacheFile(path, data)) return;
  try {
    pruneStaleCaches(dirname(path), basename(path).split('-')[0]!, Date.now());
  } catch {
    // The folder could not be listed: pruning waits for the next write.
  }
}

/** A cache of another build unchanged this long is taken for an uninstalled version's. */
export const STALE_CACHE_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Each upgrade (a new build id) leaves the old build's caches behind: those not rewritten for STALE_CACHE_MS go
 * when a new cache is written, with scratch files a crashed write left. A version still in use that loses its
 * cache this way writes it again on its next run.
 */
export function pruneStaleCaches(dir: string, buildId: string, now: number): void {
  for (const name of readdirSync(dir)) {
    if (name.startsWith(`${buildId}-`) || !/\.v8cache(\.\d+\.tmp)?$/.test(name)) continue;
    const file = join(dir, name);
    try {
      if (now - statSync(file).mtimeMs > STALE_CACHE_MS) unlinkSync(file);
    } catch {
      // Removed meanwhile by another process.
    }
  }
}
