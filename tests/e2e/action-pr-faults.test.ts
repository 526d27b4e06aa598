// What GitHub can answer when the PR is opened: a race with another run (422), Actions not allowed to open PRs
// (403), a transient server error (5xx). The branch is pushed before the PR call, so the work is never lost.
import { describe, expect, it } from 'vitest';
import { faults } from '../fakes/github-server.js';
import { labelEvent, startSpecPrRun } from '../support/spec-pr.js';
import { useBundleTestResources } from '../support/test-resources.js';
import { generatedPath } from './fakes.js';
import { callLog, commentsOn, FEAT_BRANCH, PR_NUMBER, PROGRESS_MARKER, SPEC_BRANCH } from './scenarios.js';

const CREATE = /^\/repos\/octo-org\/shop\/pulls$/;

describe('action e2e: GitHub faults when opening the implementation PR', () => {
  const resources = useBundleTestResources();

  async function labelScenario() {
    const scenario = await startSpecPrRun(resources);
    return { ...scenario, run: () => scenario.run('pull_request', labelEvent()) };
  }

  it('422 "A pull request already exists" (another run won the race): finds that PR and updates it', async () => {
    const { gh, run } = await labelScenario();
    // The other run's PR exists, but our lookup ran before it was opened and saw none.
    gh.state.pulls.push({
      ...gh.state.pulls[0]!,
      number: 77,
      id: 9077,
      title: 'Opened by the other run',
      body: 'old body',
      head: `octo-org:${FEAT_BRANCH}`,
      base: SPEC_BRANCH,
      labels: [],
      files: [],
    });
    gh.failNext('GET', CREATE, { status: 200, body: [] });
    const result = await run();
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.outputs.status).toBe('success');
    expect(result.outputs['pr-number']).toBe('77');
    expect(gh.state.pulls).toHaveLength(2);
    const pr = gh.state.pulls.find((p) => p.number === 77)!;
    expect(pr.title).toBe('Implement Product price filter (product-price-filter)');
    expect(pr.body).toContain('task-009');
    expect(pr.labels).toEqual(['implement-spec:generated']);
    const create = gh.requests.filter((r) => r.method === 'POST' && CREATE.test(r.path));
    expect(create.map((r) => r.status)).toEqual([422]);
    expect(gh.count('PATCH', /\/pulls\/77$/)).toBe(1);
    expect(commentsOn(gh, PR_NUMBER).find((c) => c.body.includes(PROGRESS_MARKER))!.body).toContain(
      'Updated #77',
    );
  });

  it('403 "not permitted to create pull requests": fails naming the setting, and the branch is pushed', async () => {
    const { repo, gh, run } = await labelScenario();
    gh.failNext('POST', CREATE, faults.actionsCannotCreatePullRequests());
    const result = await run();
    expect(result.code).toBe(1);
    expect(result.outputs.status).toBe('failed');
    const errors = result.commands.filter((c) => c.command === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain('Allow GitHub Actions to create and approve pull requests');
    expect(errors[0]!.message).toContain(FEAT_BRANCH);
    // The work is not lost: the branch with every generated file is in origin, and the outputs say where.
    expect(repo.originFiles(FEAT_BRANCH)).toContain(generatedPath('task-009'));
    expect(result.outputs.branch).toBe(FEAT_BRANCH);
    expect(gh.state.pulls).toHaveLength(1);
    // The progress comment is left in a final state that says what happened, not "running".
    const progress = commentsOn(gh, PR_NUMBER).find((c) => c.body.includes(PROGRESS_MARKER))!;
    expect(progress.body).toContain('(finished)');
    expect(progress.body).toContain('not permitted to create pull requests');
    expect(result.summary).toContain('feat/spec-product-price-filter');
    // 403 is not retried.
    expect(gh.count('POST', CREATE)).toBe(1);
  });

  it('a 502 on PR creation is retried and the run succeeds', async () => {
    const { gh, run } = await labelScenario();
    gh.failNext('POST', CREATE, faults.serverError(502));
    const result = await run();
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.outputs.status).toBe('success');
    expect(
      gh.requests.filter((r) => r.method === 'POST' && CREATE.test(r.path)).map((r) => r.status),
    ).toEqual([502, 201]);
    expect(gh.state.pulls).toHaveLength(2);
    // The create run's 9 requests plus the retried one.
    expect(gh.requests.length, callLog(gh).join('\n')).toBe(10);
  });
});
