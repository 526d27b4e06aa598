import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startFakeAnthropic } from '../fakes/anthropic-server.js';
import type { FakeGitHub } from '../fakes/github-server.js';
import { commentEvent, startSpecPrRun } from '../support/spec-pr.js';
import { useBundleTestResources } from '../support/test-resources.js';
import { generatedPath } from './fakes.js';
import { eventFixture } from './harness.js';
import {
  answersOnSpecPr,
  COMMENT_ID,
  callLog,
  commentsOn,
  FEAT_BRANCH,
  originBranches,
  PLAN_MARKER,
  PR_NUMBER,
  PROGRESS_MARKER,
  reactionsOn,
  SPEC,
  SPEC_BRANCH,
} from './scenarios.js';

const PlanJson = z.object({
  spec: z.object({ id: z.literal('product-price-filter'), path: z.literal(SPEC) }).loose(),
  tasks: z.array(z.object({ id: z.string(), agent: z.string() }).loose()).length(9),
  estimate: z.object({ usd: z.number().positive() }).loose(),
});

describe('action e2e: /implement-spec comment on a spec PR', () => {
  const resources = useBundleTestResources();

  async function commentScenario(commentBody: string, collaborators: Record<string, 'read' | 'write'> = {}) {
    const scenario = await startSpecPrRun(resources, { github: { commentBody, collaborators } });
    const event = commentEvent(commentBody);
    return { ...scenario, run: () => scenario.run('issue_comment', event) };
  }

  const reactions = (gh: FakeGitHub) => reactionsOn(gh, COMMENT_ID);

  it('--dry-run posts the plan on the PR, reacts 👀 then 🚀, and pushes nothing', async () => {
    const body =
      '/implement-spec specs/product-price-filter.md --dry-run --max-cost 5\r\n\r\nPlease plan this one first.';
    const { repo, gh, anthropic, run } = await commentScenario(body);
    const result = await run();
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.outputs.status).toBe('dry-run');
    expect(result.outputs.tasks).toBe('9');
    expect(Number(result.outputs['estimated-cost-usd'])).toBeGreaterThan(0);
    expect(Number(result.outputs['estimated-cost-usd'])).toBeLessThan(5);
    expect(result.outputs.plan).toBe(
      `${result.runnerTemp.dir}/implement-spec/plan-product-price-filter.json`,
    );
    const plan = PlanJson.parse(
      JSON.parse(result.runnerTemp.files['implement-spec/plan-product-price-filter.json']!),
    );
    expect(plan.estimate.usd.toFixed(4)).toBe(result.outputs['estimated-cost-usd']);

    const planComments = commentsOn(gh, PR_NUMBER).filter((c) => c.body.includes(PLAN_MARKER));
    expect(planComments).toHaveLength(1);
    expect(planComments[0]!.body).toContain('task-009');
    expect(planComments[0]!.body).toContain('without --dry-run');
    expect(reactions(gh)).toEqual(['eyes', 'rocket']);
    expect(result.summary).toContain('task-001');
    expect(originBranches(repo).sort()).toEqual(['main', SPEC_BRANCH]);
    expect(anthropic.requests).toHaveLength(0);
    expect(gh.state.pulls).toHaveLength(1);
    // permission, 👀, PR, PR files, plan comment (list + create), 🚀
    expect(gh.requests.length, callLog(gh).join('\n')).toBe(7);

    // Asking again edits the same plan comment instead of adding one.
    await run();
    expect(commentsOn(gh, PR_NUMBER).filter((c) => c.body.includes(PLAN_MARKER))).toHaveLength(1);
  });

  it('without --dry-run it implements the spec onto a stacked PR', async () => {
    const { repo, gh, anthropic, run } = await commentScenario(
      '/implement-spec specs/product-price-filter.md',
    );
    const result = await run();
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.outputs.status).toBe('success');
    expect(repo.originFiles(FEAT_BRANCH)).toContain(generatedPath('task-001'));
    const pr = gh.state.pulls.find((p) => p.number !== PR_NUMBER)!;
    expect(pr.base).toBe(SPEC_BRANCH);
    expect(reactions(gh)).toEqual(['eyes', 'rocket']);
    expect(commentsOn(gh, PR_NUMBER).filter((c) => c.body.includes(PROGRESS_MARKER))).toHaveLength(1);
    expect(anthropic.requests.length).toBeGreaterThan(0);
  });

  it('a commenter with read permission gets one reply and 😕, and nothing runs', async () => {
    const { repo, gh, anthropic, run } = await commentScenario(
      '/implement-spec specs/product-price-filter.md',
      {
        'alice-dev': 'read',
      },
    );
    const result = await run();
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.outputs.status).toBe('skipped');
    const replies = answersOnSpecPr(gh);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toContain('@alice-dev has `read` permission');
    expect(replies[0]!.body).toContain('allowed-permission');
    expect(reactions(gh)).toEqual(['confused']);
    expect(result.commands.some((c) => c.command === 'warning' && c.message.includes('alice-dev'))).toBe(
      true,
    );
    expect(anthropic.requests).toHaveLength(0);
    expect(originBranches(repo).sort()).toEqual(['main', SPEC_BRANCH]);
    // permission, 😕, reply (list + create)
    expect(gh.requests.length, callLog(gh).join('\n')).toBe(4);
  });

  it('an unknown flag is answered with the usage and 😕', async () => {
    const { gh, anthropic, run } = await commentScenario('/implement-spec --bogus');
    const result = await run();
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.outputs.status).toBe('skipped');
    const replies = answersOnSpecPr(gh);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toContain('--bogus');
    expect(replies[0]!.body).toContain('Usage:');
    expect(replies[0]!.body).toContain('--dry-run');
    expect(reactions(gh)).toEqual(['confused']);
    expect(anthropic.requests).toHaveLength(0);
  });

  it('--max-cost below the estimate: the refusal is answered on the PR, with 😕, and nothing runs', async () => {
    const { repo, gh, anthropic, run } = await commentScenario(
      '/implement-spec specs/product-price-filter.md --max-cost 0.05',
    );
    const result = await run();
    expect(result.code).toBe(1);
    expect(result.outputs.status).toBe('failed');
    const replies = answersOnSpecPr(gh);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toContain('above max-cost $0.05');
    expect(replies[0]!.body).toContain('No agent was started');
    expect(replies[0]!.body).toContain('https://github.com/octo-org/shop/actions/runs/4242');
    expect(reactions(gh)).toEqual(['eyes', 'confused']);
    const errors = result.commands.filter((c) => c.command === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain('max-cost');
    expect(anthropic.requests).toHaveLength(0);
    expect(originBranches(repo).sort()).toEqual(['main', SPEC_BRANCH]);
  });

  it('--dry-run with --max-cost below the estimate says a real run would be refused', async () => {
    const { gh, anthropic, run } = await commentScenario(
      '/implement-spec specs/product-price-filter.md --dry-run --max-cost 0.05',
    );
    const result = await run();
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.outputs.status).toBe('dry-run');
    const plan = commentsOn(gh, PR_NUMBER).find((c) => c.body.includes(PLAN_MARKER))!;
    expect(plan.body).toContain('above max-cost $0.05');
    expect(plan.body).toContain('A real run would be refused');
    expect(result.summary).toContain('A real run would be refused');
    expect(result.commands.some((c) => c.command === 'warning' && c.message.includes('above max-cost'))).toBe(
      true,
    );
    expect(anthropic.requests).toHaveLength(0);
  });

  it('a spec path that does not exist is answered on the PR', async () => {
    const { gh, anthropic, run } = await commentScenario('/implement-spec specs/nope.md');
    const result = await run();
    expect(result.code).toBe(1);
    expect(result.outputs.status).toBe('failed');
    const replies = answersOnSpecPr(gh);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toContain('specs/nope.md');
    expect(reactions(gh)).toEqual(['eyes', 'confused']);
    expect(anthropic.requests).toHaveLength(0);
  });

  it('a comment written by a bot is ignored without a single API call', async () => {
    const { gh, anthropic, run } = await startSpecPrRun(resources, { anthropic: await startFakeAnthropic() });
    const result = await run('issue_comment', eventFixture('issue_comment-bot'));
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.outputs.status).toBe('skipped');
    expect(result.stdout).toMatch(/bots are ignored/);
    expect(gh.requests).toHaveLength(0);
    expect(anthropic.requests).toHaveLength(0);
  });
});
