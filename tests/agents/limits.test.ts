// What the model is told about its own limits: turns, the checks it may run, whether tests run after it, and
// the DONE line that ends its task.
import { describe, expect, it } from 'vitest';
import { renderTaskLimits } from '../../src/agents/context.js';

describe('renderTaskLimits', () => {
  it('names the turn limit, the checks with their commands and budget, the tests after, and the DONE line', () => {
    const text = renderTaskLimits({
      maxTurns: 20,
      checks: [
        { name: 'typecheck', command: 'npx tsc --noEmit' },
        { name: 'test', command: 'npm test' },
      ],
      maxChecks: 6,
      beforeDone: 'typecheck',
      testsRunAfter: true,
      covers: ['FR-1', 'AT-2'],
    });
    expect(text).toContain('at most 20 turns');
    expect(text).toContain('at most 6 times in this task');
    expect(text).toContain('- `typecheck`: `npx tsc --noEmit`');
    expect(text).toContain('Before your DONE is accepted, `typecheck` runs once more');
    expect(text).toContain("After all tasks, the repository's tests run");
    const noGate = renderTaskLimits({
      maxTurns: 3,
      checks: [{ name: 'test', command: 'npm test' }],
      maxChecks: 6,
      testsRunAfter: true,
      covers: [],
    });
    expect(noGate).not.toContain('Before your DONE is accepted');
    expect(text).toContain('`DONE: FR-1, AT-2`');
  });

  it('says when no check is configured, and says nothing about tests it does not know of', () => {
    const text = renderTaskLimits({
      maxTurns: 3,
      checks: [],
      maxChecks: 6,
      testsRunAfter: undefined,
      covers: [],
    });
    expect(text).toContain('run_check is not available');
    expect(text).not.toMatch(/tests run|No test command/);
    expect(text).toContain('End with the line `DONE:` (this task covers no numbered item)');
    expect(
      renderTaskLimits({ maxTurns: 3, checks: [], maxChecks: 6, testsRunAfter: false, covers: [] }),
    ).toContain('No test command runs after the tasks');
  });
});
