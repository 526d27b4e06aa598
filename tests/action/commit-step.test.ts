// The commit and push after the agents (src/action/commit-step.ts) and the resume from a previous run's branch
// (src/action/resume-branch.ts), on a real checkout whose origin is a bare repository.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commitRun, pushBranch } from '../../src/action/commit-step.js';
import { restorePreviousRun } from '../../src/action/resume-branch.js';
import { createGit } from '../../src/github/git.js';
import { STATE_PATH } from '../../src/run/state.js';
import type { Spec } from '../../src/spec/types.js';
import { createRepo, git, type Repo, writeFiles } from '../e2e/harness.js';
import { buildRunResult, planOf } from '../report/fixtures.js';
import { recordingLog } from './helpers.js';

const committer = { name: 'implement-spec', email: 'bot@example.com' };
const spec = { path: 'specs/user-auth.md', hash: 'sha256:0123456789abcdef0123' } as Spec;
const RUN_FILES = {
  'db/migrations/001_users.sql': 'create table users ();\n',
  'src/auth/login.ts': 'export const login = 1;\n',
  'src/app.ts': 'export const app = 1;\n',
  [STATE_PATH]: '{"tasks":{}}\n',
};

describe('commitRun and pushBranch', () => {
  let repo: Repo | undefined;
  let reportDir = '';
  afterEach(() => {
    repo?.cleanup();
    if (reportDir) rmSync(reportDir, { recursive: true, force: true });
  });

  function setUp(files: Record<string, string> = {}) {
    repo = createRepo({ 'README.md': '# shop\n', ...files });
    reportDir = mkdtempSync(join(tmpdir(), 'implement-spec-reports-'));
    git(repo.work, 'checkout', '--quiet', '-b', 'feat/spec-user-auth');
    return { repo, g: createGit(repo.work), log: recordingLog() };
  }

  const commit = (
    g: ReturnType<typeof createGit>,
    log: ReturnType<typeof recordingLog>,
    result = buildRunResult(),
  ) =>
    commitRun({
      result,
      spec,
      plan: planOf([]),
      git: g,
      restored: [],
      reportDir,
      workspace: repo!.work,
      commitReport: false,
      committer,
      undo: { branch: 'feat/spec-user-auth', baseBranch: 'main', local: false },
      githubCalls: () => 7,
      log,
    });

  it("commits exactly the run's files and its state, with the spec trailers; other untracked files stay out", async () => {
    const { repo, g, log } = setUp();
    writeFiles(repo.work, { ...RUN_FILES, 'scratch.txt': 'not ours\n' });
    const outcome = await commit(g, log);
    expect(outcome.committed).toBe(true);
    const tree = git(repo.work, 'ls-tree', '-r', '--name-only', 'HEAD').trim().split('\n');
    expect(tree.sort()).toEqual([...Object.keys(RUN_FILES), 'README.md'].sort());
    const message = git(repo.work, 'log', '-1', '--format=%B');
    expect(message).toContain('feat(user-auth): implement User authentication');
    expect(message).toContain('Spec-Id: user-auth');
    expect(message).toContain('Spec-Hash: sha256:0123456789abcdef0123');
    expect(outcome.markdownPath.startsWith(join(reportDir, 'user-auth'))).toBe(true);
    expect(log.warnings).toEqual([]);
  });

  it('names the files .gitignore keeps out, and leaves them out of the commit', async () => {
    const { repo, g, log } = setUp({ '.gitignore': 'src/app.ts\n' });
    writeFiles(repo.work, RUN_FILES);
    const outcome = await commit(g, log);
    expect(outcome.ignored).toEqual(['src/app.ts']);
    expect(log.warnings[0]).toMatch(/\.gitignore excludes them: src\/app\.ts/);
    expect(git(repo.work, 'ls-tree', '-r', '--name-only', 'HEAD')).not.toContain('src/app.ts');
  });

  it('a run that wrote nothing makes no commit', async () => {
    const { repo, g, log } = setUp();
    const head = repo.head();
    const outcome = await commit(g, log, buildRunResult({ writes: [] }));
    expect(outcome.committed).toBe(false);
    expect(repo.head()).toBe(head);
  });

  it('pushes with a lease, and once more on the new tip when someone pushed meanwhile', async () => {
    const { repo, g, log } = setUp();
    writeFiles(repo.work, RUN_FILES);
    await commit(g, log);
    await pushBranch(g, 'feat/spec-user-auth', null, log);
    expect(repo.originFiles('feat/spec-user-auth')).toContain('src/auth/login.ts');
    // Another clone moves the branch; our lease (the tip we saw first) is stale now.
    const seen = await g.remoteBranchSha('origin', 'feat/spec-user-auth');
    const other = join(repo.root, 'other');
    git(repo.root, 'clone', '--quiet', '--branch', 'feat/spec-user-auth', repo.origin, other);
    writeFiles(other, { 'other.txt': 'x\n' });
    git(other, 'add', '--all');
    git(other, 'commit', '--quiet', '-m', 'Someone else');
    git(other, 'push', '--quiet', 'origin', 'feat/spec-user-auth');
    writeFiles(repo.work, { 'src/auth/login.ts': 'export const login = 2;\n' });
    await commit(g, log);
    await pushBranch(g, 'feat/spec-user-auth', seen, log);
    expect(log.warnings.join('\n')).toMatch(/rejected \(the branch moved\); retrying once/);
    expect(repo.originShow('feat/spec-user-auth', 'src/auth/login.ts')).toBe('export const login = 2;\n');
  });
});

describe('restorePreviousRun', () => {
  let repo: Repo | undefined;
  afterEach(() => repo?.cleanup());

  function previousRun(state: string) {
    repo = createRepo({ 'README.md': '# shop\n' });
    git(repo.work, 'checkout', '--quiet', '-b', 'feat/spec-x');
    writeFiles(repo.work, {
      [STATE_PATH]: state,
      'src/done.ts': 'done\n',
      'src/failed.ts': 'failed\n',
    });
    const tip = repo.commitAndPush('previous run', 'feat/spec-x');
    git(repo.work, 'checkout', '--quiet', 'main');
    git(repo.work, 'branch', '--quiet', '-D', 'feat/spec-x');
    return { repo, tip, g: createGit(repo.work), log: recordingLog() };
  }

  it("takes the state and the completed tasks' files from the old tip, never a path that leaves the checkout", async () => {
    const state = JSON.stringify({
      tasks: {
        'task-001': { status: 'success', files: [{ path: 'src/done.ts' }, { path: '../outside.ts' }] },
        'task-002': { status: 'failed', files: [{ path: 'src/failed.ts' }] },
      },
    });
    const { repo, tip, g, log } = previousRun(state);
    const restored = await restorePreviousRun(g, 'feat/spec-x', tip, log);
    expect(restored.sort()).toEqual([STATE_PATH, 'src/done.ts'].sort());
    expect(log.lines).toContain('implement-spec: restored 1 file(s) of the previous run from feat/spec-x.');
    expect(git(repo.work, 'status', '--porcelain')).not.toContain('failed.ts');
  });

  it('an unreadable state starts over with a warning instead of failing', async () => {
    const { tip, g, log } = previousRun('{not json');
    expect(await restorePreviousRun(g, 'feat/spec-x', tip, log)).toEqual([]);
    expect(log.warnings[0]).toMatch(
      /Could not resume from the previous run on feat\/spec-x \(starting over\)/,
    );
  });
});
