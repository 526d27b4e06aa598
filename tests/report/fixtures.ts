// Hand-built RunResults for the report tests: a small realistic run, with overrides per test.

import type { Usage } from '../../src/core/model-port.js';
import type { RunResult, TaskResult, TaskStatus, WriteRecord } from '../../src/core/results.js';
import type { Plan, Task } from '../../src/core/tasks.js';

export function usage(
  inputTokens: number,
  outputTokens: number,
  cacheCreationTokens = 0,
  cacheReadTokens = 0,
): Usage {
  return { inputTokens, outputTokens, cacheCreationTokens, cacheReadTokens };
}

export function plannedTask(
  id: string,
  agent: string,
  title: string,
  dependsOn: string[] = [],
  usd = 0.1,
): Task {
  return {
    id,
    agent,
    title,
    description: `Do ${title}.`,
    phase: dependsOn.length + 1,
    dependsOn,
    covers: ['FR-1'],
    sections: ['requirements'],
    estimate: {
      inputTokens: 5000,
      outputTokens: 2000,
      cacheableTokens: 3000,
      usd,
      usdNoCache: usd * 1.5,
      minutes: 2,
    },
  };
}

export function taskResult(task: Task, status: TaskStatus, extra: Partial<TaskResult> = {}): TaskResult {
  return {
    taskId: task.id,
    agent: task.agent,
    title: task.title,
    status,
    calls: 3,
    attempts: 1,
    turns: 3,
    files: [],
    usage: usage(12_000, 3_400, 2_000, 8_000),
    costUsd: 0.125,
    durationMs: 65_000,
    estimateUsd: task.estimate.usd,
    warnings: [],
    ...extra,
  };
}

export function write(
  path: string,
  taskId: string,
  role: string,
  action: WriteRecord['action'] = 'created',
  bytes = 1200,
  lines: WriteRecord['lines'] = action === 'created'
    ? { added: Math.ceil(bytes / 40), removed: 0 }
    : action === 'modified'
      ? { added: 6, removed: 2 }
      : { added: 0, removed: 0 },
): WriteRecord {
  return {
    path,
    action,
    bytes,
    taskId,
    role,
    sha256: action === 'deleted' ? '' : 'ab'.repeat(32),
    ...(lines ? { lines } : {}),
  };
}

export function planOf(tasks: Task[], extra: Partial<Plan> = {}): Plan {
  return {
    spec: {
      id: 'user-auth',
      name: 'User authentication',
      path: 'specs/user-auth.md',
      hash: 'sha256:0123456789abcdef0123',
    },
    mode: 'parallel',
    model: 'claude-sonnet-5-5',
    tasks,
    phases: [{ number: 1, taskIds: tasks.map((t) => t.id) }],
    coverage: { covered: ['FR-1', 'FR-2'], uncovered: [] },
    assumptions: [],
    warnings: [],
    estimate: {
      usd: 0.4,
      lowUsd: 0.3,
      highUsd: 0.6,
      usdNoCache: 0.6,
      inputTokens: 20_000,
      outputTokens: 8_000,
      sequentialMinutes: 8,
      parallelMinutes: 4,
    },
    forced: false,
    ...extra,
  };
}

/** Three tasks (database → backend → test): success, success, failed; four files. */
export function buildRunResult(overrides: Partial<RunResult> = {}): RunResult {
  const t1 = plannedTask('task-001', 'database', 'Create users table');
  const t2 = plannedTask('task-002', 'backend', 'Login endpoint', ['task-001']);
  const t3 = plannedTask('task-003', 'test', 'Acceptance tests', ['task-002']);
  const writes = [
    write('db/migrations/001_users.sql', 'task-001', 'database', 'created', 640),
    write('src/auth/login.ts', 'task-002', 'backend', 'created', 2400),
    write('src/app.ts', 'task-002', 'backend', 'modified', 900),
    // Written twice in the run: the last record counts against the file before the run (it did not exist).
    write('src/auth/login.ts', 'task-002', 'backend', 'modified', 2600, { added: 65, removed: 0 }),
  ];
  return {
    status: 'partial',
    spec: {
      id: 'user-auth',
      name: 'User authentication',
      path: 'specs/user-auth.md',
      hash: 'sha256:0123456789abcdef0123',
    },
    mode: 'parallel',
    model: 'claude-sonnet-5-5',
    startedAt: '2026-11-20T10:00:00.000Z',
    finishedAt: '2026-11-20T10:03:15.000Z',
    durationMs: 195_000,
    tasks: [
      taskResult(t1, 'success', { files: ['db/migrations/001_users.sql'], costUsd: 0.0042, durationMs: 850 }),
      taskResult(t2, 'success', { files: ['src/auth/login.ts', 'src/app.ts'], costUsd: 0.21, attempts: 2 }),
      taskResult(t3, 'failed', {
        reason: 'Model error: overloaded after 4 attempts',
        costUsd: 0.05,
        turns: 1,
      }),
    ],
    writes,
    usage: usage(36_000, 10_200, 6_000, 24_000),
    costUsd: 0.2642,
    costUsdWithoutCache: 0.4,
    budget: { warnUsd: 1, maxUsd: 5, warned: false, aborted: false },
    warnings: ['Spec has 1 open question'],
    errors: [],
    plan: planOf([t1, t2, t3]),
    apiCalls: { model: 9, github: 4 },
    outputDir: '/home/dev/project',
    ...overrides,
  };
}

/** A big run: `taskCount` tasks in a chain, `fileCount` created files spread over them. */
export function buildLargeRunResult(taskCount: number, fileCount: number): RunResult {
  const tasks: Task[] = [];
  for (let i = 1; i <= taskCount; i++) {
    const id = `task-${String(i).padStart(3, '0')}`;
    tasks.push(
      plannedTask(
        id,
        i % 2 ? 'backend' : 'frontend',
        `Implement part ${i} of the feature`,
        i > 1 ? [`task-${String(i - 1).padStart(3, '0')}`] : [],
      ),
    );
  }
  const writes: WriteRecord[] = [];
  for (let f = 0; f < fileCount; f++) {
    const task = tasks[f % taskCount]!;
    writes.push(write(`src/generated/module-${f}/component-with-a-long-name-${f}.tsx`, task.id, task.agent));
  }
  const results = tasks.map((t) =>
    taskResult(t, 'success', { files: writes.filter((w) => w.taskId === t.id).map((w) => w.path) }),
  );
  return buildRunResult({ status: 'success', tasks: results, writes, plan: planOf(tasks) });
}
