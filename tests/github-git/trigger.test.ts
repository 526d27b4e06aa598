import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveTrigger, type Trigger, TriggerInputError } from '../../src/github/trigger.js';

const fixtureDir = new URL('../fixtures/events/', import.meta.url);

// biome-ignore lint/suspicious/noExplicitAny: fixtures are raw webhook JSON
function fixture(name: string): any {
  return JSON.parse(readFileSync(new URL(name, fixtureDir), 'utf8'));
}

function resolve(
  eventName: string,
  payload: unknown,
  overrides: { enablePullRequest?: boolean } = {},
): Trigger {
  return resolveTrigger({
    eventName,
    payload,
    triggerLabel: 'implement-spec',
    command: '/implement-spec',
    enablePullRequest: overrides.enablePullRequest ?? true,
  });
}

function expectIgnored(trigger: Trigger, reason: RegExp) {
  expect(trigger.kind).toBe('ignore');
  if (trigger.kind === 'ignore') expect(trigger.reason).toMatch(reason);
}

describe('resolveTrigger: push', () => {
  it('resolves an ordinary branch push', () => {
    expect(resolve('push', fixture('push.json'))).toEqual({
      kind: 'push',
      ref: 'refs/heads/main',
      branch: 'main',
      before: '89e6c98d92887913cadf06b2adb97f26cde4849b',
      after: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
      created: false,
      forced: false,
      actor: 'alice-dev',
      actorIsBot: false,
    });
  });

  it('marks a new branch as created, keeping the zero before-sha', () => {
    const trigger = resolve('push', fixture('push-new-branch.json'));
    expect(trigger).toMatchObject({
      kind: 'push',
      branch: 'spec/product-price-filter',
      created: true,
      forced: false,
      before: '0'.repeat(40),
    });
  });

  it('marks a force push', () => {
    expect(resolve('push', fixture('push-force.json'))).toMatchObject({
      kind: 'push',
      forced: true,
      created: false,
    });
  });

  it('ignores a branch deletion', () => {
    expectIgnored(resolve('push', fixture('push-delete.json')), /spec\/product-price-filter.*deleted/);
  });

  it('ignores a tag push', () => {
    expectIgnored(resolve('push', fixture('push-tag.json')), /tag "v1\.2\.0"/);
  });

  it('ignores pushes by bots', () => {
    const trigger = resolve('push', fixture('push-bot.json'));
    expectIgnored(trigger, /bot "github-actions\[bot\]"/);
    expect(trigger).toMatchObject({ actor: 'github-actions[bot]', actorIsBot: true });
  });

  it('raises a clear error for a push payload without "after"', () => {
    const payload = fixture('push.json');
    delete payload.after;
    expect(() => resolve('push', payload)).toThrow(TriggerInputError);
    expect(() => resolve('push', payload)).toThrow(/"after"/);
  });
});

describe('resolveTrigger: pull_request', () => {
  it('resolves opened', () => {
    expect(resolve('pull_request', fixture('pull_request-opened.json'))).toEqual({
      kind: 'pull_request',
      action: 'opened',
      number: 42,
      headRef: 'spec/product-price-filter',
      headSha: 'c0ffee254729296a45a3885639ac7c6e8f4f2a11',
      baseRef: 'main',
      fromFork: false,
      actor: 'alice-dev',
      actorIsBot: false,
    });
  });

  it('resolves synchronize with the new head sha', () => {
    expect(resolve('pull_request', fixture('pull_request-synchronize.json'))).toMatchObject({
      kind: 'pull_request',
      action: 'synchronize',
      headSha: 'deadbeefcafe0123456789abcdef0123456789ab',
    });
  });

  it('ignores pull_request events when they are not enabled', () => {
    expectIgnored(
      resolve('pull_request', fixture('pull_request-opened.json'), { enablePullRequest: false }),
      /disabled/,
    );
  });

  it('detects a pull request from a fork', () => {
    expect(resolve('pull_request', fixture('pull_request-opened-fork.json'))).toMatchObject({
      kind: 'pull_request',
      number: 43,
      fromFork: true,
      actor: 'mallory-fork',
    });
  });

  it('treats a deleted head repository as a fork', () => {
    const payload = fixture('pull_request-opened.json');
    payload.pull_request.head.repo = null;
    expect(resolve('pull_request', payload)).toMatchObject({ kind: 'pull_request', fromFork: true });
  });

  it('ignores other pull_request actions', () => {
    const payload = fixture('pull_request-opened.json');
    payload.action = 'closed';
    expectIgnored(resolve('pull_request', payload), /"closed" is not handled/);
  });
});

describe('resolveTrigger: label', () => {
  it('resolves the trigger label, even when pull_request events are disabled', () => {
    expect(
      resolve('pull_request', fixture('pull_request-labeled.json'), { enablePullRequest: false }),
    ).toEqual({
      kind: 'label',
      number: 42,
      headRef: 'spec/product-price-filter',
      headSha: 'c0ffee254729296a45a3885639ac7c6e8f4f2a11',
      baseRef: 'main',
      fromFork: false,
      actor: 'alice-dev',
      actorIsBot: false,
    });
  });

  it('ignores any other label', () => {
    expectIgnored(
      resolve('pull_request', fixture('pull_request-labeled-other.json')),
      /"enhancement" is not/,
    );
  });

  it('reports a labeled fork pull request as from a fork', () => {
    expect(resolve('pull_request', fixture('pull_request-labeled-fork.json'))).toMatchObject({
      kind: 'label',
      number: 43,
      headRef: 'main',
      fromFork: true,
      actor: 'alice-dev',
    });
  });
});

describe('resolveTrigger: issue_comment', () => {
  it('resolves a new command comment on a pull request', () => {
    const payload = fixture('issue_comment-created.json');
    expect(resolve('issue_comment', payload)).toEqual({
      kind: 'comment',
      number: 42,
      commentId: 2131000001,
      body: payload.comment.body,
      command: { kind: 'run', specs: ['specs/product-price-filter.md'], dryRun: true, maxCost: 5 },
      actor: 'alice-dev',
      actorIsBot: false,
    });
  });

  it('resolves approve', () => {
    expect(resolve('issue_comment', fixture('issue_comment-approve.json'))).toMatchObject({
      kind: 'comment',
      command: { kind: 'approve' },
    });
  });

  it('passes a malformed command through as an error so the action can answer with usage', () => {
    const trigger = resolve('issue_comment', fixture('issue_comment-injection.json'));
    expect(trigger.kind).toBe('comment');
    if (trigger.kind === 'comment') {
      expect(trigger.command.kind).toBe('error');
      if (trigger.command.kind === 'error') expect(trigger.command.usage).toContain('Usage:');
    }
  });

  it('ignores edited comments', () => {
    expectIgnored(resolve('issue_comment', fixture('issue_comment-edited.json')), /edited/);
  });

  it('ignores comments on plain issues', () => {
    expectIgnored(resolve('issue_comment', fixture('issue_comment-plain-issue.json')), /#7 is an issue/);
  });

  it('ignores comments that do not start with the command', () => {
    expectIgnored(resolve('issue_comment', fixture('issue_comment-not-command.json')), /does not start with/);
  });

  it('ignores comments by bots', () => {
    expectIgnored(resolve('issue_comment', fixture('issue_comment-bot.json')), /bot/);
  });

  it('recognises a bot by login suffix even without sender.type', () => {
    const payload = fixture('issue_comment-created.json');
    payload.sender = { login: 'renovate[bot]' };
    expect(resolve('issue_comment', payload)).toMatchObject({ kind: 'ignore', actorIsBot: true });
  });
});

describe('resolveTrigger: workflow_dispatch', () => {
  it('resolves the inputs', () => {
    expect(resolve('workflow_dispatch', fixture('workflow_dispatch.json'))).toEqual({
      kind: 'dispatch',
      ref: 'refs/heads/main',
      branch: 'main',
      spec: 'specs/product-price-filter.md',
      dryRun: true,
      actor: 'alice-dev',
      actorIsBot: false,
    });
  });

  it('leaves optional inputs out when they are empty', () => {
    const payload = fixture('workflow_dispatch.json');
    payload.inputs = { spec: '  ', 'dry-run': '' };
    expect(resolve('workflow_dispatch', payload)).toEqual({
      kind: 'dispatch',
      ref: 'refs/heads/main',
      branch: 'main',
      actor: 'alice-dev',
      actorIsBot: false,
    });
    payload.inputs = null;
    expect(resolve('workflow_dispatch', payload)).toMatchObject({ kind: 'dispatch', branch: 'main' });
  });

  it('accepts boolean dry-run values and the dry_run spelling', () => {
    const payload = fixture('workflow_dispatch.json');
    payload.inputs = { dry_run: false };
    expect(resolve('workflow_dispatch', payload)).toMatchObject({ dryRun: false });
  });

  it('rejects a spec input that escapes the repository, naming the input', () => {
    const payload = fixture('workflow_dispatch.json');
    payload.inputs.spec = '../../etc/passwd';
    expect(() => resolve('workflow_dispatch', payload)).toThrow(/input "spec".*"\.\."/);
    payload.inputs.spec = 'specs/a.md; rm -rf /';
    expect(() => resolve('workflow_dispatch', payload)).toThrow(TriggerInputError);
  });

  it('rejects a dry-run input that is not a boolean', () => {
    const payload = fixture('workflow_dispatch.json');
    payload.inputs['dry-run'] = 'maybe';
    expect(() => resolve('workflow_dispatch', payload)).toThrow(/"dry-run" must be true or false/);
  });

  it('ignores a dispatch on a tag', () => {
    const payload = fixture('workflow_dispatch.json');
    payload.ref = 'refs/tags/v1.2.0';
    expectIgnored(resolve('workflow_dispatch', payload), /not on a branch/);
  });
});

describe('resolveTrigger: other events', () => {
  it('ignores unsupported events with the event name in the reason', () => {
    expectIgnored(resolve('schedule', { schedule: '0 0 * * *' }), /"schedule" is not supported/);
    expectIgnored(resolve('pull_request_target', fixture('pull_request-opened.json')), /not supported/);
  });

  it('does not crash on a missing payload', () => {
    expectIgnored(resolve('release', undefined), /not supported/);
    expect(() => resolve('push', null)).toThrow(TriggerInputError);
  });
});
