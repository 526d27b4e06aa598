import { afterEach, describe, expect, it } from 'vitest';
import {
  findOpenPull,
  GITHUB_BODY_LIMIT,
  listPullFiles,
  pullTitle,
  truncateBody,
  upsertPull,
} from '../../src/github/pulls.js';
import { type FakeGitHub, type FakePullFile, faults, startFakeGitHub } from '../fakes/github-server.js';
import { clientFor } from './helpers.js';

let gh: FakeGitHub;
afterEach(async () => {
  await gh?.close();
});

const base = { owner: 'acme', repo: 'widgets', head: 'feat/spec-login', base: 'main' };

describe('upsertPull', () => {
  it('creates the PR with labels, then updates the same PR on the next run', async () => {
    gh = await startFakeGitHub({
      repos: [{ owner: 'acme', repo: 'widgets', branches: ['main', 'feat/spec-login'] }],
    });
    const c = clientFor(gh);
    const first = await upsertPull(c.octokit, {
      ...base,
      title: 'Add login',
      body: 'v1',
      draft: true,
      labels: ['spec'],
    });
    expect(first).toMatchObject({ number: 1, created: true, url: 'https://github.com/acme/widgets/pull/1' });
    expect(first.warnings).toEqual([]);
    expect(gh.state.pulls[0]).toMatchObject({
      title: 'Add login',
      body: 'v1',
      draft: true,
      labels: ['spec'],
    });

    const second = await upsertPull(c.octokit, {
      ...base,
      title: 'Add login (v2)',
      body: 'v2',
      labels: ['spec', 'ai'],
    });
    expect(second).toMatchObject({ number: 1, created: false });
    expect(gh.state.pulls).toHaveLength(1);
    expect(gh.state.pulls[0]).toMatchObject({ title: 'Add login (v2)', body: 'v2', labels: ['spec', 'ai'] });
    expect(gh.count('POST', /\/pulls$/)).toBe(1);
    expect(gh.count('PATCH', /\/pulls\/1$/)).toBe(1);
    // Only the missing label is sent.
    const labelCalls = gh.requests.filter((r) => r.path.endsWith('/labels'));
    expect(labelCalls.map((r) => r.body)).toEqual([{ labels: ['spec'] }, { labels: ['ai'] }]);
  });

  it('ignores an open PR from the same branch into another base', async () => {
    gh = await startFakeGitHub({ pulls: [{ head: 'feat/spec-login', base: 'release', title: 'old' }] });
    const c = clientFor(gh);
    expect(await findOpenPull(c.octokit, base)).toBeUndefined();
    const r = await upsertPull(c.octokit, { ...base, title: 't', body: 'b' });
    expect(r).toMatchObject({ number: 2, created: true });
  });

  it('adopts the PR another run created between lookup and create (422 race)', async () => {
    gh = await startFakeGitHub({ pulls: [{ head: 'feat/spec-login', base: 'main', title: 'theirs' }] });
    const c = clientFor(gh);
    // The first lookup sees no PR yet, as if the other run had not created it.
    gh.failNext('GET', /\/pulls$/, { status: 200, body: [] });
    const r = await upsertPull(c.octokit, { ...base, title: 'ours', body: 'body' });
    expect(r).toMatchObject({ number: 1, created: false });
    expect(gh.state.pulls).toHaveLength(1);
    expect(gh.state.pulls[0]).toMatchObject({ title: 'ours', body: 'body' });
    expect(gh.requests.map((q) => `${q.method} ${q.status}`)).toEqual([
      'GET 200',
      'POST 422',
      'GET 200',
      'PATCH 200',
    ]);
  });

  it('names the repository setting and the token alternative when Actions may not create PRs', async () => {
    gh = await startFakeGitHub();
    const c = clientFor(gh);
    gh.failNext('POST', /\/pulls$/, faults.actionsCannotCreatePullRequests());
    const err = (await upsertPull(c.octokit, { ...base, title: 't', body: 'b' }).catch(
      (e: unknown) => e,
    )) as Error;
    expect(err.message).toContain('Settings → Actions → General → Workflow permissions');
    expect(err.message).toContain('Allow GitHub Actions to create and approve pull requests');
    expect(err.message).toContain('`github-token`');
    expect(err.message).toContain('feat/spec-login');
    expect(gh.count('POST')).toBe(1);
  });

  it('retries a 502 on create and opens exactly one PR', async () => {
    gh = await startFakeGitHub();
    const c = clientFor(gh);
    gh.failNext('POST', /\/pulls$/, faults.serverError(502, 1));
    const r = await upsertPull(c.octokit, { ...base, title: 't', body: 'b' });
    expect(r.created).toBe(true);
    expect(gh.count('POST', /\/pulls$/)).toBe(2);
    expect(gh.state.pulls).toHaveLength(1);
  });

  it('waits out a secondary rate limit on create', async () => {
    gh = await startFakeGitHub();
    const c = clientFor(gh);
    gh.failNext('POST', /\/pulls$/, faults.secondaryRateLimit(1));
    const r = await upsertPull(c.octokit, { ...base, title: 't', body: 'b' });
    expect(r.created).toBe(true);
    expect(c.logs.some((l) => l.includes('secondary rate limit'))).toBe(true);
  });

  it('reports a bad token clearly', async () => {
    gh = await startFakeGitHub({ tokens: ['other'] });
    const c = clientFor(gh);
    await expect(upsertPull(c.octokit, { ...base, title: 't', body: 'b' })).rejects.toThrow(
      /401 \(Bad credentials\).*github-token/,
    );
  });

  it('says which branch is missing when GitHub rejects base/head', async () => {
    gh = await startFakeGitHub({
      repos: [{ owner: 'acme', repo: 'widgets', branches: ['feat/spec-login'] }],
    });
    const c = clientFor(gh);
    await expect(upsertPull(c.octokit, { ...base, title: 't', body: 'b' })).rejects.toThrow(
      /422 \(base invalid\)\. Check that branch main exists/,
    );
  });

  it('falls back to a regular PR when drafts are not supported', async () => {
    gh = await startFakeGitHub();
    const c = clientFor(gh);
    gh.failNext('POST', /\/pulls$/, {
      status: 422,
      body: {
        message: 'Validation Failed',
        errors: [
          {
            resource: 'PullRequest',
            code: 'custom',
            message: 'Draft pull requests are not supported in this repository.',
          },
        ],
      },
    });
    const r = await upsertPull(c.octokit, { ...base, title: 't', body: 'b', draft: true });
    expect(r.created).toBe(true);
    expect(r.warnings[0]).toMatch(/Draft pull requests are not supported/);
    expect(gh.state.pulls[0]?.draft).toBe(false);
  });

  it('truncates a body over the limit instead of failing', async () => {
    gh = await startFakeGitHub();
    const c = clientFor(gh);
    const long = 'x'.repeat(80_000);
    const r = await upsertPull(c.octokit, {
      ...base,
      title: 't',
      body: long,
      fullBodyHint: 'https://example.test/summary',
    });
    const stored = gh.state.pulls[0]?.body ?? '';
    expect(stored.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(stored).toMatch(/Truncated: this text was 80,000 characters.*https:\/\/example\.test\/summary/);
    expect(r.warnings[0]).toMatch(/truncated/);
  });

  it('keeps label failures as warnings', async () => {
    gh = await startFakeGitHub();
    const c = clientFor(gh);
    gh.failNext('POST', /\/labels$/, faults.forbidden());
    const r = await upsertPull(c.octokit, { ...base, title: 't', body: 'b', labels: ['spec'] });
    expect(r.created).toBe(true);
    expect(r.warnings[0]).toMatch(/Could not add labels spec to #1: Resource not accessible by integration/);
  });
});

describe('truncateBody', () => {
  it('leaves short bodies alone', () => {
    expect(truncateBody('hello', 10)).toBe('hello');
  });
  it('never splits a surrogate pair', () => {
    const body = '😀'.repeat(200);
    const out = truncateBody(body, 300);
    expect(out.length).toBeLessThanOrEqual(300);
    const kept = out.slice(0, out.indexOf('\n\n---'));
    expect(kept).toBe('😀'.repeat(kept.length / 2));
  });
});

describe('listPullFiles', () => {
  it('follows every page', async () => {
    const files: FakePullFile[] = Array.from({ length: 250 }, (_, i) => ({
      sha: 'a'.repeat(40),
      filename: `src/f${i}.ts`,
      status: i === 0 ? 'renamed' : 'added',
      additions: i,
      deletions: 0,
      changes: i,
      ...(i === 0 ? { previous_filename: 'src/old.ts' } : {}),
    }));
    gh = await startFakeGitHub({ pulls: [{ number: 4, head: 'x', base: 'main', files }] });
    const c = clientFor(gh);
    const got = await listPullFiles(c.octokit, { owner: 'acme', repo: 'widgets', number: 4 });
    expect(got).toHaveLength(250);
    expect(got[0]).toEqual({
      filename: 'src/f0.ts',
      status: 'renamed',
      additions: 0,
      deletions: 0,
      changes: 0,
      previousFilename: 'src/old.ts',
    });
    expect(gh.count('GET', /\/files$/)).toBe(3);
  });

  it('explains a missing PR', async () => {
    gh = await startFakeGitHub();
    const c = clientFor(gh);
    await expect(listPullFiles(c.octokit, { owner: 'acme', repo: 'widgets', number: 9 })).rejects.toThrow(
      /Could not list the files of pull request #9.*404/,
    );
  });
});

describe('title and draft follow the run status', () => {
  it('tags the title of a partial or failed run and keeps success untagged', () => {
    expect(pullTitle('Login', 'login', 'success')).toBe('Implement Login (login)');
    expect(pullTitle('Login', 'login', 'partial')).toBe('[partial] Implement Login (login)');
    expect(pullTitle('Login\n## x', 'login', 'failed')).toBe('[failed] Implement Login ## x (login)');
  });

  it('marks an existing draft ready for review through GraphQL when asked, and only then', async () => {
    gh = await startFakeGitHub({
      repos: [{ owner: 'acme', repo: 'widgets', branches: ['main', 'feat/spec-login'] }],
    });
    const c = clientFor(gh);
    const opened = await upsertPull(c.octokit, {
      ...base,
      title: '[partial] Add login',
      body: 'v1',
      draft: true,
    });
    expect(opened).toMatchObject({ created: true, draft: true });
    const stillDraft = await upsertPull(c.octokit, {
      ...base,
      title: '[partial] Add login',
      body: 'v2',
      draft: true,
    });
    expect(stillDraft.draft).toBe(true);
    expect(gh.requests.filter((r) => r.path === '/graphql')).toHaveLength(0);

    const ready = await upsertPull(c.octokit, { ...base, title: 'Add login', body: 'v3', ready: true });
    expect(ready).toMatchObject({ created: false, draft: false, warnings: [] });
    expect(gh.state.pulls[0]).toMatchObject({ title: 'Add login', body: 'v3', draft: false });
    const mutation = gh.requests.find((r) => r.path === '/graphql')!;
    expect(JSON.stringify(mutation.body)).toContain('markPullRequestReadyForReview');
    expect((mutation.body as { variables: { id: string } }).variables.id).toBe(`PR_${gh.state.pulls[0]!.id}`);

    // Already ready: no second mutation.
    await upsertPull(c.octokit, { ...base, title: 'Add login', body: 'v4', ready: true });
    expect(gh.requests.filter((r) => r.path === '/graphql')).toHaveLength(1);
  });

  it('turns a failed ready-for-review mutation into a warning: the PR is already updated', async () => {
    gh = await startFakeGitHub({
      repos: [{ owner: 'acme', repo: 'widgets', branches: ['main', 'feat/spec-login'] }],
    });
    const c = clientFor(gh);
    await upsertPull(c.octokit, { ...base, title: 'x', body: 'v1', draft: true });
    // The token may not run the mutation (a fine-grained token without pull-request write, for one).
    gh.failNext('POST', /^\/graphql$/, faults.forbidden());
    const out = await upsertPull(c.octokit, { ...base, title: 'Add login', body: 'v2', ready: true });
    expect(out.draft).toBe(true);
    expect(out.warnings.join('\n')).toMatch(
      /Could not mark #1 in acme\/widgets ready for review .*mark it ready by hand/,
    );
    expect(gh.state.pulls[0]).toMatchObject({ body: 'v2', draft: true });
  });
});

describe('a later run that does not fully succeed turns a ready PR back into a draft', () => {
  const repos = [{ owner: 'acme', repo: 'widgets', branches: ['main', 'feat/spec-login'] }];

  it('converts a ready PR to a draft through GraphQL and retitles it, and only when asked', async () => {
    gh = await startFakeGitHub({ repos });
    const c = clientFor(gh);
    await upsertPull(c.octokit, { ...base, title: 'Add login', body: 'v1' });
    expect(gh.state.pulls[0]?.draft).toBe(false);
    // Not asked (draft-on-failure off): the PR stays ready, no mutation.
    await upsertPull(c.octokit, { ...base, title: '[partial] Add login', body: 'v2', draft: false });
    expect(gh.state.pulls[0]?.draft).toBe(false);
    expect(gh.requests.filter((r) => r.path === '/graphql')).toHaveLength(0);

    const partial = await upsertPull(c.octokit, {
      ...base,
      title: '[partial] Add login',
      body: 'v3',
      draft: true,
      redraft: true,
    });
    expect(partial).toMatchObject({ created: false, draft: true, warnings: [] });
    expect(gh.state.pulls[0]).toMatchObject({ title: '[partial] Add login', body: 'v3', draft: true });
    const mutation = gh.requests.find((r) => r.path === '/graphql')!;
    expect(JSON.stringify(mutation.body)).toContain('convertPullRequestToDraft');
    expect((mutation.body as { variables: { id: string } }).variables.id).toBe(`PR_${gh.state.pulls[0]!.id}`);

    // Already a draft: no second mutation. A success afterwards marks it ready again.
    await upsertPull(c.octokit, {
      ...base,
      title: '[failed] Add login',
      body: 'v4',
      draft: true,
      redraft: true,
    });
    expect(gh.requests.filter((r) => r.path === '/graphql')).toHaveLength(1);
    const ready = await upsertPull(c.octokit, { ...base, title: 'Add login', body: 'v5', ready: true });
    expect(ready.draft).toBe(false);
    expect(gh.state.pulls[0]).toMatchObject({ title: 'Add login', draft: false });
    expect(gh.requests.filter((r) => r.path === '/graphql')).toHaveLength(2);
  });

  it('turns a failed conversion into a warning that says not to merge: the PR is already updated', async () => {
    gh = await startFakeGitHub({ repos });
    const c = clientFor(gh);
    await upsertPull(c.octokit, { ...base, title: 'Add login', body: 'v1' });
    gh.failNext('POST', /^\/graphql$/, faults.forbidden());
    const out = await upsertPull(c.octokit, {
      ...base,
      title: '[failed] Add login',
      body: 'v2',
      draft: true,
      redraft: true,
    });
    expect(out.draft).toBe(false);
    expect(out.warnings.join('\n')).toMatch(
      /Could not convert #1 in acme\/widgets back to a draft .*do not merge it as it is/,
    );
    expect(gh.state.pulls[0]).toMatchObject({ title: '[failed] Add login', body: 'v2', draft: false });
  });
});

describe('the GitHub fake answers both draft mutations as GitHub does', () => {
  it('sets isDraft both ways, and answers an unknown node with a GraphQL error', async () => {
    gh = await startFakeGitHub({ repos: [{ owner: 'acme', repo: 'widgets', branches: ['main', 'feat/x'] }] });
    const c = clientFor(gh);
    await upsertPull(c.octokit, { ...base, head: 'feat/x', title: 't', body: 'b' });
    const id = `PR_${gh.state.pulls[0]!.id}`;
    const toDraft = await c.octokit.graphql<{
      convertPullRequestToDraft: { pullRequest: { isDraft: boolean } };
    }>(
      'mutation($id: ID!) { convertPullRequestToDraft(input: { pullRequestId: $id }) { pullRequest { isDraft } } }',
      { id },
    );
    expect(toDraft.convertPullRequestToDraft.pullRequest.isDraft).toBe(true);
    expect(gh.state.pulls[0]?.draft).toBe(true);
    await expect(
      c.octokit.graphql(
        'mutation($id: ID!) { convertPullRequestToDraft(input: { pullRequestId: $id }) { pullRequest { isDraft } } }',
        { id: 'PR_nope' },
      ),
    ).rejects.toThrow(/Could not resolve to a node with the global id of 'PR_nope'/);
  });
});
