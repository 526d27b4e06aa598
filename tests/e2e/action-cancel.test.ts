// A cancelled job (SIGINT from the runner) stops the agents, commits and pushes what is finished with its
// resume state, and the next run starts from the last completed task.
import type { ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { replies } from '../fakes/anthropic-server.js';
import { startPushRun } from '../support/push.js';
import { useBundleTestResources } from '../support/test-resources.js';
import { generatedPath, startAgentsFake } from './fakes.js';
import { exampleSpec } from './harness.js';

const BRANCH = 'feat/spec-product-price-filter';

describe('action e2e: a cancelled job', () => {
  const resources = useBundleTestResources();

  it('SIGINT mid-run: finished tasks are pushed with the state; the re-run resumes from there', async () => {
    let child: ChildProcess | undefined;
    let hangOn: string | null = 'task-003';
    const asked: string[] = [];
    const anthropic = await startAgentsFake({
      intercept: ({ id, answered }) => {
        if (!answered) asked.push(id);
        if (id !== hangOn) return undefined;
        // The job is cancelled while this task's call is in flight.
        setTimeout(() => child?.kill('SIGINT'), 50);
        return replies.hang();
      },
    });
    const { repo, gh, run } = await startPushRun(
      resources,
      { 'specs/product-price-filter.md': exampleSpec('product-price-filter.md') },
      { base: { 'README.md': '# shop\n' }, anthropic },
    );
    const inputs = { 'anthropic-api-key': 'k', 'github-token': 't' };

    const cancelled = await run(inputs, { onStart: (c) => (child = c) });
    expect(cancelled.stdout).toContain('Received SIGINT');
    expect(cancelled.outputs.status, cancelled.stdout + cancelled.stderr).toBe('partial');
    const files = repo.originFiles(BRANCH);
    expect(files).toContain(generatedPath('task-001'));
    expect(files).toContain(generatedPath('task-002'));
    expect(files).not.toContain(generatedPath('task-003'));
    const state = JSON.parse(repo.originShow(BRANCH, '.implement-spec/state.json'));
    expect(state.tasks['task-001'].status).toBe('success');
    expect(state.tasks['task-002'].status).toBe('success');
    expect(state.tasks['task-003']?.status).not.toBe('success');
    expect(gh.state.pulls[0]!.body).toMatch(/Stopped \(the job received SIGINT\)/);

    // The next run (say, the re-run of the job) asks the model only for what was not finished.
    hangOn = null;
    asked.length = 0;
    const resumed = await run(inputs);
    expect(resumed.outputs.status, resumed.stdout + resumed.stderr).toBe('success');
    expect(asked).not.toContain('task-001');
    expect(asked).not.toContain('task-002');
    expect(asked).toContain('task-003');
    expect(gh.state.pulls).toHaveLength(1);
    for (let i = 1; i <= 9; i++) expect(repo.originFiles(BRANCH)).toContain(generatedPath(`task-00${i}`));
  });
});
