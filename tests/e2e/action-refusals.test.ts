// Events the action must refuse or ignore: a fork's PR, and events sent by bots (loop protection).
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropic } from '../fakes/anthropic-server.js';
import { faults, startFakeGitHub } from '../fakes/github-server.js';
import { createRepo, eventFixture, exampleSpec, hasBundle, type Repo } from './harness.js';
import { BASE_FILES, callLog, commentsOn, originBranches, runScenario, SPEC } from './scenarios.js';

describe('action e2e: refused and ignored events', () => {
  let repo: Repo | undefined;
  const closers: (() => Promise<void>)[] = [];
  beforeAll(() => {
    expect(hasBundle(), 'dist/index.js is missing: run npm run build').toBe(true);
  });
  afterEach(async () => {
    for (const c of closers.splice(0)) await c();
    repo?.cleanup();
  });

  async function fakes() {
    const gh = await startFakeGitHub({
      repos: [
        { owner: 'octo-org', repo: 'shop', collaborators: { 'alice-dev': 'write' } },
        { owner: 'mallory-fork', repo: 'shop', forkOf: 'octo-org/shop' },
      ],
      pulls: [{ number: 43, head: 'mallory-fork:main', base: 'main', user: 'mallory-fork', title: 'Spec' }],
    });
    const anthropic = await startFakeAnthropic();
    closers.push(
      () => gh.close(),
      () => anthropic.close(),
    );
    return { gh, anthropic };
  }

  it('a label on a fork PR is refused with an explanation on the PR', async () => {
    repo = createRepo({ ...BASE_FILES, [SPEC]: exampleSpec('product-price-filter.md') });
    const { gh, anthropic } = await fakes();
    const result = await runScenario({
      repo,
      gh,
      anthropicUrl: anthropic.url,
      eventName: 'pull_request',
      event: eventFixture('pull_request-labeled-fork'),
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.outputs.status).toBe('skipped');
    const comments = commentsOn(gh, 43);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('comes from a fork');
    expect(comments[0]!.body).toContain('Push the spec branch to this repository');
    expect(result.commands.some((c) => c.command === 'warning' && c.message.includes('fork'))).toBe(true);
    expect(anthropic.requests).toHaveLength(0);
    expect(gh.state.pulls).toHaveLength(1);
    expect(originBranches(repo)).toEqual(['main']);
    // permission of the labeller, then the refusal (list + create)
    expect(gh.requests.length, callLog(gh).join('\n')).toBe(3);
  });

  it('a fork refusal the read-only token cannot post is still a clean skip', async () => {
    repo = createRepo({ ...BASE_FILES, [SPEC]: exampleSpec('product-price-filter.md') });
    const { gh, anthropic } = await fakes();
    // pull_request events from forks get a read-only GITHUB_TOKEN.
    gh.failNext('POST', /\/issues\/43\/comments$/, faults.forbidden());
    const result = await runScenario({
      repo,
      gh,
      anthropicUrl: anthropic.url,
      eventName: 'pull_request',
      event: eventFixture('pull_request-labeled-fork'),
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.outputs.status).toBe('skipped');
    expect(commentsOn(gh, 43)).toHaveLength(0);
    const warnings = result.commands.filter((c) => c.command === 'warning').map((c) => c.message);
    expect(warnings.some((w) => w.includes('comes from a fork'))).toBe(true);
    expect(warnings.some((w) => w.includes('Resource not accessible by integration'))).toBe(true);
    expect(anthropic.requests).toHaveLength(0);
  });

  it('a push by a bot (our own push of feat/spec-*) is ignored without a single API call', async () => {
    repo = createRepo({ ...BASE_FILES, [SPEC]: exampleSpec('product-price-filter.md') });
    const { gh, anthropic } = await fakes();
    const result = await runScenario({
      repo,
      gh,
      anthropicUrl: anthropic.url,
      eventName: 'push',
      event: eventFixture('push-bot'),
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.outputs.status).toBe('skipped');
    expect(result.stdout).toMatch(/bots are ignored/);
    expect(gh.requests).toHaveLength(0);
    expect(anthropic.requests).toHaveLength(0);
    expect(originBranches(repo)).toEqual(['main']);
  });
});
