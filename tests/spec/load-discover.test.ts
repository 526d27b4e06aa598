import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findSpecFiles } from '../../src/spec/discover.js';
import { loadSpec, SpecReadError } from '../../src/spec/load.js';
import { parseSpec } from '../../src/spec/parse.js';
import { matchesSpecPaths } from '../../src/spec/spec-paths.js';

async function tree(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'specs-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), text);
  }
  return root;
}

describe('loadSpec', () => {
  it('throws SpecReadError with a clear message for a missing file', async () => {
    const err = await loadSpec('/nonexistent/spec.md', 'spec.md').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpecReadError);
    expect((err as Error).message).toBe(
      'Cannot read spec spec.md: no such file; check the path (it is relative to the current directory)',
    );
  });

  it('reads bytes and keeps the display path; a binary file is a finding, not a throw', async () => {
    const root = await tree({ 'a.md': '# Overview\n', 'b.md': '\u0000\u0001' });
    const a = await loadSpec(path.join(root, 'a.md'), 'specs/a.md');
    expect(a.path).toBe('specs/a.md');
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    const b = await loadSpec(path.join(root, 'b.md'));
    expect(b.findings.map((f) => f.rule)).toEqual(['unreadable-file']);
  });
});

describe('findSpecFiles', () => {
  it('accepts files, directories and globs; sorted and de-duplicated; skips node_modules and .git', async () => {
    const root = await tree({
      'specs/b.md': 'x',
      'specs/a.md': 'x',
      'specs/deep/c.md': 'x',
      'specs/notes.txt': 'x',
      'specs/node_modules/d.md': 'x',
      '.git/e.md': 'x',
      'other/f.md': 'x',
    });
    const { files, problems } = await findSpecFiles(['specs', 'specs/a.md', 'other/*.md'], root);
    expect(problems).toEqual([]);
    expect(files.map((f) => path.relative(root, f))).toEqual([
      'other/f.md',
      'specs/a.md',
      'specs/b.md',
      path.join('specs', 'deep', 'c.md'),
    ]);
    const glob = await findSpecFiles(['**/c.md'], root);
    expect(glob.files.map((f) => path.basename(f))).toEqual(['c.md']);
  });

  it('reports a missing path, an empty directory and a glob with no match', async () => {
    const root = await tree({ 'empty/readme.txt': 'x' });
    const { files, problems } = await findSpecFiles(['nope.md', 'empty', 'specs/*.md'], root);
    expect(files).toEqual([]);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain('nope.md does not exist');
    expect(problems[1]).toContain('no .md specs');
    expect(problems[2]).toContain('No file matches specs/*.md');
  });

  it('matchesSpecPaths filters changed paths', () => {
    expect(matchesSpecPaths('specs/feature.md', ['specs/**/*.md'])).toBe(true);
    expect(matchesSpecPaths('./specs/.hidden/x.md', ['specs/**/*.md'])).toBe(true);
    expect(matchesSpecPaths('src/main.ts', ['specs/**/*.md'])).toBe(false);
  });
});

describe('the spec hash', () => {
  const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

  it('is the sha256 of the bytes as read (BOM, CRLF and all), a plain enumerable string to copies and JSON', async () => {
    const bytes = Buffer.from('\ufeff---\r\nid: x\r\n---\r\n# Overview\r\n\r\nText.\r\n', 'utf8');
    const root = await tree({ 'a.md': bytes.toString('utf8') });
    const spec = await loadSpec(path.join(root, 'a.md'));
    expect(spec.hash).toBe(sha256(bytes));
    expect(Object.keys(spec).slice(0, 3)).toEqual(['path', 'source', 'hash']);
    expect({ ...spec }.hash).toBe(sha256(bytes));
    expect(JSON.parse(JSON.stringify(spec)).hash).toBe(sha256(bytes));
    expect(structuredClone(spec).hash).toBe(sha256(bytes));
  });

  it('is there for a string input, a binary file and an empty one', () => {
    expect(parseSpec('s.md', '# Überblick\n').hash).toBe(sha256(Buffer.from('# Überblick\n', 'utf8')));
    const binary = Buffer.from([0, 1, 2]);
    expect(parseSpec('b.md', binary).hash).toBe(sha256(binary));
    expect(parseSpec('e.md', '  \n').hash).toBe(sha256(Buffer.from('  \n')));
  });
});
