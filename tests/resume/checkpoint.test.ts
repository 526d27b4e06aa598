// The resume state is rewritten after every finished task, so a run killed mid-way (SIGKILL, a crash)
// leaves a state that the next run resumes from.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyRepoSnapshot } from '../../src/agents/repo-scan.js';
import { loadRoles } from '../../src/agents/roles.js';
import { Budget } from '../../src/core/budget.js';
import { priceOf } from '../../src/core/prices.js';
import { createAnthropicModel } from '../../src/run/model/anthropic.js';
import { implementPlan } from '../../src/run/pipeline.js';
import { STATE_PATH } from '../../src/run/state.js';
import { type FakeAnthropic, replies, startFakeAnthropic } from '../fakes/anthropic-server.js';
import { doneLineFor } from '../fakes/done.js';
import { fixture } from './fixtures.js';

let fake: FakeAnthropic | undefined;
afterEach(async () => {
  await fake?.close();
});

describe('resume checkpoints', () => {
  it('while task-003 is still running, the state on disk already lists task-001 and task-002 as done', async () => {
    const { spec, plan } = await fixture();
    const root = mkdtempSync(path.join(tmpdir(), 'implement-spec-checkpoint-'));
    let seenWhileRunning: Record<string, { status: string }> | null = null;
    const budget = new Budget({ price: priceOf(plan.model), warnUsd: 100, maxUsd: 100 });
    fake = await startFakeAnthropic();
    fake.handle((req) => {
      const messages = req.body.messages as { role: string; content: unknown }[];
      const first = JSON.stringify(messages[0]!.content);
      const id = /task-\d{3}/.exec(first)?.[0] ?? 'task';
      if (id === 'task-003') {
        seenWhileRunning = JSON.parse(readFileSync(path.join(root, STATE_PATH), 'utf8')).tasks;
        // The process "dies" here: stop the run as a crash would, without a final state write of its own.
        budget.stop('test: simulated kill');
        return replies.hang();
      }
      const last = messages.at(-1)!;
      const answered =
        Array.isArray(last.content) &&
        (last.content as { type: string }[]).some((b) => b.type === 'tool_result');
      if (answered) return replies.text(`done\n${doneLineFor(req.body)}`);
      return replies.toolUse('write_file', { path: `src/db/${id}.ts`, content: `// ${id}\n` });
    });
    const run = implementPlan({
      spec,
      plan: { ...plan, tasks: plan.tasks.slice(0, 4) },
      roles: await loadRoles(),
      repo: emptyRepoSnapshot(),
      root,
      specPath: null,
      model: createAnthropicModel({ apiKey: 'k', baseURL: fake.url, maxRetries: 0 }),
      maxTokens: 4096,
      maxTurns: 4,
      maxParallel: 1,
      budget,
      protectedPaths: [],
      backups: false,
      fresh: true,
      maxFixRounds: 0,
      review: false,
      secrets: [],
      log: () => {},
    });
    const result = await run;
    expect(seenWhileRunning).not.toBeNull();
    const done = Object.entries(seenWhileRunning!)
      .filter(([, t]) => t.status === 'success')
      .map(([id]) => id);
    expect(done.sort()).toEqual(['task-001', 'task-002']);
    expect(seenWhileRunning!['task-001']!.status).toBe('success');
    expect(result.status).toBe('partial');
    expect(result.budget.stoppedBy).toBe('test: simulated kill');
  });
});
