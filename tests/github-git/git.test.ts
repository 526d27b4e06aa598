import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  authConfigArgs,
  branchNameProblem,
  createGit,
  formatCommitMessage,
  GitError,
  parseCommitter,
  redactAuth,
  runGit,
  scrubbedGitEnv,
  validateBranchName,
} from '../../src/github/git.js';
import { commitAll, createSandbox, git, type Sandbox, writeFiles } from './repo-helpers.js';

const BOT = { name: 'implement-spec[bot]', email: 'implement-spec[bot]@users.noreply.github.com' };

// Keep the git we start independent of the machine's global/system config.
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

describe('createGit: branches and commits', () => {
  it('creates a branch from a start point and reports it as current', async () => {
    const g = createGit(box.work);
    expect(await g.currentBranch()).toBe('main');
    await g.checkoutNewBranch('feat/spec-product-price-filter', 'origin/main');
    expect(await g.currentBranch()).toBe('feat/spec-product-price-filter');
    expect(await g.revParse('HEAD')).toBe(box.initialSha);
    expect(await g.revParse('origin/main')).toBe(box.initialSha);
  });

  it('resets an existing branch with checkout -B', async () => {
    const g = createGit(box.work);
    await g.checkoutNewBranch('feat/x', 'main');
    writeFiles(box.work, { 'a.txt': 'a\n' });
    const { sha } = await g.commitFiles({ paths: ['a.txt'], message: 'first', trailers: {}, author: BOT });
    expect(sha).not.toBeNull();
    await g.checkoutNewBranch('feat/x', 'origin/main');
    expect(await g.revParse('feat/x')).toBe(box.initialSha);
  });

  it('reports a detached HEAD as null', async () => {
    git(box.work, 'checkout', '--quiet', '--detach', 'HEAD');
    expect(await createGit(box.work).currentBranch()).toBeNull();
  });

  it('commits with trailers and the given identity', async () => {
    const g = createGit(box.work);
    await g.checkoutNewBranch('feat/spec-product-price-filter', 'main');
    writeFiles(box.work, { 'src/catalog/price-filter.ts': 'export const filter = 1;\n' });
    expect(await g.hasChanges()).toBe(true);
    process.env.GIT_AUTHOR_NAME = 'Somebody Else';
    let sha: string | null;
    try {
      ({ sha } = await g.commitFiles({
        paths: ['src/catalog/price-filter.ts'],
        message: 'implement-spec: product-price-filter\n\nGenerated from specs/product-price-filter.md.',
        trailers: { 'Spec-Id': 'product-price-filter', 'Implement-Spec-Run': '1234567890' },
        author: BOT,
      }));
    } finally {
      delete process.env.GIT_AUTHOR_NAME;
    }
    expect(sha).toMatch(/^[0-9a-f]{40}$/);
    expect(await g.revParse('HEAD')).toBe(sha);
    expect(await g.hasChanges()).toBe(false);

    const body = git(box.work, 'log', '-1', '--format=%B');
    expect(body).toBe(
      'implement-spec: product-price-filter\n\nGenerated from specs/product-price-filter.md.\n\n' +
        'Spec-Id: product-price-filter\nImplement-Spec-Run: 1234567890\n\n',
    );
    const trailers = execFileSync('git', ['interpret-trailers', '--parse'], {
      input: body,
      encoding: 'utf8',
    });
    expect(trailers).toBe('Spec-Id: product-price-filter\nImplement-Spec-Run: 1234567890\n');
    expect(git(box.work, 'log', '-1', '--format=%an <%ae>|%cn <%ce>').trim()).toBe(
      `${BOT.name} <${BOT.email}>|${BOT.name} <${BOT.email}>`,
    );
    expect(git(box.work, 'show', '--name-only', '--format=', 'HEAD').trim()).toBe(
      'src/catalog/price-filter.ts',
    );
  });

  it('keeps message lines that start with # (they are not comments here)', async () => {
    const g = createGit(box.work);
    writeFiles(box.work, { 'x.md': 'x\n' });
    await g.commitFiles({ paths: ['x.md'], message: 'Spec\n\n# Overview kept', trailers: {}, author: BOT });
    expect(git(box.work, 'log', '-1', '--format=%B')).toContain('# Overview kept');
  });

  it('returns null when the files change nothing', async () => {
    const g = createGit(box.work);
    expect(await g.hasChanges()).toBe(false);
    expect(
      (await g.commitFiles({ paths: ['README.md'], message: 'empty', trailers: {}, author: BOT })).sha,
    ).toBeNull();
    expect(await g.revParse('HEAD')).toBe(box.initialSha);
  });

  it('commits deletions and exactly the given literal paths', async () => {
    const g = createGit(box.work);
    writeFiles(box.work, { '*.md': 'star\n', 'other.md': 'other\n' });
    execFileSync('rm', [join(box.work, 'README.md')]);
    await g.commitFiles({ paths: ['*.md', 'README.md'], message: 'm', trailers: {}, author: BOT });
    const status = git(box.work, 'show', '--name-status', '--format=', 'HEAD').trim().split('\n').sort();
    expect(status).toEqual(['A\t*.md', 'D\tREADME.md']);
  });

  it('commits a file whose name has quotes and a semicolon without interpreting it', async () => {
    const g = createGit(box.work);
    const name = `it's "fine"; touch PWNED $(id) \`id\`.md`;
    writeFiles(box.work, { [name]: 'data\n' });
    const { sha } = await g.commitFiles({
      paths: [name],
      message: 'odd name',
      trailers: { Note: `a "quoted"; value` },
      author: BOT,
    });
    expect(sha).not.toBeNull();
    const files = git(box.work, 'show', '-z', '--name-only', '--format=', 'HEAD').split('\0').filter(Boolean);
    expect(files).toEqual([name]);
    expect(existsSync(join(box.work, 'PWNED'))).toBe(false);
    expect(git(box.work, 'log', '-1', '--format=%B')).toContain('Note: a "quoted"; value');
  });

  it('rejects bad trailers before running git', async () => {
    const g = createGit(box.work);
    writeFiles(box.work, { 'y.md': 'y\n' });
    const paths = ['y.md'];
    await expect(
      g.commitFiles({ paths, message: 'm', trailers: { 'Bad Key': 'v' }, author: BOT }),
    ).rejects.toThrow(/trailer key/);
    await expect(
      g.commitFiles({ paths, message: 'm', trailers: { Key: 'a\nb' }, author: BOT }),
    ).rejects.toThrow(/single line/);
    await expect(
      g.commitFiles({ paths, message: 'm', trailers: {}, author: { name: 'x', email: 'nope' } }),
    ).rejects.toThrow(/Name <email>/);
  });
});

describe('createGit: remote operations', () => {
  async function commitOn(dir: string, branch: string, file: string) {
    const g = createGit(dir);
    await g.checkoutNewBranch(branch, 'origin/main');
    writeFiles(dir, { [file]: `${file}\n` });
    const { sha } = await g.commitFiles({ paths: [file], message: `add ${file}`, trailers: {}, author: BOT });
    if (!sha) throw new Error('expected a commit');
    return { g, sha };
  }

  it('creates the remote branch when it must not exist yet, then replaces it', async () => {
    const branch = 'feat/spec-product-price-filter';
    const { g, sha } = await commitOn(box.work, branch, 'one.txt');
    expect(await g.remoteBranchSha('origin', branch)).toBeNull();
    expect(await g.pushForceWithLease('origin', branch, null)).toEqual({ ok: true });
    expect(await g.remoteBranchSha('origin', branch)).toBe(sha);
    expect(git(box.origin, 'rev-parse', `refs/heads/${branch}`).trim()).toBe(sha);

    // A rerun starts again from main (not a fast-forward) and replaces the branch.
    const second = await commitOn(box.work, branch, 'two.txt');
    expect(await g.pushForceWithLease('origin', branch, sha)).toEqual({ ok: true });
    expect(await g.remoteBranchSha('origin', branch)).toBe(second.sha);
    // The old commit is gone from the branch's history: a replacement, not a fast-forward.
    expect(() => git(box.origin, 'merge-base', '--is-ancestor', sha, second.sha)).toThrow();
  });

  it('reports a lost race as rejected and leaves the other push in place', async () => {
    const branch = 'feat/spec-race';
    const first = await commitOn(box.work, branch, 'one.txt');
    expect(await first.g.pushForceWithLease('origin', branch, null)).toEqual({ ok: true });

    // Someone else pushes to the branch meanwhile.
    const other = box.clone('other');
    git(other, 'checkout', '--quiet', '-b', branch, `origin/${branch}`);
    writeFiles(other, { 'theirs.txt': 'theirs\n' });
    const theirs = commitAll(other, 'their change');
    git(other, 'push', '--quiet', 'origin', branch);

    const mine = await commitOn(box.work, branch, 'mine.txt');
    const result = await mine.g.pushForceWithLease('origin', branch, first.sha);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.rejected).toBe(true);
      expect(result.stderr).toMatch(/stale info/);
    }
    expect(await mine.g.remoteBranchSha('origin', branch)).toBe(theirs);
  });

  it('rejects creating a branch that appeared in the meantime', async () => {
    const branch = 'feat/spec-appeared';
    const other = box.clone('other');
    git(other, 'push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`);
    const mine = await commitOn(box.work, branch, 'mine.txt');
    const result = await mine.g.pushForceWithLease('origin', branch, null);
    expect(result).toMatchObject({ ok: false, rejected: true });
    expect(await mine.g.remoteBranchSha('origin', branch)).toBe(box.initialSha);
  });

  it('throws a GitError for a push refused by the remote, not a race', async () => {
    const branch = 'feat/spec-hooked';
    const hook = join(box.origin, 'hooks', 'pre-receive');
    writeFiles(box.origin, { 'hooks/pre-receive': '#!/bin/sh\necho "protected branch" >&2\nexit 1\n' });
    execFileSync('chmod', ['+x', hook]);
    const { g } = await commitOn(box.work, branch, 'one.txt');
    await expect(g.pushForceWithLease('origin', branch, null)).rejects.toThrow(
      /git push failed.*protected branch/s,
    );
  });

  it('fetches a refspec', async () => {
    const other = box.clone('other');
    git(other, 'checkout', '--quiet', '-b', 'spec/new');
    writeFiles(other, { 'specs/new.md': 'new\n' });
    const sha = commitAll(other, 'new spec');
    git(other, 'push', '--quiet', 'origin', 'spec/new');

    const g = createGit(box.work);
    await g.fetch('origin', '+refs/heads/spec/new:refs/remotes/origin/spec/new');
    expect(await g.revParse('origin/spec/new')).toBe(sha);
  });

  it('passes a branch name with quotes and a semicolon only as an argument', async () => {
    const branch = `spec/o'brien;touch-PWNED"x"`;
    expect(branchNameProblem(branch)).toBeNull();
    const { g, sha } = await commitOn(box.work, branch, 'q.txt');
    expect(await g.pushForceWithLease('origin', branch, null)).toEqual({ ok: true });
    expect(await g.remoteBranchSha('origin', branch)).toBe(sha);
    expect(existsSync(join(box.work, 'touch-PWNED"x"'))).toBe(false);
    expect(existsSync(join(box.root, 'touch-PWNED"x"'))).toBe(false);
  });

  it('refuses invalid branch names and option-like arguments before running git', async () => {
    const g = createGit(box.work);
    await expect(g.checkoutNewBranch('bad..name', 'main')).rejects.toThrow(/invalid branch name.*"\.\."/);
    await expect(g.checkoutNewBranch('--orphan', 'main')).rejects.toThrow(/starts with "-"/);
    await expect(g.checkoutNewBranch('ok', '--upload-pack=evil')).rejects.toThrow(/may not start with "-"/);
    await expect(g.fetch('--upload-pack=touch PWNED', 'main')).rejects.toThrow(/may not start with "-"/);
    await expect(g.pushForceWithLease('origin', 'ok', 'abc')).rejects.toThrow(/not a full commit SHA/);
    await expect(g.revParse('--all')).rejects.toThrow(/may not start with "-"/);
  });

  it('turns git failures into errors naming the subcommand and git’s message', async () => {
    const g = createGit(box.work);
    await expect(g.revParse('no-such-ref')).rejects.toThrow(GitError);
    await expect(g.revParse('no-such-ref')).rejects.toThrow(/git rev-parse failed.*no-such-ref/);
    const error = await g.fetch('nowhere', 'main').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    expect((error as GitError).subcommand).toBe('fetch');
    expect((error as GitError).message).toMatch(/git fetch failed \(exit 128\):.*nowhere/s);
  });
});

describe('createGit: authentication header', () => {
  it('sends exactly our header, overriding a persisted checkout header, and never stores or leaks it', async () => {
    const seen: string[][] = [];
    const server = createServer((req, res) => {
      // Raw headers, because Node keeps only the first of duplicated Authorization headers in req.headers.
      seen.push(
        req.rawHeaders.filter((_, i) => i % 2 === 1 && /^authorization$/i.test(req.rawHeaders[i - 1] ?? '')),
      );
      res.statusCode = 403;
      res.end('forbidden');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const port = (server.address() as AddressInfo).port;
    try {
      const url = `http://127.0.0.1:${port}/octo-org/shop.git`;
      git(box.work, 'remote', 'add', 'github', url);
      // What actions/checkout persists when persist-credentials is on.
      git(
        box.work,
        'config',
        '--local',
        `http.http://127.0.0.1:${port}/.extraheader`,
        'AUTHORIZATION: basic OLDTOKEN',
      );
      const header = 'AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46Z2hzX3NlY3JldA==';
      const g = createGit(box.work, { authHeader: header });

      const error = await g.remoteBranchSha('github', 'main').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GitError);
      expect((error as Error).message).not.toContain('eC1hY2Nlc3MtdG9rZW46Z2hzX3NlY3JldA==');
      await expect(g.fetch('github', 'main')).rejects.toThrow(/git fetch failed/);

      expect(seen.length).toBeGreaterThanOrEqual(2);
      for (const values of seen) expect(values).toEqual(['basic eC1hY2Nlc3MtdG9rZW46Z2hzX3NlY3JldA==']);
      const config = readFileSync(join(box.work, '.git', 'config'), 'utf8');
      expect(config).not.toContain('eC1hY2Nlc3MtdG9rZW46Z2hzX3NlY3JldA==');
    } finally {
      server.close();
    }
  });

  it('builds URL-scoped config arguments for http remotes', () => {
    expect(
      authConfigArgs('https://x-access-token:t@github.com/octo-org/shop.git', 'AUTHORIZATION: basic abc'),
    ).toEqual([
      '-c',
      'http.extraheader=',
      '-c',
      'http.https://github.com/.extraheader=',
      '-c',
      'http.https://github.com/octo-org/shop.git.extraheader=',
      '-c',
      'http.https://github.com/octo-org/shop.git.extraheader=AUTHORIZATION: basic abc',
    ]);
    expect(authConfigArgs('/tmp/origin.git', 'AUTHORIZATION: basic abc')).toEqual([
      '-c',
      'http.extraheader=',
      '-c',
      'http.extraheader=AUTHORIZATION: basic abc',
    ]);
  });

  it('redacts authorization values', () => {
    expect(redactAuth('fatal: header AUTHORIZATION: basic c2VjcmV0 rejected')).toBe(
      'fatal: header AUTHORIZATION: basic *** rejected',
    );
    expect(redactAuth('Authorization: bearer abc.def')).toBe('Authorization: bearer ***');
    expect(redactAuth('token c2VjcmV0 echoed', 'AUTHORIZATION: basic c2VjcmV0')).toBe(
      'token c2VjcmV0 echoed',
    );
    expect(redactAuth('value basic c2VjcmV0 echoed', 'AUTHORIZATION: basic c2VjcmV0')).toBe(
      'value *** echoed',
    );
  });
});

describe('git environment', () => {
  it('drops secrets and INPUT_* variables and keeps the rest', () => {
    const env = scrubbedGitEnv({
      PATH: '/usr/bin',
      HOME: '/home/runner',
      GITHUB_TOKEN: 'ghs_x',
      ANTHROPIC_API_KEY: 'sk-ant-x',
      INPUT_ANTHROPIC_API_KEY: 'sk-ant-y',
      INPUT_GITHUB_TOKEN: 'ghs_y',
      ACTIONS_RUNTIME_TOKEN: 'rt',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'idt',
      GITHUB_REPOSITORY: 'octo-org/shop',
    });
    expect(env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/runner',
      GITHUB_REPOSITORY: 'octo-org/shop',
      GIT_TERMINAL_PROMPT: '0',
      LC_ALL: 'C',
    });
  });

  it('does not hand secrets to the git process', async () => {
    process.env.ANTHROPIC_API_KEY = 'sk-ant-must-not-leak';
    process.env.INPUT_GITHUB_TOKEN = 'ghs-must-not-leak';
    try {
      // A test-only alias that prints git's environment.
      const { stdout } = await runGit(box.work, ['envdump'], { globalArgs: ['-c', 'alias.envdump=!env'] });
      expect(stdout).toContain('GIT_TERMINAL_PROMPT=0');
      expect(stdout).not.toContain('must-not-leak');
    } finally {
      delete process.env.ANTHROPIC_API_KEY;
      delete process.env.INPUT_GITHUB_TOKEN;
    }
  });
});

describe('parseCommitter', () => {
  it('parses Name <email>', () => {
    expect(parseCommitter('implement-spec[bot] <41898282+bot@users.noreply.github.com>')).toEqual({
      name: 'implement-spec[bot]',
      email: '41898282+bot@users.noreply.github.com',
    });
    expect(parseCommitter('  Alice Dev   <alice@example.com> ')).toEqual({
      name: 'Alice Dev',
      email: 'alice@example.com',
    });
  });

  it('explains the expected form on bad input', () => {
    for (const bad of [
      '',
      'Alice',
      '<alice@example.com>',
      'Alice <>',
      'Alice <alice>',
      'A <a@b> <c@d>',
      'A\n <a@b.c>',
    ]) {
      expect(() => parseCommitter(bad)).toThrow(/"Name <email>"/);
    }
  });
});

describe('validateBranchName', () => {
  const valid = ['main', 'feat/spec-product-price-filter', 'spec/v1.2', "o'brien;x", 'a@b', 'ü-branch'];
  const invalid = [
    '',
    '-x',
    'a..b',
    'a b',
    'a\tb',
    'a~1',
    'a^',
    'a:b',
    'a?',
    'a*',
    'a[b',
    'a\\b',
    'a.lock',
    'a/b.lock/c',
    'a/',
    'a.',
    'a@{1}',
    '@',
    '/a',
    'a//b',
    '.a',
    'a/.b',
    'a\x7f',
  ];

  it('accepts what git accepts and rejects what git rejects', () => {
    const gitAccepts = (name: string) => {
      try {
        execFileSync('git', ['check-ref-format', `refs/heads/${name}`], { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    };
    for (const name of valid) {
      expect(branchNameProblem(name), name).toBeNull();
      expect(gitAccepts(name), name).toBe(true);
    }
    for (const name of invalid) {
      expect(branchNameProblem(name), JSON.stringify(name)).not.toBeNull();
      // Stricter than git on purpose: "-x" reads as an option and "@" as HEAD on a command line.
      if (!['-x', '', '@'].includes(name)) expect(gitAccepts(name), JSON.stringify(name)).toBe(false);
    }
  });

  it('throws with the reason', () => {
    expect(validateBranchName('feat/ok')).toBe('feat/ok');
    expect(() => validateBranchName('feat/a..b')).toThrow(
      /invalid branch name "feat\/a\.\.b": it contains "\.\."/,
    );
  });
});

describe('formatCommitMessage', () => {
  it('appends trailers after a blank line', () => {
    expect(formatCommitMessage('  Title\n\nBody  \n', { 'Spec-Id': 'x' })).toBe(
      'Title\n\nBody\n\nSpec-Id: x\n',
    );
    expect(formatCommitMessage('Title', {})).toBe('Title\n');
    expect(() => formatCommitMessage('  ', {})).toThrow(/empty/);
  });
});
