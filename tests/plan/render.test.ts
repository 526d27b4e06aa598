import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { decompose } from '../../src/plan/decompose.js';
import { escapeMermaidLabel } from '../../src/plan/graph.js';
import { PlanJsonSchema } from '../../src/plan/plan-json-schema.js';
import {
  escapeMarkdown,
  formatCount,
  formatUsd,
  type PlanJson,
  renderPlanJson,
  renderPlanMarkdown,
  renderPlanText,
} from '../../src/plan/render.js';
import { formatUsd as reportFormatUsd } from '../../src/report/format.js';
import { parseAllMermaid, tablesOf } from '../report/render-check.js';
import { spec } from './spec-builder.js';

const roles = new Map([
  ['database', { role: 'database', prompt: 'd'.repeat(3500), source: 'builtin' }],
  ['backend', { role: 'backend', prompt: 'b'.repeat(3500), source: 'builtin' }],
  ['frontend', { role: 'frontend', prompt: 'f'.repeat(3500), source: 'builtin' }],
  ['test', { role: 'test', prompt: 't'.repeat(3500), source: 'builtin' }],
]);

function fixedPlan(agents?: string[]) {
  const s = spec('feat-price', 'Price filter')
    .overview('o'.repeat(3500))
    .model({ title: 'Product' })
    .fr({ title: 'Filter by price' })
    .fr({ title: 'Show <b>price</b> | [x](http://e) on the page' })
    .ac({ title: 'a' })
    .ac({ title: 'b' })
    .build();
  return decompose(s, { today: '2026-11-01', roles, ...(agents ? { agents } : {}) });
}

describe('renderPlanText', () => {
  it('shows phases, dependencies, coverage and totals', () => {
    expect(renderPlanText(fixedPlan())).toMatchInlineSnapshot(`
      "Plan: Price filter (feat-price)
      Spec: specs/test.md
      Mode: sequential | Model: claude-sonnet-5-5 | 6 tasks in 5 phases

      Phase 1
        [task-001] database   Create schema and migrations for Product                           $0.0249

      Phase 2
        [task-002] backend    Implement data access for Product                                  $0.0181  ← task-001

      Phase 3
        [task-003] backend    Implement FR-1: Filter by price                                    $0.0241  ← task-002

      Phase 4
        [task-004] frontend   Build UI for FR-2: Show <b>price</b> | [x](http://e) on the page   $0.0267  ← task-003
        [task-005] test       Write tests for AT-1                                               $0.0157  ← task-003

      Phase 5
        [task-006] test       Write tests for AT-2                                               $0.0133  ← task-004

      Coverage: 5 of 5 spec item(s) covered
        covered: FR-1, FR-2, DM-1, AT-1, AT-2
        uncovered: none

      Estimated cost: $0.1228 (range $0.0737–$0.221; $0.2364 without prompt caching)
      Estimated time: 2.7 min sequential, 2.4 min parallel (critical path)
      Tokens: 80,217 input, 7,600 output
      "
    `);
  });

  it('shows assumptions and warnings of a filtered plan, and no escape sequences from titles', () => {
    const plan = fixedPlan(['frontend']);
    plan.tasks[0]!.title = 'Evil \u001b[31mred\u001b[0m title';
    const text = renderPlanText(plan);
    expect(text).not.toContain('\u001b');
    expect(text).toContain('Assumptions:');
    expect(text).toContain('Warnings:');
    expect(text).toContain('uncovered: FR-1, AT-1, AT-2');
    const colored = renderPlanText(plan, { color: true });
    expect(colored).toContain('\u001b[1mPhase 1\u001b[22m');
  });
});

describe('formatCount', () => {
  it('writes whole numbers exactly as toLocaleString("en-US") does', () => {
    const samples = [
      0, 7, 999, 1000, 1001, 12_345, 173_589, 999_999, 1_000_000, 123_456_789, -5, -1234, -1_000_000,
    ];
    for (let k = 1; k < 2 ** 53; k = k * 7 + 3) samples.push(k);
    samples.push(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER);
    for (const n of samples) expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
  });

  it('leaves other numbers to toLocaleString', () => {
    for (const n of [1234.5678, 2 ** 60, Number.NaN]) expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
  });
});

describe('renderPlanMarkdown', () => {
  it('has no empty header row, tables of at most 6 columns, and a Mermaid graph that parses', async () => {
    const md = renderPlanMarkdown(fixedPlan());
    expect(md).not.toMatch(/^\|\s*\|\s*\|$/m);
    const tables = tablesOf(md);
    expect(tables).toHaveLength(1);
    for (const t of tables) {
      expect(t.header.every((h) => h.trim() !== '')).toBe(true);
      expect(t.header.length).toBeLessThanOrEqual(6);
      for (const r of t.rows) expect(r).toHaveLength(t.header.length);
    }
    expect(md).toContain('flowchart TD');
    expect(await parseAllMermaid(md)).toBe(1);
  });

  it('renders tables and a Mermaid graph with escaped titles', () => {
    expect(renderPlanMarkdown(fixedPlan())).toMatchInlineSnapshot(`
      "## Implementation plan: Price filter

      - **Spec:** specs/test.md (feat-price)
      - **Mode:** sequential · **Model:** claude-sonnet-5-5
      - **Tasks:** 6 in 5 phase(s)
      - **Estimated cost:** $0.1228 (range $0.0737–$0.221; $0.2364 without prompt caching)
      - **Estimated time:** 2.7 min sequential, 2.4 min parallel
      - **Tokens:** 80,217 input (incl. cache reads), 7,600 output

      ### Tasks

      | Task | Agent | Title | Covers | Depends on | Estimate |
      | --- | --- | --- | --- | --- | ---: |
      | task-001 | database | Create schema and migrations for Product | DM-1 | — | $0.0249 |
      | task-002 | backend | Implement data access for Product | DM-1 | task-001 | $0.0181 |
      | task-003 | backend | Implement FR-1: Filter by price | FR-1 | task-002 | $0.0241 |
      | task-004 | frontend | Build UI for FR-2: Show &lt;b&gt;price&lt;/b&gt; \\| \\[x\\](http://e) on the page | FR-2 | task-003 | $0.0267 |
      | task-005 | test | Write tests for AT-1 | AT-1 | task-003 | $0.0157 |
      | task-006 | test | Write tests for AT-2 | AT-2 | task-004 | $0.0133 |

      ### Dependency graph

      \`\`\`mermaid
      flowchart TD
        classDef planned fill:#f6f8fa,stroke:#57606a,color:#24292f
        t_task_001["task-001 · database"]:::planned
        t_task_002["task-002 · backend"]:::planned
        t_task_003["task-003 · backend"]:::planned
        t_task_004["task-004 · frontend"]:::planned
        t_task_005["task-005 · test"]:::planned
        t_task_006["task-006 · test"]:::planned
        t_task_001 --> t_task_002
        t_task_002 --> t_task_003
        t_task_003 --> t_task_004
        t_task_003 --> t_task_005
        t_task_004 --> t_task_006
      \`\`\`

      _Each box is a task (id · role); an arrow points from a task to the tasks that wait for it._

      ### Coverage

      Covered (5): FR-1, FR-2, DM-1, AT-1, AT-2

      Uncovered: none
      "
    `);
  });

  it('escapes Markdown and Mermaid syntax', () => {
    expect(escapeMarkdown('a | b <img src=x> [l](u) *e*')).toBe(
      'a \\| b &lt;img src=x&gt; \\[l\\](u) \\*e\\*',
    );
    expect(escapeMermaidLabel('say "hi" <b> [x] #1')).toBe('say #quot;hi#quot; #lt;b#gt; #91;x#93; #35;1');
  });
});

describe('renderPlanJson', () => {
  it('matches the schema and round-trips the plan', () => {
    const plan = fixedPlan();
    const json: unknown = JSON.parse(renderPlanJson(plan));
    const parsed = PlanJsonSchema.parse(json);
    expect(parsed.tasks.map((t) => t.id)).toEqual(plan.tasks.map((t) => t.id));
    expect(parsed.estimate.usd).toBe(plan.estimate.usd);
    expect(parsed.spec).toEqual({
      id: 'feat-price',
      name: 'Price filter',
      path: 'specs/test.md',
      hash: 'a'.repeat(64),
    });
    expect(parsed).toEqual(json);
  });

  it('the schema describes exactly the PlanJson type that renderPlanJson writes (checked by tsc)', () => {
    expectTypeOf<z.infer<typeof PlanJsonSchema>>().toEqualTypeOf<PlanJson>();
  });

  it('rejects a malformed plan JSON', () => {
    const json = JSON.parse(renderPlanJson(fixedPlan()));
    json.tasks[0].phase = 0;
    expect(PlanJsonSchema.safeParse(json).success).toBe(false);
  });

  it('formats money with the one USD format of every view', () => {
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(0.004)).toBe('$0.004');
    expect(formatUsd(0.0972)).toBe('$0.0972');
    expect(formatUsd(1.235)).toBe('$1.24');
    expect(formatUsd).toBe(reportFormatUsd);
  });
});
