// What every gate returns, and a small accumulator so gates read as a list of checks.
import type { Finding, Gate, Severity, Spec } from '../types.js';

export interface GateCheck {
  gate: Gate;
  findings: Finding[];
  /** Checks run and how many passed: the readiness score is built from these. */
  checks: number;
  checksPassed: number;
}

export class GateRun {
  readonly findings: Finding[] = [];
  checks = 0;
  checksPassed = 0;
  constructor(readonly gate: Gate) {}

  /** Counts one check; `passed` false means the findings added for it explain why. */
  check(passed: boolean): boolean {
    this.checks++;
    if (passed) this.checksPassed++;
    return passed;
  }

  add(
    rule: string,
    severity: Severity,
    message: string,
    at: { line: number; column?: number },
    hint: string,
  ): void {
    this.findings.push({
      gate: this.gate,
      rule,
      severity,
      message,
      line: at.line,
      column: at.column ?? 1,
      hint,
    });
  }

  result(): GateCheck {
    return { gate: this.gate, findings: this.findings, checks: this.checks, checksPassed: this.checksPassed };
  }
}

/** Where a finding about something absent points: the front matter, else the top of the file. */
export function anchorLine(spec: Spec): { line: number; column: number } {
  return { line: spec.frontMatter.line > 0 ? spec.frontMatter.line : 1, column: 1 };
}

export const SECTION_TITLES: Record<string, string> = {
  overview: 'Overview',
  functional_requirements: 'Functional Requirements',
  non_functional_requirements: 'Non-Functional Requirements',
  security: 'Security',
  data_inventory: 'Data Inventory',
  data_model: 'Data Model',
  interfaces_and_contracts: 'Interfaces & Contracts',
  acceptance_tests: 'Acceptance Tests',
  deterministic_tests: 'Deterministic Tests',
  risks_and_open_questions: 'Risks & Open Questions',
  glossary_and_definitions: 'Glossary & Definitions',
  traceability: 'Traceability',
};

export const LEVEL_NAMES: Record<number, string> = {
  1: 'Foundation',
  2: 'Technical Context',
  3: 'Robustness',
  4: 'Architecture & Governance',
  5: 'Complete Specification',
};
