// Approval before spending, through the bundle: an estimate above `approve-above` posts the plan on the spec
// PR and stops; `/implement-spec approve` from a user with write permission starts the run on that plan, as
// long as the spec is unchanged; a changed spec is planned and asked about again; a reader cannot approve.
import { describe, expect, it } from 'vitest';
import { formatUsd } from '../../src/core/money.js';
import type { FakeGitHub } from '../fakes/github-server.js';
import { labelEvent, pushSpecEdit, startSpecPrRun } from '../support/spec-pr.js';
import { useBundleTestResources } from '../support/test-resources.js';
import { startAgentsFake, startShopGitHub } from './fakes.js';
import { createRepo, eventFixture, exampleSpec } from './harness.js';
import {
  APPROVAL_MARKER_PREFIX,
  BASE_FILES,
  commentsOn,
  FEAT_BRANCH,
  originBranches,
  PR_NUMBER,
  reactionsOn,
  runScenario,
  SPEC,
  SPEC_BRANCH,
} from './scenarios.js';

/** `comment.id` of issue_comment-approve.json. */
const APPROVE_COMMENT_ID = 2131000002;
const INPUTS = { 'approve-above': '0.01' };

const approvalComments = (gh: FakeGitHub) =>
  commentsOn(gh, PR_NUMBER).filter((c) => c.body.includes(APPROVAL_MARKER_PREFIX));
const markedHash = (body: string) =>
  new RegExp(`${APPROVAL_MARKER_PREFIX}([0-9a-f]{64}) -->`).exec(body)?.[1] ?? null;

describe('action e2e: approval before spending', () => {
  const resources = useBundleTestResources();

  async function setup(collaborators: Record<string, 'read' | 'write'> = {}) {
    const scenario = await startSpecPrRun(resources, {
      github: {
        collaborators,
        moreComments: [{ id: APPROVE_COMMENT_ID, user: 'alice-dev', body: '/implement-spec approve' }],
      },
    });
    const label = () => scenario.run('pull_request', labelEvent(), INPUTS);
    const approve = (by = 'alice-dev') =>
      scenario.run(
        'issue_comment',
        eventFixture('issue_comment-approve', (e) => {
          (e.comment as { user: { login: string } }).user.login = by;
          (e.sender as { login: string }).login = by;
        }),
        INPUTS,
      );
    const { repo, gh, anthropic } = scenario;
    return { repo, gh, anthropic, label, approve };
  }

  it('asks first, spends nothing; an approve by a writer runs the approved plan', async () => {
    const { repo, gh, anthropic, label, approve } = await setup();
    const asked = await label();
    expect(asked.code, asked.stdout + asked.stderr).toBe(0);
    expect(asked.outputs.status).toBe('awaiting-approval');
    expect(Number(asked.outputs['estimated-cost-usd'])).toBeGreaterThan(0.01);
    const requests = approvalComments(gh);
    expect(requests).toHaveLength(1);
    const hash = markedHash(requests[0]!.body);
    expect(hash).not.toBeNull();
    expect(requests[0]!.body.startsWith(`${APPROVAL_MARKER_PREFIX}${hash} -->`)).toBe(true);
    expect(requests[0]!.body).toContain(
      `Waiting for approval: estimated ${formatUsd(Number(asked.outputs['estimated-cost-usd']))}\n`,
    );
    expect(requests[0]!.body).toContain(`(approve-above: ${formatUsd(0.01)})`);
    expect(requests[0]!.body).toContain('/implement-spec approve');
    expect(requests[0]!.body).toContain('task-009');
    expect(anthropic.requests).toHaveLength(0);
    expect(originBranches(repo).sort()).toEqual(['main', SPEC_BRANCH]);
    expect(gh.state.pulls).toHaveLength(1);

    // Asking again (another label event) keeps one request comment.
    await label();
    expect(approvalComments(gh)).toHaveLength(1);
    expect(anthropic.requests).toHaveLength(0);

    const approved = await approve();
    expect(approved.code, approved.stdout + approved.stderr).toBe(0);
    expect(approved.outputs.status).toBe('success');
    expect(anthropic.requests.length).toBeGreaterThan(0);
    expect(gh.state.pulls).toHaveLength(2);
    expect(originBranches(repo)).toContain(FEAT_BRANCH);
    // What ran is the spec version that was approved.
    expect(repo.originLog(FEAT_BRANCH, '%B')).toContain(`Spec-Hash: ${hash}`);
    expect(reactionsOn(gh, APPROVE_COMMENT_ID)).toEqual(['eyes', 'rocket']);
    // The request no longer says it is waiting.
    const after = approvalComments(gh);
    expect(after).toHaveLength(1);
    expect(after[0]!.body).not.toContain('Waiting for approval');
    expect(after[0]!.body).toContain('@alice-dev');
  });

  it('a spec changed between the request and the approve is planned and asked about again', async () => {
    const { repo, gh, anthropic, label, approve } = await setup();
    await label();
    const firstHash = markedHash(approvalComments(gh)[0]!.body);

    pushSpecEdit(repo, {
      from: 'combines with the existing `category` filter using AND semantics.',
      to: 'combines with the existing `category` and `brand` filters using AND semantics.',
      message: 'Spec: brand filter too',
    });

    const again = await approve();
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.outputs.status).toBe('awaiting-approval');
    expect(anthropic.requests).toHaveLength(0);
    expect(originBranches(repo).sort()).toEqual(['main', SPEC_BRANCH]);
    const requests = approvalComments(gh);
    expect(requests).toHaveLength(1);
    const newHash = markedHash(requests[0]!.body);
    expect(newHash).not.toBeNull();
    expect(newHash).not.toBe(firstHash);
    expect(requests[0]!.body).toContain('The spec changed after the plan was posted');

    // Approving the new plan runs it.
    const approved = await approve();
    expect(approved.code, approved.stdout + approved.stderr).toBe(0);
    expect(approved.outputs.status).toBe('success');
    expect(repo.originLog(FEAT_BRANCH, '%B')).toContain(`Spec-Hash: ${newHash}`);
  });

  it('an approve by a user with read permission is refused and runs nothing', async () => {
    const { repo, gh, anthropic, label, approve } = await setup({ 'bob-reader': 'read' });
    await label();
    const before = approvalComments(gh)[0]!.body;
    const refused = await approve('bob-reader');
    expect(refused.code, refused.stdout + refused.stderr).toBe(0);
    expect(refused.outputs.status).toBe('skipped');
    expect(anthropic.requests).toHaveLength(0);
    expect(originBranches(repo).sort()).toEqual(['main', SPEC_BRANCH]);
    const replies = commentsOn(gh, PR_NUMBER).filter((c) =>
      c.body.includes('@bob-reader has `read` permission'),
    );
    expect(replies).toHaveLength(1);
    expect(approvalComments(gh)[0]!.body).toBe(before);
  });

  it('an approve with no plan waiting posts the plan instead of running', async () => {
    const { repo, gh, anthropic, approve } = await setup();
    const result = await approve();
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.outputs.status).toBe('awaiting-approval');
    expect(anthropic.requests).toHaveLength(0);
    expect(originBranches(repo).sort()).toEqual(['main', SPEC_BRANCH]);
    expect(approvalComments(gh)).toHaveLength(1);
    expect(approvalComments(gh)[0]!.body).toContain('No plan was waiting for approval');
  });

  it('with no pull request to approve on, warns with the estimate and spends nothing', async () => {
    const repo = resources.track(
      createRepo({ ...BASE_FILES, [SPEC]: exampleSpec('product-price-filter.md') }),
    );
    const gh = resources.track(await startShopGitHub());
    const anthropic = resources.track(await startAgentsFake());
    // Below a cent, where formatUsd reads differently from plain cents: the one money format.
    const approveAbove = 0.005;
    const result = await runScenario({
      repo,
      gh,
      anthropicUrl: anthropic.url,
      eventName: 'workflow_dispatch',
      event: eventFixture('workflow_dispatch', (e) => {
        (e.inputs as Record<string, string>)['dry-run'] = 'false';
      }),
      inputs: { 'approve-above': String(approveAbove) },
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.outputs.status).toBe('awaiting-approval');
    expect(anthropic.requests).toHaveLength(0);
    expect(gh.state.comments).toHaveLength(0);
    const estimate = formatUsd(Number(result.outputs['estimated-cost-usd']));
    const warning = result.commands.find(
      (c) => c.command === 'warning' && c.message.includes('approve-above'),
    );
    expect(warning?.message).toContain(
      `the estimate ${estimate} is above approve-above (${formatUsd(approveAbove)}). There is no pull request`,
    );
    expect(formatUsd(approveAbove)).toBe('$0.005');
  });
});
