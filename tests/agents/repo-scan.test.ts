// The repository scan reads files into the prompt (the symbol map) and measures them for the estimate: it must
// stay inside the repository, and its shortcuts must not change what it finds.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanRepository } from '../../src/agents/repo-scan.js';
import { SYMBOL_MAP_MAX_CHARS, SYMBOL_SOURCE_MAX_BYTES } from '../../src/agents/symbol-map.js';

const dirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function write(root: string, rel: string, content: string): void {
  const file = path.join(root, ...rel.split('/'));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

describe('scanRepository stays inside the repository', () => {
  it('neither lists, measures nor reads a symlinked file or folder, wherever it points', async () => {
    const outside = tempDir('scan-outside-');
    write(outside, 'secret.ts', 'export const OUTSIDE_SECRET_NAME = 1;\n');
    write(outside, 'lib/deep.ts', 'export function outsideDeepName() {}\n');
    const root = tempDir('scan-repo-');
    write(root, 'src/app.ts', 'export const appName = 1;\n');
    symlinkSync(path.join(outside, 'secret.ts'), path.join(root, 'src', 'linked.ts'));
    symlinkSync(path.join(outside, 'lib'), path.join(root, 'src', 'linked-dir'));

    const snap = await scanRepository(root);

    expect(snap.files).toEqual(['src/app.ts']);
    expect(Object.keys(snap.sizes ?? {})).toEqual(['src/app.ts']);
    expect(snap.symbols).toBe('src/app.ts: appName');
    expect(JSON.stringify(snap)).not.toMatch(/OUTSIDE_SECRET_NAME|outsideDeepName|linked/);
  });
});

describe('scanRepository symbol map: which files are read', () => {
  it('reads a file up to the limit in characters, however many bytes they take', async () => {
    const root = tempDir('scan-wide-');
    // 3-byte characters: close to 3 × the limit in bytes, still within it in characters.
    const head = 'export const wideName = 1;\n';
    write(root, 'src/wide.ts', head + '€'.repeat(SYMBOL_SOURCE_MAX_BYTES - head.length));
    // 4-byte characters count as two UTF-16 code units each.
    write(
      root,
      'src/emoji.ts',
      `export const emojiName = 1;\n//${'😀'.repeat(SYMBOL_SOURCE_MAX_BYTES / 2 - 20)}`,
    );
    // Plain ASCII one character over the limit is left out, as before.
    const over = 'export const overName = 1;\n';
    write(root, 'src/over.ts', over + 'x'.repeat(SYMBOL_SOURCE_MAX_BYTES + 1 - over.length));
    write(root, 'src/huge.ts', `export const hugeName = 1;\n${'y'.repeat(4 * SYMBOL_SOURCE_MAX_BYTES)}`);

    const snap = await scanRepository(root);

    expect(snap.sizes?.['src/wide.ts']).toBeGreaterThan(2.9 * SYMBOL_SOURCE_MAX_BYTES);
    expect(snap.symbols).toBe('src/emoji.ts: emojiName\nsrc/wide.ts: wideName');
    expect(snap.files).toEqual(['src/emoji.ts', 'src/huge.ts', 'src/over.ts', 'src/wide.ts']);
  });

  it('finds CommonJS and ES exports alike, and nothing in files that export nothing', async () => {
    const root = tempDir('scan-exports-');
    write(root, 'lib/a.cjs', 'module.exports = { parse };\n');
    write(root, 'lib/b.js', 'exports.extra = 1;\n');
    write(root, 'lib/c.ts', 'const x = 1;\nfunction f() {}\n');
    write(root, 'lib/d.mjs', 'export { f as g };\n');
    const snap = await scanRepository(root);
    expect(snap.symbols).toBe('lib/a.cjs: parse\nlib/b.js: extra\nlib/d.mjs: g');
  });
});

describe('scanRepository symbol map: a bounded pass', () => {
  it('reads source files in path order until the map is full and counts the rest without reading them', async () => {
    const root = tempDir('scan-full-');
    const names = Array.from({ length: 12 }, (_, k) => `exportedName${k}`);
    for (let i = 0; i < 60; i++)
      write(
        root,
        `src/m${String(i).padStart(2, '0')}.ts`,
        names.map((n) => `export const ${n}${i} = 1;`).join('\n'),
      );
    write(root, 'src/zz-no-exports.ts', 'const hidden = 1;\n');

    const snap = await scanRepository(root);
    const lines = snap.symbols?.split('\n') ?? [];
    const listed = lines.length - 1;

    expect(listed).toBeGreaterThan(10);
    expect(listed).toBeLessThan(60);
    expect(lines[0]).toMatch(/^src\/m00\.ts: exportedName00, /);
    // The unread files after the cut include the one that exports nothing: the scan cannot know, it did not read it.
    expect(lines.at(-1)).toBe(`(${61 - listed} more source file(s) not listed; use search_code)`);
    expect(snap.symbols?.length).toBeLessThanOrEqual(SYMBOL_MAP_MAX_CHARS + 80);
  });
});
