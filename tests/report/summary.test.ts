import { describe, expect, it } from 'vitest';
import { ZERO_USAGE } from '../../src/core/model-port.js';
import { renderReportMarkdown } from '../../src/report/markdown.js';
import { renderJobSummary, renderProgress } from '../../src/report/summary.js';
import { buildLargeRunResult, buildRunResult, usage } from './fixtures.js';
import { tablesOf } from './render-check.js';

describe('renderJobSummary', () => {
  it('opens with the same verdict as the PR body, then key numbers, the task table and the PR link', () => {
    const result = buildRunResult();
    const md = renderJobSummary(result, { prUrl: 'https://github.com/acme/app/pull/42' });
    expect(md).toContain('## implement-spec: User authentication');
    const body = renderReportMarkdown(result);
    const bodyVerdict = body.slice(0, body.indexOf('\n\n## '));
    expect(md).toContain(bodyVerdict);
    expect(bodyVerdict).toContain(
      '❌ **task-003** (test) failed: Model error: overloaded after 4 attempts · $0.05 (estimate $0.10)',
    );
    expect(md).toContain(
      'Pull request: [https://github.com/acme/app/pull/42](https://github.com/acme/app/pull/42)',
    );
    expect(md).toContain('- **Files:** 3 file(s): 2 created, 1 modified · +87 −2 lines');
    expect(md).toContain('- **Tokens:** 66,000 in (incl. 24,000 cache read, 6,000 cache write), 10,200 out');
    expect(md).toContain('| task-001 | database | Create users table | ✅ success | $0.0042 |');
    expect(md).toContain('| task-003 | test | Acceptance tests | ❌ failed | $0.05 |');
    // The failure reason appears once (in the verdict), not again in an errors list.
    expect(md.match(/overloaded after 4 attempts/g)).toHaveLength(1);
    for (const t of tablesOf(md)) expect(t.header.length).toBeLessThanOrEqual(6);
    expect(md.length).toBeLessThan(body.length / 2);
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
    expect(md).toContain('| task-001 | database | Create users table | ✅ success |');
    expect(md).toContain('| task-002 | backend | Login \\| endpoint &lt;script&gt; | 🔄 running |');
    expect(md).toContain('| task-003 | test | Acceptance tests | ⏳ waiting |');
    expect(md).toContain(
      '**Totals:** 1 success, 1 running, 1 pending · tokens 1.5M in (incl. 1.5M cache read, 1,000 cache write), 2,000 out · cost $0.0042',
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

  it('gives a failed or skipped task the same cause as the PR body and the job summary', () => {
    const result = buildRunResult();
    const failed = result.tasks[2]!;
    const md = renderProgress({
      specId: 'user-auth',
      tasks: [
        {
          id: failed.taskId,
          agent: failed.agent,
          title: failed.title,
          status: 'failed',
          reason: failed.reason!,
        },
        {
          id: 'task-004',
          agent: 'frontend',
          title: 'Form',
          status: 'skipped',
          reason: 'Skipped because dependency task-003 failed.',
        },
      ],
      usage: ZERO_USAGE,
      costUsd: 0,
      final: true,
    });
    expect(md).toContain(
      '| task-003 | test | Acceptance tests | ❌ failed: Model error: overloaded after 4 attempts |',
    );
    expect(md).toContain(
      '| task-004 | frontend | Form | ⏭ skipped: Skipped because dependency task-003 failed. |',
    );
    const cause = 'failed: Model error: overloaded after 4 attempts';
    expect(renderReportMarkdown(result)).toContain(cause);
    expect(renderJobSummary(result)).toContain(cause);
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
