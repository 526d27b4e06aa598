// What this run wrote: every write and delete in order (path, task, role, hash), the latest content per path
// (for dependants' context), which files the run created (the only ones it may delete), how many distinct
// files each task touched, which originals were backed up, and what each path held before the run first
// wrote it (the "before" of every diff the fix rounds and the review are shown). The commit is built from it.
import { createHash } from 'node:crypto';
import type { WriteRecord } from '../core/results.js';
import type { Role } from '../core/tasks.js';
import { countLineChanges } from './line-diff.js';

function sha256(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

export class WriteJournal {
  private readonly log: WriteRecord[] = [];
  private readonly latest = new Map<string, string>();
  /** Paths that did not exist before this run wrote them. */
  private readonly created = new Set<string>();
  private readonly backedUp = new Set<string>();
  private readonly pathsByTask = new Map<string, Set<string>>();
  /** Content before the run's first write (null: the run created it; undefined: too large to keep). */
  private readonly before = new Map<string, string | null | undefined>();

  /** True when writing `rel` would be a new distinct file for the task beyond `limit`. */
  wouldExceed(taskId: string, rel: string, limit: number): boolean {
    const touched = this.pathsByTask.get(taskId);
    return !touched?.has(rel) && (touched?.size ?? 0) >= limit;
  }

  createdInRun(rel: string): boolean {
    return this.created.has(rel);
  }

  /** An original is backed up once, before the run first overwrites it; files the run created never are. */
  needsBackup(rel: string): boolean {
    return !this.created.has(rel) && !this.backedUp.has(rel);
  }

  noteBackup(rel: string): void {
    this.backedUp.add(rel);
  }

  /** True until the content before the run's first write of `rel` was noted. */
  needsOriginal(rel: string): boolean {
    return !this.before.has(rel);
  }

  noteOriginal(rel: string, content: string | null | undefined): void {
    if (!this.before.has(rel)) this.before.set(rel, content);
  }

  /** What `rel` held before this run first wrote it: null when created, undefined when unknown. */
  originalContent(rel: string): string | null | undefined {
    return this.before.get(rel);
  }

  noteWrite(taskId: string, role: Role, rel: string, content: string, existed: boolean): WriteRecord {
    if (!existed) this.created.add(rel);
    this.touch(taskId, rel);
    this.latest.set(rel, content);
    return this.append({
      path: rel,
      action: existed ? 'modified' : 'created',
      bytes: Buffer.byteLength(content, 'utf8'),
      taskId,
      role,
      sha256: sha256(content),
      ...this.linesOf(rel, content),
    });
  }

  /** Lines against the file before the run (so the last record of a path is its net change), when known. */
  private linesOf(rel: string, content: string): Pick<WriteRecord, 'lines'> {
    const original = this.before.get(rel);
    if (original === undefined) return {};
    return { lines: countLineChanges(original ?? '', content) };
  }

  noteDelete(taskId: string, role: Role, rel: string): WriteRecord {
    this.touch(taskId, rel);
    this.latest.delete(rel);
    // Only files created in this run can be deleted: net, nothing changed.
    const lines = { added: 0, removed: 0 };
    return this.append({ path: rel, action: 'deleted', bytes: 0, taskId, role, sha256: '', lines });
  }

  records(): WriteRecord[] {
    return [...this.log];
  }

  latestContent(rel: string): string | undefined {
    return this.latest.get(rel);
  }

  private touch(taskId: string, rel: string): void {
    let touched = this.pathsByTask.get(taskId);
    if (!touched) {
      touched = new Set();
      this.pathsByTask.set(taskId, touched);
    }
    touched.add(rel);
  }

  private append(record: WriteRecord): WriteRecord {
    this.log.push(record);
    return record;
  }
}
