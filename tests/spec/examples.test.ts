import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/spec/load.js';
import { validateSpec } from '../../src/spec/validate.js';
import { rules } from './helpers.js';

async function verdict(path: string) {
  return validateSpec(await loadSpec(path));
}

describe('our example specs', () => {
  it.each([
    ['examples/specs/product-price-filter.md', 'formal', 3, 'MODERATE'],
    ['examples/specs/checkout-discount-codes.md', 'formal', 5, 'HIGH'],
    ['examples/specs/password-reset.md', 'maturity', 3, 'MODERATE'],
    ['examples/specs/dark-mode-toggle.md', 'formal', 1, 'EASY'],
  ])('%s is ready', async (path, layout, maturity, complexity) => {
    const v = await verdict(path);
    expect(v.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(v).toMatchObject({ ready: true, score: 100 });
    expect(v.spec).toMatchObject({ layout, metadata: { maturity, complexity } });
  });

  it('product-price-filter has the items the plan relies on', async () => {
    const s = (await verdict('examples/specs/product-price-filter.md')).spec;
    expect(s.metadata.id).toBe('product-price-filter');
    expect(s.functionalRequirements.map((f) => f.id)).toEqual(['FR-1', 'FR-2', 'FR-3', 'FR-4']);
    expect(s.acceptanceCriteria.map((a) => a.id)).toEqual(['AT-1', 'AT-2', 'AT-3', 'AT-4']);
    expect(s.dataModels.map((d) => d.title)).toEqual(['Product', 'PriceRange']);
    expect(s.interfaces.map((d) => d.title)).toEqual(['GET /api/products']);
    expect(s.errorScenarios).toHaveLength(3);
    expect(s.securityItems).toHaveLength(5);
    expect(s.performanceItems).toHaveLength(2);
  });

  it('checkout-discount-codes carries three deterministic tests', async () => {
    const s = (await verdict('examples/specs/checkout-discount-codes.md')).spec;
    expect(s.deterministicTests.map((t) => [t.id, t.hasExpected])).toEqual([
      ['DT-1', true],
      ['DT-2', true],
      ['DT-3', true],
    ]);
  });

  it('csv-export shows the findings its comment announces', async () => {
    const v = await verdict('examples/specs/csv-export.md');
    expect(v.ready).toBe(false);
    expect(v.spec.frontMatter.form).toBe('legacy');
    expect(rules(v.findings, 'error')).toEqual([
      'vague-term',
      'vague-term',
      'vague-term',
      'fr-without-validation',
      'ac-missing-gwt',
    ]);
    expect(readFileSync('examples/specs/csv-export.md', 'utf8')).toMatch(/^<!-- Not ready on purpose/);
  });

  it('audit-log-viewer shows the findings its comment announces', async () => {
    const v = await verdict('examples/specs/audit-log-viewer.md');
    expect(v.ready).toBe(false);
    expect(rules(v.findings, 'error').sort()).toEqual([
      'fewer-criteria-than-stories',
      'missing-section',
      'security-incomplete',
    ]);
    expect(v.findings.find((f) => f.rule === 'security-incomplete')!.message).toContain(
      'encryption, data handling',
    );
  });
});

describe('compatibility with the original Spec-MAS validator (fixtures in tests/fixtures/specs/spec-mas)', () => {
  const dir = 'tests/fixtures/specs/spec-mas';

  it('a HIGH spec without deterministic tests fails G4 only', async () => {
    const v = await verdict(`${dir}/high-no-dt.md`);
    expect(v.gates.filter((g) => !g.passed).map((g) => g.gate)).toEqual(['G4']);
    expect(rules(v.findings, 'error')).toEqual(['no-deterministic-tests']);
  });

  it('the same spec with a deterministic test is ready', async () => {
    expect((await verdict(`${dir}/high-with-dt.md`)).ready).toBe(true);
  });

  it('a spec with no front matter fails G1 with one finding per missing field', async () => {
    const v = await verdict(`${dir}/missing-front-matter.md`);
    expect(v.ready).toBe(false);
    expect(v.findings.filter((f) => f.rule === 'missing-field').map((f) => f.message.split('`')[1])).toEqual([
      'name',
      'id',
      'complexity',
      'maturity',
    ]);
  });

  it('the legacy level-3 example (H1 title, then front matter) is ready, as upstream declares', async () => {
    const v = await verdict(`${dir}/level-3-filter-spec.md`);
    expect(v.spec.frontMatter.form).toBe('legacy');
    expect(v.spec.layout).toBe('maturity');
    expect(v.ready).toBe(true);
    // Upstream counted the H3 "Acceptance Criteria" items; there are eight, each counted once.
    expect(v.spec.acceptanceCriteria).toHaveLength(8);
    expect(v.spec.userStories).toHaveLength(2);
  });

  it('a maturity-3 EASY spec that never mentions security fails G2', async () => {
    const text = readFileSync(`${dir}/level-3-filter-spec.md`, 'utf8')
      .replace(/### Security Considerations[\s\S]*?---/, '---')
      .replace('XSS', 'script');
    const { parseSpec } = await import('../../src/spec/parse.js');
    const v = validateSpec(parseSpec('x.md', text));
    expect(v.gates[1]).toMatchObject({ gate: 'G2', passed: false });
    expect(rules(v.findings, 'error')).toEqual(['security-missing']);
  });
});
