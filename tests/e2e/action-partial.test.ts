// Runs that do not fully succeed: a task whose model calls keep failing (partial PR), and runs that produce
// nothing to commit (every item already done, or no code at all).
import { describe, expect, it } from 'vitest';
import { type FakeAnthropic, replies, startFakeAnthropic } from '../fakes/anthropic-server.js';
import { parseAllMermaid, tablesOf } from '../report/render-check.js';
import { cloneSpecHead, labelEvent, startSpecPrRun } from '../support/spec-pr.js';
import { useBundleTestResources } from '../support/test-resources.js';
import { generatedPath, startAgentsFake } from './fakes.js';
import {
  commentsOn,
  FEAT_BRANCH,
  originBranches,
  PR_NUMBER,
  PROGRESS_MARKER,
  runScenario,
  SPEC_BRANCH,
} from './scenarios.js';

const DEPENDANTS_OF_004 = ['task-005', 'task-006', 'task-007', 'task-008', 'task-009'];

describe('action e2e: partial and empty runs', () => {
  const resources = useBundleTestResources();

  async function labelRun(anthropic: FakeAnthropic, inputs?: Record<string, string>) {
    const { repo, gh, run } = await startSpecPrRun(resources, { anthropic });
    const result = await run('pull_request', labelEvent(), inputs);
    return { repo, gh, result };
  }

  it('a task whose model calls keep failing: partial PR with what was done, a warning, exit 0', async () => {
    const anthropic = await startAgentsFake({ failTask: 'task-004' });
    const { repo, gh, result } = await labelRun(anthropic);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.outputs.status).toBe('partial');
    const files = repo.originFiles(FEAT_BRANCH);
    for (const done of ['task-001', 'task-002', 'task-003']) expect(files).toContain(generatedPath(done));
    for (const notDone of ['task-004', ...DEPENDANTS_OF_004])
      expect(files).not.toContain(generatedPath(notDone));
    expect(repo.originLog(FEAT_BRANCH, '%B')).toContain('(partial)');

    const pr = gh.state.pulls.find((p) => p.number !== PR_NUMBER)!;
    expect(pr.base).toBe(SPEC_BRANCH);
    expect(pr.body).toMatch(/task-004[^\n]*failed/i);
    for (const t of DEPENDANTS_OF_004) expect(pr.body).toMatch(new RegExp(`${t}[^\\n]*skipped`, 'i'));
    expect(result.outputs['pr-number']).toBe(String(pr.number));
    expect(result.outputs['files-changed']).toBe('3');

    // Partial is a warning on the step, not a failure.
    expect(result.commands.filter((c) => c.command === 'error')).toHaveLength(0);
    const warning = result.commands.find(
      (c) => c.command === 'warning' && c.message.startsWith('Partial implementation'),
    );
    expect(warning?.message).toContain('task-004');
    // The failing task was retried by the SDK (persistent 500), then given up on.
    const task4Calls = anthropic.requests.filter((r) =>
      JSON.stringify(r.body.messages[0]).includes('task-004'),
    );
    expect(task4Calls.length).toBeGreaterThan(1);

    const progress = commentsOn(gh, PR_NUMBER).find((c) => c.body.includes(PROGRESS_MARKER))!;
    expect(progress.body).toContain('(finished)');
    expect(progress.body).toMatch(/3 success, 1 failed, 5 skipped/);

    // Title and draft follow the status.
    expect(pr.title).toBe('[partial] Implement Product price filter (product-price-filter)');
    expect(pr.draft).toBe(true);
    // The verdict: the alert, the failed task and every skipped one with its cause and cost vs estimate,
    // all within the first 1,500 characters.
    const top = pr.body!.slice(0, 1500);
    expect(top.startsWith('> [!WARNING]\n> **Partly implemented: Product price filter.**')).toBe(true);
    const failedLine = top.split('\n').find((l) => l.includes('**task-004**'))!;
    expect(failedLine).toMatch(
      /❌ \*\*task-004\*\* \(backend\) failed: .+ · \$[\d.]+ \(estimate \$[\d.]+\)$/,
    );
    for (const t of DEPENDANTS_OF_004) {
      expect(top).toMatch(
        new RegExp(
          `⏭ \\*\\*${t}\\*\\* \\(\\w+\\) skipped: Skipped because dependency task-00\\d.*· not run \\(estimate \\$[\\d.]+\\)`,
        ),
      );
    }
    expect(pr.body).not.toContain('-100%');
    // The same cause in the progress comment and the job summary; no error line twice in the body.
    const cause = failedLine.slice(failedLine.indexOf('failed: '), failedLine.lastIndexOf(' · '));
    expect(progress.body).toContain(cause);
    expect(result.summary).toContain(cause);
    const lines = pr.body!.split('\n').filter((l) => /failed:|error/i.test(l));
    expect(new Set(lines).size).toBe(lines.length);
    // Compact tables first, details folded; every diagram parses.
    for (const t of tablesOf(pr.body!)) if (!t.folded) expect(t.header.length).toBeLessThanOrEqual(6);
    expect(await parseAllMermaid(pr.body!)).toBe(1);
    expect(pr.body!.length).toBeLessThan(65_536);

    // A later run that succeeds marks the draft ready for review and drops the tag from the title.
    cloneSpecHead(repo);
    const healthy = resources.track(await startAgentsFake());
    const again = await runScenario({
      repo,
      gh,
      anthropicUrl: healthy.url,
      eventName: 'pull_request',
      event: labelEvent(),
    });
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.outputs.status).toBe('success');
    const same = gh.state.pulls.find((p) => p.number === pr.number)!;
    expect(gh.state.pulls).toHaveLength(2);
    expect(same.title).toBe('Implement Product price filter (product-price-filter)');
    expect(same.draft).toBe(false);
    expect(same.body!.startsWith('> [!NOTE]')).toBe(true);
    const graphql = gh.requests.filter((r) => r.path === '/graphql');
    expect(graphql).toHaveLength(1);
    expect(JSON.stringify(graphql[0]!.body)).toContain('markPullRequestReadyForReview');

    // A still later run that is partial again (fresh, task-001 now writes something new, task-004 fails) turns
    // the ready PR back into a draft and puts the tag back: a ready PR must not describe incomplete work.
    cloneSpecHead(repo);
    const failingAgain = resources.track(
      await startAgentsFake({
        failTask: 'task-004',
        write: (id) =>
          id === 'task-001'
            ? { path: generatedPath(id), content: "export const task = 'task-001 v2';\n" }
            : undefined,
      }),
    );
    const third = await runScenario({
      repo,
      gh,
      anthropicUrl: failingAgain.url,
      eventName: 'pull_request',
      event: labelEvent(),
      inputs: { fresh: 'true' },
    });
    expect(third.code, third.stdout + third.stderr).toBe(0);
    expect(third.outputs.status).toBe('partial');
    expect(third.outputs['pr-number']).toBe(String(pr.number));
    const redrafted = gh.state.pulls.find((p) => p.number === pr.number)!;
    expect(gh.state.pulls).toHaveLength(2);
    expect(redrafted.title).toBe('[partial] Implement Product price filter (product-price-filter)');
    expect(redrafted.draft).toBe(true);
    expect(redrafted.body!.startsWith('> [!WARNING]')).toBe(true);
    const mutations = gh.requests.filter((r) => r.path === '/graphql').map((r) => JSON.stringify(r.body));
    expect(mutations).toHaveLength(2);
    expect(mutations[1]).toContain('convertPullRequestToDraft');
    expect(third.commands.filter((c) => c.command === 'warning' && /convert/.test(c.message))).toEqual([]);
  });

  it('draft-on-failure: false opens a partial PR as a regular one, still tagged in the title', async () => {
    const anthropic = await startAgentsFake({ failTask: 'task-004' });
    const { gh, result } = await labelRun(anthropic, { 'draft-on-failure': 'false' });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const pr = gh.state.pulls.find((p) => p.number !== PR_NUMBER)!;
    expect(pr.title).toBe('[partial] Implement Product price filter (product-price-filter)');
    expect(pr.draft).toBe(false);
  });

  it('every task reports its items DONE without writing a file: no commit, no PR, a clear message', async () => {
    const anthropic = await startFakeAnthropic();
    anthropic.handle((req) => {
      const prompt = JSON.stringify(req.body.messages[0]?.content ?? '');
      const ids = /lists these ids: ([A-Z0-9, -]+)\./.exec(prompt)?.[1] ?? '';
      return replies.text(`Everything is already in place.\n\nDONE: ${ids}`);
    });
    const { repo, gh, result } = await labelRun(anthropic);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.outputs.status).toBe('success');
    expect(result.stdout).toContain('nothing to commit for product-price-filter; no pull request was opened');
    expect(originBranches(repo).sort()).toEqual(['main', SPEC_BRANCH]);
    expect(gh.state.pulls).toHaveLength(1);
    expect(result.outputs['pr-number']).toBeUndefined();
    expect(result.outputs['files-changed']).toBe('0');
    const progress = commentsOn(gh, PR_NUMBER).find((c) => c.body.includes(PROGRESS_MARKER))!;
    expect(progress.body).toContain('Nothing to commit.');
    expect(progress.body).toMatch(/9 success/);
  });

  it('every task produces no code: status failed, one error, nothing pushed', async () => {
    const anthropic = await startFakeAnthropic();
    anthropic.handle(() => replies.text('I looked at the repository and have nothing to add.'));
    const { repo, gh, result } = await labelRun(anthropic);
    expect(result.code).toBe(1);
    expect(result.outputs.status).toBe('failed');
    const errors = result.commands.filter((c) => c.command === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain('product-price-filter: failed');
    expect(errors[0]!.message).toContain('no code produced');
    expect(originBranches(repo).sort()).toEqual(['main', SPEC_BRANCH]);
    expect(gh.state.pulls).toHaveLength(1);
    const progress = commentsOn(gh, PR_NUMBER).find((c) => c.body.includes(PROGRESS_MARKER))!;
    expect(progress.body).toContain('Nothing to commit.');
  });
});
