// What each task last saw of each file: the sha256 of the content its last `view` (or its own last edit)
// returned. An edit is applied only when the file still has that content, so a task never overwrites a change
// it has not seen — another task's write in parallel mode, or anything else that touched the file meanwhile.
import { createHash } from 'node:crypto';

export function sha256Of(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

/** An edit refused because the file changed after the task viewed it. */
export interface EditConflict {
  path: string;
  taskId: string;
  /** The task whose write changed the file, when the journal knows it. */
  changedBy?: string;
}

export class ViewLedger {
  private readonly seen = new Map<string, string>();
  readonly conflicts: EditConflict[] = [];

  /** Remember that the task now knows `content` as the file's content. */
  saw(path: string, content: string): void {
    this.seen.set(path, sha256Of(content));
  }

  forget(path: string): void {
    this.seen.delete(path);
  }

  /** 'unseen' when the task never viewed the file, 'changed' when it differs from what the task saw. */
  verdict(path: string, current: string): 'ok' | 'unseen' | 'changed' {
    const known = this.seen.get(path);
    if (known === undefined) return 'unseen';
    return known === sha256Of(current) ? 'ok' : 'changed';
  }
}
