// The action's progress view (src/action/progress.ts) fed through the shared progressReporter: log groups per
// task for sequential plans, and the PR progress comment on the fake GitHub, finished with its note.
import { describe, expect, it } from 'vitest';
import { createRunProgress, progressMarker } from '../../src/action/progress.js';
import { Budget } from '../../src/core/budget.js';
import { priceOf } from '../../src/core/prices.js';
import { progressReporter } from '../../src/run/start-run.js';
import { startSpecPrGitHub } from '../e2e/scenarios.js';
import { plannedTask, planOf, taskResult, write } from '../report/fixtures.js';
import { useTestResources } from '../support/test-resources.js';
import { fastGitHubClient, recordingLog } from './helpers.js';

describe('createRunProgress', () => {
  const resources = useTestResources();

  const t1 = plannedTask('task-001', 'database', 'Create users table');
  const t2 = plannedTask('task-002', 'backend', 'Login endpoint', ['task-001']);

  async function progressOn(issueNumber: number | null, mode: 'sequential' | 'parallel') {
    const fake = resources.track(await startSpecPrGitHub());
    const gh = fastGitHubClient(fake);
    const log = recordingLog();
    const budget = new Budget({ price: priceOf('claude-sonnet-5-5'), warnUsd: 1, maxUsd: 5 });
    const progress = createRunProgress({
      plan: planOf([t1, t2], { mode }),
      budget,
      log,
      gh,
      repo: { owner: 'octo-org', repo: 'shop' },
      issueNumber,
    });
    return { fake, log, progress, emit: progressReporter(progress.sink) };
  }

  it('sequential plans log each task in a group; the PR comment ends "finished" with the note', async () => {
    const { fake, log, progress, emit } = await progressOn(42, 'sequential');
    expect(progress.reportsOnPull).toBe(true);
    emit({ type: 'task-start', task: t1 });
    emit({ type: 'file', record: write('db/001.sql', 'task-001', 'database') });
    emit({
      type: 'task-end',
      result: taskResult(t1, 'success', { files: ['db/001.sql'], calls: 2, costUsd: 0.01 }),
    });
    emit({ type: 'warning', taskId: 'task-002', message: 'slow model' });
    emit({ type: 'text', taskId: 'task-002', text: 'thinking…' });
    await progress.finish('Opened #9');
    expect(log.lines).toEqual([
      'group: [task-001] database: Create users table',
      '  created db/001.sql (1200 bytes)',
      '[task-001] success: 1 file(s), $0.01',
      'endgroup',
      'warning: task-002: slow model',
    ]);
    const comments = fake.state.comments.filter(
      (c) => c.issueNumber === 42 && c.body.includes(progressMarker('user-auth')),
    );
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body.startsWith(progressMarker('user-auth'))).toBe(true);
    expect(comments[0]!.body).toContain('(finished)');
    expect(comments[0]!.body).toContain('Opened #9');
    expect(comments[0]!.body).toMatch(/task-001.*success/);
  });

  it('parallel plans log start lines instead of groups; without a PR nothing is posted', async () => {
    const { fake, log, progress, emit } = await progressOn(null, 'parallel');
    expect(progress.reportsOnPull).toBe(false);
    emit({ type: 'task-start', task: t2 });
    await progress.finish('done');
    expect(log.lines).toEqual(['▶ [task-002] backend: Login endpoint']);
    expect(fake.requests).toHaveLength(0);
  });
});
