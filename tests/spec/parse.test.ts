import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../src/spec/parse.js';
import { validateSpec } from '../../src/spec/validate.js';
import { errors, LONG_OVERVIEW, rules, spec } from './helpers.js';

const V3 = `---
specmas: v3
kind: FeatureSpec
id: demo
name: Demo
complexity: MODERATE
maturity: 2
---

# Overview

The demo feature lets a user save a report as a PDF file from the report page with one click.

# Functional Requirements

### FR-1: Save as PDF

Validation Criteria:
- Clicking Save writes \`report.pdf\`.

# Acceptance Tests

- [ ] AT-1: Given a report, When the user clicks Save, Then \`report.pdf\` is downloaded.
`;

describe('front matter', () => {
  it('reads the v3 form with key positions', () => {
    const s = parseSpec('a.md', V3);
    expect(s.frontMatter).toMatchObject({ form: 'v3', line: 1, endLine: 8 });
    expect(s.frontMatter.keys.complexity).toEqual({ line: 6, column: 1 });
    expect(s.metadata).toMatchObject({ id: 'demo', name: 'Demo', complexity: 'MODERATE', maturity: 2 });
    expect(s.findings).toEqual([]);
  });

  it('reads the legacy form after an H1 and maps legacy names, reporting defaults as infos', () => {
    const text = `# Title\n\n---\ntitle: Price Filter!\nmaturity_level: 1\ncomplexity: easy\nauthor: Jo\n---\n\n${LONG_OVERVIEW}`;
    const s = parseSpec('a.md', text);
    expect(s.frontMatter).toMatchObject({ form: 'legacy', line: 3, endLine: 8 });
    expect(s.metadata).toMatchObject({
      name: 'Price Filter!',
      maturity: 1,
      complexity: 'EASY',
      id: 'feat-price-filter',
      specmas: 'v3',
      kind: 'FeatureSpec',
      owners: [{ name: 'Jo' }],
    });
    expect(rules(s.findings, 'info')).toEqual(['default-filled', 'default-filled', 'default-filled']);
    expect(validateSpec(s).ready).toBe(true);
  });

  it('does not take a thematic break after prose, or one after an H2, for front matter', () => {
    const s = parseSpec('a.md', `# T\n\nSome text.\n\n---\n\nMore text.\n`);
    expect(s.frontMatter.form).toBe('none');
    const t = parseSpec('a.md', `# T\n\n## Overview\n\n---\nname: x\n---\n`);
    expect(t.frontMatter.form).toBe('none');
  });

  it('reports invalid YAML at the file line', () => {
    const s = parseSpec('a.md', '---\nname: Demo\nid: [oops\nmaturity: 1\n---\n# Overview\n');
    const f = s.findings.find((x) => x.rule === 'invalid-yaml');
    expect(f).toBeDefined();
    expect(f!.line).toBeGreaterThanOrEqual(3);
    expect(f!.line).toBeLessThanOrEqual(5);
  });

  it('reports a duplicate key at the repeated line', () => {
    const s = parseSpec('a.md', '---\nname: Demo\nmaturity: 1\nname: Again\n---\n');
    const f = s.findings.find((x) => x.rule === 'duplicate-key');
    expect(f).toMatchObject({ severity: 'error', line: 4 });
  });

  it('reports front matter that is never closed at its opening line, once', () => {
    const s = parseSpec('a.md', '---\nname: Demo\nmaturity: 1\n\n# Overview\n\ntext\n');
    expect(errors(validateSpec(s)).map((f) => [f.rule, f.line])).toContainEqual(['unclosed-front-matter', 1]);
    expect(rules(s.findings)).not.toContain('missing-field');
  });

  it('validates maturity, complexity and id', () => {
    expect(rules(spec(LONG_OVERVIEW, { maturity: 'three' }).findings)).toContain('invalid-maturity');
    expect(spec(LONG_OVERVIEW, { maturity: 'three' }).metadata.maturity).toBeNull();
    const quoted = spec(LONG_OVERVIEW, { maturity: '"3"' });
    expect(quoted.metadata.maturity).toBe(3);
    expect(quoted.findings.find((f) => f.rule === 'maturity-as-text')?.severity).toBe('warning');
    expect(rules(spec(LONG_OVERVIEW, { maturity: 7 }).findings)).toContain('invalid-maturity');
    const hard = spec(LONG_OVERVIEW, { complexity: 'hard' });
    expect(hard.metadata.complexity).toBeNull();
    expect(hard.findings.find((f) => f.rule === 'invalid-complexity')).toMatchObject({
      line: 6,
      severity: 'error',
    });
    expect(spec(LONG_OVERVIEW, { complexity: 'High' }).metadata.complexity).toBe('HIGH');
    for (const id of ['../etc', '"my feature"', '-x', '.hidden', 'a..b', 'x'.repeat(101)]) {
      const s = spec(LONG_OVERVIEW, { id });
      expect(s.metadata.id, id).toBeNull();
      expect(rules(s.findings), id).toContain('invalid-id');
    }
    expect(spec(LONG_OVERVIEW, { id: 'feat_1.2-ok' }).metadata.id).toBe('feat_1.2-ok');
  });

  it('reports one finding per missing field when there is no front matter', () => {
    const s = parseSpec('a.md', LONG_OVERVIEW);
    const missing = s.findings.filter((f) => f.rule === 'missing-field').map((f) => f.message);
    expect(missing).toHaveLength(4);
    for (const field of ['name', 'id', 'complexity', 'maturity']) {
      expect(missing.some((m) => m.includes(`\`${field}\``))).toBe(true);
    }
    expect(validateSpec(s).gates[0]!.passed).toBe(false);
  });
});

describe('unreadable input', () => {
  it.each([
    ['binary', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])],
    ['empty', Buffer.alloc(0)],
    ['whitespace', Buffer.from('  \n\n')],
    ['invalid UTF-8', Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x41])],
  ])('%s input gives one G1 error', (_name, bytes) => {
    const v = validateSpec(parseSpec('x.md', bytes));
    expect(v.findings).toHaveLength(1);
    expect(v.findings[0]).toMatchObject({ gate: 'G1', rule: 'unreadable-file', severity: 'error', line: 1 });
    expect(v.ready).toBe(false);
  });
});

describe('line endings and BOM', () => {
  it('a BOM + CRLF spec validates exactly like its LF twin', () => {
    const text = V3.replace('with one click.', 'with one click, and it should be fast.');
    const lf = validateSpec(parseSpec('a.md', text));
    const crlf = validateSpec(parseSpec('a.md', Buffer.from('\uFEFF' + text.replace(/\n/g, '\r\n'), 'utf8')));
    const mixed = validateSpec(
      parseSpec(
        'a.md',
        text.replace(/\n/g, (m, off: number) => (off % 2 ? '\r\n' : m)),
      ),
    );
    expect(lf.findings.length).toBeGreaterThan(0);
    expect(crlf.findings).toEqual(lf.findings);
    expect(mixed.findings).toEqual(lf.findings);
    expect(crlf.spec.metadata).toEqual(lf.spec.metadata);
    expect(crlf.ready).toBe(lf.ready);
    expect(crlf.spec.source.startsWith('---')).toBe(true);
  });
});

describe('layout and code fences', () => {
  it('ignores headings, --- and vague words inside fenced code', () => {
    const body = `${LONG_OVERVIEW}\n\`\`\`markdown\n# Security\n## Level 2: Tech\n---\nThis should be fast. TODO\n\`\`\`\n\nUse \`should\` and [docs](https://example.com/good-fast).\n`;
    const s = spec(body, { maturity: 2 });
    expect(s.layout).toBe('formal');
    expect(Object.keys(s.sections)).toEqual(['overview']);
    const v = validateSpec(s);
    expect(rules(v.findings)).not.toContain('vague-term');
  });

  it('uses the maturity-level layout when a Level heading exists', () => {
    const s = spec(
      '## Level 1: Foundation\n\n### User Stories\n\n- As a user, I want X, so that Y.\n\n### Acceptance Criteria\n\n- Given a, When b, Then c.\n',
    );
    expect(s.layout).toBe('maturity');
    expect(Object.keys(s.sections)).toEqual(['level_1']);
    expect(s.subsections.map((x) => `${x.parent}/${x.key}`)).toEqual([
      'level_1/user_stories',
      'level_1/acceptance_criteria',
    ]);
    expect(s.userStories.map((u) => u.id)).toEqual(['US-1']);
    const ac = s.acceptanceCriteria[0]!;
    expect([ac.id, ac.line, ac.given, ac.when, ac.then]).toEqual(['AC-1', 18, true, true, true]);
  });

  it('normalizes heading keys and aliases', () => {
    const s = spec(
      '# Security Considerations\n\nx\n\n# Interfaces & Contracts\n\ny\n\n# Testing Strategy\n\n- AT-1: Given a When b Then c\n',
    );
    expect(Object.keys(s.sections)).toEqual(['security', 'interfaces_and_contracts', 'acceptance_tests']);
  });

  it('survives 500 levels of nested lists', { timeout: 120_000 }, () => {
    let nested = '';
    for (let i = 0; i < 500; i++) nested += `${'  '.repeat(i)}- level ${i}\n`;
    const deep = validateSpec(spec(`${LONG_OVERVIEW}\n${nested}`));
    expect(deep.spec.sections.overview).toBeDefined();
    expect(deep.ready).toBe(true);
  });

  it('survives a 5 MB spec', { timeout: 120_000 }, () => {
    const para = 'The export writes one row per order with its id, date, total and status columns.\n\n';
    const big = `${LONG_OVERVIEW}\n${para.repeat(Math.ceil((5 * 1024 * 1024) / para.length))}`;
    expect(big.length).toBeGreaterThan(5 * 1024 * 1024);
    const v = validateSpec(spec(big, { maturity: 2 }));
    expect(v.spec.bodyLength).toBeGreaterThan(5_000_000);
    expect(rules(v.findings)).not.toContain('vague-term');
  });
});

describe('items', () => {
  it('counts acceptance criteria under an H3 once and a multi-line item as one', () => {
    const s = spec(
      '# Acceptance Tests\n\n- [ ] AT-1: Given a,\n  When b,\n  Then c.\n\n### Acceptance Criteria\n\n- [ ] AT-2: Given d, When e, Then f.\n',
    );
    expect(s.acceptanceCriteria.map((a) => [a.id, a.line, a.number])).toEqual([
      ['AT-1', 12, 1],
      ['AT-2', 18, 2],
    ]);
    expect(s.acceptanceCriteria[0]!.then).toBe(true);
  });

  it('reads validation criteria in both written forms', () => {
    const s = spec(
      '# Functional Requirements\n\n### FR-1: A\n\nValidation Criteria:\n- one\n- two\n\n### FR-2: B\n\n- **Validation Criteria:**\n  - three\n\n### FR-3: C\n\nNothing here.\n',
    );
    expect(s.functionalRequirements.map((f) => [f.id, f.section, f.validationCriteria.length])).toEqual([
      ['FR-1', 'functional_requirements', 2],
      ['FR-2', 'functional_requirements', 1],
      ['FR-3', 'functional_requirements', 0],
    ]);
  });

  it('keeps ids unique and warns about repeated explicit ids', () => {
    const s = spec('# Functional Requirements\n\n### FR-1: A\n\nx\n\n### FR-1: B\n\ny\n');
    expect(s.functionalRequirements.map((f) => f.id)).toEqual(['FR-1', 'FR-1-2']);
    expect(s.findings.find((f) => f.rule === 'duplicate-id')).toMatchObject({
      severity: 'warning',
      line: 16,
    });
  });

  it('extracts models, interfaces, errors, security and performance items', () => {
    const s = spec(
      '# Data Model\n\n## Order\n\n- id\n\n## Line\n\n- sku\n\n# Interfaces and Contracts\n\n- GET /orders\n\n## Error Scenarios\n\n- 404 when missing\n\n# Non-Functional Requirements\n\n## Performance\n\n- p95 under 200 ms\n\n# Security\n\n- Authentication: SSO\n',
    );
    expect(s.dataModels.map((d) => [d.id, d.title])).toEqual([
      ['DM-1', 'Order'],
      ['DM-2', 'Line'],
    ]);
    expect(s.interfaces.map((d) => d.title)).toEqual(['GET /orders']);
    expect(s.errorScenarios.map((d) => d.id)).toEqual(['ERR-1']);
    expect(s.performanceItems.map((d) => d.id)).toEqual(['PERF-1']);
    expect(s.securityItems.map((d) => d.title)).toEqual(['Authentication: SSO']);
  });

  it('reads deterministic tests and records blocks that do not parse', () => {
    const s = spec(
      '# Deterministic Tests\n\n```json\n[{"id": "1", "description": "d", "input": 1, "expected": 2}, {"id": "DT-x", "input": 1}]\n```\n\n```json\n{ "id": "3", \n  oops }\n```\n',
    );
    expect(s.deterministicTests.map((t) => [t.id, t.hasExpected])).toEqual([
      ['DT-1', true],
      ['DT-x', false],
    ]);
    expect(s.invalidTestBlocks).toHaveLength(1);
    expect(s.invalidTestBlocks![0]!.line).toBeGreaterThanOrEqual(16);
  });
});
