import { describe, expect, it } from 'vitest';
import { renderReportMarkdown } from '../../src/report/markdown.js';
import { buildLargeRunResult, buildRunResult, plannedTask, planOf, taskResult, write } from './fixtures.js';

/** The body of one `## ` section. */
function section(md: string, title: string): string {
  const start = md.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`section "${title}" missing`);
  const next = md.indexOf('\n## ', start + 4);
  return md.slice(start, next < 0 ? undefined : next);
}

/** Cells of the table row whose first cell is `first`. */
function row(md: string, first: string): string[] {
  const line = md.split('\n').find((l) => l.startsWith(`| ${first} |`));
  if (!line) throw new Error(`row "${first}" missing`);
  return line
    .slice(2, -2)
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

describe('renderReportMarkdown: content', () => {
  const md = renderReportMarkdown(buildRunResult());

  it('has a title with status text and every section', () => {
    expect(md.startsWith('# Implementation report: User authentication\n')).toBe(true);
    expect(md).toContain('**Status: PARTIAL**');
    for (const title of [
      'Summary',
      'Tasks',
      'Files',
      'Cost and files per role',
      'Warnings and errors',
      'Task graph',
      'Next steps',
      'How to undo',
    ]) {
      expect(md).toContain(`\n## ${title}\n`);
    }
  });

  it('shows the spec, mode, model and times', () => {
    expect(row(md, 'Spec')).toEqual(['Spec', 'User authentication (user-auth)']);
    expect(row(md, 'Spec file')[1]).toBe('specs/user-auth.md');
    expect(row(md, 'Spec hash')[1]).toBe('0123456789ab');
    expect(row(md, 'Mode')[1]).toBe('parallel');
    expect(row(md, 'Model')[1]).toBe('claude-sonnet-5-5');
    expect(row(md, 'Started')[1]).toBe('2026-11-20T10:00:00.000Z');
    expect(row(md, 'Duration')[1]).toBe('3m 15s');
  });

  it('marks tasks reused from the previous run', () => {
    const result = buildRunResult();
    result.resumed = [result.tasks[0]!.taskId];
    const md = renderReportMarkdown(result);
    expect(md).toContain('success (reused)');
    expect(row(md, 'Tasks reused from the previous run (no model call)')[1]).toBe('1');
  });

  it('summarises counts, tokens, cost, savings, budget and API calls', () => {
    expect(row(md, 'Tasks succeeded')[1]).toBe('2');
    expect(row(md, 'Tasks failed')[1]).toBe('1');
    expect(row(md, 'Tasks skipped')[1]).toBe('0');
    expect(row(md, 'Files created')[1]).toBe('2');
    expect(row(md, 'Files modified')[1]).toBe('1');
    expect(row(md, 'Input tokens')[1]).toBe('36,000');
    expect(row(md, 'Cache read tokens')[1]).toBe('24,000');
    expect(row(md, 'Cost')[1]).toBe('$0.26');
    expect(row(md, 'Cost without caching')[1]).toBe('$0.40');
    expect(row(md, 'Saved by caching')[1]).toBe('$0.14 (34%)');
    expect(row(md, 'Budget')[1]).toBe('warn at $1.00, stop at $5.00');
    expect(row(md, 'Stopped by budget')[1]).toBe('no');
    expect(row(md, 'API calls (when this report was written)')[1]).toBe('model 9, GitHub 4');
  });

  it('lists each task with its numbers', () => {
    expect(row(md, 'task-001')).toEqual([
      'task-001',
      'database',
      'Create users table',
      'success',
      '1',
      '3',
      '1',
      '12,000',
      '3,400',
      '2,000 / 8,000',
      '$0.0042',
      '$0.10',
      '-96%',
      '850 ms',
    ]);
    expect(row(md, 'task-002').slice(3, 5)).toEqual(['success', '2']);
    expect(row(md, 'task-003')[3]).toBe('failed');
  });

  it('lists files once each, with the net action, size and writing task', () => {
    const files = section(md, 'Files');
    expect(row(files, 'src/auth/login.ts')).toEqual([
      'src/auth/login.ts',
      'created',
      '2.5 KB',
      'task-002',
      'backend',
    ]);
    expect(row(files, 'src/app.ts')).toEqual(['src/app.ts', 'modified', '900 B', 'task-002', 'backend']);
    expect(files.match(/src\/auth\/login\.ts/g)).toHaveLength(1);
  });

  it('totals cost and files per role', () => {
    const roles = section(md, 'Cost and files per role');
    expect(row(roles, 'backend')).toEqual([
      'backend',
      '1 / 1',
      '12,000',
      '3,400',
      '2,000 / 8,000',
      '$0.21',
      '$0.10',
      '1',
      '1',
      '3.4 KB',
    ]);
    expect(row(roles, 'test')[1]).toBe('0 / 1');
  });

  it('reports warnings and failed tasks with reasons', () => {
    const problems = section(md, 'Warnings and errors');
    expect(problems).toContain('### Errors (1)');
    expect(problems).toContain('- **task-003** (test) failed: Model error: overloaded after 4 attempts');
    expect(problems).toContain('- Spec has 1 open question');
  });

  it('points at the JSON report', () => {
    expect(renderReportMarkdown(buildRunResult(), { jsonPath: 'out/report.json' })).toContain(
      'Machine-readable report: out/report.json',
    );
  });
});

describe('renderReportMarkdown: task graph', () => {
  it('draws one node per task with its status class, and the dependencies', () => {
    const t4 = plannedTask('task-004', 'frontend', 'Login form', ['task-002']);
    const base = buildRunResult();
    const result = buildRunResult({
      tasks: [...base.tasks, taskResult(t4, 'skipped', { reason: 'dependency task-003 failed' })],
      plan: planOf([
        ...base.plan.tasks,
        t4,
        plannedTask('task-005', 'integration', 'Wire it up', ['task-004']),
      ]),
    });
    const graph = section(renderReportMarkdown(result), 'Task graph');
    expect(graph).toContain('```mermaid\nflowchart TD');
    for (const cls of ['success', 'failed', 'skipped', 'cancelled', 'pending'])
      expect(graph).toContain(`classDef ${cls} `);
    expect(graph).toMatch(/^ {2}t_task_001\[".*"\]:::success$/m);
    expect(graph).toMatch(/^ {2}t_task_003\[".*"\]:::failed$/m);
    expect(graph).toMatch(/^ {2}t_task_004\[".*"\]:::skipped$/m);
    expect(graph).toMatch(/^ {2}t_task_005\[".*"\]:::pending$/m);
    expect(graph.match(/:::/g)).toHaveLength(5);
    expect(graph).toContain('  t_task_001 --> t_task_002');
    expect(graph).toContain('  t_task_004 --> t_task_005');
  });

  it('replaces a diagram too big to render with a sentence', () => {
    const graph = section(renderReportMarkdown(buildLargeRunResult(150, 10)), 'Task graph');
    expect(graph).not.toContain('```mermaid');
    expect(graph).toContain('150 tasks');
  });
});

describe('renderReportMarkdown: next steps and undo', () => {
  it('success in CI: review and merge the PR, undo by closing it and deleting the branch', () => {
    const base = buildRunResult();
    const result = buildRunResult({
      status: 'success',
      tasks: base.tasks.map((t) => ({ ...t, status: 'success' as const, reason: undefined })),
    });
    const md = renderReportMarkdown(result, { undo: { branch: 'feat/spec-user-auth', baseBranch: 'main' } });
    const next = section(md, 'Next steps');
    expect(next).toContain('Review the changes in this pull request');
    expect(next).toContain('merge the pull request');
    expect(next).not.toContain('re-run');
    const undo = section(md, 'How to undo');
    expect(undo).toContain('Close the pull request');
    expect(undo).toContain('git push origin --delete feat/spec-user-auth');
    expect(undo).toContain('base branch main');
    expect(undo).not.toContain('rm --');
  });

  it('CI without a branch given defaults to feat/spec-<id>', () => {
    const md = renderReportMarkdown(buildRunResult(), { undo: { local: false } });
    expect(section(md, 'How to undo')).toContain('git push origin --delete feat/spec-user-auth');
  });

  it('partial: re-run to resume the unfinished tasks', () => {
    const next = section(renderReportMarkdown(buildRunResult()), 'Next steps');
    expect(next).toContain('re-run on the same spec to resume');
    expect(next).toContain('the 1 unfinished task(s)');
    expect(next).not.toContain('max-cost');
  });

  it('aborted by budget: raise max-cost', () => {
    const md = renderReportMarkdown(
      buildRunResult({ budget: { warnUsd: 1, maxUsd: 2, warned: true, aborted: true } }),
    );
    const next = section(md, 'Next steps');
    expect(next).toContain('stopped at the cost limit of $2.00');
    expect(next).toContain('raise `max-cost`');
    expect(row(md, 'Stopped by budget')[1]).toBe('yes');
  });

  it('warned only: mentions the warning threshold', () => {
    const next = section(
      renderReportMarkdown(
        buildRunResult({ budget: { warnUsd: 0.2, maxUsd: 2, warned: true, aborted: false } }),
      ),
      'Next steps',
    );
    expect(next).toContain('warning threshold of $0.20');
    expect(next).not.toContain('max-cost');
  });

  it('failed with nothing produced: read the errors first', () => {
    const base = buildRunResult();
    const result = buildRunResult({
      status: 'failed',
      tasks: base.tasks.map((t) => ({ ...t, status: 'failed' as const, reason: 'authentication' })),
      writes: [],
      errors: ['Anthropic API key rejected (401)'],
    });
    const md = renderReportMarkdown(result);
    expect(md).toContain('**Status: FAILED**');
    expect(section(md, 'Next steps')).toContain('Nothing usable was produced');
    expect(section(md, 'Next steps')).not.toContain('Run the project');
    expect(section(md, 'How to undo')).toContain('nothing to undo');
    expect(section(md, 'Files')).toContain('No files were written.');
  });

  it('names uncovered spec items', () => {
    const base = buildRunResult();
    const md = renderReportMarkdown(
      buildRunResult({
        plan: { ...base.plan, coverage: { covered: ['FR-1'], uncovered: ['FR-7', 'AT-3'] } },
      }),
    );
    expect(section(md, 'Next steps')).toContain('2 spec item(s) were not covered by any task: FR-7, AT-3');
  });

  it('local undo: checkout modified files, delete created ones, mention backups', () => {
    const undo = section(
      renderReportMarkdown(buildRunResult(), {
        undo: { local: true, backupsDir: '.implement-spec/backups/2026-11-20/' },
      }),
      'How to undo',
    );
    expect(undo).toContain('cd /home/dev/project');
    expect(undo).toContain('git checkout -- src/app.ts\n');
    expect(undo).toContain('rm -- db/migrations/001_users.sql src/auth/login.ts\n');
    expect(undo).toContain('`git checkout -- .`');
    expect(undo).toContain('.implement-spec/backups/2026-11-20/');
  });

  it('quotes odd paths in undo commands and leaves out ones that could break the block', () => {
    const writes = [
      write("src/it's here.ts", 'task-001', 'database'),
      write('src/$(touch pwned).ts', 'task-001', 'database'),
      write('src/```\n## injected.ts', 'task-001', 'database'),
      write('src/x-->.ts', 'task-001', 'database'),
    ];
    const undo = section(renderReportMarkdown(buildRunResult({ writes })), 'How to undo');
    expect(undo).toContain(`rm -- 'src/it'\\''s here.ts' 'src/$(touch pwned).ts'\n`);
    expect(undo).not.toContain('injected');
    expect(undo).not.toContain('-->');
    expect(undo).toContain('2 file(s) with unusual names are left out');
  });
});

describe('renderReportMarkdown: untrusted text', () => {
  const EVIL_TITLE = 'Evil | title\n## Injected heading --> <script>alert(1)</script> `code` "] end[x]';
  const EVIL_PATH = 'src/a|b\n<img src=x onerror=alert(1)>-->.ts';

  function evilResult() {
    const t1 = plannedTask('task-001', 'backend', EVIL_TITLE);
    const base = buildRunResult();
    return buildRunResult({
      tasks: [
        taskResult(t1, 'failed', {
          reason: 'boom | <script>x</script>\n--> done',
          warnings: ['warn `x` <!-- hidden'],
        }),
      ],
      plan: planOf([t1]),
      writes: [write(EVIL_PATH, 'task-001', 'backend')],
      warnings: ['<script>alert("w")</script>'],
      errors: ['line1\nline2 | -->'],
      spec: { ...base.spec, name: 'Spec <b>bold</b> | @team' },
    });
  }

  it('never lets untrusted text inject HTML, close a comment or break a table', () => {
    const md = renderReportMarkdown(evilResult());
    expect(md).not.toContain('<script');
    expect(md).not.toContain('<img');
    expect(md).not.toContain('<!--');
    // One task, so the diagram has no edges: any `-->` would have come from untrusted text.
    expect(md).not.toContain('-->');
    expect(md).not.toContain('\n## Injected heading');
    expect(md).not.toContain('<b>');
    expect(md).toContain('@\u200bteam');
    // Every table row still has its column count.
    const taskRow = row(md, 'task-001');
    expect(taskRow).toHaveLength(14);
    expect(taskRow[2]).toContain('Evil \\| title');
    const fileRow = md.split('\n').find((l) => l.startsWith('| src/a'));
    expect(fileRow?.split(/(?<!\\)\|/).length).toBe(7);
  });

  it('keeps the Mermaid labels inert', () => {
    const graph = section(renderReportMarkdown(evilResult()), 'Task graph');
    const node = graph.split('\n').find((l) => l.startsWith('  t_task_001['));
    expect(node).toBeDefined();
    const label = /^ {2}t_task_001\["(.*)"\]:::failed$/.exec(node!)?.[1];
    expect(label).toBeDefined();
    expect(label).not.toMatch(/["<>`[\]]/);
    // The only closing fence is the diagram's own.
    expect(graph.match(/```/g)).toHaveLength(2);
  });
});

describe('renderReportMarkdown: size limit', () => {
  it('keeps 3,000 files and 400 tasks under 65,000 characters and points at the JSON', () => {
    const result = buildLargeRunResult(400, 3000);
    const md = renderReportMarkdown(result, { jsonPath: 'reports/implementation-report.json' });
    expect(md.length).toBeLessThanOrEqual(65_000);
    expect(md).toMatch(
      /(Showing the first [\d,]+ of 3,000 files|The 3,000 files are not listed here[^.]*)\. The full list is in the JSON report: reports\/implementation-report\.json/,
    );
    expect(md).toContain('## Summary');
    expect(md).toContain('## Next steps');
    expect(md).toContain('## How to undo');
  });

  it('shortens the files table before the tasks table', () => {
    const result = buildLargeRunResult(20, 2000);
    const md = renderReportMarkdown(result, { maxChars: 30_000 });
    expect(md.length).toBeLessThanOrEqual(30_000);
    expect(md).toMatch(/Showing the first [\d,]+ of 2,000 files/);
    expect(md).not.toMatch(/Showing the first \d+ of 20 tasks/);
    for (let i = 1; i <= 20; i++) expect(md).toContain(`| task-${String(i).padStart(3, '0')} |`);
  });

  it('then the diagram and the tasks table', () => {
    const md = renderReportMarkdown(buildLargeRunResult(60, 100), { maxChars: 15_000 });
    expect(md.length).toBeLessThanOrEqual(15_000);
    expect(md).toContain('The 100 files are not listed here');
    expect(md).not.toContain('```mermaid');
    expect(md).toMatch(/Showing the first \d+ of 60 tasks/);
  });

  it('shortens the warning list before cutting the report, keeping next steps and undo', () => {
    const huge = buildRunResult({
      warnings: Array.from({ length: 40 }, (_, i) => `warning ${i} ${'x'.repeat(400)}`),
    });
    const md = renderReportMarkdown(huge, { maxChars: 9_000 });
    expect(md.length).toBeLessThanOrEqual(9_000);
    expect(md).toMatch(/and \d+ more warnings: see the JSON report/);
    expect(md).toContain('## Next steps');
    expect(md).toContain('## How to undo');
    expect(md).not.toContain('characters. The complete data');
  });

  it('hard-caps as a last resort, with no fence left open', () => {
    const huge = buildRunResult({
      warnings: Array.from({ length: 40 }, (_, i) => `warning ${i} ${'x'.repeat(400)}`),
    });
    for (const maxChars of [600, 1_500, 2_500]) {
      const md = renderReportMarkdown(huge, { maxChars });
      expect(md.length).toBeLessThanOrEqual(maxChars);
      expect(md).toContain('characters. The complete data is in the JSON report: implementation-report.json');
      expect((md.match(/^```/gm) ?? []).length % 2).toBe(0);
    }
  });

  it('caps long warning lists with a pointer to the JSON', () => {
    const md = renderReportMarkdown(
      buildRunResult({ warnings: Array.from({ length: 80 }, (_, i) => `w${i}`) }),
    );
    expect(md).toContain('- w49\n');
    expect(md).not.toContain('- w50\n');
    expect(md).toContain('and 30 more warnings: see the JSON report');
  });
});

describe('renderReportMarkdown: snapshot', () => {
  it('renders the small fixture unchanged', () => {
    expect(
      renderReportMarkdown(buildRunResult(), { undo: { branch: 'feat/spec-user-auth', baseBranch: 'main' } }),
    ).toMatchSnapshot();
  });
});
