// GitHub API calls of a label-triggered run of product-price-filter (9 tasks) against the fake GitHub:
//   create run: 9 requests — permission, PR files, progress comment (list + create), open-PR lookup,
//               PR create, PR edit (the note that GITHUB_TOKEN PRs run no CI, known once the author is),
//               labels, final progress edit
//   update run (same event again): 7 requests — permission, PR files, progress comment (list + edit),
//               open-PR lookup, PR update, final progress edit (labels are already there)
// Both are asserted below (COUNT_CREATE, COUNT_UPDATE), so a change in the request pattern shows up here.
import { describe, expect, it } from 'vitest';
import { labelEvent, startSpecPrRun } from '../support/spec-pr.js';
import { useBundleTestResources } from '../support/test-resources.js';
import { generatedPath } from './fakes.js';
import {
  callLog,
  commentsOn,
  FEAT_BRANCH,
  PR_NUMBER,
  PROGRESS_MARKER,
  SPEC,
  SPEC_BRANCH,
} from './scenarios.js';

const COUNT_CREATE = 9;
const COUNT_UPDATE = 7;

describe('action e2e: implement-spec label on a spec PR', () => {
  const resources = useBundleTestResources();

  it('stacks the implementation on the spec branch, opens the PR into it, and keeps a progress comment on #42', async () => {
    const { repo, gh, anthropic, run: runEvent } = await startSpecPrRun(resources);
    const specHead = repo.originLog(SPEC_BRANCH, '%H').split('\n')[0]!;
    const run = await runEvent('pull_request', labelEvent());
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.status).toBe('success');
    expect(run.outputs.branch).toBe(FEAT_BRANCH);
    // The log opens with the build and what it answers, before any API call (after the key masks).
    expect(run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'))[0]).toMatch(
      /^implement-spec \d+\.\d+\.\d+: label on pull request #42 by \S+\.$/,
    );

    // The branch starts at the spec PR's head: the spec commit is its parent, and the spec is in the tree.
    const log = repo.originLog(FEAT_BRANCH, '%H %P').split('\n').filter(Boolean);
    expect(log[0]!.split(' ')[1]).toBe(specHead);
    const files = repo.originFiles(FEAT_BRANCH);
    expect(files).toContain(SPEC);
    for (let i = 1; i <= 9; i++) expect(files).toContain(generatedPath(`task-00${i}`));

    // One new PR, stacked on the spec branch.
    expect(gh.state.pulls).toHaveLength(2);
    const pr = gh.state.pulls.find((p) => p.number !== PR_NUMBER)!;
    expect(pr.base).toBe(SPEC_BRANCH);
    expect(pr.head).toBe(`octo-org:${FEAT_BRANCH}`);
    expect(pr.title).toBe('Implement Product price filter (product-price-filter)');
    expect(pr.body).toContain('product-price-filter');
    expect(pr.body).toContain('task-009');
    expect(pr.labels).toEqual(['implement-spec:generated']);
    expect(run.outputs['pr-number']).toBe(String(pr.number));
    expect(run.outputs['pr-url']).toBe(`https://github.com/octo-org/shop/pull/${pr.number}`);

    // One progress comment on the spec PR, in its final state, pointing at the new PR.
    const progress = commentsOn(gh, PR_NUMBER).filter((c) => c.body.includes(PROGRESS_MARKER));
    expect(progress).toHaveLength(1);
    expect(progress[0]!.body.startsWith(PROGRESS_MARKER)).toBe(true);
    expect(progress[0]!.body).toContain(`Opened #${pr.number}`);
    expect(progress[0]!.body).not.toMatch(/\bpending\b|\brunning\b/);
    // A label trigger has no comment to react to.
    expect(gh.state.reactions).toHaveLength(0);

    expect(run.summary).toContain('product-price-filter');
    expect(run.summary).toContain(pr.number.toString());
    // 9 tasks × 2 turns + the review.
    expect(anthropic.requests.length).toBe(19);
    expect(gh.requests.length, callLog(gh).join('\n')).toBe(COUNT_CREATE);
  });

  it('a second label run updates the same PR and the same progress comment', async () => {
    const { repo, gh, run } = await startSpecPrRun(resources);
    const event = labelEvent();
    const first = await run('pull_request', event);
    expect(first.code, first.stdout).toBe(0);
    gh.clearRequests();
    const second = await run('pull_request', event);
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.outputs.status).toBe('success');
    expect(second.outputs['pr-number']).toBe(first.outputs['pr-number']);
    expect(gh.state.pulls).toHaveLength(2);
    expect(commentsOn(gh, PR_NUMBER).filter((c) => c.body.includes(PROGRESS_MARKER))).toHaveLength(1);
    expect(commentsOn(gh, PR_NUMBER).find((c) => c.body.includes(PROGRESS_MARKER))!.body).toContain(
      `Updated #${second.outputs['pr-number']}`,
    );
    // The branch was replaced by one new commit on the spec head, not stacked on the first run's commit.
    expect(repo.originLog(FEAT_BRANCH, '%s').trim().split('\n')).toHaveLength(3);
    expect(gh.requests.length, callLog(gh).join('\n')).toBe(COUNT_UPDATE);
  });
});
