// Events the action must refuse or ignore: a fork's PR, and events sent by bots (loop protection).
import { describe, expect, it } from 'vitest';
import { startFakeAnthropic } from '../fakes/anthropic-server.js';
import { type FakeGitHub, faults, startFakeGitHub } from '../fakes/github-server.js';
import { useBundleTestResources } from '../support/test-resources.js';
import { createRepo, eventFixture, exampleSpec } from './harness.js';
import { BASE_FILES, callLog, commentsOn, originBranches, runScenario, SPEC } from './scenarios.js';

describe('action e2e: refused and ignored events', () => {
  const resources = useBundleTestResources();

  /** main already holds the spec; the fake GitHub knows a fork of the repository and its PR #43 into main. */
  async function runOn(eventName: string, fixture: string, beforeRun: (gh: FakeGitHub) => void = () => {}) {
    const repo = resources.track(
      createRepo({ ...BASE_FILES, [SPEC]: exampleSpec('product-price-filter.md') }),
    );
    const gh = resources.track(
      await startFakeGitHub({
        repos: [
          { owner: 'octo-org', repo: 'shop', collaborators: { 'alice-dev': 'write' } },
          { owner: 'mallory-fork', repo: 'shop', forkOf: 'octo-org/shop' },
        ],
        pulls: [{ number: 43, head: 'mallory-fork:main', base: 'main', user: 'mallory-fork', title: 'Spec' }],
      }),
    );
    const anthropic = resources.track(await startFakeAnthropic());
    beforeRun(gh);
    const result = await runScenario({
      repo,
      gh,
      anthropicUrl: anthropic.url,
      eventName,
      event: eventFixture(fixture),
    });
    return { repo, gh, anthropic, result };
  }

  it('a label on a fork PR is refused with an explanation on the PR', async () => {
    const { repo, gh, anthropic, result } = await runOn('pull_request', 'pull_request-labeled-fork');
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
    // pull_request events from forks get a read-only GITHUB_TOKEN.
    const { gh, anthropic, result } = await runOn('pull_request', 'pull_request-labeled-fork', (gh) =>
      gh.failNext('POST', /\/issues\/43\/comments$/, faults.forbidden()),
    );
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.outputs.status).toBe('skipped');
    expect(commentsOn(gh, 43)).toHaveLength(0);
    const warnings = result.commands.filter((c) => c.command === 'warning').map((c) => c.message);
    expect(warnings.some((w) => w.includes('comes from a fork'))).toBe(true);
    expect(warnings.some((w) => w.includes('Resource not accessible by integration'))).toBe(true);
    expect(anthropic.requests).toHaveLength(0);
  });

  it('a push by a bot (our own push of feat/spec-*) is ignored without a single API call', async () => {
    const { repo, gh, anthropic, result } = await runOn('push', 'push-bot');
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.outputs.status).toBe('skipped');
    expect(result.stdout).toMatch(/bots are ignored/);
    expect(gh.requests).toHaveLength(0);
    expect(anthropic.requests).toHaveLength(0);
    expect(originBranches(repo)).toEqual(['main']);
  });
});
