// The one helper that runs an agent task for the engine and the fix rounds: each call's usage is paid into the
// budget at the task's own price and reported as a `cost` event, and a crash becomes a failed outcome. The real
// tool loop and Anthropic adapter talk HTTP to the loopback fake; a real workspace in a temp directory.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Budget } from '../../src/core/budget.js';
import { addUsage, ZERO_USAGE } from '../../src/core/model-port.js';
import { costOf, PRICES } from '../../src/core/prices.js';
import type { ProgressEvent } from '../../src/core/results.js';
import type { Task } from '../../src/core/tasks.js';
import { type AgentRunSetup, type PaidTask, runPaidAgentTask } from '../../src/run/agent-task.js';
import { createAnthropicModel } from '../../src/run/model/anthropic.js';
import { createWorkspace } from '../../src/run/workspace.js';
import { type FakeAnthropic, replies, startFakeAnthropic } from '../fakes/anthropic-server.js';

const SONNET = PRICES['claude-sonnet-5-5']!;
const HAIKU = PRICES['claude-haiku-4-5']!;

let fake: FakeAnthropic;
let root: string;
beforeAll(async () => {
  fake = await startFakeAnthropic();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(async () => {
  fake.reset();
  root = await mkdtemp(path.join(tmpdir(), 'agent-task-test-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const task: Task = {
  id: 'task-001',
  agent: 'backend',
  title: 'Build the thing',
  description: 'Implement FR-1.',
  phase: 1,
  dependsOn: [],
  covers: ['FR-1'],
  sections: [],
  estimate: { inputTokens: 0, outputTokens: 0, cacheableTokens: 0, usd: 0, usdNoCache: 0, minutes: 0 },
};

function setup(budget: Budget): AgentRunSetup {
  return {
    model: createAnthropicModel({ apiKey: 'test-key', baseURL: fake.url, maxRetries: 0 }),
    maxTokens: 4096,
    maxTurns: 5,
    workspace: createWorkspace({ root }),
    budget,
  };
}

function paid(budget: Budget, onEvent?: PaidTask['onEvent']): PaidTask {
  return {
    task,
    prompt: { system: [{ text: 'You are the backend agent.', cache: true }], user: 'Implement task-001.' },
    modelName: 'claude-haiku-4-5',
    price: HAIKU,
    signal: budget.signal,
    testsRunAfter: false,
    ...(onEvent ? { onEvent } : {}),
  };
}

/** Two calls: one writes src/a.ts with write_file, the next says DONE. */
const writesAFile = () => [
  replies.toolUse('write_file', { path: 'src/a.ts', content: 'export const a = 1;\n' }),
  replies.text('DONE: FR-1'),
];

describe('runPaidAgentTask', () => {
  it("pays every call into the budget at the task's price, not the budget's, and reports the total", async () => {
    fake.script(...writesAFile());
    const budget = new Budget({ price: SONNET });
    const events: ProgressEvent[] = [];
    const outcome = await runPaidAgentTask(
      setup(budget),
      paid(budget, (e) => events.push(e)),
    );
    expect(outcome.status, outcome.reason).toBe('success');
    const usages = fake.validRequests.map(({ usage: u }) => ({
      inputTokens: u!.input_tokens,
      outputTokens: u!.output_tokens,
      cacheCreationTokens: u!.cache_creation_input_tokens,
      cacheReadTokens: u!.cache_read_input_tokens,
    }));
    expect(usages).toHaveLength(2);
    const usage = usages.reduce(addUsage, ZERO_USAGE);
    expect(budget.usage).toEqual(usage);
    expect(budget.totalUsd).toBeCloseTo(costOf(usage, HAIKU), 12);
    expect(budget.totalUsd).not.toBeCloseTo(costOf(usage, SONNET), 6);
    // One cost event per call, each with the budget's running total.
    const costs = events.filter((e) => e.type === 'cost');
    expect(costs.map((e) => e.totalUsd)).toEqual([costOf(usages[0]!, HAIKU), budget.totalUsd]);
    expect(costs[1]).toEqual({ type: 'cost', totalUsd: budget.totalUsd, usage: budget.usage });
  });

  it('pays into the budget with no listener at all', async () => {
    fake.script(...writesAFile());
    const budget = new Budget({ price: SONNET });
    const outcome = await runPaidAgentTask(setup(budget), paid(budget));
    expect(outcome.status, outcome.reason).toBe('success');
    expect(budget.totalUsd).toBeGreaterThan(0);
  });

  it('turns an exception out of the conversation into a failed outcome that says so', async () => {
    fake.script(...writesAFile());
    const budget = new Budget({ price: SONNET });
    const listener = (e: ProgressEvent) => {
      if (e.type === 'file') throw new Error('listener broke');
    };
    const outcome = await runPaidAgentTask(setup(budget), paid(budget, listener));
    expect(outcome).toMatchObject({ status: 'failed', reason: 'internal error: listener broke', calls: 0 });
    expect(outcome.files).toEqual([]);
    // What the crashed conversation spent before it broke is still in the budget.
    expect(budget.totalUsd).toBeGreaterThan(0);
  });
});
