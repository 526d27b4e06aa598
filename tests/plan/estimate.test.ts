import { describe, expect, it } from 'vitest';
import { buildPrompt } from '../../src/agents/context.js';
import { emptyRepoSnapshot } from '../../src/agents/repo-scan.js';
import type { RoleDefinition } from '../../src/agents/types.js';
import { costOf, PRICES, UnknownModelError } from '../../src/core/prices.js';
import type { Task } from '../../src/core/tasks.js';
import { decompose } from '../../src/plan/decompose.js';
import {
  CALLS_PER_TASK,
  countTokens,
  criticalPathMinutes,
  estimatePlan,
  outputTokensFor,
  TEXT_EDITOR_TOOL_TOKENS,
  TOOL_ACK_TOKENS_PER_CALL,
  TOOL_USE_SYSTEM_PROMPT_TOKENS,
  taskTokenCounts,
  toolDefinitionTokens,
} from '../../src/plan/estimate.js';
import { spec } from './spec-builder.js';

const TODAY = '2026-11-01';
/** Tool results of a task in a repository with no files to view: the acknowledgements only. */
const ACKS = (CALLS_PER_TASK - 1) * TOOL_ACK_TOKENS_PER_CALL;

describe('token arithmetic (hand-checked)', () => {
  it('counts ceil(chars / 3.5)', () => {
    expect(countTokens('')).toBe(0);
    expect(countTokens('abc')).toBe(1);
    expect(countTokens('a'.repeat(7))).toBe(2);
    expect(countTokens('a'.repeat(8))).toBe(3);
  });

  // spec 2,000 + role 1,000 + user 500 tokens; output 3,000 and 800 tokens of tool results over the two
  // calls that get one → each call adds 1,000 + 400 tool tokens.
  const base = {
    specTokens: 2000,
    roleTokens: 1000,
    userTokens: 500,
    outputTokens: 3000,
    toolResultTokens: 800,
  };

  it('first task: one cache write of both prefixes, then reads; the conversation grows per call', () => {
    const t = taskTokenCounts({ ...base, specCached: false, roleCached: false });
    // calls: 500 + 0, 500 + 1,400, 500 + 2,800 plain input
    expect(t).toEqual({
      inputTokens: 5700,
      outputTokens: 3000,
      cacheCreationTokens: 3000,
      cacheReadTokens: 6000,
    });
    // Sonnet 5.5: input 2, output 10, write 2.5, read 0.1 per million
    // 5,700×2 + 3,000×10 + 3,000×2.5 + 6,000×0.1 = 11,400 + 30,000 + 7,500 + 600 = 49,500 → $0.0495
    expect(costOf(t, PRICES['claude-sonnet-5-5']!)).toBeCloseTo(0.0495, 10);
  });

  it('a later task of the same role only reads the cache', () => {
    const t = taskTokenCounts({ ...base, specCached: true, roleCached: true });
    expect(t).toEqual({
      inputTokens: 5700,
      outputTokens: 3000,
      cacheCreationTokens: 0,
      cacheReadTokens: 9000,
    });
    expect(costOf(t, PRICES['claude-sonnet-5-5']!)).toBeCloseTo(0.0423, 10);
  });

  it('a task of a new role reads the spec prefix and writes its role prefix once', () => {
    const t = taskTokenCounts({ ...base, specCached: true, roleCached: false });
    expect(t).toEqual({
      inputTokens: 5700,
      outputTokens: 3000,
      cacheCreationTokens: 1000,
      cacheReadTokens: 8000,
    });
  });

  it('prefixes under 1,024 tokens are not cacheable and are paid as input', () => {
    const t = taskTokenCounts({
      ...base,
      specTokens: 500,
      roleTokens: 400,
      specCached: false,
      roleCached: false,
    });
    expect(t).toEqual({
      inputTokens: 3 * 900 + 5700,
      outputTokens: 3000,
      cacheCreationTokens: 0,
      cacheReadTokens: 0,
    });
    // The role prefix alone is short, but spec + role is long enough for the second breakpoint.
    const u = taskTokenCounts({
      ...base,
      specTokens: 700,
      roleTokens: 400,
      specCached: false,
      roleCached: false,
    });
    expect(u).toEqual({
      inputTokens: 5700,
      outputTokens: 3000,
      cacheCreationTokens: 1100,
      cacheReadTokens: 2200,
    });
  });

  it('output tokens follow the kinds of covered items plus the summary', () => {
    const s = spec()
      .fr({ title: 'A' })
      .api({ title: 'GET /x' })
      .model({ title: 'M' })
      .ac({ title: 't' })
      .dt({ title: 'd' })
      .build();
    expect(outputTokensFor(s, { covers: ['FR-1', 'API-1'] })).toBe(300 + 1500 + 1200);
    expect(outputTokensFor(s, { covers: ['DM-1', 'AT-1', 'DT-1'] })).toBe(300 + 800 + 600 + 400);
    expect(outputTokensFor(s, { covers: [] })).toBe(300 + 3000);
  });

  it('critical path is the longest chain of minutes', () => {
    const t = (id: string, minutes: number, dependsOn: string[] = []) =>
      ({ id, dependsOn, estimate: { minutes } }) as unknown as Task;
    expect(criticalPathMinutes([t('a', 1), t('b', 5), t('c', 2, ['a']), t('d', 1, ['b', 'c'])])).toBe(6);
    expect(criticalPathMinutes([])).toBe(0);
  });
});

describe('plan estimate', () => {
  const role = (name: string, chars: number): RoleDefinition => ({
    role: name,
    prompt: 'r'.repeat(chars),
    source: 'builtin',
  });
  const roles = new Map([
    ['backend', role('backend', 3500)], // exactly 1,000 tokens
    ['test', role('test', 7000)], // 2,000 tokens
  ]);
  const s = spec()
    .overview('x'.repeat(7000))
    .fr({ title: 'A' })
    .fr({ title: 'B' })
    .ac({ title: 'a' })
    .build();
  const price = { input: 1, output: 10, cacheWrite: 2, cacheRead: 0.5 };

  it('counts the real prompt and prices each task by what is already cached', () => {
    const plan = decompose(s, {
      today: TODAY,
      roles,
      customPrice: price,
      model: 'my-model',
      maxItemsPerTask: 1,
    });
    expect(plan.tasks.map((t) => t.agent)).toEqual(['backend', 'backend', 'test']);
    const repo = emptyRepoSnapshot();
    const tokensOf = (t: Task) => {
      const p = buildPrompt({ spec: s, task: t, role: roles.get(t.agent)!, repo, dependencyFiles: [] });
      return {
        // The tool definitions come first in the prompt: they are part of the spec prefix.
        spec: toolDefinitionTokens('my-model') + countTokens(p.system[0]!.text),
        role: countTokens(p.system[1]!.text),
        user: countTokens(p.user),
      };
    };
    const [t1, t2, t3] = plan.tasks as [Task, Task, Task];
    const k1 = tokensOf(t1);
    expect(k1.role).toBe(1000);
    expect(t1.estimate.inputTokens).toBe(k1.spec + k1.role + k1.user);
    expect(t1.estimate.cacheableTokens).toBe(k1.spec + k1.role);
    expect(t1.estimate.outputTokens).toBe(1800);
    const c1 = taskTokenCounts({
      specTokens: k1.spec,
      roleTokens: 1000,
      userTokens: k1.user,
      outputTokens: 1800,
      toolResultTokens: ACKS,
      specCached: false,
      roleCached: false,
    });
    expect(t1.estimate.usd).toBeCloseTo(costOf(c1, price), 5);
    const k2 = tokensOf(t2);
    const c2 = taskTokenCounts({
      specTokens: k2.spec,
      roleTokens: 1000,
      userTokens: k2.user,
      outputTokens: 1800,
      toolResultTokens: ACKS,
      specCached: true,
      roleCached: true,
    });
    expect(t2.estimate.usd).toBeCloseTo(costOf(c2, price), 5);
    const k3 = tokensOf(t3);
    expect(k3.role).toBe(2000);
    const c3 = taskTokenCounts({
      specTokens: k3.spec,
      roleTokens: 2000,
      userTokens: k3.user,
      outputTokens: 900,
      toolResultTokens: ACKS,
      specCached: true,
      roleCached: false,
    });
    expect(t3.estimate.usd).toBeCloseTo(costOf(c3, price), 5);
    // Without caching every input token is paid at the input price.
    const all1 = c1.inputTokens + c1.cacheCreationTokens + c1.cacheReadTokens;
    expect(t1.estimate.usdNoCache).toBeCloseTo((all1 * 1 + 1800 * 10) / 1e6, 5);

    const usd = t1.estimate.usd + t2.estimate.usd + t3.estimate.usd;
    expect(plan.estimate.usd).toBeCloseTo(usd, 5);
    expect(plan.estimate.lowUsd).toBeCloseTo(usd * 0.6, 5);
    expect(plan.estimate.highUsd).toBeCloseTo(usd * 1.8, 5);
    expect(plan.estimate.outputTokens).toBe(1800 + 1800 + 900);
    expect(plan.estimate.inputTokens).toBe(
      [c1, c2, c3].reduce((n, c) => n + c.inputTokens + c.cacheCreationTokens + c.cacheReadTokens, 0),
    );
    // (3 calls × 2 s + 1,800 / 60 s) / 60 = 0.6 min; (6 + 15) / 60 = 0.35 min
    expect(plan.tasks.map((t) => t.estimate.minutes)).toEqual([0.6, 0.6, 0.35]);
    expect(plan.estimate.sequentialMinutes).toBeCloseTo(1.55, 5);
    // FR tasks run side by side; the AT-1 test waits for FR-1 only.
    expect(plan.estimate.parallelMinutes).toBeCloseTo(0.95, 5);
    expect(CALLS_PER_TASK).toBe(3);
  });

  it('in parallel mode, tasks of one phase all miss the cache their phase writes', () => {
    const seq = decompose(s, { today: TODAY, roles, customPrice: price, model: 'm', maxItemsPerTask: 1 });
    const par = decompose(s, {
      today: TODAY,
      roles,
      customPrice: price,
      model: 'm',
      maxItemsPerTask: 1,
      mode: 'parallel',
    });
    // Task 2 runs beside task 1 in parallel, so it pays the cache write task 1 pays.
    expect(par.tasks[0]!.estimate.usd).toBe(seq.tasks[0]!.estimate.usd);
    expect(par.tasks[1]!.estimate.usd).toBeGreaterThan(seq.tasks[1]!.estimate.usd);
    expect(par.tasks[1]!.estimate.usd).toBe(par.tasks[0]!.estimate.usd);
    expect(par.tasks[2]!.estimate.usd).toBe(seq.tasks[2]!.estimate.usd);
  });

  it('estimatePlan on no tasks is zero', () => {
    const r = estimatePlan({
      spec: s,
      tasks: [],
      roles,
      repo: emptyRepoSnapshot(),
      model: 'claude-sonnet-5-5',
      mode: 'sequential',
    });
    expect(r.estimate).toEqual({
      usd: 0,
      lowUsd: 0,
      highUsd: 0,
      usdNoCache: 0,
      inputTokens: 0,
      outputTokens: 0,
      sequentialMinutes: 0,
      parallelMinutes: 0,
    });
  });

  it('counts the repository tree in the prompt', () => {
    const repo = {
      ...emptyRepoSnapshot(),
      files: Array.from({ length: 200 }, (_, i) => `src/module-${i}.ts`),
    };
    const without = decompose(s, { today: TODAY, roles });
    const withRepo = decompose(s, { today: TODAY, roles, repo });
    expect(withRepo.tasks[0]!.estimate.inputTokens).toBeGreaterThan(
      without.tasks[0]!.estimate.inputTokens + 900,
    );
  });
});

describe('models', () => {
  const s = spec().fr({ title: 'A' }).build();

  it('rejects an unknown model unless prices are given', () => {
    expect(() => decompose(s, { model: 'gpt-9' })).toThrow(UnknownModelError);
    expect(() => decompose(s, { model: 'gpt-9' })).toThrow(/Known models: claude-sonnet-5-5/);
    const plan = decompose(s, {
      model: 'gpt-9',
      customPrice: { input: 1, output: 1, cacheWrite: 1, cacheRead: 1 },
    });
    expect(plan.model).toBe('gpt-9');
  });

  it('warns about an end-of-life model', () => {
    const plan = decompose(s, { model: 'claude-sonnet-4-5', today: '2026-12-01' });
    expect(plan.warnings).toContain(
      'Model claude-sonnet-4-5 reached end of life on 2026-11-30: choose claude-sonnet-5-5 (the default) or another current model.',
    );
    expect(decompose(s, { today: '2026-12-01' }).warnings).toEqual([]);
  });

  it('uses the default model and its prices', () => {
    const plan = decompose(s, { today: TODAY });
    expect(plan.model).toBe('claude-sonnet-5-5');
    const cheaper = decompose(s, { today: TODAY, model: 'claude-haiku-4-5' });
    expect(cheaper.estimate.usd).toBeLessThan(plan.estimate.usd);
  });
});

describe('tool definitions in the estimate', () => {
  it('counts the tool-use system prompt, the native text editor at its published size, and each custom tool', () => {
    const native = toolDefinitionTokens('claude-sonnet-5-5');
    const custom = toolDefinitionTokens('my-model');
    // A Claude 4+ model gets the native editor (700 tokens, expanded by the API), others a custom JSON schema.
    expect(native).toBeGreaterThan(TOOL_USE_SYSTEM_PROMPT_TOKENS + TEXT_EDITOR_TOOL_TOKENS);
    expect(custom).toBeGreaterThan(TOOL_USE_SYSTEM_PROMPT_TOKENS);
    expect(native).not.toBe(custom);
    // Search, write and delete are the same custom tools for both: the difference is only the editor.
    const searchWriteDelete = native - TOOL_USE_SYSTEM_PROMPT_TOKENS - TEXT_EDITOR_TOOL_TOKENS;
    expect(searchWriteDelete).toBeGreaterThan(200);
    expect(custom - TOOL_USE_SYSTEM_PROMPT_TOKENS - searchWriteDelete).toBeGreaterThan(100);
  });
});
