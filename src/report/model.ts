// The numbers every report view shows, derived once from a RunResult: task rows in plan order, the net
// effect on each file, counts and per-role totals.

import { addUsage, type Usage, ZERO_USAGE } from '../core/model-port.js';
import type { RunResult, TaskResult, TaskStatus, WriteRecord } from '../core/results.js';
import type { Role, Task } from '../core/tasks.js';

export const TASK_STATUSES: readonly TaskStatus[] = [
  'success',
  'failed',
  'skipped',
  'cancelled',
  'running',
  'pending',
];

export interface TaskRow {
  id: string;
  agent: Role;
  title: string;
  status: TaskStatus;
  /** The task's result; absent for a planned task the run never reached. */
  result?: TaskResult;
  /** The planned task; absent for a result whose task is not in the plan. */
  planned?: Task;
  dependsOn: string[];
}

/** Results in the order the run reported them, then planned tasks that have no result (pending). */
export function taskRows(result: RunResult): TaskRow[] {
  const planned = new Map(result.plan.tasks.map((t) => [t.id, t]));
  const seen = new Set<string>();
  const rows: TaskRow[] = [];
  for (const r of result.tasks) {
    if (seen.has(r.taskId)) continue;
    seen.add(r.taskId);
    const task = planned.get(r.taskId);
    rows.push({
      id: r.taskId,
      agent: r.agent,
      title: r.title,
      status: r.status,
      result: r,
      ...(task ? { planned: task } : {}),
      dependsOn: task?.dependsOn ?? [],
    });
  }
  for (const t of result.plan.tasks) {
    if (seen.has(t.id)) continue;
    seen.add(t.id);
    rows.push({
      id: t.id,
      agent: t.agent,
      title: t.title,
      status: 'pending',
      planned: t,
      dependsOn: t.dependsOn,
    });
  }
  return rows;
}

export type StatusCounts = Record<TaskStatus, number>;

export function countStatuses(rows: readonly { status: string }[]): StatusCounts {
  const counts: StatusCounts = { success: 0, failed: 0, skipped: 0, cancelled: 0, running: 0, pending: 0 };
  for (const row of rows) {
    if (row.status in counts) counts[row.status as TaskStatus] += 1;
  }
  return counts;
}

export type NetAction = 'created' | 'modified' | 'deleted' | 'created-then-deleted';

export interface FileRow {
  path: string;
  /** What the run did to the file overall. */
  action: NetAction;
  /** Size after the last write (0 when deleted). */
  bytes: number;
  /** Tasks that wrote the file, in order of first write. */
  taskIds: string[];
  roles: Role[];
  writes: number;
}

/** One row per path, in order of first write, with the net effect of all writes to it. */
export function fileRows(writes: readonly WriteRecord[]): FileRow[] {
  const byPath = new Map<string, { first: WriteRecord; last: WriteRecord; row: FileRow }>();
  for (const w of writes) {
    const entry = byPath.get(w.path);
    if (!entry) {
      byPath.set(w.path, {
        first: w,
        last: w,
        row: {
          path: w.path,
          action: w.action,
          bytes: w.bytes,
          taskIds: [w.taskId],
          roles: [w.role],
          writes: 1,
        },
      });
      continue;
    }
    entry.last = w;
    entry.row.writes += 1;
    if (!entry.row.taskIds.includes(w.taskId)) entry.row.taskIds.push(w.taskId);
    if (!entry.row.roles.includes(w.role)) entry.row.roles.push(w.role);
  }
  return [...byPath.values()].map(({ first, last, row }) => {
    let action: NetAction;
    if (last.action === 'deleted') action = first.action === 'created' ? 'created-then-deleted' : 'deleted';
    else action = first.action === 'created' ? 'created' : 'modified';
    return { ...row, action, bytes: last.action === 'deleted' ? 0 : last.bytes };
  });
}

export interface FileCounts {
  created: number;
  modified: number;
  deleted: number;
  bytes: number;
}

export function countFiles(files: readonly FileRow[]): FileCounts {
  const counts: FileCounts = { created: 0, modified: 0, deleted: 0, bytes: 0 };
  for (const f of files) {
    if (f.action === 'created') counts.created += 1;
    else if (f.action === 'modified') counts.modified += 1;
    else if (f.action === 'deleted') counts.deleted += 1;
    counts.bytes += f.bytes;
  }
  return counts;
}

export interface RoleRow {
  role: Role;
  tasks: number;
  succeeded: number;
  usage: Usage;
  costUsd: number;
  estimateUsd: number;
  filesCreated: number;
  filesModified: number;
  bytes: number;
  /** The role's own model, when its tasks ran on one other than the run's. */
  model?: string;
}

/** Cost per role from task results, files per role from the role of each file's first writer. */
export function roleRows(rows: readonly TaskRow[], files: readonly FileRow[]): RoleRow[] {
  const byRole = new Map<Role, RoleRow>();
  const get = (role: Role): RoleRow => {
    let row = byRole.get(role);
    if (!row) {
      row = {
        role,
        tasks: 0,
        succeeded: 0,
        usage: ZERO_USAGE,
        costUsd: 0,
        estimateUsd: 0,
        filesCreated: 0,
        filesModified: 0,
        bytes: 0,
      };
      byRole.set(role, row);
    }
    return row;
  };
  for (const t of rows) {
    const row = get(t.agent);
    row.tasks += 1;
    const model = t.result?.model ?? t.planned?.model;
    if (model !== undefined) row.model ??= model;
    if (t.status === 'success') row.succeeded += 1;
    if (t.result) {
      row.usage = addUsage(row.usage, t.result.usage);
      row.costUsd += t.result.costUsd;
    }
    row.estimateUsd += t.result?.estimateUsd ?? t.planned?.estimate.usd ?? 0;
  }
  for (const f of files) {
    const role = f.roles[0];
    if (role === undefined) continue;
    const row = get(role);
    if (f.action === 'created') row.filesCreated += 1;
    if (f.action === 'modified') row.filesModified += 1;
    row.bytes += f.bytes;
  }
  return [...byRole.values()];
}

/** `feat/spec-<id>`: the branch the action commits a spec's implementation to. */
export function defaultBranch(specId: string): string {
  return `feat/spec-${specId}`;
}

/** The first 12 hex digits of the spec hash, without an algorithm prefix. */
export function shortHash(hash: string): string {
  const bare = hash.includes(':') ? hash.slice(hash.lastIndexOf(':') + 1) : hash;
  return bare.slice(0, 12);
}
