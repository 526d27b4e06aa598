import { describe, expect, it } from 'vitest';
import { formatUsd } from '../../src/report/format.js';
import { renderReportMarkdown } from '../../src/report/markdown.js';
import { buildLargeRunResult, buildRunResult, plannedTask, planOf, taskResult, write } from './fixtures.js';
import { parseAllMermaid, parseMermaid, renderHtml, tablesOf } from './render-check.js';

/** The body of one `## ` section. */
function section(md: string, title: string): string {
  const start = md.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`section "${title}" missing`);
  const end = md.slice(start + 4).search(/\n(## |<details>)/);
  return md.slice(start, end < 0 ? undefined : start + 4 + end);
}

/** The body of the folded section whose summary starts with `summary`. */
function folded(md: string, summary: string): string {
  const start = md.indexOf(`<details>\n<summary>${summary}`);
  if (start < 0) throw new Error(`folded section "${summary}" missing`);
  return md.slice(start, md.indexOf('</details>', start));
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

/** The verdict: the alert block at the top. */
function verdict(md: string): string {
  return md.slice(0, md.indexOf('\n\n', md.indexOf('**Check first:**')));
}

/** A run like the e2e partial one: task-002 failed, its dependants skipped, one planned task never reached. */
function failedAndSkipped() {
  const t1 = plannedTask('task-001', 'database', 'Create users table');
  const t2 = plannedTask('task-002', 'backend', 'Login endpoint', ['task-001'], 0.08);
  const t3 = plannedTask('task-003', 'frontend', 'Login form', ['task-002'], 0.06);
  const t4 = plannedTask('task-004', 'test', 'Acceptance tests', ['task-003'], 0.05);
  const failure = 'no code produced';
  return buildRunResult({
    tasks: [
      taskResult(t1, 'success', { files: ['db/migrations/001_users.sql'], costUsd: 0.0042 }),
      taskResult(t2, 'failed', {
        reason: failure,
        costUsd: 0.0311,
        turns: 20,
        warnings: ['stopped after 20 turns (max-turns) before the model finished'],
        lastReply: 'I still need to know <where> the session store lives.\n```\nrm -rf /\n```',
      }),
      taskResult(t3, 'skipped', {
        reason: 'Skipped because dependency task-002 failed.',
        costUsd: 0,
        turns: 0,
        calls: 0,
      }),
      taskResult(t4, 'skipped', {
        reason: 'Skipped because dependency task-003 was skipped (task-002 failed).',
        costUsd: 0,
        turns: 0,
        calls: 0,
      }),
    ],
    writes: [write('db/migrations/001_users.sql', 'task-001', 'database', 'created', 640)],
    errors: [`task-002 (backend) failed: ${failure}`],
    plan: planOf([t1, t2, t3, t4]),
    costUsd: 0.0353,
  });
}

describe('renderReportMarkdown: verdict first', () => {
  it('opens with an alert whose kind follows the status', () => {
    const partial = renderReportMarkdown(buildRunResult());
    expect(partial.startsWith('> [!WARNING]\n> **Partly implemented: User authentication.**')).toBe(true);
    const success = buildRunResult({ status: 'success' });
    success.tasks = success.tasks.map((t) => ({ ...t, status: 'success' as const, reason: undefined }));
    expect(
      renderReportMarkdown(success).startsWith('> [!NOTE]\n> **Implemented: User authentication.**'),
    ).toBe(true);
    expect(renderReportMarkdown(buildRunResult({ status: 'failed' })).startsWith('> [!CAUTION]\n')).toBe(
      true,
    );
  });

  it('puts every failed and skipped task with its cause and cost vs estimate in the first 1,500 characters', () => {
    const md = renderReportMarkdown(failedAndSkipped());
    const top = md.slice(0, 1500);
    expect(top).toContain('❌ **task-002** (backend) failed: no code produced · $0.0311 (estimate $0.08)');
    expect(top).toContain(
      '⏭ **task-003** (frontend) skipped: Skipped because dependency task-002 failed. · not run (estimate $0.06)',
    );
    expect(top).toContain(
      '⏭ **task-004** (test) skipped: Skipped because dependency task-003 was skipped (task-002 failed). · not run (estimate $0.05)',
    );
    expect(top).toContain('cost **$0.0353** (estimate $0.40)');
    expect(top).toContain('**Check first:** no review ran.');
  });

  it('never shows a skipped task as -100% against its estimate', () => {
    const md = renderReportMarkdown(failedAndSkipped());
    const figures = folded(md, 'Tokens, cache, turns and estimates per task');
    expect(row(figures, 'task-003')).toEqual(['task-003', '-', '-', '-', '-', '-', '$0.06', '-', '-']);
    expect(md).not.toContain('-100%');
  });

  it('lists each error line once: a task failure is not repeated from the run errors', () => {
    const md = renderReportMarkdown(failedAndSkipped());
    expect(md.match(/no code produced/g)).toHaveLength(2); // the verdict line and the failure entry's cause
    expect(verdict(md).match(/no code produced/g)).toHaveLength(1);
    const withRunError = buildRunResult({ errors: ['Budget: stopped', 'Budget: stopped'] });
    expect(renderReportMarkdown(withRunError).match(/Budget: stopped/g)).toHaveLength(1);
  });

  it('names what to check first: review items partly or not met, failing tests and CI checks', () => {
    const base = buildRunResult();
    const md = renderReportMarkdown(
      buildRunResult({
        review: {
          status: 'completed',
          items: [
            { itemId: 'FR-1', verdict: 'met', evidence: [], note: '' },
            { itemId: 'AT-2', verdict: 'partly', evidence: [], note: '' },
            { itemId: 'AT-3', verdict: 'not-met', evidence: [], note: '' },
          ],
          calls: 1,
          usage: base.usage,
          costUsd: 0.01,
        },
        testLoop: { command: 'npm test', passed: false, rounds: [], stopReason: 'max-fix-rounds reached' },
      }),
    );
    expect(verdict(md)).toContain(
      '**Check first:** review says **not met**: AT-3 · review says **partly met**: AT-2 · tests still failing (npm test).',
    );
  });

  it('shows the cost in the same format as the CLI (one USD function)', () => {
    const result = buildRunResult({ costUsd: 0.0972 });
    expect(verdict(renderReportMarkdown(result))).toContain(`cost **${formatUsd(0.0972)}**`);
    expect(formatUsd(0.0972)).toBe('$0.0972');
  });

  it('puts a notice (the no-CI note) right below the verdict', () => {
    const md = renderReportMarkdown(buildRunResult(), { notice: '> [!WARNING]\n> No CI runs on this PR.' });
    const after = md.slice(verdict(md).length);
    expect(after.startsWith('\n\n> [!WARNING]\n> No CI runs on this PR.\n\n## What changed')).toBe(true);
  });
});

describe('renderReportMarkdown: compact tables, details folded', () => {
  const md = renderReportMarkdown(buildRunResult());

  it('has no table with more than 6 columns before the first <details>, and every row has its columns', () => {
    for (const fixture of [buildRunResult(), failedAndSkipped()]) {
      const tables = tablesOf(renderReportMarkdown(fixture));
      expect(tables.filter((t) => !t.folded).length).toBeGreaterThanOrEqual(2);
      for (const t of tables) {
        if (!t.folded) expect(t.header.length).toBeLessThanOrEqual(6);
        for (const r of t.rows) expect(r).toHaveLength(t.header.length);
      }
    }
  });

  it('lists tasks as Task | Agent | What | Status | Cost, status with a symbol and the word', () => {
    const tasks = section(md, 'Tasks');
    expect(tasks).toContain('| Task | Agent | What | Status | Cost |');
    expect(row(tasks, 'task-001')).toEqual([
      'task-001',
      'database',
      'Create users table',
      '✅ success',
      '$0.0042',
    ]);
    expect(row(tasks, 'task-003')).toEqual(['task-003', 'test', 'Acceptance tests', '❌ failed', '$0.05']);
    const skipped = section(renderReportMarkdown(failedAndSkipped()), 'Tasks');
    expect(row(skipped, 'task-003')).toEqual(['task-003', 'frontend', 'Login form', '⏭ skipped', '—']);
  });

  it('marks tasks reused from the previous run', () => {
    const result = buildRunResult();
    result.resumed = [result.tasks[0]!.taskId];
    const out = renderReportMarkdown(result);
    expect(row(section(out, 'Tasks'), 'task-001')[3]).toBe('✅ success (reused)');
    expect(row(out, 'Tasks reused from the previous run')[1]).toBe('1');
  });

  it('groups what changed by directory, with created/modified and lines added and removed', () => {
    const changes = section(md, 'What changed');
    expect(changes).toContain('3 file(s): 2 created, 1 modified · +87 −2 lines');
    expect(changes).toContain('| Directory | File | Change | Lines | Task |');
    expect(row(changes, 'db/migrations/')).toEqual([
      'db/migrations/',
      '001\\_users.sql',
      'created',
      '+16 −0',
      'task-001',
    ]);
    expect(row(changes, 'src/')).toEqual(['src/', 'app.ts', 'modified', '+6 −2', 'task-002']);
    // login.ts was written twice: its last record holds the net change; it is listed once.
    expect(row(changes, 'src/auth/')).toEqual(['src/auth/', 'login.ts', 'created', '+65 −0', 'task-002']);
    expect(changes.match(/login\.ts/g)).toHaveLength(1);
  });

  it('links file names and review evidence to the branch when the repository URL is known', () => {
    const base = buildRunResult();
    const result = buildRunResult({
      review: {
        status: 'completed',
        items: [
          { itemId: 'FR-1', verdict: 'met', evidence: ['src/auth/login.ts:12', 'elsewhere.ts:3'], note: '' },
        ],
        calls: 1,
        usage: base.usage,
        costUsd: 0.01,
      },
    });
    const links = { repoUrl: 'https://github.com/octo-org/shop', ref: 'feat/spec-user-auth' };
    const out = renderReportMarkdown(result, { links });
    expect(section(out, 'What changed')).toContain(
      '[login.ts](https://github.com/octo-org/shop/blob/feat/spec-user-auth/src/auth/login.ts)',
    );
    const trace = folded(out, 'Traceability');
    expect(trace).toContain(
      '[src/auth/login.ts:12](https://github.com/octo-org/shop/blob/feat/spec-user-auth/src/auth/login.ts#L12)',
    );
    // Evidence into a file the run did not write stays text.
    expect(trace).toContain(', elsewhere.ts:3');
    // No links without a usable URL.
    const bad = renderReportMarkdown(result, { links: { repoUrl: 'javascript:alert(1)', ref: 'x' } });
    expect(bad).not.toContain('](');
  });

  it('percent-encodes model-written paths in links so they cannot end the link', () => {
    const result = buildRunResult({
      writes: [write('src/a) [x](http://evil.example/.ts', 'task-001', 'database')],
    });
    const out = renderReportMarkdown(result, { links: { repoUrl: 'https://github.com/o/r', ref: 'feat/x' } });
    const line = out.split('\n').find((l) => l.includes('blob/feat/x/'))!;
    expect(line).toContain('/blob/feat/x/src/a%29%20%5Bx%5D%28http%3A/');
    const html = renderHtml(out);
    expect(html).not.toContain('href="http://evil');
    expect(html.match(/href="[^"]*"/g)).toEqual([
      'href="https://github.com/o/r/blob/feat/x/src/a%29%20%5Bx%5D%28http%3A//evil.example/.ts"',
    ]);
  });

  it('folds the graph, traceability, per-task and per-role figures, run details, warnings and undo', () => {
    const summaries = [...md.matchAll(/<summary>([^<]*)<\/summary>/g)].map((m) => m[1]);
    expect(summaries).toEqual([
      'Task graph (3 tasks)',
      'Traceability: no review ran',
      'Tokens, cache, turns and estimates per task',
      'Cost, tokens and files per role',
      'Run details: spec, model, times, tokens, budget, API calls',
      'Warnings (1)',
      'How to undo',
    ]);
    const firstDetails = md.indexOf('<details>');
    for (const visible of ['## What changed', '## Tasks', '## What went wrong', '## Next steps']) {
      expect(md.indexOf(visible)).toBeLessThan(firstDetails);
    }
  });

  it('says how input tokens are counted: cache reads and writes included, the same as the outputs', () => {
    expect(row(md, 'Tokens')[1]).toBe('66,000 in (incl. 24,000 cache read, 6,000 cache write), 10,200 out');
    expect(folded(md, 'Tokens, cache')).toContain('_Input tokens include cache reads and cache writes._');
    expect(row(folded(md, 'Tokens, cache'), 'task-001')[3]).toBe('22,000');
  });

  it('keeps run metadata, budget and API calls in the run details', () => {
    const run = folded(md, 'Run details');
    expect(row(run, 'Spec hash')[1]).toBe('0123456789ab');
    expect(row(run, 'Mode, model')[1]).toBe('parallel, claude-sonnet-5-5');
    expect(row(run, 'Cost')[1]).toBe('$0.2642; $0.40 without caching (saved $0.1358, 34%)');
    expect(row(run, 'Budget')[1]).toBe('warn at $1.00, stop at $5.00');
    expect(row(run, 'API calls (when this report was written)')[1]).toBe('model 9, GitHub 4');
  });

  it('totals cost and files per role', () => {
    const roles = folded(md, 'Cost, tokens and files per role');
    expect(row(roles, 'backend')).toEqual([
      'backend',
      '1 / 1',
      '22,000',
      '3,400',
      '$0.21',
      '$0.10',
      '1 / 1',
      '3.4 KB',
    ]);
  });

  it('points at the JSON report', () => {
    expect(renderReportMarkdown(buildRunResult(), { jsonPath: 'out/report.json' })).toContain(
      'Machine-readable report: out/report.json',
    );
  });
});

describe('renderReportMarkdown: failures that help', () => {
  const md = renderReportMarkdown(failedAndSkipped());
  const wrong = section(md, 'What went wrong');

  it('gives each failed task one entry with its cause, cost, next step and the end of its last reply', () => {
    expect(wrong.match(/^### /gm)).toHaveLength(1);
    expect(wrong).toContain('### ❌ task-002 (backend): Login endpoint');
    expect(wrong).toContain('- **Cause:** no code produced');
    expect(wrong).toContain('- **Cost:** $0.0311 (estimate $0.08) · 20 turn(s)');
    expect(wrong).toContain('raise `max-turns` (CLI `--max-turns`) above 20');
    expect(wrong).toContain('> I still need to know &lt;where&gt; the session store lives.');
    expect(wrong).toContain('**Not run (2):** task-003, task-004.');
  });

  it('escapes the reply excerpt: no HTML, no fence, no mention', () => {
    expect(wrong).not.toContain('<where>');
    expect(wrong).not.toMatch(/^```/m);
    const result = failedAndSkipped();
    result.tasks[1]!.lastReply = '@octo-org/team </details><script>x</script>';
    const out = section(renderReportMarkdown(result), 'What went wrong');
    expect(out).toContain('@\u200bocto-org/team &lt;/details&gt;&lt;script&gt;');
  });

  it('names the refused path and why, or the spec items to clarify, as the next step', () => {
    const refused = failedAndSkipped();
    refused.tasks[1] = {
      ...refused.tasks[1]!,
      warnings: [],
      reason:
        'no code produced: Refused path ".github/workflows/ci.yml": it is a protected path (protected-paths).',
    };
    expect(section(renderReportMarkdown(refused), 'What went wrong')).toContain(
      'The workspace refused to write `.github/workflows/ci.yml` (it is a protected path).',
    );
    const unclear = failedAndSkipped();
    unclear.tasks[1] = { ...unclear.tasks[1]!, warnings: [] };
    expect(section(renderReportMarkdown(unclear), 'What went wrong')).toContain(
      'make FR-1 explicit in the spec',
    );
  });
});

describe('renderReportMarkdown: diagrams', () => {
  it('draws one top-down node per task with id, role and status in the text, and a legend', async () => {
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
    const md = renderReportMarkdown(result);
    const graph = folded(md, 'Task graph');
    expect(graph).toContain('```mermaid\nflowchart TD');
    expect(graph).toContain('  t_task_001["task-001 · database<br/>✅ success"]:::success');
    expect(graph).toContain('  t_task_003["task-003 · test<br/>❌ failed"]:::failed');
    expect(graph).toContain('  t_task_004["task-004 · frontend<br/>⏭ skipped"]:::skipped');
    expect(graph).toContain('  t_task_005["task-005 · integration<br/>⏳ not run"]:::pending');
    // Class definitions only for the statuses drawn.
    expect(graph).not.toContain('classDef cancelled');
    expect(graph).toContain('  t_task_004 --> t_task_005');
    expect(graph).toContain('Status: ✅ success · ❌ failed · ⏭ skipped · ⏳ not run.');
    expect(await parseAllMermaid(md)).toBe(1);
  });

  it("mermaid's parser rejects a broken diagram, so the check can fail", async () => {
    await expect(parseMermaid('flowchart TD\n  a["x] --> b')).rejects.toThrow();
    await expect(parseAllMermaid('```mermaid\nflowchart TD\n  a["x] --> b\n```')).rejects.toThrow(
      /does not parse/,
    );
  });

  it('replaces a diagram too big to render with a sentence', () => {
    const graph = folded(renderReportMarkdown(buildLargeRunResult(150, 10)), 'Task graph');
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
    const undo = folded(md, 'How to undo');
    expect(undo).toContain('Close the pull request');
    expect(undo).toContain('git push origin --delete feat/spec-user-auth');
    expect(undo).toContain('base branch main');
    expect(undo).not.toContain('rm --');
  });

  it('CI without a branch given defaults to feat/spec-<id>', () => {
    const md = renderReportMarkdown(buildRunResult(), { undo: { local: false } });
    expect(folded(md, 'How to undo')).toContain('git push origin --delete feat/spec-user-auth');
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
    expect(row(md, 'Budget')[1]).toBe('warn at $1.00 (reached), stop at $2.00 (stopped the run)');
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
    expect(
      md.startsWith('> [!CAUTION]\n> **Not implemented: User authentication.** 0 of 3 tasks succeeded'),
    ).toBe(true);
    expect(section(md, 'Next steps')).toContain('Nothing usable was produced');
    expect(section(md, 'Next steps')).not.toContain('Run the project');
    expect(folded(md, 'How to undo')).toContain('nothing to undo');
    expect(section(md, 'What changed')).toContain('No files were written.');
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
    const undo = folded(
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
    const undo = folded(renderReportMarkdown(buildRunResult({ writes })), 'How to undo');
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
    const taskRow = row(section(md, 'Tasks'), 'task-001');
    expect(taskRow).toHaveLength(5);
    expect(taskRow[2]).toContain('Evil \\| title');
    const fileRow = md.split('\n').find((l) => l.startsWith('| src/ | a'));
    expect(fileRow?.split(/(?<!\\)\|/).length).toBe(7);
    for (const t of tablesOf(md)) for (const r of t.rows) expect(r).toHaveLength(t.header.length);
  });

  it('keeps the Mermaid labels inert', () => {
    const graph = folded(renderReportMarkdown(evilResult()), 'Task graph');
    const node = graph.split('\n').find((l) => l.startsWith('  t_task_001['));
    expect(node).toBeDefined();
    const label = /^ {2}t_task_001\["(.*)<br\/>❌ failed"\]:::failed$/.exec(node!)?.[1];
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
    expect(md).toContain('## Tasks');
    expect(md).toContain('## Next steps');
    expect(md).toContain('<summary>How to undo</summary>');
  });

  it('shortens the files table before the tasks table', () => {
    const result = buildLargeRunResult(20, 2000);
    const md = renderReportMarkdown(result, { maxChars: 30_000 });
    expect(md.length).toBeLessThanOrEqual(30_000);
    expect(md).toMatch(/Showing the first [\d,]+ of 2,000 files/);
    expect(md).not.toMatch(/Showing the first \d+ of 20 tasks/);
    for (let i = 1; i <= 20; i++) expect(md).toContain(`| task-${String(i).padStart(3, '0')} |`);
  });

  it('empties every folded section before shortening the visible tables, files before tasks', () => {
    const md = renderReportMarkdown(buildLargeRunResult(60, 100), { maxChars: 15_000 });
    expect(md.length).toBeLessThanOrEqual(15_000);
    expect(md.match(/Left out to keep this report within its size limit/g)).toHaveLength(7);
    expect(md).not.toContain('```mermaid');
    expect(md).toMatch(/Showing the first \d+ of 100 files/);
    expect(md).not.toMatch(/Showing the first \d+ of 60 tasks/);
    const tight = renderReportMarkdown(buildLargeRunResult(60, 100), { maxChars: 5_000 });
    expect(tight).toContain('The 100 files are not listed here');
    expect(tight).toMatch(/Showing the first \d+ of 60 tasks/);
  });

  it('empties the largest folded section first (here the warnings), keeping the verdict, next steps and undo', () => {
    const huge = buildRunResult({
      warnings: Array.from({ length: 40 }, (_, i) => `warning ${i} ${'x'.repeat(400)}`),
    });
    const md = renderReportMarkdown(huge, { maxChars: 9_000 });
    expect(md.length).toBeLessThanOrEqual(9_000);
    expect(folded(md, 'Warnings (40)')).toContain('Left out to keep this report within its size limit');
    expect(md).toContain('```mermaid');
    expect(md.startsWith('> [!WARNING]')).toBe(true);
    expect(md).toContain('## Next steps');
    expect(folded(md, 'How to undo')).toContain('rm -- db/migrations/001_users.sql src/auth/login.ts');
    expect(md).not.toContain('characters. The complete data');
  });

  it('keeps the PR body under 65,536 characters with 40 failed tasks and long replies, verdict intact', () => {
    const result = buildLargeRunResult(300, 500);
    result.status = 'partial';
    result.tasks = result.tasks.map((t, i) =>
      i % 7 === 0
        ? {
            ...t,
            status: 'failed' as const,
            reason: `boom ${i} ${'y'.repeat(300)}`,
            lastReply: 'z'.repeat(2000),
          }
        : t,
    );
    const md = renderReportMarkdown(result, { maxChars: 65_000 });
    expect(md.length).toBeLessThan(65_536);
    expect(md.startsWith('> [!WARNING]')).toBe(true);
    expect(md).toContain('… and 31 more: see the Tasks table.');
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
    expect(md).toContain('and 30 more: see the JSON report');
  });
});

describe('renderReportMarkdown: snapshot', () => {
  it('renders the small fixture unchanged', () => {
    expect(
      renderReportMarkdown(buildRunResult(), { undo: { branch: 'feat/spec-user-auth', baseBranch: 'main' } }),
    ).toMatchSnapshot();
  });
});
