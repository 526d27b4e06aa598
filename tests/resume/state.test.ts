import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WriteRecord } from '../../src/core/results.js';
import type { Plan } from '../../src/core/tasks.js';
import { diskFileCheck } from '../../src/run/resume.js';
import {
  buildState,
  canonicalJson,
  itemsHash,
  planHash,
  readState,
  STATE_PATH,
  writeState,
} from '../../src/run/state.js';
import { fixture, resultOf, SPEC_SOURCE, sha, writesOf } from './fixtures.js';

const { spec, plan } = await fixture();
const NOW = new Date('2026-11-01T10:00:00.000Z');

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(path.join(tmpdir(), 'implement-spec-state-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

function fullState() {
  const results = plan.tasks.map((t) => resultOf(t));
  return buildState(spec, plan, results, writesOf(results, plan), undefined, [], NOW);
}

describe('buildState', () => {
  it('records every task with its status, items hash, files and cost', () => {
    const results = plan.tasks.map((t) => resultOf(t, t.id === 'task-005' ? 'failed' : 'success', 0.5));
    const state = buildState(spec, plan, results, writesOf(results, plan), undefined, [], NOW);
    expect(state.schemaVersion).toBe(1);
    expect(state.specId).toBe('product-price-filter');
    expect(state.specHash).toBe(spec.hash);
    expect(state.planHash).toBe(planHash(plan));
    expect(state.model).toBe(plan.model);
    expect(state.updatedAt).toBe('2026-11-01T10:00:00.000Z');
    expect(Object.keys(state.tasks)).toEqual(plan.tasks.map((t) => t.id));
    const t3 = state.tasks['task-003']!;
    expect(t3.status).toBe('success');
    expect(t3.covers).toEqual(plan.tasks[2]!.covers);
    expect(t3.dependsOn).toEqual(['task-002']);
    expect(t3.itemsHash).toBe(itemsHash(spec, plan.tasks[2]!));
    expect(t3.files).toEqual([{ path: 'out/task-003.txt', sha256: sha('written by task-003 (backend)\n') }]);
    expect(t3.costUsd).toBe(0.5);
    expect(state.tasks['task-005']).toMatchObject({ status: 'failed', files: [] });
  });

  it('stores the final content hash of a file several tasks wrote, and drops deleted files', () => {
    const results = plan.tasks
      .slice(0, 3)
      .map((t) => ({ ...resultOf(t), files: ['src/shared.ts', `gone-${t.id}`] }));
    const w = (
      taskId: string,
      p: string,
      content: string,
      action: WriteRecord['action'] = 'modified',
    ): WriteRecord => ({
      path: p,
      action,
      bytes: content.length,
      taskId,
      role: 'backend',
      sha256: action === 'deleted' ? '' : sha(content),
    });
    const writes = [
      w('task-001', 'src/shared.ts', 'v1', 'created'),
      w('task-001', 'gone-task-001', 'tmp', 'created'),
      w('task-001', 'gone-task-001', '', 'deleted'),
      w('task-003', 'src/shared.ts', 'v3'),
    ];
    const short: Plan = { ...plan, tasks: plan.tasks.slice(0, 3) };
    const state = buildState(spec, short, results, writes, undefined, [], NOW);
    expect(state.tasks['task-001']!.files).toEqual([{ path: 'src/shared.ts', sha256: sha('v3') }]);
    expect(state.tasks['task-003']!.files).toEqual([{ path: 'src/shared.ts', sha256: sha('v3') }]);
  });

  it('keeps the previous entry of a resumed task, refreshing files this run rewrote', () => {
    const previous = fullState();
    const results = plan.tasks.map((t) => resultOf(t, 'success', 1));
    // This run redid task-009 only, and it also rewrote task-007's file.
    const writes: WriteRecord[] = [
      {
        path: 'out/task-009.txt',
        action: 'modified',
        bytes: 3,
        taskId: 'task-009',
        role: 'test',
        sha256: sha('new'),
      },
      {
        path: 'out/task-007.txt',
        action: 'modified',
        bytes: 3,
        taskId: 'task-009',
        role: 'test',
        sha256: sha('edit'),
      },
    ];
    const resumed = plan.tasks.slice(0, 8).map((t) => t.id);
    const state = buildState(spec, plan, results, writes, previous, resumed, NOW);
    expect(state.tasks['task-001']).toEqual(previous.tasks['task-001']);
    expect(state.tasks['task-001']!.costUsd).toBe(0.25);
    expect(state.tasks['task-007']!.files).toEqual([{ path: 'out/task-007.txt', sha256: sha('edit') }]);
    expect(state.tasks['task-009']!.costUsd).toBe(1);
    expect(state.tasks['task-009']!.files).toEqual([
      { path: 'out/task-007.txt', sha256: sha('edit') },
      { path: 'out/task-009.txt', sha256: sha('new') },
    ]);
  });
});

describe('planHash and itemsHash', () => {
  it('is the same for the same plan made twice', async () => {
    const again = await fixture();
    expect(planHash(again.plan)).toBe(planHash(plan));
    expect(planHash(plan)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on key order, titles or estimates', () => {
    const reordered: Plan = {
      ...plan,
      tasks: plan.tasks.map((t) => ({
        sections: t.sections,
        estimate: { ...t.estimate, usd: t.estimate.usd + 1 },
        dependsOn: t.dependsOn,
        title: `${t.title}!`,
        covers: t.covers,
        description: 'other',
        phase: t.phase,
        agent: t.agent,
        id: t.id,
      })),
    };
    expect(planHash(reordered)).toBe(planHash(plan));
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe(
      canonicalJson({ a: [2, { c: 4, d: 3 }], b: 1 }),
    );
  });

  it('changes when what a task does changes', () => {
    const t = plan.tasks[3]!;
    const changed: Plan = {
      ...plan,
      tasks: [...plan.tasks.slice(0, 3), { ...t, covers: t.covers.slice(1) }, ...plan.tasks.slice(4)],
    };
    expect(planHash(changed)).not.toBe(planHash(plan));
    const otherAgent: Plan = {
      ...plan,
      tasks: [...plan.tasks.slice(0, 3), { ...t, agent: 'integration' }, ...plan.tasks.slice(4)],
    };
    expect(planHash(otherAgent)).not.toBe(planHash(plan));
  });

  it('items hash ignores line-ending changes but not wording changes', async () => {
    const task = plan.tasks[2]!;
    const crlf = await fixture(SPEC_SOURCE.replace(/\n/g, '\r\n'));
    expect(itemsHash(crlf.spec, task)).toBe(itemsHash(spec, task));
    const reworded = await fixture(SPEC_SOURCE.replace('AND semantics', 'OR semantics'));
    expect(itemsHash(reworded.spec, task)).not.toBe(itemsHash(spec, task));
  });
});

describe('readState / writeState', () => {
  it('round-trips the state through the file, creating the directory', async () => {
    const root = await tempDir();
    const state = fullState();
    const written = await writeState(root, state);
    expect(written).toBe(path.join(root, '.implement-spec', 'state.json'));
    const text = await readFile(written, 'utf8');
    expect(text).toBe(`${JSON.stringify(state, null, 2)}\n`);
    expect(await readState(root)).toEqual({ state });
  });

  it('returns null without a warning when there is no state', async () => {
    expect(await readState(await tempDir())).toEqual({ state: null });
  });

  it('returns null with a warning for invalid JSON, a wrong shape or another schema version', async () => {
    const root = await tempDir();
    const file = path.join(root, ...STATE_PATH.split('/'));
    await mkdir(path.dirname(file), { recursive: true });

    await writeFile(file, '{ "schemaVersion": 1, ');
    let r = await readState(root);
    expect(r.state).toBeNull();
    expect(r.warning).toMatch(/state\.json is not valid JSON/);

    const bad = JSON.parse(JSON.stringify(fullState()));
    bad.tasks['task-002'].files = [{ path: 'x' }];
    await writeFile(file, JSON.stringify(bad));
    r = await readState(root);
    expect(r.state).toBeNull();
    expect(r.warning).toContain('tasks.task-002.files.0.sha256');

    await writeFile(file, JSON.stringify({ ...fullState(), schemaVersion: 2 }));
    r = await readState(root);
    expect(r.state).toBeNull();
    expect(r.warning).toContain('schemaVersion 2');

    await writeFile(file, 'null');
    r = await readState(root);
    expect(r.state).toBeNull();
    expect(r.warning).toBeDefined();
  });

  it('replaces the file whole and leaves no temporary file behind', async () => {
    const root = await tempDir();
    await writeState(root, fullState());
    const second = { ...fullState(), model: 'another-model' };
    await writeState(root, second);
    expect((await readState(root)).state?.model).toBe('another-model');
    expect(await readdir(path.join(root, '.implement-spec'))).toEqual(['state.json']);
  });

  it('cleans up its temporary file when the rename fails', async () => {
    const root = await tempDir();
    // A directory where the file should go makes the rename fail.
    await mkdir(path.join(root, '.implement-spec', 'state.json', 'x'), { recursive: true });
    await expect(writeState(root, fullState())).rejects.toThrow();
    expect(await readdir(path.join(root, '.implement-spec'))).toEqual(['state.json']);
  });

  it('refuses to write a state that does not match the schema', async () => {
    const root = await tempDir();
    const broken = { ...fullState(), planHash: 'not-a-hash' };
    await expect(writeState(root, broken)).rejects.toThrow();
  });
});

describe('diskFileCheck', () => {
  it('compares the content hash on disk and never reads outside the root', async () => {
    const root = await tempDir();
    await mkdir(path.join(root, 'src'), { recursive: true });
    await writeFile(path.join(root, 'src', 'a.ts'), 'export const a = 1;\n');
    const check = diskFileCheck(root);
    expect(check('src/a.ts', sha('export const a = 1;\n'))).toBe(true);
    expect(check('src/a.ts', sha('other'))).toBe(false);
    expect(check('src/missing.ts', sha(''))).toBe(false);
    expect(check('../outside.txt', sha(''))).toBe(false);
    expect(check('/etc/hostname', sha(''))).toBe(false);
    expect(check('src\\a.ts', sha('export const a = 1;\n'))).toBe(false);
  });
});
