// A run where the test role and the review use Claude Haiku 4.5 and everything else the plan's Sonnet 5.5:
// the real pipeline and Anthropic adapter against the loopback fake. Each request must name its role's model,
// each task must be costed at its model's price, and the totals must add the two prices up.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { reviewCriteria } from '../../src/agents/review.js';
import { Budget } from '../../src/core/budget.js';
import { addUsage, type Usage, ZERO_USAGE } from '../../src/core/model-port.js';
import { costOf, costWithoutCache, PRICES } from '../../src/core/prices.js';
import { preparePlan } from '../../src/plan/prepare.js';
import { buildReportJson, ReportJsonSchema } from '../../src/report/json.js';
import { renderReportMarkdown } from '../../src/report/markdown.js';
import { createAnthropicModel } from '../../src/run/model/anthropic.js';
import { implementPlan } from '../../src/run/pipeline.js';
import { REPO_ROOT } from '../cli/helpers.js';
import {
  type FakeAnthropic,
  type RecordedRequest,
  replies,
  startFakeAnthropic,
} from '../fakes/anthropic-server.js';
import { doneLineFor } from '../fakes/done.js';

const SONNET = 'claude-sonnet-5-5';
const HAIKU = 'claude-haiku-4-5';
const SPEC_REL = 'specs/feature.md';

let fake: FakeAnthropic;
let root: string;
beforeAll(async () => {
  fake = await startFakeAnthropic();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  fake.resetCache();
  root = mkdtempSync(path.join(tmpdir(), 'implement-spec-role-models-'));
  mkdirSync(path.join(root, 'specs'));
  copyFileSync(
    path.join(REPO_ROOT, 'examples', 'specs', 'product-price-filter.md'),
    path.join(root, SPEC_REL),
  );
  mkdirSync(path.join(root, '.github', 'implement-spec'), { recursive: true });
  // The test role's model comes from the config file, the review's from the explicit option.
  writeFileSync(
    path.join(root, '.github', 'implement-spec', 'config.yml'),
    `roles:\n  test:\n    model: ${HAIKU}\n`,
  );
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

// The user message opens with "# Task task-00n (role agent, …)"; earlier text may name other tasks.
const taskOf = (req: RecordedRequest) =>
  /# Task (task-\d{3}) \(/.exec(JSON.stringify(req.body.messages?.[0]?.content ?? ''))?.[1] ?? 'review';
const isReview = (req: RecordedRequest) =>
  (req.body.tools ?? []).some((t: { name: string }) => t.name === 'submit_review');
const answersTools = (req: RecordedRequest) => {
  const last = req.body.messages?.at(-1);
  return Array.isArray(last?.content) && last.content.some((b: { type: string }) => b.type === 'tool_result');
};

describe('a run with per-role models', () => {
  it('sends each task with its role model and costs tasks and totals at each model price', async () => {
    const prepared = await preparePlan({
      specPath: path.join(root, SPEC_REL),
      displayPath: SPEC_REL,
      repoRoot: root,
      options: { agents: ['backend', 'test'], roleModels: { review: HAIKU } },
    });
    const plan = prepared.plan!;
    expect(prepared.roleModels).toEqual({ test: HAIKU, review: HAIKU });
    const agentOf = new Map(plan.tasks.map((t) => [t.id, t.agent]));
    const testTasks = plan.tasks.filter((t) => t.agent === 'test').map((t) => t.id);
    expect(testTasks.length).toBeGreaterThan(0);
    for (const t of plan.tasks) expect(t.model, t.id).toBe(t.agent === 'test' ? HAIKU : undefined);

    const ids = reviewCriteria(prepared.validation.spec).map((i) => i.id);
    fake.handle((req) => {
      if (isReview(req)) {
        const items = ids.map((id) => ({
          item_id: id,
          verdict: 'not-verifiable',
          evidence: [],
          note: 'fake',
        }));
        return replies.toolUse('submit_review', { items });
      }
      const task = taskOf(req);
      if (answersTools(req)) return replies.text(`Wrote the code for ${task}.\n${doneLineFor(req.body)}`);
      const file =
        agentOf.get(task) === 'test' ? `tests/generated/${task}.test.ts` : `src/generated/${task}.ts`;
      return replies.toolUse('write_file', { path: file, content: `export const task = '${task}';\n` });
    });

    const budget = new Budget({ price: PRICES[SONNET]!, warnUsd: 1000, maxUsd: 1000 });
    const result = await implementPlan({
      spec: prepared.validation.spec,
      plan,
      roles: prepared.roles,
      repo: prepared.repo,
      root,
      specPath: SPEC_REL,
      model: createAnthropicModel({ apiKey: 'sk-ant-test', baseURL: fake.url, maxRetries: 0 }),
      maxTokens: 4096,
      maxTurns: 6,
      maxParallel: 1,
      budget,
      protectedPaths: [],
      backups: false,
      fresh: true,
      maxFixRounds: 0,
      review: true,
      roleModels: prepared.roleModels,
      secrets: [],
      log: () => {},
    });
    expect(result.status).toBe('success');
    expect(result.review?.status).toBe('completed');

    // Every request names its role's model: Haiku for the test tasks and the review, Sonnet otherwise.
    for (const req of fake.requests) {
      const task = taskOf(req);
      const expected = task === 'review' || agentOf.get(task) === 'test' ? HAIKU : SONNET;
      expect(req.body.model, task).toBe(expected);
    }
    expect(fake.requests.filter(isReview)).toHaveLength(1);
    expect(new Set(fake.requests.map(taskOf))).toEqual(new Set([...plan.tasks.map((t) => t.id), 'review']));

    // Each task's cost is its own usage at its model's price, and only a task with its own model says so.
    let sonnetUsage: Usage = ZERO_USAGE;
    let haikuUsage: Usage = ZERO_USAGE;
    for (const r of result.tasks) {
      const onHaiku = agentOf.get(r.taskId) === 'test';
      expect(r.usage.inputTokens + r.usage.cacheCreationTokens, r.taskId).toBeGreaterThan(0);
      expect(r.costUsd, r.taskId).toBe(costOf(r.usage, PRICES[onHaiku ? HAIKU : SONNET]!));
      expect(r.model, r.taskId).toBe(onHaiku ? HAIKU : undefined);
      if (onHaiku) haikuUsage = addUsage(haikuUsage, r.usage);
      else sonnetUsage = addUsage(sonnetUsage, r.usage);
    }
    // The two prices really differ for these tokens, so the check above tells them apart.
    expect(costOf(haikuUsage, PRICES[HAIKU]!)).toBeLessThan(costOf(haikuUsage, PRICES[SONNET]!));
    const review = result.review!;
    expect(review.costUsd).toBe(costOf(review.usage, PRICES[HAIKU]!));
    haikuUsage = addUsage(haikuUsage, review.usage);

    // Totals: the sum of each model's tokens at its own price (the budget saw every call with its price).
    const expectedUsd = costOf(sonnetUsage, PRICES[SONNET]!) + costOf(haikuUsage, PRICES[HAIKU]!);
    expect(result.costUsd).toBeCloseTo(expectedUsd, 12);
    expect(result.costUsdWithoutCache).toBeCloseTo(
      costWithoutCache(sonnetUsage, PRICES[SONNET]!) + costWithoutCache(haikuUsage, PRICES[HAIKU]!),
      12,
    );
    expect(budget.totalUsd).toBe(result.costUsd);
    expect(result.usage).toEqual(addUsage(sonnetUsage, haikuUsage));
    expect(result.costUsd).toBeLessThan(costOf(result.usage, PRICES[SONNET]!));

    // The report: a Model column in the per-role table, and the model on the test tasks in the JSON.
    const md = renderReportMarkdown(result);
    const roleTable = md.slice(md.indexOf('<summary>Cost, tokens and files per role'));
    expect(roleTable).toMatch(/\| Role +\| Model +\|/);
    expect(roleTable).toMatch(/\| backend +\| claude-sonnet-5-5 +\|/);
    expect(roleTable).toMatch(/\| test +\| claude-haiku-4-5 +\|/);
    const json = ReportJsonSchema.parse(buildReportJson(result));
    expect(json.tasks.filter((t) => t.model === HAIKU).map((t) => t.taskId)).toEqual(testTasks);
    expect(json.plan.tasks.filter((t) => t.model === HAIKU).map((t) => t.id)).toEqual(testTasks);
  });

  it('the fix agent runs on the fix role model and is costed at its price', async () => {
    const prepared = await preparePlan({
      specPath: path.join(root, SPEC_REL),
      displayPath: SPEC_REL,
      repoRoot: root,
      options: { agents: ['backend'], roleModels: { fix: HAIKU } },
    });
    const plan = prepared.plan!;
    expect(plan.tasks.every((t) => t.model === undefined)).toBe(true);
    fake.handle((req) => {
      const fixing = JSON.stringify(req.body.messages?.[0]?.content ?? '').includes('# Task fix-1');
      if (answersTools(req)) return replies.text(`Done.\n${doneLineFor(req.body)}`);
      const file = fixing ? 'src/fixed.ts' : `src/generated/${taskOf(req)}.ts`;
      return replies.toolUse('write_file', { path: file, content: 'export const ok = true;\n' });
    });
    const budget = new Budget({ price: PRICES[SONNET]!, warnUsd: 1000, maxUsd: 1000 });
    const result = await implementPlan({
      spec: prepared.validation.spec,
      plan,
      roles: prepared.roles,
      repo: prepared.repo,
      root,
      specPath: SPEC_REL,
      model: createAnthropicModel({ apiKey: 'sk-ant-test', baseURL: fake.url, maxRetries: 0 }),
      maxTokens: 4096,
      maxTurns: 6,
      maxParallel: 1,
      budget,
      protectedPaths: [],
      backups: false,
      fresh: true,
      // Fails until the fix agent has written src/fixed.ts.
      testCommand: `${JSON.stringify(process.execPath)} -e "process.exit(require('fs').existsSync('src/fixed.ts') ? 0 : 1)"`,
      maxFixRounds: 1,
      review: false,
      roleModels: prepared.roleModels,
      secrets: [],
      log: () => {},
    });
    expect(result.testLoop?.passed).toBe(true);
    const fix = result.tasks.find((t) => t.taskId === 'fix-1')!;
    expect(fix.model).toBe(HAIKU);
    expect(fix.costUsd).toBe(costOf(fix.usage, PRICES[HAIKU]!));
    const fixRequests = fake.requests.filter((r) =>
      JSON.stringify(r.body.messages?.[0]?.content ?? '').includes('# Task fix-1'),
    );
    expect(fixRequests.length).toBeGreaterThan(0);
    for (const r of fixRequests) expect(r.body.model).toBe(HAIKU);
    for (const r of fake.requests.filter((q) => !fixRequests.includes(q))) expect(r.body.model).toBe(SONNET);
    let planUsage: Usage = ZERO_USAGE;
    for (const t of result.tasks.filter((t) => t.taskId !== 'fix-1')) {
      expect(t.model).toBeUndefined();
      planUsage = addUsage(planUsage, t.usage);
    }
    expect(result.costUsd).toBeCloseTo(
      costOf(planUsage, PRICES[SONNET]!) + costOf(fix.usage, PRICES[HAIKU]!),
      12,
    );
  });
});
