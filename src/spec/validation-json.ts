// The `validate --json` document: one schema shared by the CLI, the action and the tests.
import { z } from 'zod';
import type { Validation } from './types.js';

export const FindingSchema = z.object({
  gate: z.enum(['G1', 'G2', 'G3', 'G4']),
  rule: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string().min(1),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  hint: z.string(),
});

export const SpecValidationSchema = z.object({
  path: z.string(),
  id: z.string().nullable(),
  name: z.string().nullable(),
  complexity: z.enum(['EASY', 'MODERATE', 'HIGH']).nullable(),
  maturity: z.number().int().nullable(),
  layout: z.enum(['formal', 'maturity']),
  ready: z.boolean(),
  score: z.number().min(0).max(100),
  gates: z.array(
    z.object({ gate: z.enum(['G1', 'G2', 'G3', 'G4']), applicable: z.boolean(), passed: z.boolean() }),
  ),
  findings: z.array(FindingSchema),
});

export const ValidationReportSchema = z.object({
  specs: z.array(SpecValidationSchema),
  summary: z.object({ total: z.number().int(), ready: z.number().int(), notReady: z.number().int() }),
});

export type SpecValidationJson = z.infer<typeof SpecValidationSchema>;
export type ValidationReportJson = z.infer<typeof ValidationReportSchema>;

export function toValidationJson(v: Validation): SpecValidationJson {
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

export function toValidationReport(validations: Validation[]): ValidationReportJson {
  const ready = validations.filter((v) => v.ready).length;
  return {
    specs: validations.map(toValidationJson),
    summary: { total: validations.length, ready, notReady: validations.length - ready },
  };
}
