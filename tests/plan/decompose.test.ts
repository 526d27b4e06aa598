import { describe, expect, it } from 'vitest';
import type { Plan, Task } from '../../src/core/tasks.js';
import { decompose, PlanError, validateTaskGraph } from '../../src/plan/decompose.js';
import { spec } from './spec-builder.js';

const TODAY = '2026-11-01';

function byId(plan: Plan): Map<string, Task> {
  return new Map(plan.tasks.map((t) => [t.id, t]));
}

function taskCovering(plan: Plan, id: string, agent?: string): Task {
  const t = plan.tasks.find((x) => x.covers.includes(id) && (agent === undefined || x.agent === agent));
  if (!t) throw new Error(`no task covers ${id}`);
  return t;
}

/** A full-stack spec: two models, four FRs (one UI), one API, an integration, errors, ATs and a DT. */
function fullSpec() {
  return spec()
    .overview('Shoppers filter products by price.')
    .model({ title: 'Product', text: '- id: uuid\n- price_cents: integer' })
    .model({ title: 'PriceRange', text: '- min, max: integer' })
    .fr({ title: 'Filter by price', text: 'The list endpoint filters products by price.' })
    .fr({ title: 'Reject invalid ranges', text: 'The endpoint rejects min > max.' })
    .fr({ title: 'Price range input', text: 'The product list page shows a component with an Apply button.' })
    .fr({ title: 'Combine with category', text: 'Price and category filters combine with AND.' })
    .api({ title: 'GET /api/products' })
    .integration({ title: 'Currency service', text: 'Prices are converted by the currency service.' })
    .error({ title: 'Database timeout', text: 'FR-1: a database timeout returns 503.' })
    .security({ title: 'Access control is unchanged' })
    .ac({ title: 'Given products, When filtered, Then only matching ones' })
    .ac({ title: 'Given min > max, When requested, Then 400' })
    .ac({ title: 'Given the page, When Apply is pressed, Then the URL changes' })
    .ac({ title: 'Given shoes, When category and price, Then only shoes' })
    .dt({ title: 'price filter on fixed catalog' })
    .build();
}

describe('decompose: DAG rules', () => {
  const plan = decompose(fullSpec(), { today: TODAY });
  const tasks = byId(plan);

  it('orders layers schema → data access → logic → API → UI, integration after API, tests after code', () => {
    const schema = taskCovering(plan, 'DM-1', 'database');
    const dataAccess = taskCovering(plan, 'DM-1', 'backend');
    const logic = taskCovering(plan, 'FR-1', 'backend');
    const api = taskCovering(plan, 'API-1');
    const ui = taskCovering(plan, 'FR-3');
    const integration = taskCovering(plan, 'INT-1');
    expect(dataAccess.dependsOn).toEqual([schema.id]);
    expect(logic.dependsOn).toEqual([dataAccess.id]);
    expect(api.dependsOn).toEqual([logic.id]);
    expect(ui.agent).toBe('frontend');
    expect(ui.dependsOn).toContain(api.id);
    expect(integration.agent).toBe('integration');
    expect(integration.dependsOn).toEqual([api.id]);
    // AT-3 tests FR-3 (a UI requirement): its test task runs after the frontend task.
    expect(taskCovering(plan, 'AT-3').dependsOn).toContain(ui.id);
    expect(taskCovering(plan, 'AT-1').dependsOn).toEqual(expect.arrayContaining([logic.id, api.id]));
    // Deterministic tests run after every implementation task.
    const dt = taskCovering(plan, 'DT-1');
    expect(dt.agent).toBe('test');
    for (const t of plan.tasks.filter((x) => x.agent !== 'test')) expect(dt.dependsOn).toContain(t.id);
  });

  it('puts a purely UI FR only in a frontend task and the rest only in backend tasks', () => {
    expect(plan.tasks.filter((t) => t.covers.includes('FR-3')).map((t) => t.agent)).toEqual(['frontend']);
    for (const fr of ['FR-1', 'FR-2', 'FR-4']) {
      expect(plan.tasks.filter((t) => t.covers.includes(fr)).map((t) => t.agent)).toEqual(['backend']);
    }
  });

  it('folds an error scenario naming an FR into that FR task', () => {
    expect(taskCovering(plan, 'ERR-1').id).toBe(taskCovering(plan, 'FR-1').id);
  });

  it('has phases equal to dependency levels and ids in topological order', () => {
    for (const t of plan.tasks) {
      const expected = 1 + Math.max(0, ...t.dependsOn.map((d) => tasks.get(d)!.phase));
      expect(t.phase).toBe(expected);
      for (const d of t.dependsOn) expect(d < t.id).toBe(true);
    }
    expect(plan.tasks.map((t) => t.id)).toEqual(
      plan.tasks.map((_, i) => `task-${String(i + 1).padStart(3, '0')}`),
    );
    expect(plan.phases.flatMap((p) => p.taskIds)).toEqual(plan.tasks.map((t) => t.id));
    expect(plan.phases.map((p) => p.number)).toEqual(plan.phases.map((_, i) => i + 1));
    expect(() => validateTaskGraph(plan.tasks)).not.toThrow();
  });

  it('covers every FR, AT, DT and other item', () => {
    expect(plan.coverage.uncovered).toEqual([]);
    expect(plan.coverage.covered).toEqual(
      expect.arrayContaining([
        'FR-1',
        'FR-2',
        'FR-3',
        'FR-4',
        'AT-1',
        'AT-2',
        'AT-3',
        'AT-4',
        'DT-1',
        'DM-1',
        'DM-2',
      ]),
    );
    expect(plan.coverage.covered).toEqual(expect.arrayContaining(['API-1', 'INT-1', 'ERR-1', 'SEC-1']));
  });

  it('lists section keys each task needs', () => {
    expect(taskCovering(plan, 'DM-1', 'database').sections).toEqual(['data_model']);
    expect(taskCovering(plan, 'AT-1').sections).toEqual(['acceptance_tests']);
  });
});

describe('decompose: graph validation', () => {
  it('rejects an unknown dependency, naming the task', () => {
    const err = catchPlanError(() =>
      validateTaskGraph([
        { id: 'task-001', dependsOn: [] },
        { id: 'task-002', dependsOn: ['task-009'] },
      ]),
    );
    expect(err.message).toContain('task-002');
    expect(err.message).toContain('task-009');
    expect(err.taskIds).toEqual(['task-002', 'task-009']);
  });

  it('rejects a cycle, naming its tasks', () => {
    const err = catchPlanError(() =>
      validateTaskGraph([
        { id: 'task-001', dependsOn: ['task-003'] },
        { id: 'task-002', dependsOn: ['task-001'] },
        { id: 'task-003', dependsOn: ['task-002'] },
      ]),
    );
    expect(err.message).toMatch(/cycle: task-001 → task-003 → task-002 → task-001/);
    expect(err.taskIds.sort()).toEqual(['task-001', 'task-002', 'task-003']);
  });
});

function catchPlanError(fn: () => unknown): PlanError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PlanError) return e;
    throw e;
  }
  throw new Error('expected a PlanError');
}

describe('decompose: coverage of each item kind', () => {
  it('covers user stories of a maturity-layout spec without FRs with their own tasks', () => {
    const s = spec()
      .story({ title: 'As a shopper I want to filter by price so that I save time' })
      .story({ title: 'As a shopper I want the filter form on the list page so that it is easy' })
      .ac({ title: 'Given, When, Then', number: null })
      .build();
    s.layout = 'maturity';
    const plan = decompose(s, { today: TODAY });
    expect(taskCovering(plan, 'US-1').agent).toBe('backend');
    expect(taskCovering(plan, 'US-2').agent).toBe('frontend');
    expect(plan.coverage.uncovered).toEqual([]);
    expect(plan.warnings.some((w) => w.includes('no functional requirements or user stories'))).toBe(false);
  });

  it('folds stories into FR tasks when FRs exist', () => {
    const plan = decompose(
      spec().fr({ title: 'Filter' }).story({ title: 'As a shopper I want to filter' }).build(),
      {
        today: TODAY,
      },
    );
    expect(plan.tasks.filter((t) => t.agent === 'backend')).toHaveLength(1);
    expect(plan.tasks[0]!.covers).toEqual(['FR-1', 'US-1']);
    expect(plan.tasks[0]!.title).toContain('(+ US-1)');
  });

  it('plans one backend task from the overview when the spec has no FRs, stories or interfaces', () => {
    const s = spec().overview('A CLI that prints the date.').ac({ title: 'Given, When, Then' }).build();
    const plan = decompose(s, { today: TODAY });
    expect(plan.tasks.map((t) => [t.agent, t.covers])).toEqual([
      ['backend', []],
      ['test', ['AT-1']],
    ]);
    expect(plan.tasks[0]!.sections).toEqual(['overview']);
    expect(plan.tasks[1]!.dependsOn).toEqual(['task-001']);
    expect(plan.warnings.join('\n')).toContain('no functional requirements, user stories or interfaces');
  });

  it('plans nothing, with a warning, when the spec describes no behaviour at all', () => {
    const plan = decompose(spec().build(), { today: TODAY });
    expect(plan.tasks).toEqual([]);
    expect(plan.warnings.join('\n')).toContain('no behaviour to implement');
  });

  it('handles duplicate FR ids: both are planned, and a warning names the lines', () => {
    const s = spec().fr({ title: 'One', number: 2 }).fr({ title: 'Two', number: 2 }).build();
    const plan = decompose(s, { today: TODAY });
    expect(plan.tasks).toHaveLength(1);
    expect(plan.tasks[0]!.covers).toEqual(['FR-2']);
    const lines = s.functionalRequirements.map((f) => f.line).join(', ');
    expect(plan.warnings).toContain(
      `FR-2 is used by 2 items (lines ${lines}); each is planned, but reports cannot tell them apart: give each a unique id.`,
    );
    // Both items are counted in the estimate (two FRs' worth of output).
    expect(plan.tasks[0]!.estimate.outputTokens).toBe(300 + 2 * 1500);
  });

  it('covers an AT with no matching FR after all implementation tasks, as an assumption', () => {
    const s = spec()
      .fr({ title: 'A' })
      .fr({ title: 'B', text: 'The settings page has a form.' })
      .ac({ title: 'x', number: 1 })
      .ac({ title: 'y', number: 7 })
      .build();
    const plan = decompose(s, { today: TODAY });
    const at7 = taskCovering(plan, 'AT-7');
    expect(at7.dependsOn).toEqual(plan.tasks.filter((t) => t.agent !== 'test').map((t) => t.id));
    expect(taskCovering(plan, 'AT-1').dependsOn).toEqual([taskCovering(plan, 'FR-1').id]);
    expect(plan.assumptions).toContain(
      'AT-7 has no matching FR-7: its test task runs after all implementation tasks.',
    );
    expect(plan.coverage.uncovered).toEqual([]);
  });

  it('puts leftover error/security/performance items into a hardening task after the code', () => {
    const s = spec()
      .fr({ title: 'A' })
      .security({ title: 'Authorization checks on every call' })
      .performance({ title: 'p95 under 300 ms' })
      .build();
    const plan = decompose(s, { today: TODAY });
    const hardening = taskCovering(plan, 'SEC-1');
    expect(hardening.covers).toEqual(['SEC-1', 'PERF-1']);
    expect(hardening.dependsOn).toEqual([taskCovering(plan, 'FR-1').id]);
    expect(hardening.sections).toEqual(expect.arrayContaining(['security', 'non_functional_requirements']));
  });
});

describe('decompose: bounded task size', () => {
  it('splits 200 FRs into balanced tasks of at most maxItemsPerTask items', () => {
    const s = spec().frs(200);
    for (let i = 1; i <= 200; i++) s.ac({ title: `AT ${i}` });
    const built = s.build();
    const plan = decompose(built, { today: TODAY });
    for (const t of plan.tasks) expect(t.covers.length).toBeLessThanOrEqual(6);
    expect(plan.tasks.filter((t) => t.agent === 'backend')).toHaveLength(34); // ceil(200 / 6)
    expect(plan.coverage.uncovered).toEqual([]);
    const small = decompose(built, { today: TODAY, maxItemsPerTask: 4 });
    for (const t of small.tasks) expect(t.covers.length).toBeLessThanOrEqual(4);
    expect(small.tasks.filter((t) => t.agent === 'backend')).toHaveLength(50);
  });

  it('balances chunks: 7 items with a maximum of 6 become 4 + 3', () => {
    const plan = decompose(spec().frs(7).build(), { today: TODAY });
    expect(plan.tasks.map((t) => t.covers.length)).toEqual([4, 3]);
  });

  it('rejects a maxItemsPerTask below 1', () => {
    expect(() => decompose(spec().frs(1).build(), { maxItemsPerTask: 0 })).toThrow(PlanError);
  });
});

describe('decompose: agents filter', () => {
  it('keeps only the chosen roles and records each dropped dependency as an assumption', () => {
    const full = decompose(fullSpec(), { today: TODAY });
    const plan = decompose(fullSpec(), { today: TODAY, agents: ['backend', 'test'] });
    expect(new Set(plan.tasks.map((t) => t.agent))).toEqual(new Set(['backend', 'test']));
    expect(plan.tasks.length).toBe(
      full.tasks.filter((t) => t.agent === 'backend' || t.agent === 'test').length,
    );
    const dataAccess = taskCovering(plan, 'DM-1', 'backend');
    expect(dataAccess.dependsOn).toEqual([]);
    expect(plan.assumptions).toContain(
      '"Implement data access for Product, PriceRange" (backend) depends on the database task ' +
        '"Create schema and migrations for Product, PriceRange", which the agents filter excludes: assumed already done.',
    );
    // AT-3's test task keeps running after the API (it depended on the removed frontend task, which depended on it).
    expect(taskCovering(plan, 'AT-3').dependsOn).toContain(taskCovering(plan, 'API-1').id);
    expect(plan.coverage.uncovered).toEqual(['FR-3']);
    expect(plan.warnings.join('\n')).toContain('FR-3');
    expect(() => validateTaskGraph(plan.tasks)).not.toThrow();
    expect(plan.tasks.map((t) => t.id)).toEqual(
      plan.tasks.map((_, i) => `task-${String(i + 1).padStart(3, '0')}`),
    );
  });

  it('throws for an unknown role, naming the valid ones', () => {
    const err = catchPlanError(() => decompose(fullSpec(), { agents: ['backend', 'devops'] }));
    expect(err.message).toContain('devops');
    expect(err.message).toContain('database, backend, frontend, integration, test');
  });

  it('throws for an empty filter', () => {
    expect(() => decompose(fullSpec(), { agents: [] })).toThrow(/empty/);
  });

  it('gives an empty plan with a clear warning when the filter leaves nothing', () => {
    const plan = decompose(spec().fr({ title: 'Compute totals' }).build(), {
      today: TODAY,
      agents: ['frontend'],
    });
    expect(plan.tasks).toEqual([]);
    expect(plan.phases).toEqual([]);
    expect(plan.warnings).toContain(
      'The agents filter (frontend) leaves no task: this spec has only backend tasks.',
    );
    expect(plan.estimate.usd).toBe(0);
  });

  it('can throw on uncovered items in strict mode', () => {
    expect(() => decompose(fullSpec(), { today: TODAY, agents: ['backend'], strict: true })).toThrow(/FR-3/);
  });
});

describe('decompose: modes', () => {
  it('never changes the tasks, only the estimate', () => {
    const seq = decompose(fullSpec(), { today: TODAY, mode: 'sequential' });
    const par = decompose(fullSpec(), { today: TODAY, mode: 'parallel' });
    const shape = (p: Plan) => p.tasks.map(({ estimate: _e, ...rest }) => rest);
    expect(shape(par)).toEqual(shape(seq));
    expect(par.phases).toEqual(seq.phases);
    expect(par.mode).toBe('parallel');
    expect(par.estimate.parallelMinutes).toBe(seq.estimate.parallelMinutes);
  });

  it('is deterministic', () => {
    expect(decompose(fullSpec(), { today: TODAY })).toEqual(decompose(fullSpec(), { today: TODAY }));
  });
});
