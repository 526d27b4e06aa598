// Diffs of what a run (or one task of it) changed, from the workspace's write journal: the content before
// (taken when the path was first written) and the latest content written. Nothing is read from disk and no
// process is started, so the diff shows exactly what the agents wrote, not what a formatter made of it.
import { type FileDiff, fileDiff, joinDiffs } from '../core/diff.js';
import type { Workspace } from '../core/workspace.js';

type Journal = Pick<Workspace, 'records' | 'writtenContent' | 'originalContent'>;

/** The content of every path written so far, as it is now: the "before" of the next task's diff. */
export function snapshotWritten(ws: Journal): Map<string, string | null> {
  const snapshot = new Map<string, string | null>();
  for (const r of ws.records()) snapshot.set(r.path, ws.writtenContent(r.path) ?? null);
  return snapshot;
}

/**
 * The diffs of the paths `taskId` wrote, against their content at `before` (a snapshot taken when the task
 * started; a path not in it had its pre-run content). Paths whose old content was not kept are left out.
 */
export function taskDiffs(ws: Journal, taskId: string, before: Map<string, string | null>): FileDiff[] {
  const paths = [
    ...new Set(
      ws
        .records()
        .filter((r) => r.taskId === taskId)
        .map((r) => r.path),
    ),
  ];
  const out: FileDiff[] = [];
  for (const p of paths) {
    const old = before.has(p) ? before.get(p)! : ws.originalContent(p);
    if (old === undefined) continue;
    const d = fileDiff(p, old, ws.writtenContent(p) ?? null);
    if (d.hunks.length > 0) out.push(d);
  }
  return out;
}

/** `taskDiffs` as one unified-diff text of at most `maxChars` characters. */
export function taskDiffText(
  ws: Journal,
  taskId: string,
  before: Map<string, string | null>,
  maxChars: number,
): { text: string; files: string[]; omitted: string[] } {
  const diffs = taskDiffs(ws, taskId, before);
  const { text, omitted } = joinDiffs(diffs, maxChars);
  return { text, files: diffs.map((d) => d.path), omitted };
}
