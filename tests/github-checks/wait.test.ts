import { afterEach, describe, expect, it } from 'vitest';
import { type ChecksResult, checksFailureText, waitForChecks } from '../../src/github/checks.js';
import { type FakeCheckRun, type FakeGitHub, faults, startFakeGitHub } from '../fakes/github-server.js';
import { clientFor } from '../github-api/helpers.js';

let gh: FakeGitHub;
afterEach(async () => {
  await gh?.close();
});

const SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const repo = { owner: 'acme', repo: 'widgets' };

/** A clock that moves only when the code under test sleeps, so no test waits. */
function fakeTime() {
  let t = 0;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    sleeps,
  };
}

const running = (name: string): FakeCheckRun => ({ name, status: 'in_progress' });
const passed = (name: string): FakeCheckRun => ({ name, status: 'completed', conclusion: 'success' });

describe('waitForChecks', () => {
  it('polls while checks run and reports success once they all pass (and stay the same set)', async () => {
    gh = await startFakeGitHub();
    gh.checks.script(SHA, [
      { checkRuns: [{ name: 'build', status: 'queued' }] },
      { checkRuns: [running('build'), running('test')] },
      { checkRuns: [passed('build'), running('test')] },
      { checkRuns: [passed('build'), passed('test')] },
    ]);
    const time = fakeTime();
    const logs: string[] = [];
    const r = await waitForChecks(clientFor(gh).octokit, {
      ...repo,
      sha: SHA,
      pollMs: 1000,
      ...time,
      log: (m) => logs.push(m),
    });
    expect(r.state).toBe('success');
    // Poll 4 is the first all-green one; poll 5 confirms no later job appeared.
    expect(r.polls).toBe(5);
    expect(time.sleeps).toEqual([1000, 1000, 1000, 1000]);
    expect(r.checks).toEqual([
      expect.objectContaining({ name: 'build', kind: 'check-run', conclusion: 'success' }),
      expect.objectContaining({ name: 'test', kind: 'check-run', conclusion: 'success' }),
    ]);
    expect(r.checks[0]?.url).toMatch(/^https:\/\/github\.com\/acme\/widgets\/runs\/\d+$/);
    expect(r.failures).toEqual([]);
    expect(r.durationMs).toBe(4000);
    expect(gh.checks.polls(SHA)).toBe(5);
    expect(logs.at(-1)).toContain('passed');
  });

  it('keeps waiting when a job that needs the others appears after they pass', async () => {
    gh = await startFakeGitHub();
    gh.checks.script(SHA, [
      { checkRuns: [passed('build')] },
      { checkRuns: [passed('build'), { name: 'deploy-preview', status: 'queued' }] },
      {
        checkRuns: [passed('build'), { name: 'deploy-preview', status: 'completed', conclusion: 'failure' }],
      },
    ]);
    const r = await waitForChecks(clientFor(gh).octokit, { ...repo, sha: SHA, ...fakeTime() });
    expect(r.state).toBe('failure');
    expect(r.failures.map((f) => f.name)).toEqual(['deploy-preview']);
  });

  it('takes the first all-green poll when settlePolls is 0', async () => {
    gh = await startFakeGitHub();
    gh.checks.script(SHA, [{ checkRuns: [passed('build')] }]);
    const r = await waitForChecks(clientFor(gh).octokit, {
      ...repo,
      sha: SHA,
      settlePolls: 0,
      ...fakeTime(),
    });
    expect(r).toMatchObject({ state: 'success', polls: 1 });
  });

  it('reports a failure with its output text and annotations once every check has finished', async () => {
    gh = await startFakeGitHub();
    const failing: FakeCheckRun = {
      name: 'test',
      status: 'completed',
      conclusion: 'failure',
      output: {
        title: '2 tests failed',
        summary: 'vitest: 2 failed, 10 passed',
        text: 'FAIL src/login.test.ts > rejects a bad password\nExpected 401, received 500',
      },
      annotations: [
        { path: 'src/login.ts', start_line: 42, message: 'TypeError: cannot read "hash" of undefined' },
        {
          path: 'src/session.ts',
          start_line: 7,
          annotation_level: 'warning',
          title: 'Unused',
          message: 'x is unused',
        },
      ],
    };
    gh.checks.script(SHA, [
      { checkRuns: [running('test'), running('lint')] },
      { checkRuns: [failing, running('lint')] },
      { checkRuns: [failing, passed('lint'), { name: 'docs', status: 'completed', conclusion: 'skipped' }] },
    ]);
    const r = await waitForChecks(clientFor(gh).octokit, { ...repo, sha: SHA, ...fakeTime() });
    expect(r.state).toBe('failure');
    expect(r.polls).toBe(3);
    expect(r.failures).toHaveLength(1);
    const f = r.failures[0]!;
    expect(f).toMatchObject({
      name: 'test',
      kind: 'check-run',
      conclusion: 'failure',
      summary: '2 tests failed\n\nvitest: 2 failed, 10 passed',
      text: 'FAIL src/login.test.ts > rejects a bad password\nExpected 401, received 500',
    });
    expect(f.url).toMatch(/\/runs\/\d+$/);
    expect(f.annotations).toEqual([
      {
        path: 'src/login.ts',
        line: 42,
        level: 'failure',
        title: null,
        message: 'TypeError: cannot read "hash" of undefined',
      },
      { path: 'src/session.ts', line: 7, level: 'warning', title: 'Unused', message: 'x is unused' },
    ]);
    // Annotations are read once, for the failing run only.
    expect(gh.count('GET', /\/check-runs\/\d+\/annotations$/)).toBe(1);
    expect(r.checks.map((c) => `${c.name}:${c.conclusion}`)).toEqual([
      'test:failure',
      'lint:success',
      'docs:skipped',
    ]);
  });

  it('counts timed_out, cancelled and action_required as failures, neutral and skipped not', async () => {
    gh = await startFakeGitHub();
    const done = (name: string, conclusion: FakeCheckRun['conclusion']): FakeCheckRun => ({
      name,
      status: 'completed',
      conclusion,
    });
    gh.checks.script(SHA, [
      {
        checkRuns: [
          done('a', 'timed_out'),
          done('b', 'cancelled'),
          done('c', 'action_required'),
          done('d', 'neutral'),
          done('e', 'skipped'),
          done('f', 'success'),
        ],
      },
    ]);
    const r = await waitForChecks(clientFor(gh).octokit, { ...repo, sha: SHA, ...fakeTime() });
    expect(r.state).toBe('failure');
    expect(r.failures.map((f) => `${f.name}:${f.conclusion}`)).toEqual([
      'a:timed_out',
      'b:cancelled',
      'c:action_required',
    ]);
  });

  it('caps the annotations, shares the cap among failing runs and counts what it left out', async () => {
    gh = await startFakeGitHub();
    const many = (name: string, n: number): FakeCheckRun => ({
      name,
      status: 'completed',
      conclusion: 'failure',
      annotations: Array.from({ length: n }, (_, i) => ({
        path: `src/${name}.ts`,
        start_line: i + 1,
        message: `problem ${i + 1}`,
      })),
    });
    gh.checks.script(SHA, [{ checkRuns: [many('one', 120), many('two', 3)] }]);
    const r = await waitForChecks(clientFor(gh).octokit, {
      ...repo,
      sha: SHA,
      maxAnnotations: 10,
      ...fakeTime(),
    });
    expect(r.failures.map((f) => f.annotations.length)).toEqual([5, 3]);
    expect(r.failures[0]?.annotations.at(-1)?.message).toBe('problem 5');
    // Stopped reading after the cap; GitHub's annotations_count says how many were left out.
    expect(r.annotationsOmitted).toBe(115);
    expect(gh.count('GET', /\/annotations$/)).toBe(2);
  });

  it("says 'none' after the grace polls when the repository runs no checks", async () => {
    gh = await startFakeGitHub();
    const time = fakeTime();
    const r = await waitForChecks(clientFor(gh).octokit, {
      ...repo,
      sha: SHA,
      noChecksPolls: 3,
      pollMs: 5000,
      ...time,
    });
    expect(r).toMatchObject({ state: 'none', polls: 3, checks: [], failures: [] });
    expect(time.sleeps).toEqual([5000, 5000]);
  });

  it("gives up with 'pending-timeout' when checks are still running near the timeout", async () => {
    gh = await startFakeGitHub();
    gh.checks.script('*', [{ checkRuns: [passed('lint'), running('e2e')] }]);
    const time = fakeTime();
    const r = await waitForChecks(clientFor(gh).octokit, {
      ...repo,
      sha: SHA,
      timeoutMs: 60_000,
      pollMs: 15_000,
      ...time,
    });
    expect(r.state).toBe('pending-timeout');
    // Polls at 0, 15, 30, 45 and 60 s; another would start after the 60 s limit.
    expect(r.polls).toBe(5);
    expect(time.now()).toBe(60_000);
    expect(r.checks.find((c) => c.name === 'e2e')?.conclusion).toBeNull();
  });

  it('leaves out ignored check names and status contexts (case-insensitive)', async () => {
    gh = await startFakeGitHub();
    gh.checks.script(SHA, [
      {
        checkRuns: [passed('build'), running('Implement Spec')],
        statuses: [{ context: 'legacy/ci', state: 'pending' }],
      },
    ]);
    const r = await waitForChecks(clientFor(gh).octokit, {
      ...repo,
      sha: SHA,
      ignore: ['implement spec', 'legacy/ci'],
      ...fakeTime(),
    });
    expect(r.state).toBe('success');
    expect(r.checks.map((c) => c.name)).toEqual(['build']);
  });

  it('treats a commit whose only checks are ignored as having none', async () => {
    gh = await startFakeGitHub();
    gh.checks.script(SHA, [{ checkRuns: [running('implement')] }]);
    const r = await waitForChecks(clientFor(gh).octokit, {
      ...repo,
      sha: SHA,
      ignore: ['implement'],
      noChecksPolls: 2,
      ...fakeTime(),
    });
    expect(r).toMatchObject({ state: 'none', polls: 2 });
  });

  it('waits for commit statuses and reports a failed or errored one', async () => {
    gh = await startFakeGitHub();
    gh.checks.script(SHA, [
      { statuses: [{ context: 'ci/jenkins', state: 'pending' }] },
      {
        checkRuns: [passed('build')],
        statuses: [
          {
            context: 'ci/jenkins',
            state: 'failure',
            description: 'Build #12 failed',
            target_url: 'https://jenkins.example/12',
          },
          { context: 'codecov', state: 'error', description: 'upload failed' },
          { context: 'license/cla', state: 'success' },
        ],
      },
    ]);
    const r = await waitForChecks(clientFor(gh).octokit, { ...repo, sha: SHA, ...fakeTime() });
    expect(r.state).toBe('failure');
    expect(r.polls).toBe(2);
    expect(r.failures).toEqual([
      {
        name: 'ci/jenkins',
        kind: 'status',
        conclusion: 'failure',
        url: 'https://jenkins.example/12',
        summary: 'Build #12 failed',
        text: '',
        annotations: [],
      },
      expect.objectContaining({ name: 'codecov', conclusion: 'error', summary: 'upload failed' }),
    ]);
  });

  it('passes on statuses alone once they all succeed', async () => {
    gh = await startFakeGitHub();
    gh.checks.script(SHA, [{ statuses: [{ context: 'ci/external', state: 'success' }] }]);
    const r = await waitForChecks(clientFor(gh).octokit, { ...repo, sha: SHA, ...fakeTime() });
    expect(r.state).toBe('success');
    expect(r.checks).toEqual([
      { name: 'ci/external', kind: 'status', status: 'success', conclusion: 'success', url: null },
    ]);
  });

  it('reads every page of check runs', async () => {
    gh = await startFakeGitHub();
    const runs = Array.from({ length: 130 }, (_, i) => passed(`job ${i}`));
    runs[125] = { name: 'job 125', status: 'completed', conclusion: 'failure' };
    gh.checks.script(SHA, [{ checkRuns: runs }]);
    const r = await waitForChecks(clientFor(gh).octokit, { ...repo, sha: SHA, ...fakeTime() });
    expect(r.checks).toHaveLength(130);
    expect(r.failures.map((f) => f.name)).toEqual(['job 125']);
    expect(gh.count('GET', /\/check-runs$/)).toBe(2);
    expect(gh.checks.polls(SHA)).toBe(1);
  });

  it('names the missing permission when check runs answer 403', async () => {
    gh = await startFakeGitHub();
    gh.failNext('GET', /\/check-runs$/, faults.forbidden());
    const err = await waitForChecks(clientFor(gh).octokit, { ...repo, sha: SHA, ...fakeTime() }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    const msg = (err as Error).message;
    expect(msg).toContain('check runs of commit a1b2c3d4e5f6 in acme/widgets');
    expect(msg).toContain('403 (Resource not accessible by integration)');
    expect(msg).toContain('`checks: read`');
    expect(msg).toContain('permissions:');
  });

  it('names statuses: read when the combined status answers 403', async () => {
    gh = await startFakeGitHub();
    gh.failNext('GET', /\/status$/, faults.forbidden());
    const err = await waitForChecks(clientFor(gh).octokit, { ...repo, sha: SHA, ...fakeTime() }).catch(
      (e: unknown) => e,
    );
    expect((err as Error).message).toContain('`statuses: read`');
  });

  it('explains other API errors (404 repository) clearly', async () => {
    gh = await startFakeGitHub();
    const err = await waitForChecks(clientFor(gh).octokit, {
      owner: 'acme',
      repo: 'gone',
      sha: SHA,
      ...fakeTime(),
    }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(
      /^Could not read the check runs of commit a1b2c3d4e5f6 in acme\/gone: GitHub answered 404 \(Not Found\)\. Not found/,
    );
  });

  it('rides out a transient 502 through the retry plugin', async () => {
    gh = await startFakeGitHub();
    gh.checks.script(SHA, [{ checkRuns: [passed('build')] }]);
    gh.failNext('GET', /\/check-runs$/, faults.serverError(502));
    const r = await waitForChecks(clientFor(gh).octokit, {
      ...repo,
      sha: SHA,
      settlePolls: 0,
      ...fakeTime(),
    });
    expect(r.state).toBe('success');
  });

  it('keeps the failure when its annotations cannot be read', async () => {
    gh = await startFakeGitHub();
    gh.checks.script(SHA, [{ checkRuns: [{ name: 'test', status: 'completed', conclusion: 'failure' }] }]);
    gh.failNext('GET', /\/annotations$/, faults.notFound());
    const logs: string[] = [];
    const r = await waitForChecks(clientFor(gh).octokit, {
      ...repo,
      sha: SHA,
      ...fakeTime(),
      log: (m) => logs.push(m),
    });
    expect(r.state).toBe('failure');
    expect(r.failures[0]).toMatchObject({ name: 'test', annotations: [] });
    expect(logs.some((l) => l.includes('Could not read the annotations of check "test"'))).toBe(true);
  });

  it('feeds a readable digest to checksFailureText', async () => {
    gh = await startFakeGitHub();
    gh.checks.script(SHA, [
      {
        checkRuns: [
          {
            name: 'test',
            status: 'completed',
            conclusion: 'failure',
            output: { title: 'Tests failed', text: 'expected 1 to be 2' },
            annotations: [{ path: 'src/a.ts', start_line: 3, message: 'boom' }],
          },
        ],
      },
    ]);
    const r: ChecksResult = await waitForChecks(clientFor(gh).octokit, { ...repo, sha: SHA, ...fakeTime() });
    const text = checksFailureText(r);
    expect(text).toContain('=== Check "test": failure');
    expect(text).toContain('src/a.ts:3: failure: boom');
    expect(text).toContain('expected 1 to be 2');
  });
});
