// G4 Determinism (HIGH complexity): machine-checkable tests with expected values.
import type { Spec } from '../types.js';
import { anchorLine, type GateCheck, GateRun } from './gate.js';

const EXAMPLE = '```json\n{ "id": "DT-1", "description": "…", "input": {…}, "expected": {…} }\n```';

export function checkDeterminism(spec: Spec): GateCheck {
  const run = new GateRun('G4');
  const tests = spec.deterministicTests;
  const home = spec.sections.deterministic_tests ?? anchorLine(spec);

  if (!run.check(tests.length > 0)) {
    run.add(
      'no-deterministic-tests',
      'error',
      'HIGH complexity specs need at least one deterministic test.',
      home,
      `Add a "# Deterministic Tests" section with a json block: ${EXAMPLE}`,
    );
  }
  for (const block of spec.invalidTestBlocks ?? []) {
    run.check(false);
    run.add(
      'dt-invalid-json',
      'error',
      `Deterministic test block is not valid JSON: ${block.message}.`,
      block,
      'Fix the JSON (double-quoted keys and strings, no trailing commas); one object or an array of objects.',
    );
  }
  for (const test of tests) {
    if (!run.check(test.hasExpected)) {
      run.add(
        'dt-missing-expected',
        'error',
        `Deterministic test ${test.id} has no expected value.`,
        test,
        'Add "expected" (or "expected_checksum" / "output") with the exact result.',
      );
    }
    if (test.description === '' || test.input === undefined) {
      run.add(
        'dt-incomplete',
        'warning',
        `Deterministic test ${test.id} lacks ${test.description === '' ? '"description"' : '"input"'}.`,
        test,
        'Give each test "id", "description", "input" and "expected".',
      );
    }
  }
  return run.result();
}
