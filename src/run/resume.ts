// Which tasks of a plan can be taken over from the previous run and which must run again. Pure: the caller
// supplies the file check, so the decision is testable and the same inputs always give the same answer.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plan, Task } from '../core/tasks.js';
import type { Spec } from '../spec/types.js';
import { itemHashes, itemsHash, type RunState, type TaskState } from './state.js';

export interface ResumeInput {
  spec: Spec;
  plan: Plan;
  previous: RunState | null;
  /** --fresh: ignore the previous state. */
  fresh: boolean;
  /** True when the workspace-relative `path` exists and its content has this sha256. */
  fileExists: (path: string, sha256: string) => boolean;
}

export interface ResumePlan {
  /** Tasks to take over, in plan order: the files they wrote and what they cost then. */
  reuse: Map<string, { files: string[]; costUsd: number }>;
  /** Tasks to run, in plan order. */
  redo: string[];
  /** Why each redone task runs again. */
  reasons: Record<string, string>;
}

const MAX_LISTED = 5;

function listed(ids: string[]): string {
  const shown = ids.slice(0, MAX_LISTED).join(', ');
  return ids.length > MAX_LISTED ? `${shown} and ${ids.length - MAX_LISTED} more` : shown;
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Why this task cannot be reused on its own account (ignoring its dependencies), or null. */
function ownReason(
  task: Task,
  prev: TaskState | undefined,
  spec: Spec,
  fileExists: ResumeInput['fileExists'],
): string | null {
  if (!prev) return 'new task';
  if (prev.agent !== task.agent || !sameList(prev.covers, task.covers)) {
    return `the task changed: it is now ${task.agent} covering ${task.covers.join(', ') || 'no item'} (was ${prev.agent} covering ${prev.covers.join(', ') || 'no item'})`;
  }
  if (prev.status !== 'success') return `it did not succeed in the last run (${prev.status})`;
  if (prev.itemsHash !== itemsHash(spec, task)) {
    const now = itemHashes(spec, task);
    const changed = prev.itemHashes ? task.covers.filter((id) => prev.itemHashes?.[id] !== now[id]) : [];
    return changed.length > 0
      ? `covered items changed: ${listed(changed)}`
      : task.covers.length > 0
        ? 'covered items changed'
        : `the spec sections it works from changed: ${listed(task.sections)}`;
  }
  const changedFiles = prev.files.filter((f) => !fileExists(f.path, f.sha256)).map((f) => f.path);
  if (changedFiles.length > 0) return `files changed since the last run: ${listed(changedFiles)}`;
  return null;
}

export function planResume(input: ResumeInput): ResumePlan {
  const { spec, plan, previous, fresh, fileExists } = input;
  const reuse: ResumePlan['reuse'] = new Map();
  const reasons: Record<string, string> = {};
  const allRedo = (reason: string): ResumePlan => {
    for (const t of plan.tasks) reasons[t.id] = reason;
    return { reuse, redo: plan.tasks.map((t) => t.id), reasons };
  };
  if (fresh) return allRedo('fresh run');
  if (!previous) return allRedo('fresh run: no state from a previous run');
  const specId = spec.metadata.id ?? plan.spec.id;
  if (previous.specId !== specId) {
    return allRedo(`fresh run: the saved state belongs to spec "${previous.specId}", not "${specId}"`);
  }

  const byId = new Map(plan.tasks.map((t) => [t.id, t]));
  const decided = new Map<string, string | null>();
  // Depth-first over dependencies, so the outcome does not depend on the order tasks are listed in.
  const decide = (task: Task, stack: Set<string>): string | null => {
    if (decided.has(task.id)) return decided.get(task.id) ?? null;
    stack.add(task.id);
    let reason = ownReason(task, previous.tasks[task.id], spec, fileExists);
    if (reason === null) {
      for (const depId of [...task.dependsOn].sort()) {
        const dep = byId.get(depId);
        // An unknown or cyclic dependency cannot be proven unchanged: redo rather than guess.
        if (!dep || stack.has(depId)) {
          reason = `dependency ${depId} is not in the plan`;
          break;
        }
        if (decide(dep, stack) !== null) {
          reason = `dependency ${depId} is redone`;
          break;
        }
      }
    }
    stack.delete(task.id);
    decided.set(task.id, reason);
    return reason;
  };

  const redo: string[] = [];
  for (const task of plan.tasks) {
    const reason = decide(task, new Set());
    if (reason === null) {
      const prev = previous.tasks[task.id]!;
      reuse.set(task.id, { files: prev.files.map((f) => f.path), costUsd: prev.costUsd });
    } else {
      redo.push(task.id);
      reasons[task.id] = reason;
    }
  }
  return { reuse, redo, reasons };
}

/**
 * The `fileExists` check against a directory on disk. Paths come from the state file, which anyone who can
 * push to the branch can edit, so paths leaving the root are treated as missing rather than read.
 */
export function diskFileCheck(root: string): (relPath: string, sha256: string) => boolean {
  const base = path.resolve(root);
  return (relPath, expected) => {
    if (relPath === '' || relPath.includes('\0') || relPath.includes('\\') || path.isAbsolute(relPath)) {
      return false;
    }
    const target = path.resolve(base, ...relPath.split('/'));
    const rel = path.relative(base, target);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false;
    if (rel.split(path.sep).some((s) => s.toLowerCase() === '.git')) return false;
    try {
      const actual = createHash('sha256').update(readFileSync(target)).digest('hex');
      return actual === expected;
    } catch {
      return false;
    }
  };
}
