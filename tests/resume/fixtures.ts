// Real spec and plan fixtures: the example spec through the real parser and planner.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { emptyRepoSnapshot } from '../../src/agents/repo-scan.js';
import { loadRoles } from '../../src/agents/roles.js';
import { ZERO_USAGE } from '../../src/core/model-port.js';
import type { TaskResult, TaskStatus, WriteRecord } from '../../src/core/results.js';
import type { Plan, Task } from '../../src/core/tasks.js';
import { decompose } from '../../src/plan/decompose.js';
import { parseSpec } from '../../src/spec/parse.js';
import type { Spec } from '../../src/spec/types.js';

export const SPEC_REL = 'examples/specs/product-price-filter.md';
export const SPEC_SOURCE = readFileSync(path.join(import.meta.dirname, '..', '..', SPEC_REL), 'utf8');

export function sha(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export async function fixture(source = SPEC_SOURCE): Promise<{ spec: Spec; plan: Plan }> {
  const spec = parseSpec(SPEC_REL, source);
  const plan = decompose(spec, { roles: await loadRoles(), repo: emptyRepoSnapshot(), today: '2026-11-01' });
  return { spec, plan };
}

/** The content a task "wrote" in these tests: one file per task, named after it. */
export function fileOf(task: Task): { path: string; content: string } {
  return { path: `out/${task.id}.txt`, content: `written by ${task.id} (${task.agent})\n` };
}

export function resultOf(task: Task, status: TaskStatus = 'success', costUsd = 0.25): TaskResult {
  return {
    taskId: task.id,
    agent: task.agent,
    title: task.title,
    status,
    calls: status === 'success' ? 2 : 0,
    attempts: 1,
    turns: 2,
    files: status === 'success' ? [fileOf(task).path] : [],
    usage: ZERO_USAGE,
    costUsd,
    durationMs: 10,
    estimateUsd: task.estimate.usd,
    warnings: [],
  };
}

export function writesOf(results: TaskResult[], plan: Plan): WriteRecord[] {
  const byId = new Map(plan.tasks.map((t) => [t.id, t]));
  return results
    .filter((r) => r.status === 'success')
    .map((r) => {
      const f = fileOf(byId.get(r.taskId)!);
      return {
        path: f.path,
        action: 'created' as const,
        bytes: Buffer.byteLength(f.content),
        taskId: r.taskId,
        role: r.agent,
        sha256: sha(f.content),
      };
    });
}

/** An in-memory "disk" holding what the writes left behind. */
export function diskFrom(writes: WriteRecord[]): Map<string, string> {
  const disk = new Map<string, string>();
  for (const w of writes) {
    if (w.action === 'deleted') disk.delete(w.path);
    else disk.set(w.path, w.sha256);
  }
  return disk;
}
