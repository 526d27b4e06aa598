// The sealed delivery path against what code run by test-command (or an agent) could leave in the checkout:
// files staged by hand, hooks in .git/hooks and in a Husky directory, a redirected remote, a planted
// credential header, symbolic links in place of written files. Real git, a real bare origin.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGit } from '../../src/github/git.js';
import { createSandbox, git, type Sandbox, writeFiles } from '../github-git/repo-helpers.js';

const BOT = { name: 'implement-spec[bot]', email: 'bot@example.com' };
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
afterEach(() => box.cleanup());

const filesOf = (dir: string, rev: string): string[] =>
  git(dir, 'ls-tree', '-r', '--name-only', rev).trim().split('\n').filter(Boolean).sort();

/** A hook that leaves a marker file when it runs. */
function plantHook(file: string, marker: string): void {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, `#!/bin/sh\ntouch "${marker}"\n`);
  chmodSync(file, 0o755);
}

describe('sealed commit: only the run files, from a fresh index', () => {
  it('leaves out a workflow the test code staged with git add -f, and drops it from the live index', async () => {
    const g = createGit(box.work);
    await g.checkoutNewBranch('feat/spec-x', 'HEAD');
    writeFiles(box.work, {
      'src/feature.ts': 'export const x = 1;\n',
      '.github/workflows/pwn.yml': 'on: push\n',
    });
    git(box.work, 'add', '-f', '.github/workflows/pwn.yml');
    const result = await g.commitFiles({
      paths: ['src/feature.ts'],
      message: 'feat',
      trailers: {},
      author: BOT,
    });
    expect(result.sha).not.toBeNull();
    expect(filesOf(box.work, 'HEAD')).toEqual([
      'README.md',
      'specs/product-price-filter.md',
      'src/feature.ts',
    ]);
    expect(git(box.work, 'diff', '--cached', '--name-only').trim()).toBe('');
    expect(git(box.work, 'log', '-1', '--format=%an <%ae>|%cn <%ce>').trim()).toBe(
      'implement-spec[bot] <bot@example.com>|implement-spec[bot] <bot@example.com>',
    );
  });

  it('records deletions, keeps modes, returns null when nothing changes', async () => {
    const g = createGit(box.work);
    rmSync(join(box.work, 'README.md'));
    const del = await g.commitFiles({ paths: ['README.md'], message: 'rm', trailers: {}, author: BOT });
    expect(del.sha).not.toBeNull();
    expect(filesOf(box.work, 'HEAD')).toEqual(['specs/product-price-filter.md']);
    const again = await g.commitFiles({ paths: ['README.md'], message: 'rm', trailers: {}, author: BOT });
    expect(again.sha).toBeNull();
  });

  it('refuses symbolic links and paths through linked directories, and .git paths', async () => {
    const g = createGit(box.work);
    const outside = join(box.root, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'secret.txt'), 'host secret\n');
    symlinkSync(join(outside, 'secret.txt'), join(box.work, 'leak.txt'));
    symlinkSync(outside, join(box.work, 'linked'));
    writeFiles(box.work, { 'ok.txt': 'ok\n' });
    const r = await g.commitFiles({
      paths: ['leak.txt', 'linked/secret.txt', '.git/config', 'src/.GIT/x', 'ok.txt'],
      message: 'm',
      trailers: {},
      author: BOT,
    });
    expect(filesOf(box.work, 'HEAD')).toContain('ok.txt');
    expect(git(box.work, 'log', '-p', '-1')).not.toContain('host secret');
    expect(r.skipped.map((s) => s.path).sort()).toEqual([
      '.git/config',
      'leak.txt',
      'linked/secret.txt',
      'src/.GIT/x',
    ]);
  });

  it('leaves out a git-ignored file and reports it, without failing the commit', async () => {
    const g = createGit(box.work);
    writeFiles(box.work, { '.gitignore': '.env\n', '.env': 'X=1\n', 'a.txt': 'a\n' });
    git(box.work, 'add', '.gitignore');
    git(box.work, 'commit', '-qm', 'ignore');
    const r = await g.commitFiles({ paths: ['.env', 'a.txt'], message: 'm', trailers: {}, author: BOT });
    expect(r.ignored).toEqual(['.env']);
    expect(filesOf(box.work, 'HEAD')).toContain('a.txt');
    expect(filesOf(box.work, 'HEAD')).not.toContain('.env');
  });

  it('does not apply a clean filter that .gitattributes and the repository config name', async () => {
    const g = createGit(box.work);
    const marker = join(box.root, 'FILTER-RAN');
    git(box.work, 'config', 'filter.evil.clean', `touch ${marker}; cat`);
    writeFiles(box.work, { '.gitattributes': '*.ts filter=evil\n', 'x.ts': 'x\n' });
    await g.commitFiles({ paths: ['.gitattributes', 'x.ts'], message: 'm', trailers: {}, author: BOT });
    expect(existsSync(marker)).toBe(false);
  });
});

describe('no hook runs', () => {
  it('neither .git/hooks nor a Husky core.hooksPath hook runs on checkout, commit or push', async () => {
    const markers = [
      'post-checkout',
      'pre-commit',
      'prepare-commit-msg',
      'post-commit',
      'pre-push',
      'reference-transaction',
    ].map((h) => join(box.root, `HOOK-${h}`));
    for (const h of ['post-checkout', 'post-commit', 'pre-push', 'reference-transaction']) {
      plantHook(join(box.work, '.git', 'hooks', h), join(box.root, `HOOK-${h}`));
    }
    git(box.work, 'config', 'core.hooksPath', '.husky');
    for (const h of ['pre-commit', 'prepare-commit-msg', 'post-commit', 'reference-transaction']) {
      plantHook(join(box.work, '.husky', h), join(box.root, `HOOK-${h}`));
    }
    const g = createGit(box.work);
    await g.pinRemote('origin');
    await g.checkoutNewBranch('feat/spec-hooks', 'HEAD');
    writeFiles(box.work, { 'a.txt': 'a\n' });
    const { sha } = await g.commitFiles({ paths: ['a.txt'], message: 'm', trailers: {}, author: BOT });
    expect(sha).not.toBeNull();
    expect(await g.pushForceWithLease('origin', 'feat/spec-hooks', null)).toEqual({ ok: true });
    expect(markers.filter((m) => existsSync(m))).toEqual([]);
    // The control: the same hooks do run for a plain git commit, so the test can fail.
    git(box.work, 'commit', '-q', '--allow-empty', '-m', 'plain');
    expect(existsSync(join(box.root, 'HOOK-post-commit'))).toBe(true);
  });
});

describe('the remote and the credential are fixed when the run starts', () => {
  it('pushes to the pinned origin after the test code ran git remote set-url origin <elsewhere>', async () => {
    const elsewhere = join(box.root, 'elsewhere.git');
    execFileSync('git', ['init', '-q', '--bare', elsewhere]);
    const g = createGit(box.work);
    await g.pinRemote('origin');
    git(box.work, 'remote', 'set-url', 'origin', elsewhere);
    await g.checkoutNewBranch('feat/spec-pinned', 'HEAD');
    writeFiles(box.work, { 'a.txt': 'a\n' });
    const { sha } = await g.commitFiles({ paths: ['a.txt'], message: 'm', trailers: {}, author: BOT });
    expect(await g.pushForceWithLease('origin', 'feat/spec-pinned', null)).toEqual({ ok: true });
    expect(git(box.origin, 'rev-parse', 'refs/heads/feat/spec-pinned').trim()).toBe(sha);
    expect(git(elsewhere, 'for-each-ref').trim()).toBe('');
    expect(await g.remoteBranchSha('origin', 'feat/spec-pinned')).toBe(sha);
  });

  it('sends only our header, not one the repository config carries for the exact remote URL', async () => {
    const seen: string[][] = [];
    const server = createServer((req, res) => {
      seen.push(
        req.rawHeaders.filter((_, i) => i % 2 === 1 && /^authorization$/i.test(req.rawHeaders[i - 1] ?? '')),
      );
      res.statusCode = 403;
      res.end();
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/o/r.git`;
      git(box.work, 'remote', 'set-url', 'origin', url);
      git(box.work, 'config', 'http.extraheader', 'AUTHORIZATION: basic PLANTED1');
      git(box.work, 'config', `http.${url}.extraheader`, 'AUTHORIZATION: basic PLANTED2');
      const g = createGit(box.work, { authHeader: 'AUTHORIZATION: basic OURS' });
      await g.pinRemote('origin');
      await g.remoteBranchSha('origin', 'main').catch(() => undefined);
      expect(seen.length).toBeGreaterThan(0);
      for (const values of seen) expect(values).toEqual(['basic OURS']);
    } finally {
      server.close();
    }
  });
});
