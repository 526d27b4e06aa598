// The `validate --json` document's schema, for tools and tests that check the document. The CLI does not load it:
// it builds the document with validation-report.ts, whose types this file proves equal to the schema's.
import { z } from 'zod';
import type { SpecValidationReport, ValidationReportDocument } from './validation-report.js';

export { toValidationJson, toValidationReport } from './validation-report.js';

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

// Compile-time proof that the hand-written types and the schema describe the same document (tsc fails otherwise).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const specTypesAgree: Same<SpecValidationJson, SpecValidationReport> = true;
const reportTypesAgree: Same<ValidationReportJson, ValidationReportDocument> = true;
void specTypesAgree;
void reportTypesAgree;
