import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { countLineChanges } from '../../src/run/line-diff.js';
import { createWorkspace } from '../../src/run/workspace.js';

describe('countLineChanges', () => {
  it('counts a new file, an insertion, a deletion and a replaced block like git diff --numstat', () => {
    expect(countLineChanges('', 'a\nb\nc\n')).toEqual({ added: 3, removed: 0 });
    expect(countLineChanges('a\nb\nc\n', 'a\nb\nx\ny\nc\n')).toEqual({ added: 2, removed: 0 });
    expect(countLineChanges('a\nb\nc\nd\n', 'a\nd\n')).toEqual({ added: 0, removed: 2 });
    expect(countLineChanges('a\nb\nc\n', 'a\nB\nc\n')).toEqual({ added: 1, removed: 1 });
    expect(countLineChanges('a\nb\n', 'a\nb\n')).toEqual({ added: 0, removed: 0 });
    // A missing final newline does not add a line; CRLF reads like LF.
    expect(countLineChanges('a\r\nb\r\n', 'a\nb')).toEqual({ added: 0, removed: 0 });
  });
});

describe('workspace write records carry lines against the file before the run', () => {
  let root: string | undefined;
  afterEach(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('counts a modified file against its original and a rewritten new file against nothing', async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'ws-lines-'));
    await writeFile(path.join(root, 'app.ts'), 'one\ntwo\nthree\n');
    const ws = createWorkspace({ root });
    const first = await ws.write('task-001', 'backend', 'app.ts', 'one\n2\nthree\nfour\n');
    expect(first.lines).toEqual({ added: 2, removed: 1 });
    // A second write still counts against the file as it was before the run, so the last record is net.
    const second = await ws.write('task-002', 'backend', 'app.ts', 'one\ntwo\nthree\n');
    expect(second.lines).toEqual({ added: 0, removed: 0 });
    await ws.write('task-001', 'backend', 'src/new.ts', 'x\n');
    const rewritten = await ws.write('task-002', 'backend', 'src/new.ts', 'x\ny\nz\n');
    expect(rewritten).toMatchObject({ action: 'modified', lines: { added: 3, removed: 0 } });
  });
});
