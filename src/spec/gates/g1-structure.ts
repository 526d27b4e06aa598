// G1 Structure: metadata present and valid, required sections present and non-empty, enough body text.
import type { Spec } from '../types.js';
import { anchorLine, type GateCheck, GateRun, LEVEL_NAMES, SECTION_TITLES } from './gate.js';

const FORMAL_BY_MATURITY: string[][] = [
  ['overview'],
  ['functional_requirements', 'acceptance_tests'],
  ['non_functional_requirements', 'security', 'data_inventory'],
  ['data_model', 'interfaces_and_contracts', 'risks_and_open_questions'],
  ['deterministic_tests', 'glossary_and_definitions'],
];

const FRONT_MATTER_RULES = new Set([
  'invalid-yaml',
  'duplicate-key',
  'unclosed-front-matter',
  'front-matter-not-mapping',
]);
const REQUIRED_FIELDS = ['specmas', 'kind', 'id', 'name', 'complexity', 'maturity'] as const;
const MIN_BODY = 100;

export function requiredSections(spec: Spec): string[] {
  const maturity = spec.metadata.maturity ?? 1;
  if (spec.layout === 'maturity') {
    return Array.from({ length: maturity }, (_, i) => `level_${i + 1}`);
  }
  return FORMAL_BY_MATURITY.slice(0, maturity).flat();
}

function headingFor(key: string): string {
  if (key.startsWith('level_')) {
    const n = Number(key.slice(6));
    return `## Level ${n}: ${LEVEL_NAMES[n] ?? ''}`.trim();
  }
  return `# ${SECTION_TITLES[key] ?? key}`;
}

export function checkStructure(spec: Spec): GateCheck {
  const run = new GateRun('G1');
  run.findings.push(...spec.findings);
  if (spec.findings.some((f) => f.rule === 'unreadable-file')) {
    run.check(false);
    return run.result();
  }

  run.check(!spec.findings.some((f) => f.severity === 'error' && FRONT_MATTER_RULES.has(f.rule)));
  // Missing or invalid fields were reported while parsing; an invalid value is null here.
  for (const field of REQUIRED_FIELDS) run.check(spec.metadata[field] !== null);

  const maturity = spec.metadata.maturity ?? 1;
  for (const key of requiredSections(spec)) {
    const section = spec.sections[key];
    const heading = headingFor(key);
    if (section === undefined) {
      run.check(false);
      run.add(
        'missing-section',
        'error',
        `Required section "${heading.replace(/^#+ /, '')}" is missing (required at maturity ${maturity}, ${spec.layout} layout).`,
        anchorLine(spec),
        `Add a \`${heading}\` heading with its content.`,
      );
    } else if (section.empty) {
      run.check(false);
      run.add(
        'empty-section',
        'error',
        `Section "${section.title}" is empty.`,
        section,
        `Write the content of "${section.title}" under its heading, or describe why it does not apply.`,
      );
    } else {
      run.check(true);
    }
  }

  if (!run.check(spec.bodyLength > MIN_BODY)) {
    run.add(
      'body-too-short',
      'error',
      `The spec body has ${spec.bodyLength} characters of content; more than ${MIN_BODY} are required.`,
      anchorLine(spec),
      'Describe the feature: an Overview, its requirements and how to check them.',
    );
  }
  return run.result();
}
