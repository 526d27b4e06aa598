// A role's own model in the plan: only the configured roles' tasks carry it, the estimate prices each task at
// its model (and does not share prompt caches across models), and the renders show it only when present.
import { describe, expect, it } from 'vitest';
import { buildPrompt } from '../../src/agents/context.js';
import { emptyRepoSnapshot } from '../../src/agents/repo-scan.js';
import type { RoleDefinition } from '../../src/agents/types.js';
import { costOf, PRICES } from '../../src/core/prices.js';
import type { Task } from '../../src/core/tasks.js';
import { decompose } from '../../src/plan/decompose.js';
import {
  countTokens,
  TOOL_ACK_TOKENS_PER_CALL,
  taskTokenCounts,
  toolDefinitionTokens,
} from '../../src/plan/estimate.js';
import { PlanJsonSchema } from '../../src/plan/plan-json-schema.js';
import { renderPlanJson, renderPlanMarkdown, renderPlanText } from '../../src/plan/render.js';
import { spec } from '../plan/spec-builder.js';

const TODAY = '2026-11-01';
const role = (name: string, chars: number): RoleDefinition => ({
  role: name,
  prompt: 'r'.repeat(chars),
  source: 'builtin',
});
const roles = new Map([
  ['backend', role('backend', 3500)], // 1,000 tokens
  ['test', role('test', 7000)], // 2,000 tokens
]);
const s = spec().overview('x'.repeat(7000)).fr({ title: 'A' }).fr({ title: 'B' }).ac({ title: 'a' }).build();
const base = { today: TODAY, roles, maxItemsPerTask: 1 };

describe('decompose with role models', () => {
  it('sets task.model only on the tasks of a configured role whose model differs from the plan model', () => {
    const plan = decompose(s, {
      ...base,
      roleModels: { test: 'claude-haiku-4-5', backend: 'claude-sonnet-5-5' },
    });
    expect(plan.model).toBe('claude-sonnet-5-5');
    expect(plan.tasks.map((t) => [t.agent, t.model])).toEqual([
      ['backend', undefined],
      ['backend', undefined],
      ['test', 'claude-haiku-4-5'],
    ]);
    expect(plan.tasks.filter((t) => 'model' in t).map((t) => t.id)).toEqual(['task-003']);
  });

  it('with no role configured, or only roles on the plan model, the plan is exactly the default one', () => {
    const plain = decompose(s, base);
    expect(decompose(s, { ...base, roleModels: {} })).toEqual(plain);
    expect(
      decompose(s, { ...base, roleModels: { backend: 'claude-sonnet-5-5', review: 'claude-haiku-4-5' } }),
    ).toEqual(plain);
    expect(renderPlanJson(decompose(s, { ...base, roleModels: { fix: 'claude-opus-5-5' } }))).toBe(
      renderPlanJson(plain),
    );
  });

  it('warns about an end-of-life role model', () => {
    const plan = decompose(s, { ...base, today: '2026-12-01', roleModels: { test: 'claude-sonnet-4-5' } });
    expect(plan.warnings).toContain(
      'Model claude-sonnet-4-5 reached end of life on 2026-11-30: choose claude-sonnet-5-5 (the default) or another current model.',
    );
  });
});

describe('estimate with two prices (hand-checked)', () => {
  const repo = emptyRepoSnapshot();
  const tokensOf = (t: Task) => {
    const p = buildPrompt({ spec: s, task: t, role: roles.get(t.agent)!, repo, dependencyFiles: [] });
    return {
      // The tool definitions come first in the prompt: they are part of the spec prefix.
      spec: toolDefinitionTokens(t.model ?? 'claude-sonnet-5-5') + countTokens(p.system[0]!.text),
      role: countTokens(p.system[1]!.text),
      user: countTokens(p.user),
    };
  };
  const sonnet = PRICES['claude-sonnet-5-5']!;
  const haiku = PRICES['claude-haiku-4-5']!;

  it('prices the test task at Haiku and the backend tasks at Sonnet; the test task misses the Sonnet cache', () => {
    const plan = decompose(s, { ...base, roleModels: { test: 'claude-haiku-4-5' } });
    const plain = decompose(s, base);
    const [t1, t2, t3] = plan.tasks as [Task, Task, Task];
    // The backend tasks are priced exactly as without role models.
    expect(t1.estimate).toEqual(plain.tasks[0]!.estimate);
    expect(t2.estimate).toEqual(plain.tasks[1]!.estimate);

    const k3 = tokensOf(t3);
    expect(k3.role).toBe(2000);
    // On Haiku nothing is cached yet (the spec prefix was written for Sonnet), so the first call writes
    // spec + role prefixes and the next two read them.
    const c3 = taskTokenCounts({
      specTokens: k3.spec,
      roleTokens: 2000,
      userTokens: k3.user,
      outputTokens: 900,
      toolResultTokens: 2 * TOOL_ACK_TOKENS_PER_CALL,
      specCached: false,
      roleCached: false,
    });
    expect(c3.cacheCreationTokens).toBe(k3.spec + 2000);
    expect(c3.cacheReadTokens).toBe(2 * (k3.spec + 2000));
    // Haiku 4.5: input 1, output 5, cache write 1.25, cache read 0.1 USD per million tokens.
    const haikuUsd =
      (c3.inputTokens * 1 + 900 * 5 + c3.cacheCreationTokens * 1.25 + c3.cacheReadTokens * 0.1) / 1e6;
    expect(t3.estimate.usd).toBeCloseTo(haikuUsd, 6);
    expect(t3.estimate.usd).toBeCloseTo(costOf(c3, haiku), 6);
    const all3 = c3.inputTokens + c3.cacheCreationTokens + c3.cacheReadTokens;
    expect(t3.estimate.usdNoCache).toBeCloseTo((all3 * 1 + 900 * 5) / 1e6, 6);

    // Without the role model the same task reads the Sonnet spec prefix and pays Sonnet prices.
    const sonnetC3 = taskTokenCounts({
      specTokens: k3.spec,
      roleTokens: 2000,
      userTokens: k3.user,
      outputTokens: 900,
      toolResultTokens: 2 * TOOL_ACK_TOKENS_PER_CALL,
      specCached: true,
      roleCached: false,
    });
    expect(plain.tasks[2]!.estimate.usd).toBeCloseTo(costOf(sonnetC3, sonnet), 6);
    expect(t3.estimate.usd).toBeLessThan(plain.tasks[2]!.estimate.usd);

    const usd = t1.estimate.usd + t2.estimate.usd + t3.estimate.usd;
    expect(plan.estimate.usd).toBeCloseTo(usd, 6);
    expect(plan.estimate.highUsd).toBeCloseTo(usd * 1.8, 6);
    expect(plan.estimate.usdNoCache).toBeCloseTo(
      t1.estimate.usdNoCache + t2.estimate.usdNoCache + t3.estimate.usdNoCache,
      6,
    );
  });
});

describe('renders', () => {
  const plan = decompose(s, { ...base, roleModels: { test: 'claude-haiku-4-5' } });
  const plain = decompose(s, base);

  it('the JSON carries the task model only where set and validates against PlanJsonSchema', () => {
    const json = PlanJsonSchema.parse(JSON.parse(renderPlanJson(plan)));
    expect(json.tasks.map((t) => t.model)).toEqual([undefined, undefined, 'claude-haiku-4-5']);
    expect(Object.keys(json.tasks[2]!)).toEqual([
      'id',
      'agent',
      'title',
      'description',
      'phase',
      'dependsOn',
      'covers',
      'sections',
      'model',
      'estimate',
    ]);
    expect(renderPlanJson(plain)).not.toContain('"model": "claude-haiku');
  });

  it('text names the model on the task line; Markdown names it with the agent only when a task has one', () => {
    const text = renderPlanText(plan);
    expect(text).toMatch(/\[task-003\] test .*\$\d+\.\d+ {2}\(claude-haiku-4-5\)/);
    expect(text.match(/\(claude-/g)).toHaveLength(1);
    expect(renderPlanText(plain)).not.toContain('(claude-');

    const md = renderPlanMarkdown(plan);
    // Six columns at most: a role's own model goes with its agent.
    expect(md).toContain('| Task | Agent | Title | Covers | Depends on | Estimate |');
    expect(md).toMatch(/\| task-001 \| backend \| /);
    expect(md).toMatch(/\| task-003 \| test \(claude-haiku-4-5\) \|/);
    const plainMd = renderPlanMarkdown(plain);
    expect(plainMd).toContain('| Task | Agent | Title | Covers | Depends on | Estimate |');
    expect(plainMd).not.toContain('(claude-');
  });
});
