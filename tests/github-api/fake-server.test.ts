import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, faults, startFakeGitHub } from '../fakes/github-server.js';

const run = promisify(execFile);
let gh: FakeGitHub;
afterEach(async () => {
  await gh?.close();
});

const call = (path: string, init: RequestInit = {}, token: string | null = 'tok') =>
  fetch(`${gh.url}${path}`, {
    ...init,
    headers: { ...(token ? { authorization: `token ${token}` } : {}), 'content-type': 'application/json' },
  });

describe('fake GitHub server', () => {
  it('rejects missing or unknown tokens with 401 Bad credentials and GitHub headers', async () => {
    gh = await startFakeGitHub({ tokens: ['good'] });
    const none = await call('/repos/acme/widgets', {}, null);
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(none.headers.get('x-github-request-id')).toBeTruthy();
    expect(none.headers.get('x-ratelimit-limit')).toBe('5000');
    expect(await none.json()).toMatchObject({ message: 'Bad credentials' });
    expect((await call('/repos/acme/widgets', {}, 'bad')).status).toBe(401);
    const ok = await fetch(`${gh.url}/repos/acme/widgets`, { headers: { authorization: 'Bearer good' } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ full_name: 'acme/widgets', default_branch: 'main', fork: false });
    expect(gh.count('GET', /^\/repos\/acme\/widgets$/)).toBe(3);
  });

  it('serves fork info and 404s unknown repositories and routes', async () => {
    gh = await startFakeGitHub({
      repos: [{ owner: 'me', repo: 'w', forkOf: 'acme/w', defaultBranch: 'trunk' }],
    });
    const repo = (await (await call('/repos/me/w')).json()) as Record<string, unknown>;
    expect(repo).toMatchObject({ fork: true, default_branch: 'trunk', parent: { full_name: 'acme/w' } });
    const missing = await call('/repos/acme/nope');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ message: 'Not Found' });
    expect((await call('/nowhere')).status).toBe(404);
  });

  it('refuses a second open PR for the same head and a missing base branch with 422', async () => {
    gh = await startFakeGitHub({ repos: [{ owner: 'acme', repo: 'widgets', branches: ['main', 'feat/x'] }] });
    const body = JSON.stringify({ title: 't', head: 'feat/x', base: 'main', body: 'b' });
    const first = await call('/repos/acme/widgets/pulls', { method: 'POST', body });
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toMatch(/\/pulls\/1$/);
    const second = await call('/repos/acme/widgets/pulls', { method: 'POST', body });
    expect(second.status).toBe(422);
    expect(await second.json()).toMatchObject({
      message: 'Validation Failed',
      errors: [
        {
          resource: 'PullRequest',
          code: 'custom',
          message: 'A pull request already exists for acme:feat/x.',
        },
      ],
    });
    const badBase = await call('/repos/acme/widgets/pulls', {
      method: 'POST',
      body: JSON.stringify({ title: 't', head: 'feat/x', base: 'develop' }),
    });
    expect(badBase.status).toBe(422);
    expect(await badBase.json()).toMatchObject({ errors: [{ field: 'base', code: 'invalid' }] });
    const list = (await (
      await call('/repos/acme/widgets/pulls?head=acme:feat/x&base=main')
    ).json()) as unknown[];
    expect(list).toHaveLength(1);
    expect(
      (await (await call('/repos/acme/widgets/pulls?head=acme:other')).json()) as unknown[],
    ).toHaveLength(0);
  });

  it('rejects bodies over 65,536 characters like GitHub', async () => {
    gh = await startFakeGitHub();
    const res = await call('/repos/acme/widgets/pulls', {
      method: 'POST',
      body: JSON.stringify({ title: 't', head: 'x', base: 'main', body: 'a'.repeat(65_537) }),
    });
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toContain('too long');
    expect(gh.state.pulls).toHaveLength(0);
  });

  it('paginates comments with a Link header', async () => {
    gh = await startFakeGitHub({
      issues: [{ number: 7 }],
      comments: Array.from({ length: 25 }, (_, i) => ({ issueNumber: 7, body: `c${i}` })),
    });
    const res = await call('/repos/acme/widgets/issues/7/comments?per_page=10');
    const link = res.headers.get('link') ?? '';
    expect(link).toContain('rel="next"');
    expect(link).toContain(`<${gh.url}/repos/acme/widgets/issues/7/comments?per_page=10&page=3>; rel="last"`);
    expect((await res.json()) as unknown[]).toHaveLength(10);
    const last = await call('/repos/acme/widgets/issues/7/comments?per_page=10&page=3');
    expect((await last.json()) as unknown[]).toHaveLength(5);
    expect((await call('/repos/acme/widgets/issues/8/comments')).status).toBe(404);
  });

  it('injects faults for the given number of matching requests and records them', async () => {
    gh = await startFakeGitHub();
    gh.failNext('GET', /^\/repos\/acme\/widgets$/, faults.secondaryRateLimit(3, 2));
    const a = await call('/repos/acme/widgets');
    expect(a.status).toBe(403);
    expect(a.headers.get('retry-after')).toBe('3');
    expect(((await a.json()) as { message: string }).message).toMatch(/secondary rate limit/);
    expect((await call('/repos/acme/widgets')).status).toBe(403);
    expect((await call('/repos/acme/widgets')).status).toBe(200);
    expect(gh.requests.map((r) => [r.status, r.injected])).toEqual([
      [403, true],
      [403, true],
      [200, false],
    ]);
  });

  it('answers a child process pointed at it with GITHUB_API_URL', async () => {
    gh = await startFakeGitHub({ repos: [{ owner: 'acme', repo: 'widgets', defaultBranch: 'develop' }] });
    const script =
      'const r = await fetch(process.env.GITHUB_API_URL + "/repos/acme/widgets", { headers: { authorization: "token x" } });' +
      'console.log((await r.json()).default_branch);';
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, GITHUB_API_URL: gh.url },
    });
    expect(stdout.trim()).toBe('develop');
    expect(gh.count('GET')).toBe(1);
  });
});
