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
  return new Promise((resolve) => new DagRun(tasks, opts, limit, resolve).begin());
}

/**
 * One run of `schedule`: the tasks not yet started, the outcomes so far, and the steps that move a task
 * from waiting to running to settled (or skipped, or cancelled). Every step ends in `pump`, which starts
 * what is ready and resolves once nothing runs and nothing waits.
 */
class DagRun<T extends SchedulableTask> {
  private readonly outcomes = new Map<string, ScheduledOutcome>();
  /** For skipped tasks: the failed task at the root of the chain, to name it in reasons. */
  private readonly rootFailure = new Map<string, string>();
  private readonly dependents: Map<string, T[]>;
  /** Not yet started, in input order: picking the first ready one gives a stable topological order. */
  private readonly waiting: T[];
  private running = 0;
  private readonly inner = new AbortController();
  private readonly tasks: T[];
  private readonly opts: ScheduleOptions<T>;
  private readonly limit: number;
  private readonly resolve: (outcomes: Map<string, ScheduledOutcome>) => void;

  constructor(
    tasks: T[],
    opts: ScheduleOptions<T>,
    limit: number,
    resolve: (outcomes: Map<string, ScheduledOutcome>) => void,
  ) {
    this.tasks = tasks;
    this.opts = opts;
    this.limit = limit;
    this.resolve = resolve;
    this.dependents = new Map<string, T[]>(tasks.map((t) => [t.id, []]));
    for (const task of tasks) for (const dep of task.dependsOn) this.dependents.get(dep)?.push(task);
    this.waiting = [...tasks];
  }

  begin(): void {
    const signal = this.opts.signal;
    if (signal) {
      if (signal.aborted) this.inner.abort(signal.reason);
      else signal.addEventListener('abort', this.onAbort, { once: true });
    }
    this.pump();
  }

  private readonly onAbort = (): void => {
    this.inner.abort(this.opts.signal?.reason);
    this.pump();
  };

  private finish(): void {
    this.opts.signal?.removeEventListener('abort', this.onAbort);
    this.resolve(new Map(this.tasks.map((t) => [t.id, this.outcomes.get(t.id)!])));
  }

  private removeWaiting(task: T): void {
    const i = this.waiting.indexOf(task);
    if (i >= 0) this.waiting.splice(i, 1);
  }

  private skipDependentsOf(failed: T): void {
    const root = this.rootFailure.get(failed.id) ?? failed.id;
    for (const child of this.dependents.get(failed.id) ?? []) {
      if (this.outcomes.has(child.id)) continue;
      const reason =
        root === failed.id
          ? `Skipped because dependency ${failed.id} failed.`
          : `Skipped because dependency ${failed.id} was skipped (${root} failed).`;
      this.outcomes.set(child.id, { status: 'skipped', reason });
      this.rootFailure.set(child.id, root);
      this.removeWaiting(child);
      this.opts.onSkip?.(child, reason);
      this.skipDependentsOf(child);
    }
  }

  private settle(task: T, outcome: ScheduledOutcome): void {
    this.outcomes.set(task.id, outcome);
    this.running--;
    if (outcome.status !== 'success') this.skipDependentsOf(task);
    this.pump();
  }

  private start(task: T): void {
    this.removeWaiting(task);
    this.running++;
    // Promise.resolve().then turns a synchronous throw in `run` into a rejection like any other.
    Promise.resolve()
      .then(() => this.opts.run(task, this.inner.signal))
      .then(
        (result) => {
          const outcome: ScheduledOutcome = { status: result.ok ? 'success' : 'failed' };
          if (result.reason !== undefined) outcome.reason = result.reason;
          else if (!result.ok) outcome.reason = 'The task reported failure without a reason.';
          this.settle(task, outcome);
        },
        (err: unknown) => {
          if (this.inner.signal.aborted)
            this.settle(task, { status: 'cancelled', reason: abortMessage(this.inner.signal) });
          else this.settle(task, { status: 'failed', reason: errorMessage(err) });
        },
      );
  }

  private cancelWaiting(): void {
    const reason = abortMessage(this.opts.signal);
    for (const task of this.waiting.splice(0)) {
      this.outcomes.set(task.id, { status: 'cancelled', reason });
      this.opts.onCancel?.(task, reason);
    }
  }

  private pump(): void {
    if (this.opts.signal?.aborted) {
      this.cancelWaiting();
    } else {
      for (const task of [...this.waiting]) {
        if (this.running >= this.limit) break;
        if (task.dependsOn.every((d) => this.outcomes.get(d)?.status === 'success')) this.start(task);
      }
    }
    if (this.running === 0 && this.waiting.length > 0 && !this.opts.signal?.aborted) {
      // Unreachable for a validated graph (failures skip their dependents); guards against hanging forever.
      for (const task of this.waiting.splice(0)) {
        this.outcomes.set(task.id, {
          status: 'skipped',
          reason: 'Skipped because its dependencies never completed.',
        });
      }
    }
    if (this.running === 0 && this.waiting.length === 0) this.finish();
  }
}
