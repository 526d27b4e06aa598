// Resume through the bundle: a second run of the same spec takes over the tasks the first one completed
// (their files and `.implement-spec/state.json` come from the branch's old tip), runs only the rest, and
// updates the same PR. `fresh: true` starts over; a changed spec item redoes its tasks and their dependants.
// Every run starts from a fresh clone, as on a runner, so nothing carries over in the working tree.
import { describe, expect, it } from 'vitest';
import { cloneSpecHead, labelEvent, pushSpecEdit } from '../support/spec-pr.js';
import { useBundleTestResources } from '../support/test-resources.js';
import { type AgentsFakeOptions, generatedPath, requestsByTask, startAgentsFake } from './fakes.js';
import {
  exampleSpecText,
  FEAT_BRANCH,
  PR_NUMBER,
  runScenario,
  SPEC,
  specBranchRepo,
  startSpecPrGitHub,
} from './scenarios.js';

const ALL_TASKS = Array.from({ length: 9 }, (_, i) => `task-00${i + 1}`);
const STATE = '.implement-spec/state.json';

interface StateFile {
  specHash: string;
  tasks: Record<string, { status: string; files: { path: string; sha256: string }[] }>;
}

/** Task ids the model was asked about, without the review. */
const tasksRequested = (requests: { body: { messages?: unknown; tools?: unknown } }[]) =>
  Object.keys(requestsByTask(requests))
    .filter((id) => id !== 'review')
    .sort();

describe('action e2e: resume from the branch', () => {
  const resources = useBundleTestResources();

  /** The spec PR with a new fake model for each run, every run from a fresh clone (no fakes are shared). */
  async function setup(extra: Record<string, string> = {}) {
    const repo = resources.track(specBranchRepo({ path: SPEC, content: exampleSpecText() }, extra));
    const gh = resources.track(await startSpecPrGitHub());
    const run = async (opts: { agents?: AgentsFakeOptions; inputs?: Record<string, string> } = {}) => {
      cloneSpecHead(repo);
      const anthropic = resources.track(await startAgentsFake(opts.agents ?? {}));
      const result = await runScenario({
        repo,
        gh,
        anthropicUrl: anthropic.url,
        eventName: 'pull_request',
        event: labelEvent(),
        ...(opts.inputs ? { inputs: opts.inputs } : {}),
      });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      return { result, requested: tasksRequested(anthropic.requests), anthropic };
    };
    const state = () => JSON.parse(repo.originShow(FEAT_BRANCH, STATE)) as StateFile;
    return { repo, gh, run, state };
  }

  it('runs only what failed, keeps the rest, updates the PR; fresh redoes all; a changed item redoes its tasks', async () => {
    const { repo, gh, run, state } = await setup();

    // 1. task-004 keeps failing: partial, tasks 005-009 are skipped.
    const first = await run({ agents: { failTask: 'task-004' } });
    expect(first.result.outputs.status).toBe('partial');
    const firstState = state();
    expect(firstState.tasks['task-004']!.status).toBe('failed');
    expect(firstState.tasks['task-005']!.status).toBe('skipped');
    expect(firstState.tasks['task-001']!.status).toBe('success');

    // 2. A healthy model: only the failed and skipped tasks are asked for.
    const second = await run();
    expect(second.requested).toEqual([
      'task-004',
      'task-005',
      'task-006',
      'task-007',
      'task-008',
      'task-009',
    ]);
    expect(second.result.outputs.status).toBe('success');
    expect(second.result.stdout).toContain('Resuming: 3 task(s) completed by the previous run are kept.');
    const files = repo.originFiles(FEAT_BRANCH);
    for (const t of ALL_TASKS) expect(files).toContain(generatedPath(t));
    expect(repo.originShow(FEAT_BRANCH, generatedPath('task-001'))).toBe("export const task = 'task-001';\n");
    // The same PR, updated; one commit on the spec head, not stacked on the first run's.
    expect(gh.state.pulls).toHaveLength(2);
    expect(second.result.outputs['pr-number']).toBe(first.result.outputs['pr-number']);
    expect(repo.originLog(FEAT_BRANCH, '%s').trim().split('\n')).toHaveLength(3);
    // The reused tasks cost nothing this time; the PR lists all nine as done.
    const pr = gh.state.pulls.find((p) => p.number !== PR_NUMBER)!;
    expect(pr.body).toMatch(/\| task-001 \| database \|[^\n]*\| ✅ success \(reused\) \| \$0\.00 \|/);
    // No attempt, no turn this time (the folded per-task figures).
    expect(pr.body).toMatch(/^\| task-001 \| 0 \| 0 \| 0 \|/m);
    expect(pr.body).toContain('9 of 9 tasks succeeded');
    const secondState = state();
    for (const t of ALL_TASKS) expect(secondState.tasks[t]!.status, t).toBe('success');
    // The reused tasks keep their entries (files and hashes) from the first run.
    expect(secondState.tasks['task-001']).toEqual(firstState.tasks['task-001']);

    // 3. Nothing changed: a third run asks the model for no task at all, and the branch keeps every file.
    const third = await run();
    expect(third.requested).toEqual([]);
    // The review still judges the whole implementation: the reused files are shown to it.
    const review = third.anthropic.requests.find((r) =>
      JSON.stringify(r.body.tools).includes('submit_review'),
    );
    for (const t of ALL_TASKS) expect(JSON.stringify(review!.body.messages)).toContain(generatedPath(t));
    expect(third.result.outputs.status).toBe('success');
    for (const t of ALL_TASKS) expect(repo.originFiles(FEAT_BRANCH)).toContain(generatedPath(t));

    // 4. fresh: true runs every task again.
    const fresh = await run({ inputs: { fresh: 'true' } });
    expect(fresh.requested).toEqual(ALL_TASKS);
    expect(fresh.result.outputs.status).toBe('success');
    expect(gh.state.pulls).toHaveLength(2);

    // 5. FR-3 changes on the spec PR's head: its task (task-007) and the task depending on it (task-009) run.
    pushSpecEdit(repo, {
      from: 'The product list page shows a `PriceRangeInput` component with two numeric inputs and an Apply button.',
      to: 'The product list page shows a `PriceRangeInput` component with two numeric inputs, a Clear link and an Apply button.',
      message: 'Spec: add a Clear link',
    });
    const changed = await run();
    expect(changed.requested).toEqual(['task-007', 'task-009']);
    expect(changed.result.stdout).toMatch(/task-007 runs again: covered items changed: FR-3/);
    expect(changed.result.outputs.status).toBe('success');
    const changedState = state();
    expect(changedState.specHash).not.toBe(secondState.specHash);
    for (const t of ALL_TASKS) expect(changedState.tasks[t]!.status, t).toBe('success');
  });

  it('files reformatted by format-command are not taken for changed files on the next run', async () => {
    const UPPER = `import { readFileSync, writeFileSync } from 'node:fs';
for (const file of process.argv.slice(2)) writeFileSync(file, readFileSync(file, 'utf8').toUpperCase());
`;
    const { repo, run, state } = await setup({ 'upper.mjs': UPPER });
    const inputs = { 'format-command': 'node upper.mjs' };
    const first = await run({ inputs });
    expect(first.result.outputs.status).toBe('success');
    expect(repo.originShow(FEAT_BRANCH, generatedPath('task-003'))).toBe("EXPORT CONST TASK = 'TASK-003';\n");
    // The state records the committed (formatted) content.
    const { createHash } = await import('node:crypto');
    const committed = repo.originShow(FEAT_BRANCH, generatedPath('task-003'));
    expect(state().tasks['task-003']!.files[0]!.sha256).toBe(
      createHash('sha256').update(committed).digest('hex'),
    );
    const second = await run({ inputs });
    expect(second.requested).toEqual([]);
    expect(second.result.outputs.status).toBe('success');
  });
});
