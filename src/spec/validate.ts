// Runs the applicable gates and turns their results into a verdict.
import { checkStructure } from './gates/g1-structure.js';
import { checkSemantic } from './gates/g2-semantic.js';
import { checkTraceability } from './gates/g3-traceability.js';
import { checkDeterminism } from './gates/g4-determinism.js';
import type { GateCheck } from './gates/gate.js';
import type { Finding, Gate, GateResult, Spec, Validation } from './types.js';

/** Which gates apply: G1 always, G2 from maturity 2, G3 from 3, G4 for HIGH. Unknown maturity counts as 1. */
export function applicableGates(spec: Spec): Record<Gate, boolean> {
  const maturity = spec.metadata.maturity ?? 1;
  return { G1: true, G2: maturity >= 2, G3: maturity >= 3, G4: spec.metadata.complexity === 'HIGH' };
}

const GATES: Array<[Gate, (spec: Spec) => GateCheck]> = [
  ['G1', checkStructure],
  ['G2', checkSemantic],
  ['G3', checkTraceability],
  ['G4', checkDeterminism],
];

export function sortFindings(findings: Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => a.f.line - b.f.line || a.f.column - b.f.column || a.i - b.i)
    .map((x) => x.f);
}

export function validateSpec(spec: Spec): Validation {
  const applicable = applicableGates(spec);
  const gates: GateResult[] = [];
  const findings: Finding[] = [];
  let checks = 0;
  let passed = 0;
  for (const [gate, run] of GATES) {
    if (!applicable[gate]) {
      gates.push({ gate, applicable: false, passed: true, checks: 0, checksPassed: 0 });
      continue;
    }
    const result = run(spec);
    const failed = result.findings.some((f) => f.severity === 'error');
    gates.push({
      gate,
      applicable: true,
      passed: !failed,
      checks: result.checks,
      checksPassed: result.checksPassed,
    });
    findings.push(...result.findings);
    checks += result.checks;
    passed += result.checksPassed;
  }
  return {
    spec,
    gates,
    findings: sortFindings(findings),
    ready: gates.every((g) => g.passed),
    score: checks === 0 ? 0 : Math.round((passed / checks) * 100),
  };
}
