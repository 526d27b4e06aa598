// The run core both entries share (src/run/start-run.ts): the model source, the budget, cancellation by signal,
// and the one switch from progress events to a sink.
import { describe, expect, it } from 'vitest';
import { priceOf } from '../../src/core/prices.js';
import type { ProgressEvent } from '../../src/core/results.js';
import { RETRY_POLICIES } from '../../src/core/retry-policy.js';
import { type ProgressSink, progressReporter, startRun } from '../../src/run/start-run.js';
import { plannedTask, taskResult, write } from '../report/fixtures.js';

function recordingSink(withText: boolean) {
  const calls: string[] = [];
  const sink: ProgressSink = {
    taskStarted: (t) => calls.push(`start ${t.id}`),
    taskEnded: (r) => calls.push(`end ${r.taskId} ${r.status}`),
    fileWritten: (w) => calls.push(`file ${w.path}`),
    warning: (m) => calls.push(`warning ${m}`),
    changed: () => calls.push('changed'),
    ...(withText ? { text: (id: string, text: string) => calls.push(`text ${id} ${text}`) } : {}),
  };
  return { calls, sink };
}

describe('progressReporter', () => {
  const task = plannedTask('task-001', 'backend', 'Login');
  const events: ProgressEvent[] = [
    { type: 'task-start', task },
    { type: 'file', record: write('src/a.ts', 'task-001', 'backend') },
    { type: 'text', taskId: 'task-001', text: 'hi' },
    {
      type: 'cost',
      totalUsd: 0.1,
      usage: { inputTokens: 1, outputTokens: 1, cacheCreationTokens: 0, cacheReadTokens: 0 },
    },
    { type: 'warning', taskId: 'task-001', message: 'careful' },
    { type: 'warning', message: 'run-wide' },
    { type: 'task-end', result: taskResult(task, 'success') },
  ];

  it('turns each event into one sink call, and redraws after every event but streamed text', () => {
    const { calls, sink } = recordingSink(true);
    const report = progressReporter(sink);
    for (const e of events) report(e);
    expect(calls).toEqual([
      'start task-001',
      'changed',
      'file src/a.ts',
      'changed',
      'text task-001 hi',
      'changed',
      'warning task-001: careful',
      'changed',
      'warning run-wide',
      'changed',
      'end task-001 success',
      'changed',
    ]);
  });

  it('a sink without text ignores streamed text', () => {
    const { calls, sink } = recordingSink(false);
    progressReporter(sink)(events[2]!);
    expect(calls).toEqual([]);
  });
});

describe('startRun', () => {
  const base = {
    source: { kind: 'anthropic' as const, apiKey: 'sk-ant-test', baseURL: 'http://127.0.0.1:9' },
    retryPolicy: RETRY_POLICIES.fast,
    price: priceOf('claude-sonnet-5-5'),
    warnUsd: 1,
    maxUsd: 5,
    onCostWarning: () => {},
    stopReason: (signal: NodeJS.Signals) => `the job received ${signal}`,
  };

  it("SIGTERM stops the budget with the entry's reason; release() removes the handlers", () => {
    const before = process.listenerCount('SIGTERM');
    const beforeInt = process.listenerCount('SIGINT');
    const seen: string[] = [];
    const run = startRun({ ...base, onSignal: (s) => seen.push(s) });
    expect(process.listenerCount('SIGTERM')).toBe(before + 1);
    expect(process.listenerCount('SIGINT')).toBe(beforeInt + 1);
    // Calls our handler only: emitting the signal would also reach the test runner's own handlers.
    const handler = process.listeners('SIGTERM').at(-1) as (signal: NodeJS.Signals) => void;
    handler('SIGTERM');
    expect(seen).toEqual(['SIGTERM']);
    expect(run.budget.summary().stoppedBy).toBe('the job received SIGTERM');
    run.release();
    expect(process.listenerCount('SIGTERM')).toBe(before);
    expect(process.listenerCount('SIGINT')).toBe(beforeInt);
  });

  it('a replay source plays recordings back and reports a missing one as a model error', async () => {
    const run = startRun({
      ...base,
      source: { kind: 'replay', dir: '/nonexistent-recordings' },
      onSignal: () => {},
    });
    try {
      await expect(
        run.model.complete({
          model: 'claude-sonnet-5-5',
          system: '',
          messages: [{ role: 'user', content: 'x' }],
          tools: [],
          maxTokens: 10,
          meta: { taskId: 'task-001', turn: 1 },
        } as never),
      ).rejects.toThrow(/task-001/);
    } finally {
      run.release();
    }
  });
});
