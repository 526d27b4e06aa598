// The planner on the real example spec, through the real parser.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPrompt } from '../../src/agents/context.js';
import { emptyRepoSnapshot } from '../../src/agents/repo-scan.js';
import { loadBuiltinRolesSync } from '../../src/agents/roles.js';
import { decompose } from '../../src/plan/decompose.js';
import { renderPlanText } from '../../src/plan/render.js';
import { parseSpec } from '../../src/spec/parse.js';
import { validateSpec } from '../../src/spec/validate.js';

const rel = 'examples/specs/product-price-filter.md';
const source = readFileSync(path.join(import.meta.dirname, '..', '..', rel), 'utf8');

describe('plan of examples/specs/product-price-filter.md', () => {
  const spec = parseSpec(rel, source);
  const plan = decompose(spec, { today: '2026-11-01' });
  const covering = (id: string) => plan.tasks.filter((t) => t.covers.includes(id));

  it('is a valid spec and every required item is covered', () => {
    expect(validateSpec(spec).ready).toBe(true);
    expect(plan.coverage.uncovered).toEqual([]);
    for (const id of ['FR-1', 'FR-2', 'FR-3', 'FR-4', 'AT-1', 'AT-2', 'AT-3', 'AT-4', 'US-1', 'US-2']) {
      expect(covering(id).length, id).toBeGreaterThan(0);
    }
    expect(plan.warnings).toEqual([]);
  });

  it('builds schema → data access → logic → API → UI and tests after the code', () => {
    const [schema] = covering('DM-1').filter((t) => t.agent === 'database');
    const [access] = covering('DM-1').filter((t) => t.agent === 'backend');
    const [logic] = covering('FR-1');
    const [api] = covering('API-1');
    expect(covering('FR-3').map((t) => t.agent)).toEqual(['frontend']);
    const [ui] = covering('FR-3');
    expect(access!.dependsOn).toEqual([schema!.id]);
    expect(logic!.dependsOn).toEqual([access!.id]);
    expect(api!.dependsOn).toEqual([logic!.id]);
    expect(ui!.dependsOn).toContain(api!.id);
    expect(covering('AT-3')[0]!.dependsOn).toContain(ui!.id);
    // The error scenarios sit under Interfaces and Contracts: they go with the API task.
    expect(covering('ERR-1')[0]!.id).toBe(api!.id);
    for (const t of plan.tasks) expect(t.covers.length).toBeLessThanOrEqual(6);
  });

  it('renders like the original dry run, with dependencies and coverage', () => {
    const text = renderPlanText(plan);
    expect(text).toContain('Plan: Product price filter (product-price-filter)');
    expect(text).toMatch(
      /\[task-001\] database {3}Create schema and migrations for Product, PriceRange +\$\d+\.\d\d/,
    );
    expect(text).toContain('← task-001');
    expect(text).toContain('uncovered: none');
  });

  it('sends each task the parsed spec and its items', () => {
    const roles = loadBuiltinRolesSync();
    const task = covering('FR-2')[0]!;
    const p = buildPrompt({
      spec,
      task,
      role: roles.get(task.agent)!,
      repo: emptyRepoSnapshot(),
      dependencyFiles: [],
    });
    expect(p.system[0]!.text).toContain('# Functional Requirements');
    expect(p.system[0]!.text).toContain('INVALID_PRICE_RANGE');
    expect(p.system[0]!.text).toContain('id: product-price-filter');
    expect(p.user).toContain('### FR-2: Reject invalid price ranges');
    expect(p.user).toContain('`minPrice=-1` returns HTTP 400');
  });
});
