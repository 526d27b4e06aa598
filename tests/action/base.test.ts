// Step 4 (src/action/base.ts): where the implementation branch starts and which branch its PR goes into, on a
// real checkout with a bare origin.
import { describe, expect, it } from 'vitest';
import { resolveBase } from '../../src/action/base.js';
import { createGit } from '../../src/github/git.js';
import { git } from '../e2e/harness.js';
import { SPEC_BRANCH, specBranchRepo, startSpecPrGitHub } from '../e2e/scenarios.js';
import { useTestResources } from '../support/test-resources.js';
import { actionEnv, actionInputs, fastGitHubClient, triggerOf } from './helpers.js';

describe('resolveBase', () => {
  const resources = useTestResources();

  async function setUp() {
    const repo = resources.track(specBranchRepo());
    const fake = resources.track(await startSpecPrGitHub());
    const gh = fastGitHubClient(fake);
    const env = actionEnv({ GITHUB_WORKSPACE: repo.work, GITHUB_API_URL: fake.url });
    return { repo, gh, env, g: createGit(repo.work) };
  }

  it("a PR trigger stacks on the PR's head branch, fetched from origin", async () => {
    const { repo, gh, env, g } = await setUp();
    git(repo.work, 'checkout', '--quiet', 'main');
    const where = await resolveBase({
      trigger: triggerOf('pull_request', 'pull_request-labeled'),
      pull: { number: 42, headRef: SPEC_BRANCH, baseRef: 'main', fromFork: false },
      inputs: actionInputs(),
      env,
      gh,
      git: g,
    });
    expect(where).toEqual({
      base: SPEC_BRANCH,
      startPoint: git(repo.origin, 'rev-parse', SPEC_BRANCH).trim(),
    });
  });

  it('the base input overrides a dispatch: that branch, at its tip in origin', async () => {
    const { repo, gh, env, g } = await setUp();
    const where = await resolveBase({
      trigger: triggerOf('workflow_dispatch', 'workflow_dispatch'),
      pull: null,
      inputs: actionInputs({ base: 'main' }),
      env,
      gh,
      git: g,
    });
    expect(where).toEqual({ base: 'main', startPoint: git(repo.origin, 'rev-parse', 'main').trim() });
  });

  it('a dispatch without base input goes into the dispatched branch from the checked-out commit', async () => {
    const { repo, gh, env, g } = await setUp();
    const where = await resolveBase({
      trigger: triggerOf('workflow_dispatch', 'workflow_dispatch'),
      pull: null,
      inputs: actionInputs(),
      env,
      gh,
      git: g,
    });
    expect(where).toEqual({ base: 'main', startPoint: repo.head() });
  });
});
