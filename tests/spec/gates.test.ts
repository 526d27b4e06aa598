import { describe, expect, it } from 'vitest';
import { checkStructure } from '../../src/spec/gates/g1-structure.js';
import { checkSemantic } from '../../src/spec/gates/g2-semantic.js';
import { checkTraceability } from '../../src/spec/gates/g3-traceability.js';
import { checkDeterminism } from '../../src/spec/gates/g4-determinism.js';
import { LONG_OVERVIEW, rules, spec, validate } from './helpers.js';

const FR_AT = `# Functional Requirements

### FR-1: Save

Validation Criteria:
- The file exists.

### FR-2: Name

Validation Criteria:
- The file is named after the title.

# Acceptance Tests

- [ ] AT-1: Given a report, When saved, Then a file exists.
`;

describe('G1 structure', () => {
  it('passes a minimal maturity-1 spec', () => {
    const g = checkStructure(spec(LONG_OVERVIEW));
    expect(g.findings).toEqual([]);
    expect(g.checksPassed).toBe(g.checks);
  });

  it('tells a missing section from an empty one, both with lines and hints', () => {
    const g = checkStructure(
      spec(`${LONG_OVERVIEW}\n# Functional Requirements\n\n# Other\n\ntext\n`, { maturity: 2 }),
    );
    const missing = g.findings.find((f) => f.rule === 'missing-section')!;
    const empty = g.findings.find((f) => f.rule === 'empty-section')!;
    expect(missing).toMatchObject({ line: 1, severity: 'error' });
    expect(missing.hint).toContain('# Acceptance Tests');
    expect(empty).toMatchObject({ line: 14, severity: 'error' });
  });

  it('requires Level sections in the maturity layout', () => {
    const g = checkStructure(
      spec('## Level 1: Foundation\n\n' + 'Text about the feature and what it does for users. '.repeat(3), {
        maturity: 2,
      }),
    );
    expect(g.findings.map((f) => [f.rule, f.hint])).toEqual([
      ['missing-section', 'Add a `## Level 2: Technical Context` heading with its content.'],
    ]);
  });

  it('requires more than 100 characters of body', () => {
    expect(rules(checkStructure(spec('# Overview\n\nShort.\n')).findings)).toEqual(['body-too-short']);
  });
});

describe('G2 semantic', () => {
  it('reports each vague term with its line and column, prose only', () => {
    const g = checkSemantic(
      spec(
        `${LONG_OVERVIEW}\nIt should be fast, TBD and [TBD] and nice to have.\nGood. Use \`should\`. Shoulder is fine.\n`,
        {
          maturity: 2,
        },
      ),
    );
    const vague = g.findings
      .filter((f) => f.rule === 'vague-term')
      .map((f) => [f.message.split('"')[1], f.line, f.column]);
    expect(vague).toEqual([
      ['should', 14, 4],
      ['fast', 14, 14],
      ['TBD', 14, 20],
      ['[TBD]', 14, 28],
      ['nice to have', 14, 38],
      ['Good', 15, 1],
    ]);
  });

  it('requires validation criteria per FR and Given/When/Then per criterion', () => {
    const g = checkSemantic(
      spec(
        '# Functional Requirements\n\n### FR-1: X\n\nNo criteria.\n\n# Acceptance Tests\n\n- AT-1: Given a, When b.\n',
        {
          maturity: 2,
        },
      ),
    );
    expect(rules(g.findings)).toEqual(['fr-without-validation', 'ac-missing-gwt']);
    expect(g.findings[1]!.message).toContain('Then');
    expect(checkSemantic(spec(FR_AT, { maturity: 2 })).findings).toEqual([]);
  });

  it('requires measurable success metrics', () => {
    expect(
      rules(checkSemantic(spec('## Success Metrics\n\n- Users like it.\n', { maturity: 2 })).findings),
    ).toEqual(['success-metrics-unmeasurable']);
    expect(
      checkSemantic(spec('## Success Metrics\n\n- 80% adoption in 30 days.\n', { maturity: 2 })).findings,
    ).toEqual([]);
  });

  it('checks security coverage from maturity 3: the word for EASY, five aspects otherwise', () => {
    const none = checkSemantic(spec(LONG_OVERVIEW, { maturity: 3 }));
    expect(rules(none.findings)).toEqual(['security-missing']);
    const partial = checkSemantic(
      spec('# Security\n\n- Authentication via SSO.\n- Logs kept.\n', {
        maturity: 3,
        complexity: 'MODERATE',
      }),
    );
    expect(partial.findings[0]!.message).toBe(
      'Security does not cover: authorization, encryption, data handling.',
    );
    const full = checkSemantic(
      spec('# Security\n\n- authn by SSO; roles and permissions; TLS; PII retention 30 days; audit log.\n', {
        maturity: 3,
        complexity: 'HIGH',
      }),
    );
    expect(full.findings).toEqual([]);
    expect(checkSemantic(spec(LONG_OVERVIEW, { maturity: 2 })).findings).toEqual([]);
  });
});

describe('G3 traceability', () => {
  it('maps every FR-n to an AT-n', () => {
    const g = checkTraceability(spec(FR_AT));
    expect(g.findings.map((f) => [f.rule, f.line])).toEqual([['fr-without-at', 17]]);
  });

  it('needs criteria at all, and as many as stories, plus success metrics', () => {
    expect(rules(checkTraceability(spec(LONG_OVERVIEW)).findings)).toEqual(['no-acceptance-criteria']);
    const g = checkTraceability(
      spec(
        '## Level 1: Foundation\n\n### User Stories\n\n- As a, I want b.\n- As c, I want d.\n\n### Acceptance Criteria\n\n- Given a When b Then c\n',
      ),
    );
    expect(rules(g.findings)).toEqual(['fewer-criteria-than-stories', 'missing-success-metrics']);
  });

  it('compares counts when ids carry no numbers, and needs stories in the level layout', () => {
    const g = checkTraceability(
      spec(
        '# Functional Requirements\n\n### FR-1: A\n\n### FR-2: B\n\n# Acceptance Tests\n\n- Given a When b Then c\n',
      ),
    );
    expect(rules(g.findings)).toEqual(['fewer-criteria-than-frs']);
    const level = checkTraceability(
      spec('## Level 1: Foundation\n\n### Acceptance Criteria\n\n- Given a When b Then c\n'),
    );
    expect(rules(level.findings)).toEqual(['missing-user-stories']);
  });
});

describe('G4 determinism', () => {
  it('needs tests with expected values and valid json', () => {
    expect(rules(checkDeterminism(spec(LONG_OVERVIEW)).findings)).toEqual(['no-deterministic-tests']);
    const g = checkDeterminism(
      spec(
        '# Deterministic Tests\n\n```json\n{"id":"DT-1","description":"d","input":1}\n```\n\n```json\n{ nope\n```\n',
      ),
    );
    expect(rules(g.findings).sort()).toEqual(['dt-invalid-json', 'dt-missing-expected']);
    const ok = checkDeterminism(
      spec(
        '# Deterministic Tests\n\n```json\n{"id":"1","description":"d","input":1,"expected_checksum":"ab"}\n```\n',
      ),
    );
    expect(ok.findings).toEqual([]);
    expect(ok.checksPassed).toBe(ok.checks);
  });
});

describe('validateSpec', () => {
  it('applies gates by maturity and complexity and scores the checks', () => {
    const v = validate(LONG_OVERVIEW);
    expect(v.gates.map((g) => [g.gate, g.applicable])).toEqual([
      ['G1', true],
      ['G2', false],
      ['G3', false],
      ['G4', false],
    ]);
    expect(v).toMatchObject({ ready: true, score: 100 });
    const high = validate(LONG_OVERVIEW, { complexity: 'HIGH', maturity: 'three' });
    expect(high.gates.map((g) => g.applicable)).toEqual([true, false, false, true]);
    expect(high.ready).toBe(false);
    expect(high.score).toBeGreaterThan(0);
    expect(high.score).toBeLessThan(100);
  });

  it('sorts findings by line then column; warnings never fail a gate', () => {
    const v = validate(`${LONG_OVERVIEW}\nIt should be good.\n\n${FR_AT}`, { maturity: '"2"' });
    expect(v.findings.some((f) => f.severity === 'warning')).toBe(true);
    const positions = v.findings.map((f) => f.line * 1000 + f.column);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(v.gates[0]!.passed).toBe(true);
    expect(v.gates[1]!.passed).toBe(false);
  });
});
