import { afterEach, describe, expect, it } from 'vitest';
import { createGitHubClient, explainGitHubError } from '../../src/github/client.js';
import { type FakeGitHub, faults, startFakeGitHub } from '../fakes/github-server.js';
import { clientFor } from './helpers.js';

let gh: FakeGitHub;
afterEach(async () => {
  await gh?.close();
});

const getRepo = (c: ReturnType<typeof clientFor>) =>
  c.octokit.rest.repos.get({ owner: 'acme', repo: 'widgets' });

describe('createGitHubClient', () => {
  it('counts every HTTP request, including retries', async () => {
    gh = await startFakeGitHub();
    const c = clientFor(gh);
    await getRepo(c);
    await getRepo(c);
    expect(c.calls()).toBe(2);
    gh.failNext('GET', /^\/repos\/acme\/widgets$/, faults.serverError(502, 2));
    const { data } = await getRepo(c);
    expect(data.default_branch).toBe('main');
    expect(c.calls()).toBe(5);
    expect(c.calls()).toBe(gh.requests.length);
  });

  it('retries 5xx up to `retries` times, then fails with the status', async () => {
    gh = await startFakeGitHub();
    const c = clientFor(gh, { retries: 1 });
    gh.failNext('GET', /^\/repos\/acme\/widgets$/, faults.serverError(503, 5));
    const err = await getRepo(c).catch((e: unknown) => e);
    expect((err as { status: number }).status).toBe(503);
    expect(gh.count('GET')).toBe(2);
  });

  it('waits out a secondary rate limit (retry-after) and logs it', async () => {
    gh = await startFakeGitHub();
    const c = clientFor(gh);
    gh.failNext('GET', /^\/repos\/acme\/widgets$/, faults.secondaryRateLimit(2));
    await getRepo(c);
    expect(gh.count('GET')).toBe(2);
    expect(c.logs.join('\n')).toMatch(
      /secondary rate limit hit on GET \/repos\/acme\/widgets; retrying in 2s \(retry 1\/2\)/,
    );
  });

  it('gives up after two rate-limit retries', async () => {
    gh = await startFakeGitHub();
    const c = clientFor(gh);
    gh.failNext('GET', /^\/repos\/acme\/widgets$/, faults.secondaryRateLimit(1, 10));
    const err = await getRepo(c).catch((e: unknown) => e);
    expect((err as { status: number }).status).toBe(403);
    expect(gh.count('GET')).toBe(3);
    expect(c.logs.join('\n')).toMatch(/gave up after 2 retries/);
  });

  it('retries a primary rate limit once it resets', async () => {
    gh = await startFakeGitHub();
    const c = clientFor(gh);
    gh.failNext('GET', /^\/repos\/acme\/widgets$/, faults.rateLimited(1));
    await getRepo(c);
    expect(gh.count('GET')).toBe(2);
    expect(c.logs.some((l) => l.includes('GitHub rate limit hit'))).toBe(true);
  });

  it('retries a 429 and then succeeds', async () => {
    gh = await startFakeGitHub();
    const c = clientFor(gh);
    gh.failNext('GET', /^\/repos\/acme\/widgets$/, faults.tooManyRequests(1));
    await getRepo(c);
    expect(gh.count('GET')).toBe(2);
  });

  it('does not retry 401 and explains it clearly', async () => {
    gh = await startFakeGitHub({ tokens: ['the-real-one'] });
    const c = clientFor(gh);
    const err = await getRepo(c).catch((e: unknown) => e);
    expect(gh.count('GET')).toBe(1);
    const explained = explainGitHubError(err, 'read the repository');
    expect(explained.message).toContain(
      'Could not read the repository: GitHub answered 401 (Bad credentials)',
    );
    expect(explained.message).toContain('github-token');
  });

  it('sends the token as an Authorization header and honours GITHUB_API_URL', async () => {
    gh = await startFakeGitHub({ tokens: ['abc'] });
    const saved = process.env.GITHUB_API_URL;
    process.env.GITHUB_API_URL = gh.url;
    try {
      const c = createGitHubClient({ token: 'abc', throttle: { writePacing: false } });
      await c.octokit.rest.repos.get({ owner: 'acme', repo: 'widgets' });
      expect(gh.requests[0]?.headers.authorization).toBe('token abc');
    } finally {
      if (saved === undefined) delete process.env.GITHUB_API_URL;
      else process.env.GITHUB_API_URL = saved;
    }
  });

  it('refuses an empty token with a message saying what to set', () => {
    expect(() => createGitHubClient({ token: '' })).toThrow(/github-token/);
  });

  it('explains network failures without a status', () => {
    const e = explainGitHubError(new Error('connect ECONNREFUSED'), 'list pull requests');
    expect(e.message).toMatch(/Could not list pull requests: connect ECONNREFUSED.*GITHUB_API_URL/);
  });
});
