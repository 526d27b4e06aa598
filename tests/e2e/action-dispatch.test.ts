import { describe, expect, it } from 'vitest';
import { useBundleTestResources } from '../support/test-resources.js';
import { generatedPath, startAgentsFake, startShopGitHub } from './fakes.js';
import { createRepo, eventFixture, exampleSpec } from './harness.js';
import { BASE_FILES, callLog, FEAT_BRANCH, originBranches, runScenario, SPEC } from './scenarios.js';

describe('action e2e: workflow_dispatch with a spec input', () => {
  const resources = useBundleTestResources();

  async function dispatchScenario(dryRun: 'true' | 'false') {
    const repo = resources.track(
      createRepo({ ...BASE_FILES, [SPEC]: exampleSpec('product-price-filter.md') }),
    );
    const gh = resources.track(await startShopGitHub());
    const anthropic = resources.track(await startAgentsFake());
    const event = eventFixture('workflow_dispatch', (e) => {
      (e.inputs as Record<string, string>)['dry-run'] = dryRun;
    });
    const result = await runScenario({
      repo,
      gh,
      anthropicUrl: anthropic.url,
      eventName: 'workflow_dispatch',
      event,
    });
    return { repo, gh, anthropic, result };
  }

  it('dry-run: the plan goes to the job summary; no model call, no branch, no PR', async () => {
    const { repo, gh, anthropic, result } = await dispatchScenario('true');
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.outputs.status).toBe('dry-run');
    expect(result.outputs.ready).toBe('true');
    expect(result.outputs.tasks).toBe('9');
    expect(result.outputs.plan).toMatch(/implement-spec\/plan-product-price-filter\.json$/);
    expect(result.summary).toContain('spec validation');
    for (let i = 1; i <= 9; i++) expect(result.summary).toContain(`task-00${i}`);
    expect(result.summary).toMatch(/\$0\.\d\d/);
    expect(anthropic.requests).toHaveLength(0);
    expect(originBranches(repo)).toEqual(['main']);
    expect(gh.state.pulls).toHaveLength(0);
    expect(gh.state.comments).toHaveLength(0);
    // Only the actor's permission.
    expect(callLog(gh)).toEqual(['GET /repos/octo-org/shop/collaborators/alice-dev/permission → 200']);
  });

  it('real run: a PR against the dispatched branch', async () => {
    const { repo, gh, anthropic, result } = await dispatchScenario('false');
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.outputs.status).toBe('success');
    expect(repo.originFiles(FEAT_BRANCH)).toContain(generatedPath('task-009'));
    expect(gh.state.pulls).toHaveLength(1);
    expect(gh.state.pulls[0]!.base).toBe('main');
    expect(gh.state.pulls[0]!.head).toBe(`octo-org:${FEAT_BRANCH}`);
    expect(result.outputs['pr-number']).toBe(String(gh.state.pulls[0]!.number));
    // No PR to comment on: no progress comment.
    expect(gh.state.comments).toHaveLength(0);
    expect(anthropic.requests.length).toBeGreaterThan(0);
    // permission, open-PR lookup, create, edit (the no-CI note), labels
    expect(gh.requests.length, callLog(gh).join('\n')).toBe(5);
  });
});
