// The gate before any spec is read (src/action/event-gate.ts, responder.ts) against the fake GitHub: help and
// bad commands are answered, actors without permission and fork PRs are refused with one reply, and an
// admitted comment gets its PR from the API.
import { describe, expect, it } from 'vitest';
import { admit } from '../../src/action/event-gate.js';
import { createResponder } from '../../src/action/responder.js';
import {
  COMMENT_ID,
  commentsOn,
  PR_NUMBER,
  reactionsOn,
  SPEC_BRANCH,
  startSpecPrGitHub,
} from '../e2e/scenarios.js';
import type { FakeRole } from '../fakes/github-server.js';
import { useTestResources } from '../support/test-resources.js';
import { actionEnv, actionInputs, fastGitHubClient, recordingLog, triggerOf } from './helpers.js';

describe('admit: the event gate', () => {
  const resources = useTestResources();

  async function gate(
    eventName: string,
    fixture: string,
    opts: { body?: string; collaborators?: Record<string, FakeRole> } = {},
  ) {
    const fake = resources.track(
      await startSpecPrGitHub(opts.collaborators ? { collaborators: opts.collaborators } : {}),
    );
    const gh = fastGitHubClient(fake);
    const log = recordingLog();
    const trigger = triggerOf(eventName, fixture, (e) => {
      if (opts.body) (e.comment as { body: string }).body = opts.body;
    });
    const env = actionEnv({ GITHUB_API_URL: fake.url });
    const responder = createResponder({ gh, repo: { owner: 'octo-org', repo: 'shop' }, trigger, log });
    const admitted = await admit({ trigger, inputs: actionInputs(), env, gh, responder, log });
    return { fake, log, admitted };
  }

  it('answers `/implement-spec --help` with the usage and does nothing else', async () => {
    const { fake, admitted } = await gate('issue_comment', 'issue_comment-created', {
      body: '/implement-spec --help',
    });
    expect(admitted).toBeNull();
    const replies = commentsOn(fake, PR_NUMBER).filter((c) =>
      c.body.includes(`implement-spec:reply:${COMMENT_ID}`),
    );
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toContain('/implement-spec');
    expect(reactionsOn(fake, COMMENT_ID)).toEqual(['eyes']);
    // The author's permission was checked first (issue 11): nobody without it gets an answer.
    expect(fake.count('GET', /permission$/)).toBe(1);
  });

  it('answers a malformed command from a read-only user with the refusal only, quoting none of it', async () => {
    const { fake, admitted } = await gate('issue_comment', 'issue_comment-created', {
      body: '/implement-spec --x=@octo-org/everyone ![p](https://evil.example/p.png)',
      collaborators: { 'alice-dev': 'read' },
    });
    expect(admitted).toBeNull();
    const bodies = commentsOn(fake, PR_NUMBER)
      .filter((c) => c.body.includes('implement-spec:reply'))
      .map((c) => c.body);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toContain('has `read` permission');
    expect(bodies[0]).not.toMatch(/octo-org\/everyone|evil\.example|Usage:/);
  });

  it('answers an unknown flag with the error, the usage and 😕', async () => {
    const { fake, admitted } = await gate('issue_comment', 'issue_comment-created', {
      body: '/implement-spec --frobnicate',
    });
    expect(admitted).toBeNull();
    const reply = commentsOn(fake, PR_NUMBER).find((c) => c.body.includes('implement-spec:reply'))!;
    expect(reply.body).toMatch(/⚠️ .*frobnicate/);
    expect(reactionsOn(fake, COMMENT_ID)).toEqual(['confused']);
  });

  it('refuses an actor below allowed-permission with one reply naming both permissions', async () => {
    const { fake, log, admitted } = await gate('pull_request', 'pull_request-labeled', {
      collaborators: { 'alice-dev': 'read' },
    });
    expect(admitted).toBeNull();
    const notice = commentsOn(fake, PR_NUMBER).filter((c) => c.body.includes('implement-spec:notice:label'));
    expect(notice).toHaveLength(1);
    expect(notice[0]!.body).toContain('@alice-dev has `read` permission');
    expect(notice[0]!.body).toContain('at least `write`');
    expect(log.warnings.join('\n')).toContain('Nothing was run');
  });

  it('refuses a PR from a fork before any spec is read, saying why', async () => {
    const { fake, log, admitted } = await gate('pull_request', 'pull_request-labeled-fork');
    expect(admitted).toBeNull();
    expect(log.warnings[0]).toContain('comes from a fork');
    // The reply goes to the fork's PR #43 (which this fake does not hold, so posting it is only attempted).
    expect(fake.requests.some((r) => r.path.startsWith('/repos/octo-org/shop/issues/43/comments'))).toBe(
      true,
    );
  });

  it('admits a run comment: the PR comes from the API, the command keeps its flags', async () => {
    const { fake, admitted } = await gate('issue_comment', 'issue_comment-created');
    expect(admitted?.pull).toEqual({
      number: PR_NUMBER,
      headRef: SPEC_BRANCH,
      baseRef: 'main',
      fromFork: false,
    });
    expect(admitted?.command).toMatchObject({
      specs: ['specs/product-price-filter.md'],
      dryRun: true,
      maxCost: 5,
    });
    expect(reactionsOn(fake, COMMENT_ID)).toEqual(['eyes']);
  });

  it('a reply that cannot be posted is a warning, not a failure', async () => {
    const fake = resources.track(await startSpecPrGitHub({ collaborators: { 'alice-dev': 'read' } }));
    fake.failNext('GET', /\/issues\/42\/comments/, {
      status: 403,
      body: { message: 'Resource not accessible' },
    });
    const gh = fastGitHubClient(fake);
    const log = recordingLog();
    const trigger = triggerOf('pull_request', 'pull_request-labeled');
    const responder = createResponder({ gh, repo: { owner: 'octo-org', repo: 'shop' }, trigger, log });
    await responder.reply(PR_NUMBER, 'hello');
    expect(log.warnings.join('\n')).toMatch(/Could not reply on #42/);
  });
});
