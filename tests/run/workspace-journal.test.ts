// The write journal's "before": what each path held before this run first wrote it, the base of every diff
// the fix rounds and the review are shown.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { snapshotWritten, taskDiffText } from '../../src/run/journal-diff.js';
import { createWorkspace } from '../../src/run/workspace.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'journal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('originalContent', () => {
  it('keeps the content before the first write only, null for created files, nothing for untouched ones', async () => {
    await writeFile(path.join(dir, 'old.ts'), 'before\n');
    const ws = createWorkspace({ root: dir });
    expect(ws.originalContent('old.ts')).toBeUndefined();
    await ws.write('t1', 'backend', 'old.ts', 'first\n');
    await ws.write('t2', 'backend', 'old.ts', 'second\n');
    await ws.write('t1', 'backend', 'new.ts', 'x\n');
    await ws.write('t2', 'backend', 'new.ts', 'y\n');
    expect(ws.originalContent('old.ts')).toBe('before\n');
    expect(ws.originalContent('./old.ts')).toBe('before\n');
    expect(ws.originalContent('new.ts')).toBeNull();
    await ws.remove('t2', 'backend', 'new.ts');
    expect(ws.originalContent('new.ts')).toBeNull();
    expect(ws.originalContent('../outside')).toBeUndefined();
  });

  it('does not keep an old file over the size limit, and never takes a later write for the original', async () => {
    await writeFile(path.join(dir, 'big.txt'), 'b'.repeat(2_000));
    const ws = createWorkspace({ root: dir, maxFileBytes: 1_000 });
    await ws.write('t1', 'backend', 'big.txt', 'small\n');
    await ws.write('t1', 'backend', 'big.txt', 'smaller\n');
    expect(ws.originalContent('big.txt')).toBeUndefined();
  });
});

describe('taskDiffText', () => {
  it("diffs one task's writes against the snapshot taken when it started", async () => {
    await writeFile(path.join(dir, 'a.ts'), 'a0\n');
    const ws = createWorkspace({ root: dir });
    await ws.write('t1', 'backend', 'a.ts', 'a1\n');
    const before = snapshotWritten(ws);
    await ws.write('t2', 'backend', 'a.ts', 'a2\n');
    await ws.write('t2', 'backend', 'b.ts', 'b2\n');
    const d = taskDiffText(ws, 't2', before, 10_000);
    expect(d.files).toEqual(['a.ts', 'b.ts']);
    expect(d.text).toBe(
      '--- a/a.ts\n+++ b/a.ts\n@@ -1 +1 @@\n-a1\n+a2\n--- /dev/null\n+++ b/b.ts\n@@ -0,0 +1 @@\n+b2\n',
    );
    // From the start of the run: the pre-run content is the base.
    expect(taskDiffText(ws, 't2', new Map(), 10_000).text).toContain('-a0\n+a2\n');
  });
});
