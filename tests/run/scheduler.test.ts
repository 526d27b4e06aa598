import { describe, expect, it } from 'vitest';
import { schedule } from '../../src/run/scheduler.js';

interface T {
  id: string;
  dependsOn: string[];
}

const task = (id: string, ...dependsOn: string[]): T => ({ id, dependsOn });

interface Deferred<V> {
  promise: Promise<V>;
  resolve: (v: V) => void;
  reject: (e: unknown) => void;
}

function deferred<V>(): Deferred<V> {
  let resolve!: (v: V) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<V>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run, so the scheduler reacts to what just happened. */
async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

type Outcome = { ok: boolean; reason?: string };

/** A run function whose tasks finish only when the test says so, logging start/finish events. */
function controlled() {
  const gates = new Map<string, Deferred<Outcome>>();
  const signals = new Map<string, AbortSignal>();
  const log: string[] = [];
  let running = 0;
  let peak = 0;
  const run = async (t: T, signal: AbortSignal): Promise<Outcome> => {
    log.push(`start ${t.id}`);
    signals.set(t.id, signal);
    running++;
    peak = Math.max(peak, running);
    const gate = deferred<Outcome>();
    gates.set(t.id, gate);
    try {
      return await gate.promise;
    } finally {
      running--;
      log.push(`end ${t.id}`);
    }
  };
  const finish = async (id: string, outcome: Outcome = { ok: true }) => {
    const gate = gates.get(id);
    if (!gate) throw new Error(`${id} has not started`);
    gate.resolve(outcome);
    await flush();
  };
  const started = () => log.filter((l) => l.startsWith('start')).map((l) => l.slice(6));
  return { run, finish, gates, signals, log, started, peak: () => peak };
}

const statuses = (m: Map<string, { status: string }>) =>
  Object.fromEntries([...m].map(([k, v]) => [k, v.status]));

describe('schedule: sequential', () => {
  it('runs one at a time in stable topological order', async () => {
    // Input order is not topological: c depends on a later-listed task.
    const tasks = [task('c', 'b'), task('a'), task('b', 'a'), task('d')];
    const order: string[] = [];
    let running = 0;
    let peak = 0;
    const result = await schedule(tasks, {
      mode: 'sequential',
      maxParallel: 10,
      run: async (t) => {
        running++;
        peak = Math.max(peak, running);
        order.push(t.id);
        await flush();
        running--;
        return { ok: true };
      },
    });
    expect(order).toEqual(['a', 'b', 'c', 'd']);
    expect(peak).toBe(1);
    expect([...result.keys()]).toEqual(['c', 'a', 'b', 'd']);
    expect(statuses(result)).toEqual({ a: 'success', b: 'success', c: 'success', d: 'success' });
  });

  it('skips transitive dependents of a failure, runs independent tasks', async () => {
    const skipped: [string, string][] = [];
    const tasks = [task('a'), task('b', 'a'), task('c', 'b'), task('d'), task('e', 'd')];
    const ran: string[] = [];
    const result = await schedule(tasks, {
      mode: 'sequential',
      run: async (t) => {
        ran.push(t.id);
        return t.id === 'a' ? { ok: false, reason: 'compile error' } : { ok: true };
      },
      onSkip: (t, reason) => skipped.push([t.id, reason]),
    });
    expect(ran).toEqual(['a', 'd', 'e']);
    expect(result.get('a')).toEqual({ status: 'failed', reason: 'compile error' });
    expect(result.get('b')?.status).toBe('skipped');
    expect(result.get('b')?.reason).toContain('dependency a failed');
    expect(result.get('c')?.status).toBe('skipped');
    expect(result.get('c')?.reason).toContain('b was skipped (a failed)');
    expect(statuses(result)).toMatchObject({ d: 'success', e: 'success' });
    expect(skipped.map(([id]) => id)).toEqual(['b', 'c']);
  });

  it('treats a thrown error as a failure with its message', async () => {
    const result = await schedule([task('a'), task('b', 'a')], {
      mode: 'sequential',
      run: (t) => {
        if (t.id === 'a') throw new Error('boom');
        return Promise.resolve({ ok: true });
      },
    });
    expect(result.get('a')).toEqual({ status: 'failed', reason: 'boom' });
    expect(result.get('b')?.status).toBe('skipped');
  });
});

describe('schedule: parallel', () => {
  it('starts a task as soon as its dependencies succeeded', async () => {
    const c = controlled();
    const tasks = [task('a'), task('b'), task('c', 'a'), task('d', 'a', 'b'), task('e', 'c', 'd')];
    const done = schedule(tasks, { mode: 'parallel', run: c.run });
    await flush();
    expect(c.started()).toEqual(['a', 'b']);
    await c.finish('a');
    expect(c.started()).toEqual(['a', 'b', 'c']);
    await c.finish('c');
    expect(c.started()).toEqual(['a', 'b', 'c']); // e still waits for d, d for b
    await c.finish('b');
    expect(c.started()).toEqual(['a', 'b', 'c', 'd']);
    await c.finish('d');
    expect(c.started()).toEqual(['a', 'b', 'c', 'd', 'e']);
    await c.finish('e');
    const result = await done;
    expect(Object.values(statuses(result)).every((s) => s === 'success')).toBe(true);
    // No task started before each of its dependencies ended.
    for (const t of tasks) {
      for (const dep of t.dependsOn) {
        expect(c.log.indexOf(`end ${dep}`)).toBeLessThan(c.log.indexOf(`start ${t.id}`));
      }
    }
  });

  it('never runs more than maxParallel at once, filling free slots in input order', async () => {
    const c = controlled();
    const tasks = ['t1', 't2', 't3', 't4', 't5', 't6', 't7'].map((id) => task(id));
    const done = schedule(tasks, { mode: 'parallel', maxParallel: 3, run: c.run });
    await flush();
    expect(c.started()).toEqual(['t1', 't2', 't3']);
    await c.finish('t2');
    expect(c.started()).toEqual(['t1', 't2', 't3', 't4']);
    await c.finish('t1');
    await c.finish('t3');
    expect(c.started()).toEqual(['t1', 't2', 't3', 't4', 't5', 't6']);
    for (const id of ['t4', 't5', 't6']) await c.finish(id);
    await c.finish('t7');
    await done;
    expect(c.peak()).toBe(3);
  });

  it('defaults to 4 at once', async () => {
    const c = controlled();
    const tasks = Array.from({ length: 6 }, (_, i) => task(`t${i}`));
    const done = schedule(tasks, { mode: 'parallel', run: c.run });
    await flush();
    expect(c.started()).toHaveLength(4);
    for (const t of tasks) {
      if (!c.gates.has(t.id)) await flush();
      await c.finish(t.id);
    }
    await done;
    expect(c.peak()).toBe(4);
  });

  it('a failure skips only its transitive dependents; independent work goes on', async () => {
    const c = controlled();
    const tasks = [task('a'), task('b'), task('c', 'a'), task('d', 'c'), task('e', 'b')];
    const done = schedule(tasks, { mode: 'parallel', run: c.run });
    await flush();
    await c.finish('a', { ok: false, reason: 'tests failed' });
    await c.finish('b');
    await c.finish('e');
    const result = await done;
    expect(c.started()).toEqual(['a', 'b', 'e']);
    expect(statuses(result)).toEqual({ a: 'failed', b: 'success', c: 'skipped', d: 'skipped', e: 'success' });
    expect(result.get('d')?.reason).toContain('(a failed)');
  });

  it('on abort: no new starts, not-started tasks cancelled, running tasks see the abort', async () => {
    const c = controlled();
    const controller = new AbortController();
    const cancelled: string[] = [];
    const tasks = [task('a'), task('b'), task('c', 'a'), task('d')];
    const done = schedule(tasks, {
      mode: 'parallel',
      maxParallel: 2,
      signal: controller.signal,
      run: c.run,
      onCancel: (t) => cancelled.push(t.id),
    });
    await flush();
    expect(c.started()).toEqual(['a', 'b']);
    controller.abort(new Error('Budget exceeded: spent $50.10'));
    await flush();
    expect(c.signals.get('a')?.aborted).toBe(true);
    expect(c.signals.get('b')?.aborted).toBe(true);
    // a finishes anyway (the running task decides), b rejects after the abort.
    await c.finish('a', { ok: true });
    c.gates.get('b')?.reject(new Error('request aborted'));
    const result = await done;
    expect(c.started()).toEqual(['a', 'b']);
    expect(result.get('a')).toEqual({ status: 'success' });
    expect(result.get('b')).toEqual({ status: 'cancelled', reason: 'Budget exceeded: spent $50.10' });
    expect(result.get('c')).toEqual({ status: 'cancelled', reason: 'Budget exceeded: spent $50.10' });
    expect(result.get('d')?.status).toBe('cancelled');
    expect(cancelled).toEqual(['c', 'd']);
  });

  it('runs nothing when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort('stopped by user');
    let calls = 0;
    const result = await schedule([task('a'), task('b', 'a')], {
      mode: 'parallel',
      signal: controller.signal,
      run: async () => {
        calls++;
        return { ok: true };
      },
    });
    expect(calls).toBe(0);
    expect(result.get('a')).toEqual({ status: 'cancelled', reason: 'stopped by user' });
    expect(result.get('b')?.status).toBe('cancelled');
  });

  it('resolves immediately for an empty plan', async () => {
    const result = await schedule([], { mode: 'parallel', run: async () => ({ ok: true }) });
    expect(result.size).toBe(0);
  });
});

describe('schedule: invalid graphs', () => {
  const never = async (): Promise<Outcome> => {
    throw new Error('must not run');
  };

  it('throws on an unknown dependency before running anything', async () => {
    await expect(schedule([task('a'), task('b', 'zz')], { mode: 'parallel', run: never })).rejects.toThrow(
      /b depends on unknown task zz/,
    );
  });

  it('throws on a cycle naming its tasks', async () => {
    const err = await schedule([task('ok'), task('a', 'c'), task('b', 'a'), task('c', 'b')], {
      mode: 'sequential',
      run: never,
    }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/a, b, c/);
    expect((err as Error).message).toContain('cycle');
    expect((err as Error).message).not.toMatch(/\bok\b/);
  });

  it('throws on self-dependency and duplicate ids', async () => {
    await expect(schedule([task('a', 'a')], { mode: 'parallel', run: never })).rejects.toThrow(/cycle/);
    await expect(schedule([task('a'), task('a')], { mode: 'parallel', run: never })).rejects.toThrow(
      /more than once/,
    );
  });

  it('refuses a maxParallel below 1', async () => {
    await expect(schedule([task('a')], { mode: 'parallel', maxParallel: 0, run: never })).rejects.toThrow(
      /maxParallel/,
    );
  });
});
