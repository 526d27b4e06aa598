import { parseSpec } from '../../src/spec/parse.js';
import type { Finding, Spec, Validation } from '../../src/spec/types.js';
import { validateSpec } from '../../src/spec/validate.js';

export function frontMatter(fields: Record<string, string | number>): string {
  return ['---', ...Object.entries(fields).map(([k, v]) => `${k}: ${v}`), '---', ''].join('\n');
}

export const BASE = {
  specmas: 'v3',
  kind: 'FeatureSpec',
  id: 'demo',
  name: 'Demo',
  complexity: 'EASY',
  maturity: 1,
};

export const LONG_OVERVIEW =
  '# Overview\n\nThe demo feature lets a user save a report as a PDF file from the report page, with the report title as the file name.\n';

export function spec(body: string, fields: Record<string, string | number> = {}): Spec {
  return parseSpec('spec.md', frontMatter({ ...BASE, ...fields }) + '\n' + body);
}

export function validate(body: string, fields: Record<string, string | number> = {}): Validation {
  return validateSpec(spec(body, fields));
}

export function rules(findings: Finding[], severity?: Finding['severity']): string[] {
  return findings.filter((f) => severity === undefined || f.severity === severity).map((f) => f.rule);
}

export function errors(v: Validation): Finding[] {
  return v.findings.filter((f) => f.severity === 'error');
}
