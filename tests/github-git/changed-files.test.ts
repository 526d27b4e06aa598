import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { changedFilesBetween, filterSpecFiles, parseNameStatus } from '../../src/github/changed-files.js';
import { commitAll, createSandbox, git, type Sandbox, writeFiles } from './repo-helpers.js';

const ZERO = '0'.repeat(40);

const savedEnv = { ...process.env };
beforeAll(() => {
  process.env.GIT_CONFIG_NOSYSTEM = '1';
  process.env.GIT_CONFIG_GLOBAL = '/dev/null';
});
afterAll(() => {
  process.env = savedEnv;
});

let box: Sandbox;
beforeEach(() => {
  box = createSandbox();
});
afterEach(() => {
  box.cleanup();
});

describe('changedFilesBetween', () => {
  it('lists added, modified and deleted files between two commits', async () => {
    const before = box.initialSha;
    writeFiles(box.work, {
      'README.md': '# shop v2\n',
      'specs/wishlist.md': 'w\n',
      'specs/odd name; "q".md': 'q\n',
    });
    rmSync(join(box.work, 'specs/product-price-filter.md'));
    commitAll(box.work, 'second');
    writeFiles(box.work, { 'src/app.ts': 'x\n' });
    const after = commitAll(box.work, 'third');

    expect(await changedFilesBetween(box.work, before, after)).toEqual({
      added: ['specs/odd name; "q".md', 'specs/wishlist.md', 'src/app.ts'],
      modified: ['README.md'],
      deleted: ['specs/product-price-filter.md'],
    });
  });

  it('reports a renamed file as a deletion plus an addition', async () => {
    git(box.work, 'mv', 'specs/product-price-filter.md', 'specs/price-filter.md');
    const after = commitAll(box.work, 'rename');
    expect(await changedFilesBetween(box.work, box.initialSha, after)).toEqual({
      added: ['specs/price-filter.md'],
      modified: [],
      deleted: ['specs/product-price-filter.md'],
    });
  });

  it('compares a new branch head with its parent and says so', async () => {
    git(box.work, 'checkout', '--quiet', '-b', 'spec/wishlist');
    writeFiles(box.work, { 'specs/a.md': 'a\n' });
    commitAll(box.work, 'a');
    writeFiles(box.work, { 'specs/b.md': 'b\n' });
    const after = commitAll(box.work, 'b');

    const changes = await changedFilesBetween(box.work, ZERO, after);
    expect(changes).toMatchObject({ added: ['specs/b.md'], modified: [], deleted: [] });
    expect(changes.note).toMatch(/new branch/);
  });

  it('treats every file of a root commit as added', async () => {
    const changes = await changedFilesBetween(box.work, ZERO, box.initialSha);
    expect(changes).toMatchObject({
      added: ['README.md', 'specs/product-price-filter.md'],
      modified: [],
      deleted: [],
    });
    expect(changes.note).toMatch(/root commit/);
  });

  it('falls back to the head commit when "before" was rewritten away by a force push', async () => {
    writeFiles(box.work, { 'specs/product-price-filter.md': 'changed\n' });
    const after = commitAll(box.work, 'rewritten');
    const vanished = 'f'.repeat(40);

    const changes = await changedFilesBetween(box.work, vanished, after);
    expect(changes).toMatchObject({ added: [], modified: ['specs/product-price-filter.md'], deleted: [] });
    expect(changes.note).toMatch(/ffffffffffff.*not in the history.*force push/);
  });

  it('says when a shallow checkout hides the parent', async () => {
    writeFiles(box.work, { 'specs/b.md': 'b\n' });
    commitAll(box.work, 'b');
    git(box.work, 'push', '--quiet', 'origin', 'HEAD:refs/heads/spec/b');
    const shallow = join(box.root, 'shallow');
    git(box.root, 'clone', '--quiet', '--depth=1', '--branch=spec/b', `file://${box.origin}`, shallow);
    const head = git(shallow, 'rev-parse', 'HEAD').trim();

    const changes = await changedFilesBetween(shallow, ZERO, head);
    expect(changes.added).toEqual(['README.md', 'specs/b.md', 'specs/product-price-filter.md']);
    expect(changes.note).toMatch(/shallow.*fetch-depth/);
  });

  it('explains a missing "after" commit', async () => {
    await expect(changedFilesBetween(box.work, box.initialSha, 'e'.repeat(40))).rejects.toThrow(
      /commit "e+" is not in the checkout.*fetch it/,
    );
  });
});

describe('parseNameStatus', () => {
  it('splits NUL-separated status/path pairs, keeping odd characters in paths', () => {
    expect(parseNameStatus('A\0new\tfile.md\0M\0a\nb.md\0D\0gone.md\0T\0link\0')).toEqual({
      added: ['new\tfile.md'],
      modified: ['a\nb.md', 'link'],
      deleted: ['gone.md'],
    });
    expect(parseNameStatus('')).toEqual({ added: [], modified: [], deleted: [] });
  });
});

describe('filterSpecFiles', () => {
  const changes = {
    added: ['specs/new.md', '.github/specs/hidden.md', 'src/app.ts'],
    modified: ['specs/nested/deep.md', 'README.md', 'specs/new.md'],
    deleted: ['specs/removed.md'],
  };

  it('keeps matching added and modified files, never deleted ones', () => {
    expect(filterSpecFiles(changes, ['specs/**/*.md'])).toEqual(['specs/nested/deep.md', 'specs/new.md']);
    expect(filterSpecFiles(changes, ['**/specs/**/*.md'])).toEqual([
      '.github/specs/hidden.md',
      'specs/nested/deep.md',
      'specs/new.md',
    ]);
  });

  it('matches dot directories and supports ! exclusions', () => {
    expect(filterSpecFiles(changes, ['**/*.md', '!**/nested/**'])).toEqual([
      '.github/specs/hidden.md',
      'README.md',
      'specs/new.md',
    ]);
  });

  it('accepts a plain path list and returns nothing without patterns', () => {
    expect(filterSpecFiles(['b.md', 'a.md', 'a.md', 'c.txt'], ['*.md'])).toEqual(['a.md', 'b.md']);
    expect(filterSpecFiles(['a.md'], [])).toEqual([]);
  });
});
