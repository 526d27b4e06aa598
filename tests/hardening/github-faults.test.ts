// GitHub faults at module level: createGitHubClient (fast-retry test settings) talking HTTP to the loopback fake,
// and the real git CLI against a bare repository for the push race. Each case checks the message says what
// went wrong and what to do, and that nothing was created twice or lost.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../src/github/client.js';
import { upsertMarkedComment } from '../../src/github/comments.js';
import { createGit } from '../../src/github/git.js';
import { upsertPull } from '../../src/github/pulls.js';
import { type FakeGitHub, faults, startFakeGitHub } from '../fakes/github-server.js';

const OWNER = 'acme';
const REPO = 'widgets';
const GOOD_TOKEN = 'ghs_good';

let gh: FakeGitHub;

function client(token = GOOD_TOKEN) {
  const logs: string[] = [];
  const c = createGitHubClient({
    token,
    baseUrl: gh.url,
    retries: 2,
    throttle: { retryAfterBaseValue: 1, writePacing: false, minimumSecondaryRateRetryAfter: 1 },
    log: (m) => logs.push(m),
  });
  return { ...c, logs };
}

const prInput = (over: Partial<Parameters<typeof upsertPull>[1]> = {}) => ({
  owner: OWNER,
  repo: REPO,
  head: 'feat/spec-x',
  base: 'main',
  title: 'Implement X (x)',
  body: 'report',
  labels: ['implement-spec:generated'],
  ...over,
});

afterEach(async () => {
  await gh?.close();
});

describe('GitHub API faults', () => {
  it('401 bad credentials: not retried, the message says to check the token', async () => {
    gh = await startFakeGitHub({ tokens: [GOOD_TOKEN] });
    const c = client('ghs_revoked');
    const err = await upsertPull(c.octokit, prInput()).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/GitHub answered 401 \(Bad credentials\)/);
    expect((err as Error).message).toMatch(/Check the `github-token` input \(or GITHUB_TOKEN\)/);
    expect((err as Error).message).not.toContain('ghs_revoked');
    expect(gh.requests).toHaveLength(1);
    expect(gh.state.pulls).toHaveLength(0);
  });

  it('403 without permission: not retried, the message names the workflow permissions to grant', async () => {
    gh = await startFakeGitHub();
    gh.failNext('POST', /\/pulls$/, faults.forbidden('Resource not accessible by integration'));
    const err = await upsertPull(client().octokit, prInput()).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/GitHub answered 403 \(Resource not accessible by integration\)/);
    expect((err as Error).message).toMatch(/contents: write.*pull-requests: write.*issues: write/);
    expect(gh.count('POST', /\/pulls$/)).toBe(1);
    expect(gh.state.pulls).toHaveLength(0);
  });

  it('403 secondary rate limit with retry-after, then success: waited out, one PR', async () => {
    gh = await startFakeGitHub();
    gh.failNext('POST', /\/pulls$/, faults.secondaryRateLimit(2));
    const c = client();
    const out = await upsertPull(c.octokit, prInput());
    expect(out.created).toBe(true);
    expect(gh.count('POST', /\/pulls$/)).toBe(2);
    expect(gh.state.pulls).toHaveLength(1);
    expect(c.logs.join('\n')).toMatch(
      /secondary rate limit hit on POST \/repos\/acme\/widgets\/pulls; retrying in 2s/,
    );
  });

  it('429 with retry-after, then success: the comment is posted once', async () => {
    gh = await startFakeGitHub({ issues: [{ number: 7, title: 'Spec PR' }] });
    gh.failNext('POST', /\/issues\/7\/comments$/, faults.tooManyRequests(1));
    const c = client();
    await upsertMarkedComment(c.octokit, {
      owner: OWNER,
      repo: REPO,
      issueNumber: 7,
      marker: '<!-- m -->',
      author: 'github-actions[bot]',
      body: '<!-- m -->\nhello',
    });
    expect(gh.count('POST', /\/issues\/7\/comments$/)).toBe(2);
    expect(gh.state.comments.filter((x) => x.issueNumber === 7)).toHaveLength(1);
  });

  it('missing base branch on PR creation (GitHub answers 422 base invalid): says which branch to check', async () => {
    gh = await startFakeGitHub({
      repos: [{ owner: OWNER, repo: REPO, branches: ['main', 'feat/spec-x'] }],
    });
    const err = await upsertPull(client().octokit, prInput({ base: 'release/9' })).catch((e: Error) => e);
    expect((err as Error).message).toBe(
      'Could not open the pull request feat/spec-x → release/9 in acme/widgets: GitHub answered 422 (base invalid). ' +
        'Check that branch release/9 exists and that feat/spec-x was pushed.',
    );
    expect(gh.state.pulls).toHaveLength(0);
  });

  it('409 conflict on PR creation, every attempt: retried, then a clear message that says to re-run', async () => {
    gh = await startFakeGitHub();
    // The retry plugin retries 409 (GitHub uses it for transient ref races), so it must persist to surface.
    gh.failNext('POST', /\/pulls$/, { ...faults.conflict('Git Repository is empty.'), times: 5 });
    const err = await upsertPull(client().octokit, prInput()).catch((e: Error) => e);
    expect((err as Error).message).toMatch(
      /Could not open a pull request feat\/spec-x → main in acme\/widgets: GitHub answered 409 \(Git Repository is empty\.\)\. GitHub reported a conflict .*re-run the job/,
    );
    expect(gh.count('POST', /\/pulls$/)).toBe(3);
    expect(gh.state.pulls).toHaveLength(0);
  });

  it('422 "No commits between" on PR creation: GitHub\'s words and a hint, no second attempt', async () => {
    gh = await startFakeGitHub();
    gh.failNext(
      'POST',
      /\/pulls$/,
      faults.validationFailed([
        { resource: 'PullRequest', code: 'custom', message: 'No commits between main and feat/spec-x' },
      ]),
    );
    const err = await upsertPull(client().octokit, prInput()).catch((e: Error) => e);
    expect((err as Error).message).toMatch(
      /GitHub answered 422 \(Validation Failed: No commits between main and feat\/spec-x\)\. GitHub rejected the request as invalid; check branch names and inputs\./,
    );
    expect(gh.count('POST', /\/pulls$/)).toBe(1);
  });

  it('5xx twice, then success: retried, exactly one PR', async () => {
    gh = await startFakeGitHub();
    gh.failNext('POST', /\/pulls$/, faults.serverError(502, 2));
    const out = await upsertPull(client().octokit, prInput());
    expect(out.created).toBe(true);
    expect(gh.count('POST', /\/pulls$/)).toBe(3);
    expect(gh.state.pulls).toHaveLength(1);
  });
});

describe('push race', () => {
  const savedEnv = { ...process.env };
  let root: string;
  beforeAll(() => {
    process.env.GIT_CONFIG_NOSYSTEM = '1';
    process.env.GIT_CONFIG_GLOBAL = '/dev/null';
  });
  afterAll(() => {
    process.env = savedEnv;
    rmSync(root, { recursive: true, force: true });
  });

  const run = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', ...args], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  const commitFile = (cwd: string, file: string, content: string, message: string) => {
    mkdirSync(dirname(join(cwd, file)), { recursive: true });
    writeFileSync(join(cwd, file), content);
    run(cwd, 'add', '--all');
    run(cwd, 'commit', '--quiet', '-m', message);
    return run(cwd, 'rev-parse', 'HEAD');
  };

  it('someone pushes the branch between our lease read and our push: rejected, their commit kept', async () => {
    root = mkdtempSync(join(tmpdir(), 'implement-spec-hardening-push-'));
    const origin = join(root, 'origin.git');
    run(root, 'init', '--quiet', '--bare', '--initial-branch=main', origin);
    run(root, 'clone', '--quiet', origin, 'seed');
    const seed = join(root, 'seed');
    commitFile(seed, 'README.md', '# shop\n', 'init');
    run(seed, 'push', '--quiet', 'origin', 'HEAD:refs/heads/main');
    run(root, 'clone', '--quiet', origin, 'ours');
    run(root, 'clone', '--quiet', origin, 'theirs');
    const ours = join(root, 'ours');
    const theirs = join(root, 'theirs');
    const branch = 'feat/spec-x';

    const g = createGit(ours);
    await g.checkoutNewBranch(branch, 'origin/main');
    const lease = await g.remoteBranchSha('origin', branch);
    expect(lease).toBeNull();

    // The other party pushes the same branch after we read the lease.
    run(theirs, 'checkout', '--quiet', '-b', branch);
    const theirSha = commitFile(theirs, 'theirs.txt', 'theirs\n', 'their work');
    run(theirs, 'push', '--quiet', 'origin', `${branch}:refs/heads/${branch}`);

    const ourSha = commitFile(ours, 'src/generated/task-001.ts', 'ours\n', 'our work');
    const push = await g.pushForceWithLease('origin', branch, lease);
    expect(push.ok).toBe(false);
    if (push.ok) return;
    expect(push.rejected).toBe(true);
    expect(push.stderr).toMatch(/\[rejected\]/);
    expect(push.stderr).toMatch(/stale info/);
    // Nothing lost: their commit is still the branch tip, ours is still in the checkout.
    expect(run(origin, 'rev-parse', `refs/heads/${branch}`)).toBe(theirSha);
    expect(run(ours, 'rev-parse', 'HEAD')).toBe(ourSha);
  });

  it('a run file that .gitignore ignores does not fail the commit: left out and reported', async () => {
    const dir = join(root, 'ignore-case');
    run(root, 'init', '--quiet', '--initial-branch=main', dir);
    commitFile(dir, '.gitignore', '.env\nbuild/\n', 'ignore');
    writeFileSync(join(dir, '.env'), 'TOKEN=x\n');
    mkdirSync(join(dir, 'build'));
    writeFileSync(join(dir, 'build', 'out.js'), 'x\n');
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'app.ts'), 'export {};\n');
    const g = createGit(dir);
    const author = { name: 'Bot', email: 'bot@example.com' };
    const first = await g.commitFiles({
      paths: ['src/app.ts', '.env', 'build/out.js'],
      message: 'work',
      trailers: {},
      author,
    });
    expect(first.ignored.sort()).toEqual(['.env', 'build/out.js']);
    expect(first.sha).not.toBeNull();
    expect(run(dir, 'show', '--name-only', '--format=', 'HEAD')).toBe('src/app.ts');
    // Only ignored files: nothing to commit, no error.
    const none = await g.commitFiles({ paths: ['.env'], message: 'none', trailers: {}, author });
    expect(none).toMatchObject({ sha: null, ignored: ['.env'] });
  });
});
