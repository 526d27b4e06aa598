// Runs a task DAG: sequentially or with bounded parallelism, skipping dependents of failures and
// cancelling what has not started when the run is aborted. Purely event-driven: no polling, no timers.

export type ScheduledStatus = 'success' | 'failed' | 'skipped' | 'cancelled';

export interface ScheduledOutcome {
  status: ScheduledStatus;
  reason?: string;
}

export interface SchedulableTask {
  id: string;
  dependsOn: string[];
}

export interface ScheduleOptions<T extends SchedulableTask> {
  mode: 'sequential' | 'parallel';
  /** Most tasks running at once in parallel mode (default 4). */
  maxParallel?: number;
  /** When aborted, no new task starts and running tasks see their own signal aborted. */
  signal?: AbortSignal;
  run: (task: T, signal: AbortSignal) => Promise<{ ok: boolean; reason?: string }>;
  /** Called once for each task skipped because a dependency failed (or was itself skipped). */
  onSkip?: (task: T, reason: string) => void;
  /** Called once for each task that never started because the run was aborted. */
  onCancel?: (task: T, reason: string) => void;
}

export const DEFAULT_MAX_PARALLEL = 4;

/** Throws when ids repeat, a dependency is unknown, or the dependencies form a cycle. */
export function validateGraph(tasks: readonly SchedulableTask[]): void {
  const ids = new Set<string>();
  for (const task of tasks) {
    if (ids.has(task.id))
      throw new Error(`Task id "${task.id}" appears more than once in the plan; task ids must be unique.`);
    ids.add(task.id);
  }
  for (const task of tasks) {
    const unknown = task.dependsOn.filter((dep) => !ids.has(dep));
    if (unknown.length > 0) {
      throw new Error(
        `Task ${task.id} depends on unknown task${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}. ` +
          'Every dependency must be a task in the plan.',
      );
    }
  }
  // Kahn's algorithm: whatever cannot be ordered is on or behind a cycle.
  const remaining = new Map(tasks.map((t) => [t.id, new Set(t.dependsOn)]));
  let progressed = true;
  while (progressed) {
    progressed = false;
    for (const [id, deps] of remaining) {
      if ([...deps].every((d) => !remaining.has(d))) {
        remaining.delete(id);
        progressed = true;
      }
    }
  }
  if (remaining.size > 0) {
    throw new Error(
      `Tasks ${[...remaining.keys()].join(', ')} depend on each other in a cycle (or on a task in one), so no order can run them. ` +
        'Remove one of the dependencies to break the cycle.',
    );
  }
}

function abortMessage(signal: AbortSignal | undefined): string {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error && reason.message) return reason.message;
  if (typeof reason === 'string' && reason) return reason;
  return 'The run was cancelled before this task started.';
}

function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

export async function schedule<T extends SchedulableTask>(
  tasks: T[],
  opts: ScheduleOptions<T>,
): Promise<Map<string, ScheduledOutcome>> {
  validateGraph(tasks);
  const limit = opts.mode === 'sequential' ? 1 : (opts.maxParallel ?? DEFAULT_MAX_PARALLEL);
  if (!Number.isInteger(limit) || limit < 1) {
    throw new Error(`maxParallel must be a whole number of at least 1, got ${opts.maxParallel}.`);
  }

  const outcomes = new Map<string, ScheduledOutcome>();
  /** For skipped tasks: the failed task at the root of the chain, to name it in reasons. */
  const rootFailure = new Map<string, string>();
  const dependents = new Map<string, T[]>(tasks.map((t) => [t.id, []]));
  for (const task of tasks) for (const dep of task.dependsOn) dependents.get(dep)?.push(task);

  // Not yet started, in input order: picking the first ready one gives a stable topological order.
  const waiting: T[] = [...tasks];
  let running = 0;
  const inner = new AbortController();

  return new Promise((resolve) => {
    const onAbort = (): void => {
      inner.abort(opts.signal?.reason);
      pump();
    };

    const finish = (): void => {
      opts.signal?.removeEventListener('abort', onAbort);
      resolve(new Map(tasks.map((t) => [t.id, outcomes.get(t.id)!])));
    };

    const removeWaiting = (task: T): void => {
      const i = waiting.indexOf(task);
      if (i >= 0) waiting.splice(i, 1);
    };

    const skipDependentsOf = (failed: T): void => {
      const root = rootFailure.get(failed.id) ?? failed.id;
      for (const child of dependents.get(failed.id) ?? []) {
        if (outcomes.has(child.id)) continue;
        const reason =
          root === failed.id
            ? `Skipped because dependency ${failed.id} failed.`
            : `Skipped because dependency ${failed.id} was skipped (${root} failed).`;
        outcomes.set(child.id, { status: 'skipped', reason });
        rootFailure.set(child.id, root);
        removeWaiting(child);
        opts.onSkip?.(child, reason);
        skipDependentsOf(child);
      }
    };

    const settle = (task: T, outcome: ScheduledOutcome): void => {
      outcomes.set(task.id, outcome);
      running--;
      if (outcome.status !== 'success') skipDependentsOf(task);
      pump();
    };

    const start = (task: T): void => {
      removeWaiting(task);
      running++;
      // Promise.resolve().then turns a synchronous throw in `run` into a rejection like any other.
      Promise.resolve()
        .then(() => opts.run(task, inner.signal))
        .then(
          (result) => {
            const outcome: ScheduledOutcome = { status: result.ok ? 'success' : 'failed' };
            if (result.reason !== undefined) outcome.reason = result.reason;
            else if (!result.ok) outcome.reason = 'The task reported failure without a reason.';
            settle(task, outcome);
          },
          (err: unknown) => {
            if (inner.signal.aborted)
              settle(task, { status: 'cancelled', reason: abortMessage(inner.signal) });
            else settle(task, { status: 'failed', reason: errorMessage(err) });
          },
        );
    };

    const cancelWaiting = (): void => {
      const reason = abortMessage(opts.signal);
      for (const task of waiting.splice(0)) {
        outcomes.set(task.id, { status: 'cancelled', reason });
        opts.onCancel?.(task, reason);
      }
    };

    const pump = (): void => {
      if (opts.signal?.aborted) {
        cancelWaiting();
      } else {
        for (const task of [...waiting]) {
          if (running >= limit) break;
          if (task.dependsOn.every((d) => outcomes.get(d)?.status === 'success')) start(task);
        }
      }
      if (running === 0 && waiting.length > 0 && !opts.signal?.aborted) {
        // Unreachable for a validated graph (failures skip their dependents); guards against hanging forever.
        for (const task of waiting.splice(0)) {
          outcomes.set(task.id, {
            status: 'skipped',
            reason: 'Skipped because its dependencies never completed.',
          });
        }
      }
      if (running === 0 && waiting.length === 0) finish();
    };

    if (opts.signal) {
      if (opts.signal.aborted) inner.abort(opts.signal.reason);
      else opts.signal.addEventListener('abort', onAbort, { once: true });
    }
    pump();
  });
}
