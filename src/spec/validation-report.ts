// The `validate --json` document, built from validations. Plain types, no schema library: `validate` loads this
// at start-up. validation-json.ts holds the zod schema of the same document and proves the types equal.
import type { Complexity, Finding, Validation } from './types.js';

export interface SpecValidationReport {
  path: string;
  id: string | null;
  name: string | null;
  complexity: Complexity | null;
  maturity: number | null;
  layout: 'formal' | 'maturity';
  ready: boolean;
  score: number;
  gates: { gate: Finding['gate']; applicable: boolean; passed: boolean }[];
  findings: Finding[];
}

export interface ValidationReportDocument {
  specs: SpecValidationReport[];
  summary: { total: number; ready: number; notReady: number };
}

export function toValidationJson(v: Validation): SpecValidationReport {
  const m = v.spec.metadata;
  return {
    path: v.spec.path,
    id: m.id,
    name: m.name,
    complexity: m.complexity,
    maturity: m.maturity,
    layout: v.spec.layout,
    ready: v.ready,
    score: v.score,
    gates: v.gates.map((g) => ({ gate: g.gate, applicable: g.applicable, passed: g.passed })),
    findings: v.findings,
  };
}

export function toValidationReport(validations: Validation[]): ValidationReportDocument {
  const ready = validations.filter((v) => v.ready).length;
  return {
    specs: validations.map(toValidationJson),
    summary: { total: validations.length, ready, notReady: validations.length - ready },
  };
}
