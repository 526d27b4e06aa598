// The V8 code cache the CLI launcher keeps for `validate` and `plan` (src/cli/code-cache.ts): taken when it fits,
// rewritten when V8 rejects it, and never read from or written to a place another user could write.
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheDirectory, isPrivateDirectory, temporaryDirectory } from '../../src/cli/cache-dir.js';
import {
  cacheFileName,
  loadCachedScript,
  pruneStaleCaches,
  STALE_CACHE_MS,
} from '../../src/cli/code-cache.js';

const require = createRequire(import.meta.url);
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'implement-spec-code-cache-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function script(name: string, body: string): string {
  const file = join(scratch, name);
  writeFileSync(file, body);
  return file;
}

describe('loadCachedScript', () => {
  it('runs the file as a CommonJS module, writes a cache once it has run, and takes it the next time', () => {
    const file = script(
      'double.cjs',
      'const path = require("node:path"); exports.double = (n) => n * 2; exports.base = path.basename(__filename);',
    );
    const cache = join(scratch, 'double.v8cache');
    const first = loadCachedScript(file, cache, require);
    expect((first.exports.double as (n: number) => number)(21)).toBe(42);
    expect(first.exports.base).toBe('double.cjs');
    expect(first.cacheUsed).toBe(false);
    first.saveCache();
    expect(readdirSync(scratch)).toContain('double.v8cache');
    const second = loadCachedScript(file, cache, require);
    expect(second.cacheUsed).toBe(true);
    expect((second.exports.double as (n: number) => number)(4)).toBe(8);
  });

  it('a cache V8 rejects (not made from this source) is not used, and is rewritten', () => {
    const file = script('other.cjs', 'exports.answer = 42;');
    const cache = join(scratch, 'other.v8cache');
    writeFileSync(cache, Buffer.from('not a V8 code cache at all'));
    const first = loadCachedScript(file, cache, require);
    expect(first.exports.answer).toBe(42);
    expect(first.cacheUsed).toBe(false);
    first.saveCache();
    expect(loadCachedScript(file, cache, require).cacheUsed).toBe(true);
  });

  it('without a cache path nothing is read or written', () => {
    const file = script('plain.cjs', 'exports.ok = true;');
    const before = readdirSync(scratch).length;
    const loaded = loadCachedScript(file, undefined, require);
    loaded.saveCache();
    expect(loaded.exports.ok).toBe(true);
    expect(readdirSync(scratch).length).toBe(before);
  });
});

describe('cacheDirectory', () => {
  it("is a private folder under NODE_COMPILE_CACHE (Node's own setting), made when missing", () => {
    const root = join(scratch, 'node-cache');
    const dir = cacheDirectory({ NODE_COMPILE_CACHE: root });
    expect(dir).toBe(join(root, 'implement-spec'));
    expect(isPrivateDirectory(dir!, process.getuid?.())).toBe(true);
  });

  it('is off with NODE_DISABLE_COMPILE_CACHE', () => {
    expect(
      cacheDirectory({ NODE_COMPILE_CACHE: join(scratch, 'off'), NODE_DISABLE_COMPILE_CACHE: '1' }),
    ).toBeUndefined();
  });

  it('refuses a folder others can write to, a symbolic link, and a folder of another user', () => {
    const open = join(scratch, 'open', 'implement-spec');
    mkdirSync(open, { recursive: true });
    chmodSync(open, 0o777);
    expect(cacheDirectory({ NODE_COMPILE_CACHE: join(scratch, 'open') })).toBeUndefined();
    const groupWritable = join(scratch, 'group', 'implement-spec');
    mkdirSync(groupWritable, { recursive: true });
    chmodSync(groupWritable, 0o770);
    expect(cacheDirectory({ NODE_COMPILE_CACHE: join(scratch, 'group') })).toBeUndefined();
    const target = join(scratch, 'elsewhere');
    mkdirSync(target, { mode: 0o700 });
    mkdirSync(join(scratch, 'linked'));
    symlinkSync(target, join(scratch, 'linked', 'implement-spec'));
    expect(cacheDirectory({ NODE_COMPILE_CACHE: join(scratch, 'linked') })).toBeUndefined();
    const mine = join(scratch, 'mine');
    mkdirSync(mine, { mode: 0o700 });
    const uid = process.getuid?.() ?? 0;
    expect(isPrivateDirectory(mine, uid)).toBe(true);
    expect(isPrivateDirectory(mine, uid + 1)).toBe(false);
  });
});

describe('cacheFileName', () => {
  it("names the build, the command, Node's version and platform, and the flags given to Node", () => {
    const name = cacheFileName('0123abcd', 'validate', {});
    expect(name).toContain('0123abcd-validate-');
    expect(name).toContain(process.version);
    expect(name).toContain(`${process.platform}-${process.arch}`);
    expect(cacheFileName('0123abcd', 'plan', {})).not.toBe(name);
    expect(cacheFileName('feedbeef', 'validate', {})).not.toBe(name);
    expect(cacheFileName('0123abcd', 'validate', { NODE_OPTIONS: '--max-old-space-size=100' })).not.toBe(
      name,
    );
  });
});

describe('temporaryDirectory', () => {
  it('answers as os.tmpdir() does (without loading node:os): TMPDIR, TMP, TEMP, then /tmp, no trailing slash', () => {
    expect(temporaryDirectory(process.env)).toBe(tmpdir());
    if (process.platform === 'win32') return;
    expect(temporaryDirectory({})).toBe('/tmp');
    expect(temporaryDirectory({ TMPDIR: '/var/tmp/' })).toBe('/var/tmp');
    expect(temporaryDirectory({ TMPDIR: '', TMP: '/a', TEMP: '/b' })).toBe('/a');
    expect(temporaryDirectory({ TEMP: '/b' })).toBe('/b');
    expect(temporaryDirectory({ TMPDIR: '/' })).toBe('/');
  });
});

describe('pruneStaleCaches', () => {
  it("removes other builds' caches and scratch files not written for 30 days, and nothing else", () => {
    const dir = join(scratch, 'prune');
    mkdirSync(dir);
    const old = (Date.now() - STALE_CACHE_MS - 60_000) / 1000;
    const names = {
      current: 'aaaa-validate-v20-linux-x64-0.v8cache',
      currentOld: 'aaaa-plan-v20-linux-x64-0.v8cache',
      otherRecent: 'bbbb-validate-v20-linux-x64-0.v8cache',
      otherOld: 'cccc-validate-v20-linux-x64-0.v8cache',
      scratchOld: 'cccc-plan-v20-linux-x64-0.v8cache.123.tmp',
      unrelatedOld: 'notes.txt',
    };
    for (const name of Object.values(names)) writeFileSync(join(dir, name), 'x');
    for (const name of [names.currentOld, names.otherOld, names.scratchOld, names.unrelatedOld]) {
      utimesSync(join(dir, name), old, old);
    }
    pruneStaleCaches(dir, 'aaaa', Date.now());
    expect(readdirSync(dir).sort()).toEqual(
      [names.current, names.currentOld, names.otherRecent, names.unrelatedOld].sort(),
    );
  });
});
