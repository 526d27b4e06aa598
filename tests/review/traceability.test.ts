// The traceability matrix and the review summary: pure rendering over a real parsed spec and plan.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReviewResult } from '../../src/core/results.js';
import type { Plan } from '../../src/core/tasks.js';
import { renderTraceabilityMatrix, summarizeReview } from '../../src/report/traceability.js';
import type { Spec } from '../../src/spec/types.js';
import { planOf, SPEC_SOURCE, specOf, taskResult } from './fixtures.js';

let spec: Spec;
let plan: Plan;

beforeAll(async () => {
  spec = specOf();
  plan = await planOf(spec);
});

function review(overrides: Partial<ReviewResult> = {}): ReviewResult {
  return {
    status: 'completed',
    items: [
      { itemId: 'FR-1', verdict: 'met', evidence: ['src/greet.ts:3'], note: 'Returns the greeting.' },
      { itemId: 'FR-2', verdict: 'partly', evidence: ['src/greet.ts:2', 'src/greet.ts:1'], note: '' },
      { itemId: 'AT-1', verdict: 'not-met', evidence: [], note: 'No test.' },
      { itemId: 'AT-2', verdict: 'not-verifiable', evidence: [], note: '' },
    ],
    calls: 1,
    usage: { inputTokens: 1, outputTokens: 1, cacheCreationTokens: 0, cacheReadTokens: 0 },
    costUsd: 0,
    ...overrides,
  };
}

/** Table rows (header and rule excluded) keyed by their first cell. */
function rows(markdown: string): Map<string, string[]> {
  const lines = markdown
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| Item ') && !l.startsWith('| --- '));
  return new Map(
    lines.map((l) => {
      const cells = l
        .slice(2, -2)
        .split(/(?<!\\) \| /)
        .map((c) => c.trim());
      return [cells[0]!, cells];
    }),
  );
}

describe('summarizeReview', () => {
  it('counts verdicts', () => {
    expect(summarizeReview(review())).toEqual({ met: 1, partly: 1, notMet: 1, notVerifiable: 1 });
    expect(summarizeReview(review({ items: [] }))).toEqual({
      met: 0,
      partly: 0,
      notMet: 0,
      notVerifiable: 0,
    });
  });
});

describe('renderTraceabilityMatrix', () => {
  it('maps each item to its tasks, their files and the verdict with evidence', () => {
    const tasks = [
      taskResult('task-001', ['src/greet.ts', 'src/index.ts']),
      taskResult('task-002', ['tests/greet.test.ts']),
    ];
    const md = renderTraceabilityMatrix({ plan, tasks, review: review(), spec });
    expect(md.startsWith('## Traceability')).toBe(true);
    expect(md).toContain('Review: 1 met, 1 partly, 1 not met, 1 not verifiable.');
    expect(md).toContain('| Item | Title | Task(s) | Files | Verdict | Evidence | Note |');
    const r = rows(md);
    expect([...r.keys()]).toEqual(['FR-1', 'FR-2', 'US-1', 'AT-1', 'AT-2']);
    expect(r.get('FR-1')).toEqual([
      'FR-1',
      'Greet by name',
      'task-001',
      'src/greet.ts, src/index.ts',
      'met',
      'src/greet.ts:3',
      'Returns the greeting.',
    ]);
    expect(r.get('FR-2')!.slice(4)).toEqual(['partly', 'src/greet.ts:2, src/greet.ts:1', '-']);
    expect(r.get('AT-1')!.slice(2)).toEqual(['task-002', 'tests/greet.test.ts', 'not met', '-', 'No test.']);
    // US-1 is traced but the review judges only FRs and acceptance criteria.
    expect(r.get('US-1')!.slice(4, 6)).toEqual(['—', '—']);
  });

  it('shows — for every verdict when the review did not run, and marks tasks that did not succeed', () => {
    const md = renderTraceabilityMatrix({
      plan,
      tasks: [taskResult('task-001', ['src/greet.ts'], 'failed')],
      spec,
    });
    expect(md).toContain('The review did not run');
    expect(md).not.toContain('| Note |');
    const r = rows(md);
    expect(r.get('FR-1')!.slice(2)).toEqual(['task-001 (failed)', 'src/greet.ts', '—', '—']);
    expect(r.get('AT-1')!.slice(2)).toEqual(['task-002 (not run)', '-', '—', '—']);
  });

  it('says why a review is missing verdicts', () => {
    const malformed = review({
      status: 'malformed',
      items: [{ itemId: 'AT-1', verdict: 'met', evidence: [], note: '' }],
      reason: 'missing item id(s): FR-1 <b>',
    });
    const md = renderTraceabilityMatrix({ plan, tasks: [], review: malformed, spec });
    expect(md).toContain('malformed');
    expect(md).toContain('missing item id(s): FR-1 &lt;b&gt;');
    const r = rows(md);
    expect(r.get('FR-1')![4]).toBe('—');
    expect(r.get('AT-1')![4]).toBe('met');
    const failed = renderTraceabilityMatrix({
      plan,
      tasks: [],
      review: review({ status: 'failed', items: [], reason: 'HTTP 401' }),
    });
    expect(failed).toContain('The review failed');
    expect(failed).toContain('HTTP 401');
  });

  it('lists items no task covers', () => {
    const narrowed: Plan = { ...plan, tasks: plan.tasks.filter((t) => t.agent !== 'test') };
    const md = renderTraceabilityMatrix({ plan: narrowed, tasks: [], spec });
    expect(rows(md).get('AT-2')!.slice(2, 4)).toEqual(['no task', '-']);
  });

  it('caps files and evidence with "+N more"', () => {
    const files = ['a.ts', 'b.ts', 'c.ts', 'd.ts', 'e.ts'];
    const ev = ['a.ts:1', 'a.ts:2', 'a.ts:3', 'a.ts:4'];
    const md = renderTraceabilityMatrix({
      plan,
      tasks: [taskResult('task-001', files)],
      review: review({ items: [{ itemId: 'FR-1', verdict: 'met', evidence: ev, note: '' }] }),
      spec,
    });
    const fr1 = rows(md).get('FR-1')!;
    expect(fr1[3]).toBe('a.ts, b.ts, c.ts, +2 more');
    expect(fr1[5]).toBe('a.ts:1, a.ts:2, a.ts:3, +1 more');
    const two = renderTraceabilityMatrix({
      plan,
      tasks: [taskResult('task-001', files)],
      maxFilesPerItem: 1,
    });
    expect(rows(two).get('FR-1')![2]).toBe('a.ts, +4 more');
  });

  it('escapes hostile titles, paths, evidence and notes', () => {
    const hostile = specOf(
      SPEC_SOURCE.replace('### FR-1: Greet by name', '### FR-1: Greet 1<2 && 3>2 -- > | @admin *x*'),
    );
    expect(hostile.functionalRequirements[0]!.title).toContain('<2 && 3>');
    const md = renderTraceabilityMatrix({
      plan,
      tasks: [taskResult('task-001', ['src/a|b.ts', 'src/<img src=x>.ts'])],
      review: review({
        items: [{ itemId: 'FR-1', verdict: 'met', evidence: ['src/a|b.ts:1'], note: 'ok\n# heading -->' }],
      }),
      spec: hostile,
    });
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('<img');
    expect(md).not.toContain('-->');
    expect(md).not.toMatch(/\n# heading/);
    const fr1 = rows(md).get('FR-1')!;
    expect(fr1).toHaveLength(7);
    expect(fr1[1]).not.toContain('<');
    expect(fr1[1]).toContain('1&lt;2 &amp;&amp; 3&gt;2');
    expect(fr1[1]).toContain('\\| @\u200badmin');
    expect(fr1[3]).toBe('src/a\\|b.ts, src/&lt;img src=x&gt;.ts');
    expect(fr1[5]).toBe('src/a\\|b.ts:1');
    expect(fr1[6]).toBe('ok # heading --&gt;');
  });

  it('works without the spec from the plan coverage, and cuts long tables', () => {
    const md = renderTraceabilityMatrix({ plan, tasks: [], review: review() });
    expect(md).toContain('| Item | Task(s) | Files | Verdict | Evidence | Note |');
    expect([...rows(md).keys()]).toEqual(['FR-1', 'FR-2', 'US-1', 'AT-1', 'AT-2']);
    const cut = renderTraceabilityMatrix({ plan, tasks: [], spec, maxRows: 2 });
    expect([...rows(cut).keys()]).toEqual(['FR-1', 'FR-2']);
    expect(cut).toContain('Showing the first 2 of 5 items.');
  });

  it('says so when there is nothing to trace', () => {
    const bare = specOf(SPEC_SOURCE.replace(/## User Stories[\s\S]*$/, ''));
    const empty: Plan = { ...plan, tasks: [], coverage: { covered: [], uncovered: [] } };
    const md = renderTraceabilityMatrix({ plan: empty, tasks: [], spec: bare });
    expect(md).toContain('The spec has no functional requirements');
    expect(md).not.toContain('| Item');
  });
});
