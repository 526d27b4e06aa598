// G3 Traceability: requirements and stories are backed by acceptance criteria.
import type { Spec } from '../types.js';
import { anchorLine, type GateCheck, GateRun } from './gate.js';

export function checkTraceability(spec: Spec): GateCheck {
  const run = new GateRun('G3');
  const acs = spec.acceptanceCriteria;
  const stories = spec.userStories;
  const frs = spec.functionalRequirements;
  const acHome =
    spec.layout === 'maturity'
      ? 'an "### Acceptance Criteria" list under Level 1'
      : 'a list under "# Acceptance Tests"';
  const acAnchor =
    spec.sections.acceptance_tests ??
    spec.subsections.find((s) => s.key === 'acceptance_criteria') ??
    anchorLine(spec);

  if (!run.check(acs.length > 0)) {
    run.add(
      'no-acceptance-criteria',
      'error',
      'The spec has no acceptance criteria.',
      acAnchor,
      `Add ${acHome}: "- [ ] AT-1: Given …, When …, Then …".`,
    );
  }

  if (stories.length > 0) {
    if (!run.check(acs.length >= stories.length)) {
      run.add(
        'fewer-criteria-than-stories',
        'error',
        `${stories.length} user stories but only ${acs.length} acceptance criteria.`,
        acs.length > 0 ? acAnchor : stories[0]!,
        'Write at least one acceptance criterion per user story.',
      );
    }
    if (!run.check(spec.successMetrics.length > 0)) {
      run.add(
        'missing-success-metrics',
        'error',
        'The spec has user stories but no success metrics.',
        stories[0]!,
        'Add a "Success Metrics" subsection with measurable targets, e.g. "- 95% of searches return within 300 ms".',
      );
    }
  }

  if (frs.length > 0) {
    const numbered = acs.some((a) => a.number !== null) && frs.every((f) => f.number !== null);
    if (numbered) {
      const atNumbers = new Set(acs.map((a) => a.number).filter((n): n is number => n !== null));
      for (const fr of frs) {
        if (!run.check(atNumbers.has(fr.number!))) {
          run.add(
            'fr-without-at',
            'error',
            `${fr.id} has no matching acceptance test AT-${fr.number}.`,
            fr,
            `Add "- [ ] AT-${fr.number}: Given …, When …, Then …" that checks ${fr.id}.`,
          );
        }
      }
    } else if (!run.check(acs.length >= frs.length)) {
      run.add(
        'fewer-criteria-than-frs',
        'error',
        `${frs.length} functional requirements but only ${acs.length} acceptance criteria.`,
        acs.length > 0 ? acAnchor : frs[0]!,
        'Write at least one acceptance criterion per requirement, numbered AT-<n> to match FR-<n>.',
      );
    }
  } else if (spec.layout === 'maturity' && !run.check(stories.length > 0)) {
    run.add(
      'missing-user-stories',
      'error',
      'The spec has neither functional requirements nor user stories.',
      spec.sections.level_1 ?? anchorLine(spec),
      'Add a "### User Stories" subsection to Level 1: "- As a <role>, I want <goal>, so that <benefit>".',
    );
  }
  return run.result();
}
