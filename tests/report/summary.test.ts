import { describe, expect, it } from 'vitest';
import { ZERO_USAGE } from '../../src/core/model-port.js';
import { renderReportMarkdown } from '../../src/report/markdown.js';
import { renderJobSummary, renderProgress } from '../../src/report/summary.js';
import { buildLargeRunResult, buildRunResult, usage } from './fixtures.js';

describe('renderJobSummary', () => {
  it('has a status line, key numbers, the task table and the PR link', () => {
    const md = renderJobSummary(buildRunResult(), { prUrl: 'https://github.com/acme/app/pull/42' });
    expect(md).toContain('## implement-spec: User authentication');
    expect(md).toContain('**Status: PARTIAL** · 2 of 3 tasks succeeded, 1 failed · $0.26 · 3m 15s');
    expect(md).toContain(
      'Pull request: [https://github.com/acme/app/pull/42](https://github.com/acme/app/pull/42)',
    );
    expect(md).toContain('| Files | 2 created, 1 modified |');
    expect(md).toContain('| Cost | $0.26 (estimate $0.40) |');
    expect(md).toContain('| Tokens | 36,000 in, 10,200 out, 6,000 cache write, 24,000 cache read |');
    expect(md).toContain('| task-001 | database | Create users table | success | $0.0042 | 850 ms |');
    expect(md).toContain('| task-003 | test | Acceptance tests | failed | $0.05 | 1m 05s |');
    expect(md).toContain('- **task-003** (test) failed: Model error: overloaded after 4 attempts');
    expect(md.length).toBeLessThan(renderReportMarkdown(buildRunResult()).length / 2);
  });

  it('shows a non-http PR pointer as text, never as a link', () => {
    const md = renderJobSummary(buildRunResult(), { prUrl: 'javascript:alert(1)' });
    expect(md).toContain('Pull request: javascript:alert(1)');
    expect(md).not.toContain('](javascript');
  });

  it('says when the budget stopped the run, and caps the task table', () => {
    const base = buildLargeRunResult(150, 0);
    const md = renderJobSummary({ ...base, budget: { ...base.budget, aborted: true, warned: true } });
    expect(md).toContain('stopped by budget');
    expect(md).toContain('| task-100 |');
    expect(md).not.toContain('| task-101 |');
    expect(md).toContain('Showing the first 100 of 150 tasks');
  });
});

describe('renderProgress', () => {
  const tasks = [
    { id: 'task-001', agent: 'database', title: 'Create users table', status: 'success' },
    { id: 'task-002', agent: 'backend', title: 'Login | endpoint <script>', status: 'running' },
    { id: 'task-003', agent: 'test', title: 'Acceptance tests', status: 'pending' },
  ];

  it('renders a status table and totals while running', () => {
    const md = renderProgress({
      specId: 'user-auth',
      tasks,
      usage: usage(12_345, 2_000, 1_000, 1_500_000),
      costUsd: 0.0042,
    });
    expect(md).toContain('### implement-spec progress: user-auth (running, 1 of 3 tasks done)');
    expect(md).toContain('| task-001 | database | Create users table | success |');
    expect(md).toContain('| task-002 | backend | Login \\| endpoint &lt;script&gt; | running |');
    expect(md).toContain('| task-003 | test | Acceptance tests | pending |');
    expect(md).toContain(
      '**Totals:** 1 success, 1 running, 1 pending · tokens 12,345 in, 2,000 out, 1,000 cache write, 1.5M cache read · cost $0.0042',
    );
    expect(md).not.toContain('<script');
  });

  it('says finished and shows the note when final', () => {
    const done = tasks.map((t) => ({ ...t, status: t.id === 'task-003' ? 'failed' : 'success' }));
    const md = renderProgress({
      specId: 'user-auth',
      tasks: done,
      usage: ZERO_USAGE,
      costUsd: 1.5,
      final: true,
      note: 'Report: see the PR body\n-->',
    });
    expect(md).toContain('(finished)');
    expect(md).toContain('> Report: see the PR body --&gt;');
    expect(md).toContain('**Totals:** 2 success, 1 failed');
    expect(md).toContain('cost $1.50');
  });

  it('handles no tasks and caps long task lists', () => {
    expect(renderProgress({ specId: 'x', tasks: [], usage: ZERO_USAGE, costUsd: 0 })).toContain(
      'No tasks yet.',
    );
    const many = Array.from({ length: 250 }, (_, i) => ({
      id: `t${i}`,
      agent: 'backend',
      title: 'x',
      status: 'pending',
    }));
    const md = renderProgress({ specId: 'x', tasks: many, usage: ZERO_USAGE, costUsd: 0 });
    expect(md).toContain('| t199 |');
    expect(md).not.toContain('| t200 |');
    expect(md).toContain('and 50 more tasks');
    expect(md.length).toBeLessThanOrEqual(60_000);
  });
});
