import { describe, expect, it } from 'vitest';
import type { TaskStatus } from '../../src/core/results.js';
import type { Plan } from '../../src/core/tasks.js';
import { planResume } from '../../src/run/resume.js';
import { buildState, type RunState } from '../../src/run/state.js';
import type { Spec } from '../../src/spec/types.js';
import { diskFrom, fixture, resultOf, SPEC_SOURCE, writesOf } from './fixtures.js';

const { spec, plan } = await fixture();
const ids = plan.tasks.map((t) => t.id);

/** The state a previous run left, with the given tasks ending in the given statuses (others succeed). */
function previousRun(
  p: Plan = plan,
  s: Spec = spec,
  statuses: Record<string, TaskStatus> = {},
): { state: RunState; disk: Map<string, string> } {
  const results = p.tasks.map((t) => resultOf(t, statuses[t.id] ?? 'success'));
  const writes = writesOf(results, p);
  return { state: buildState(s, p, results, writes), disk: diskFrom(writes) };
}

function checkOn(disk: Map<string, string>) {
  return (path: string, sha256: string) => disk.get(path) === sha256;
}

describe('planResume: unchanged spec', () => {
  it('checks the fixture shape the tests below rely on', () => {
    expect(ids).toEqual([
      'task-001',
      'task-002',
      'task-003',
      'task-004',
      'task-005',
      'task-006',
      'task-007',
      'task-008',
      'task-009',
    ]);
    expect(plan.tasks.find((t) => t.id === 'task-003')?.covers).toContain('FR-2');
    expect(plan.tasks.find((t) => t.id === 'task-009')?.covers).toEqual(['AT-3']);
    expect(plan.tasks.find((t) => t.id === 'task-009')?.dependsOn).toEqual(['task-004', 'task-007']);
  });

  it('reuses every task when all succeeded and their files are untouched', () => {
    const { state, disk } = previousRun();
    const r = planResume({ spec, plan, previous: state, fresh: false, fileExists: checkOn(disk) });
    expect(r.redo).toEqual([]);
    expect([...r.reuse.keys()]).toEqual(ids);
    expect(r.reuse.get('task-003')).toEqual({ files: ['out/task-003.txt'], costUsd: 0.25 });
    expect(r.reasons).toEqual({});
  });

  it('redoes only the failed task of four and its dependants', () => {
    const four: Plan = { ...plan, tasks: plan.tasks.slice(0, 4) };
    const { state, disk } = previousRun(four, spec, { 'task-003': 'failed' });
    const r = planResume({ spec, plan: four, previous: state, fresh: false, fileExists: checkOn(disk) });
    expect([...r.reuse.keys()]).toEqual(['task-001', 'task-002']);
    expect(r.redo).toEqual(['task-003', 'task-004']);
    expect(r.reasons['task-003']).toBe('it did not succeed in the last run (failed)');
    expect(r.reasons['task-004']).toBe('dependency task-003 is redone');
  });

  it('redoes a failed leaf-side task and only what depends on it, transitively', () => {
    const { state, disk } = previousRun(plan, spec, { 'task-007': 'failed' });
    const r = planResume({ spec, plan, previous: state, fresh: false, fileExists: checkOn(disk) });
    expect(r.redo).toEqual(['task-007', 'task-009']);
    expect(r.reasons['task-009']).toBe('dependency task-007 is redone');
  });

  it('redoes skipped and cancelled tasks', () => {
    const { state, disk } = previousRun(plan, spec, { 'task-008': 'skipped', 'task-006': 'cancelled' });
    const r = planResume({ spec, plan, previous: state, fresh: false, fileExists: checkOn(disk) });
    expect(r.redo).toEqual(['task-006', 'task-008']);
    expect(r.reasons['task-006']).toContain('cancelled');
    expect(r.reasons['task-008']).toContain('skipped');
  });

  it('redoes a task whose file was deleted or edited since, and its dependants', () => {
    const { state, disk } = previousRun();
    disk.delete('out/task-004.txt');
    let r = planResume({ spec, plan, previous: state, fresh: false, fileExists: checkOn(disk) });
    expect(r.reasons['task-004']).toBe('files changed since the last run: out/task-004.txt');
    expect(r.redo).toEqual(['task-004', 'task-005', 'task-006', 'task-007', 'task-008', 'task-009']);

    const { state: s2, disk: d2 } = previousRun();
    d2.set('out/task-008.txt', 'f'.repeat(64));
    r = planResume({ spec, plan, previous: s2, fresh: false, fileExists: checkOn(d2) });
    expect(r.redo).toEqual(['task-008']);
    expect(r.reasons['task-008']).toBe('files changed since the last run: out/task-008.txt');
  });

  it('redoes everything on --fresh or without a previous state', () => {
    const { state, disk } = previousRun();
    const fresh = planResume({ spec, plan, previous: state, fresh: true, fileExists: checkOn(disk) });
    expect(fresh.redo).toEqual(ids);
    expect(fresh.reuse.size).toBe(0);
    expect(fresh.reasons['task-001']).toBe('fresh run');
    const none = planResume({ spec, plan, previous: null, fresh: false, fileExists: () => true });
    expect(none.redo).toEqual(ids);
    expect(none.reasons['task-005']).toMatch(/^fresh run/);
  });

  it('redoes everything when the state belongs to another spec', () => {
    const { state, disk } = previousRun();
    const other = { ...state, specId: 'another-feature' };
    const r = planResume({ spec, plan, previous: other, fresh: false, fileExists: checkOn(disk) });
    expect(r.redo).toEqual(ids);
    expect(r.reasons['task-001']).toContain('another-feature');
  });
});

describe('planResume: changed spec', () => {
  it('redoes the task whose covered item text changed, and its dependants', async () => {
    const { state, disk } = previousRun();
    const edited = SPEC_SOURCE.replace(
      'The endpoint rejects a range whose bounds are negative',
      'The endpoint rejects, with a clear message, a range whose bounds are negative',
    );
    expect(edited).not.toBe(SPEC_SOURCE);
    const next = await fixture(edited);
    expect(next.spec.hash).not.toBe(spec.hash);
    const r = planResume({ ...next, previous: state, fresh: false, fileExists: checkOn(disk) });
    expect([...r.reuse.keys()]).toEqual(['task-001', 'task-002']);
    expect(r.redo).toEqual(ids.slice(2));
    expect(r.reasons['task-003']).toBe('covered items changed: FR-2');
    expect(r.reasons['task-004']).toBe('dependency task-003 is redone');
  });

  it('keeps everything upstream of a changed acceptance test', async () => {
    const { state, disk } = previousRun();
    const edited = SPEC_SOURCE.replace(
      'When the shopper enters 10 and 50',
      'When the shopper types 10 and 50',
    );
    const next = await fixture(edited);
    const r = planResume({ ...next, previous: state, fresh: false, fileExists: checkOn(disk) });
    expect(r.redo).toEqual(['task-009']);
    expect(r.reasons['task-009']).toBe('covered items changed: AT-3');
  });

  it('reuses everything when only text outside any covered item changed', async () => {
    const { state, disk } = previousRun();
    const edited = SPEC_SOURCE.replace('need to narrow the list', 'want to narrow the list');
    const next = await fixture(edited);
    expect(next.spec.hash).not.toBe(spec.hash);
    const r = planResume({ ...next, previous: state, fresh: false, fileExists: checkOn(disk) });
    expect(r.redo).toEqual([]);
  });

  it('redoes a task id that is new and one whose agent or covers changed', () => {
    const { state, disk } = previousRun();
    const extra = { ...plan.tasks[8]!, id: 'task-010', dependsOn: ['task-004'] };
    const changed = { ...plan.tasks[7]!, covers: ['AT-1', 'AT-2'] };
    const next: Plan = { ...plan, tasks: [...plan.tasks.slice(0, 7), changed, plan.tasks[8]!, extra] };
    const r = planResume({ spec, plan: next, previous: state, fresh: false, fileExists: checkOn(disk) });
    expect(r.redo).toEqual(['task-008', 'task-010']);
    expect(r.reasons['task-010']).toBe('new task');
    expect(r.reasons['task-008']).toContain('the task changed');
  });

  it('is deterministic and does not depend on the order tasks are listed in', () => {
    const { state, disk } = previousRun(plan, spec, { 'task-004': 'failed' });
    const a = planResume({ spec, plan, previous: state, fresh: false, fileExists: checkOn(disk) });
    const reversed: Plan = { ...plan, tasks: [...plan.tasks].reverse() };
    const b = planResume({ spec, plan: reversed, previous: state, fresh: false, fileExists: checkOn(disk) });
    expect([...b.redo].sort()).toEqual(a.redo);
    expect(b.reasons).toEqual(a.reasons);
    expect(new Set(b.reuse.keys())).toEqual(new Set(a.reuse.keys()));
  });
});
