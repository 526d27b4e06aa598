// plan's cache of the repository scan's symbol names (src/cli/scan-cache.ts): a source is not read again while its
// stamp is the one it was read at; a changed one is; a file changed too recently to trust is not remembered; the
// cache is used only from a private folder, and only by `plan`.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanRepository } from '../../src/agents/repo-scan.js';
import type { FileStamp, SymbolNamesCache } from '../../src/agents/types.js';
import { fnv1a } from '../../src/cli/cache-dir.js';
import { openScanNamesCache, RACY_MS } from '../../src/cli/scan-cache.js';
import { EXAMPLES, REPO_ROOT, spawnNode } from './helpers.js';

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'implement-spec-scan-cache-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);
const OLD: FileStamp = { size: 120, mtimeMs: NOW - 60_000, ctimeMs: NOW - 60_000, ino: 42 };

function privateDir(name: string): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

describe('openScanNamesCache', () => {
  it('gives back the names of a file at the stamp they were read at, and nothing at any other stamp', () => {
    const dir = privateDir('unit');
    const first = openScanNamesCache(dir, '/repo', NOW);
    expect(first.get('src/a.ts', OLD)).toBeUndefined();
    first.set('src/a.ts', OLD, ['alpha', 'beta']);
    first.save();
    const again = openScanNamesCache(dir, '/repo', NOW + 1000);
    expect(again.get('src/a.ts', OLD)).toEqual(['alpha', 'beta']);
    for (const change of [
      { size: 121 },
      { mtimeMs: OLD.mtimeMs + 1 },
      { ctimeMs: OLD.ctimeMs + 1 },
      { ino: 43 },
    ]) {
      expect(again.get('src/a.ts', { ...OLD, ...change })).toBeUndefined();
    }
    expect(openScanNamesCache(dir, '/another-repo', NOW).get('src/a.ts', OLD)).toBeUndefined();
  });

  it('does not remember a file changed within RACY_MS of the scan: a write in the same clock tick keeps its stamp', () => {
    const dir = privateDir('racy');
    const cache = openScanNamesCache(dir, '/repo', NOW);
    const recent = { ...OLD, mtimeMs: NOW - RACY_MS + 1 };
    const touched = { ...OLD, ctimeMs: NOW - 10 }; // mtime set back by hand; ctime tells the truth
    cache.set('src/recent.ts', recent, ['x']);
    cache.set('src/touched.ts', touched, ['y']);
    cache.set('src/old.ts', OLD, ['z']);
    cache.save();
    const again = openScanNamesCache(dir, '/repo', NOW + 5000);
    expect(again.get('src/recent.ts', recent)).toBeUndefined();
    expect(again.get('src/touched.ts', touched)).toBeUndefined();
    expect(again.get('src/old.ts', OLD)).toEqual(['z']);
  });

  it('keeps only what the last scan reached, and rewrites nothing when nothing changed', () => {
    const dir = privateDir('prune');
    const cache = openScanNamesCache(dir, '/repo', NOW);
    cache.set('src/a.ts', OLD, ['a']);
    cache.set('src/gone.ts', OLD, ['g']);
    cache.save();
    const [file] = readdirSync(dir);
    const path = join(dir, file!);
    const second = openScanNamesCache(dir, '/repo', NOW);
    expect(second.get('src/a.ts', OLD)).toEqual(['a']);
    second.save();
    const third = openScanNamesCache(dir, '/repo', NOW);
    expect(third.get('src/gone.ts', OLD)).toBeUndefined();
    expect(third.get('src/a.ts', OLD)).toEqual(['a']);
    const written = statSync(path).mtimeMs;
    third.save(); // the same entries: not rewritten
    expect(statSync(path).mtimeMs).toBe(written);
    expect(statSync(path).mode & 0o077).toBe(0);
  });

  it('a malformed cache file is an empty cache, never an error', () => {
    const dir = privateDir('malformed');
    const path = join(dir, `scan-names-${fnv1a('/repo')}.json`);
    for (const text of [
      'not json',
      'null',
      '{"format":99,"root":"/repo","files":{}}',
      '{"format":1,"root":"/repo","files":{"src/a.ts":[120,"x",1,42,["a"]]}}',
      '{"format":1,"root":"/repo","files":{"src/a.ts":[120,1,1,42,[7]]}}',
    ]) {
      writeFileSync(path, text);
      expect(openScanNamesCache(dir, '/repo', NOW).get('src/a.ts', OLD)).toBeUndefined();
    }
  });
});

/** An in-memory cache that records what the scan asked and told. */
function recordingCache(preset: Record<string, { stamp: FileStamp; names: string[] }> = {}) {
  const asked: string[] = [];
  const told = new Map<string, { stamp: FileStamp; names: string[] }>();
  const cache: SymbolNamesCache = {
    get(file, stamp) {
      asked.push(file);
      const entry = preset[file];
      return entry && JSON.stringify(entry.stamp) === JSON.stringify(stamp) ? entry.names : undefined;
    },
    set(file, stamp, names) {
      told.set(file, { stamp, names });
    },
  };
  return { cache, asked, told };
}

describe('scanRepository with a names cache', () => {
  it('takes the names of an unchanged source from the cache, and reads a changed one', async () => {
    const repo = join(scratch, 'scan-repo');
    mkdirSync(join(repo, 'src'), { recursive: true });
    writeFileSync(join(repo, 'src', 'a.ts'), 'export const alpha = 1;\n');
    writeFileSync(join(repo, 'src', 'b.ts'), 'export function beta() {}\n');
    const first = recordingCache();
    const plain = await scanRepository(repo, { namesCache: first.cache });
    expect(plain.symbols).toBe('src/a.ts: alpha\nsrc/b.ts: beta');
    expect([...first.told.keys()]).toEqual(['src/a.ts', 'src/b.ts']);
    expect(first.told.get('src/a.ts')!.stamp.size).toBe(statSync(join(repo, 'src', 'a.ts')).size);

    // A cache entry at the file's current stamp is believed without reading the file.
    const stampOfA = first.told.get('src/a.ts')!.stamp;
    const second = recordingCache({ 'src/a.ts': { stamp: stampOfA, names: ['fromCache'] } });
    const cached = await scanRepository(repo, { namesCache: second.cache });
    expect(cached.symbols).toBe('src/a.ts: fromCache\nsrc/b.ts: beta');
    expect([...second.told.keys()]).toEqual(['src/b.ts']);

    // Once the file changes, its stamp does, and it is read again.
    writeFileSync(join(repo, 'src', 'a.ts'), 'export const alpha = 1;\nexport const gamma = 2;\n');
    const third = recordingCache({ 'src/a.ts': { stamp: stampOfA, names: ['fromCache'] } });
    expect((await scanRepository(repo, { namesCache: third.cache })).symbols).toBe(
      'src/a.ts: alpha, gamma\nsrc/b.ts: beta',
    );
  });
});

describe('plan through the launcher (dist/)', () => {
  const LAUNCHER = join(REPO_ROOT, 'dist', 'cli', 'index.js');
  const SPEC = join(EXAMPLES, 'product-price-filter.md');

  /** A repository whose one source exports `alpha`, and a cache entry at its stamp that says it exports a long name. */
  function poisoned(cacheRoot: string, folderMode: number) {
    const repo = join(scratch, `plan-repo-${folderMode.toString(8)}`);
    mkdirSync(join(repo, 'src'), { recursive: true });
    writeFileSync(join(repo, 'src', 'a.ts'), 'export const alpha = 1;\n');
    const st = statSync(join(repo, 'src', 'a.ts'));
    const dir = join(cacheRoot, 'implement-spec');
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, folderMode);
    const entry = [st.size, st.mtimeMs, st.ctimeMs, st.ino, [`n${'x'.repeat(250)}`]];
    writeFileSync(
      join(dir, `scan-names-${fnv1a(repo)}.json`),
      JSON.stringify({ format: 1, root: repo, files: { 'src/a.ts': entry } }),
    );
    return repo;
  }

  const plan = (repo: string, env: NodeJS.ProcessEnv, command = ['plan']) =>
    spawnNode([LAUNCHER, ...command, SPEC, '--output-dir', repo, '--json'], env);

  it('plan uses the names kept in its private cache folder; without the cache the same repository plans as read', async () => {
    const cacheRoot = join(scratch, 'private-cache');
    const repo = poisoned(cacheRoot, 0o700);
    const fresh = await plan(repo, { NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(fresh.code).toBe(0);
    const withCache = await plan(repo, { NODE_COMPILE_CACHE: cacheRoot });
    expect(withCache.code).toBe(0);
    // The long cached name makes every prompt longer: the cache was read, the file was not.
    const input = (r: { stdout: string }) => JSON.parse(r.stdout).estimate.inputTokens as number;
    expect(input(withCache)).toBeGreaterThan(input(fresh));
    // `run --dry-run` prints the plan a run would make: it always reads the sources.
    const dryRun = await plan(repo, { NODE_COMPILE_CACHE: cacheRoot }, ['run', '--dry-run']);
    expect(input(dryRun)).toBe(input(fresh));
  });

  it('a cache folder others can write to is not read: its names never reach the plan', async () => {
    const cacheRoot = join(scratch, 'shared-cache');
    const repo = poisoned(cacheRoot, 0o777);
    const fresh = await plan(repo, { NODE_DISABLE_COMPILE_CACHE: '1' });
    const shared = await plan(repo, { NODE_COMPILE_CACHE: cacheRoot });
    expect(shared.code).toBe(0);
    expect(shared.stdout).toBe(fresh.stdout);
  });
});
