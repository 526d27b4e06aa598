// deliver() from src/, as the action calls it, against the loopback fake GitHub and fake Anthropic and a real
// bare origin: the label trigger end to end, the dry run of a comment, and a PR that cannot be opened.
import { afterEach, describe, expect, it } from 'vitest';
import { deliver } from '../../src/action/deliver.js';
import { ActionOutputs } from '../../src/action/outputs.js';
import { RETRY_POLICIES } from '../../src/core/retry-policy.js';
import { generatedPath, startAgentsFake } from '../e2e/fakes.js';
import {
  COMMENT_ID,
  commentsOn,
  FEAT_BRANCH,
  PLAN_MARKER,
  PR_NUMBER,
  PROGRESS_MARKER,
  reactionsOn,
  specBranchRepo,
  startSpecPrGitHub,
} from '../e2e/scenarios.js';
import { faults } from '../fakes/github-server.js';
import { useTestResources } from '../support/test-resources.js';
import {
  actionEnv,
  actionInputs,
  type RunnerFiles,
  recordingLog,
  runnerFiles,
  triggerOf,
} from './helpers.js';

const CREATE = /^\/repos\/octo-org\/shop\/pulls$/;

describe('deliver (src/action) against the fakes', () => {
  let files: RunnerFiles | undefined;
  afterEach(() => files?.reset());
  const resources = useTestResources();

  async function scenario(eventName: string, fixture: string, opts: { commentBody?: string } = {}) {
    const repo = resources.track(specBranchRepo());
    files = runnerFiles();
    const gh = resources.track(
      await startSpecPrGitHub(opts.commentBody ? { commentBody: opts.commentBody } : {}),
    );
    const anthropic = resources.track(await startAgentsFake());
    const log = recordingLog();
    const env = actionEnv({
      GITHUB_WORKSPACE: repo.work,
      GITHUB_API_URL: gh.url,
      ANTHROPIC_BASE_URL: anthropic.url,
      RUNNER_TEMP: files.dir,
    });
    const run = () =>
      deliver({
        trigger: triggerOf(eventName, fixture),
        inputs: actionInputs(),
        env,
        outputs: new ActionOutputs(),
        retryPolicy: RETRY_POLICIES.fast,
        log,
      });
    return { repo, gh, anthropic, log, run, files };
  }

  it('a label run: agents, commit, push, a PR into the spec branch, and a finished progress comment', async () => {
    const { repo, gh, anthropic, log, run, files } = await scenario('pull_request', 'pull_request-labeled');
    await run();
    const outputs = files.outputs();
    expect(outputs.status).toBe('success');
    expect(outputs.branch).toBe(FEAT_BRANCH);
    expect(repo.originFiles(FEAT_BRANCH)).toContain(generatedPath('task-009'));
    const pr = gh.state.pulls.find((p) => p.number !== PR_NUMBER)!;
    expect(pr.head).toBe(`octo-org:${FEAT_BRANCH}`);
    expect(outputs['pr-number']).toBe(String(pr.number));
    const progress = commentsOn(gh, PR_NUMBER).find((c) => c.body.includes(PROGRESS_MARKER))!;
    expect(progress.body).toContain('(finished)');
    expect(progress.body).toContain(`Opened #${pr.number}`);
    // The sequential plan logs each task in its own group, closed after the task.
    expect(log.lines).toContain(
      'group: [task-001] database: Create schema and migrations for Product, PriceRange',
    );
    expect(log.lines.filter((l) => l === 'endgroup').length).toBeGreaterThanOrEqual(9);
    // Same request pattern as the bundle's e2e test (tests/e2e/action-label.test.ts, COUNT_CREATE).
    expect(gh.requests).toHaveLength(9);
    expect(anthropic.requests.length).toBeGreaterThan(0);
    expect(files.summary()).toContain('product-price-filter');
  });

  it('a comment with --dry-run: the plan as a PR comment and 🚀, no model call, no branch', async () => {
    const { repo, gh, anthropic, run, files } = await scenario('issue_comment', 'issue_comment-created');
    await run();
    expect(files.outputs().status).toBe('dry-run');
    expect(commentsOn(gh, PR_NUMBER).some((c) => c.body.startsWith(PLAN_MARKER))).toBe(true);
    expect(reactionsOn(gh, COMMENT_ID)).toEqual(['eyes', 'rocket']);
    expect(anthropic.requests).toHaveLength(0);
    expect(() => repo.originFiles(FEAT_BRANCH)).toThrow();
  });

  it('a PR that cannot be opened (403): a ReportedError, explained once (in the progress comment), branch output set', async () => {
    const { repo, gh, run, files } = await scenario('pull_request', 'pull_request-labeled');
    gh.failNext('POST', CREATE, faults.actionsCannotCreatePullRequests());
    const failure = await run().then(
      () => null,
      (err: unknown) => err,
    );
    expect((failure as Error).name).toBe('ReportedError');
    expect((failure as Error).message).toContain('Allow GitHub Actions to create and approve pull requests');
    expect(repo.originFiles(FEAT_BRANCH)).toContain(generatedPath('task-009'));
    expect(files.outputs().branch).toBe(FEAT_BRANCH);
    const comments = commentsOn(gh, PR_NUMBER);
    expect(comments.find((c) => c.body.includes(PROGRESS_MARKER))!.body).toContain('not permitted to create');
    // No second comment repeating the failure: only the progress comment (and the seeded command comment).
    expect(comments.filter((c) => c.body.includes('implement-spec:notice'))).toEqual([]);
    expect(files.summary()).toContain('implement-spec stopped');
  });
});
