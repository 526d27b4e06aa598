// The report's Tests section: structure, and untrusted test output that tries to escape its block.
import { describe, expect, it } from 'vitest';
import { ZERO_USAGE } from '../../src/core/model-port.js';
import type { TaskResult, TestLoopResult, TestRound } from '../../src/core/results.js';
import { escapeBlock, renderTestLoopSection, testLoopOneLiner } from '../../src/report/test-loop.js';

function fix(over: Partial<TaskResult> = {}): TaskResult {
  return {
    taskId: 'fix-1',
    agent: 'fix',
    title: 'Fix failing tests (round 1)',
    status: 'success',
    calls: 2,
    attempts: 1,
    turns: 2,
    files: ['src/feature.ts'],
    usage: ZERO_USAGE,
    costUsd: 0.0123,
    durationMs: 4000,
    estimateUsd: 0,
    warnings: [],
    ...over,
  };
}

function round(over: Partial<TestRound>): TestRound {
  return {
    round: 0,
    command: 'npm test',
    exitCode: 1,
    passed: false,
    timedOut: false,
    durationMs: 1500,
    outputTail: 'FAIL src/feature.test.ts\n',
    ...over,
  };
}

const HOSTILE = [
  'FAIL test',
  '</details>',
  '<script>alert(1)</script>',
  '```',
  '`````',
  '<img src=x onerror=alert(1)>',
  '<!-- -->',
  '@maintainer look here',
  'bidi \u202e reversed',
].join('\n');

describe('renderTestLoopSection', () => {
  it('renders the command, the verdict and one row per round', () => {
    const md = renderTestLoopSection({
      command: 'npm test',
      passed: true,
      stopReason: 'passed after 1 fix round(s)',
      rounds: [round({ fixTask: fix() }), round({ round: 1, exitCode: 0, passed: true, outputTail: 'ok' })],
    });
    expect(md).toMatch(/^## Tests\n/);
    expect(md).toContain('- Command: npm test');
    expect(md).toContain('**Passed** after 1 fix round.');
    expect(md).toContain('| Round | Result | Duration | Fix task | Files changed by the fix | Fix cost |');
    expect(md).toContain(
      '| 0 (after the agents) | ❌ failed (exit 1) | 1.5s | success | src/feature.ts | $0.0123 |',
    );
    expect(md).toContain('| 1 | ✅ passed (exit 0) | 1.5s | - | - | - |');
    // The last failing round's output is shown even though the loop passed in the end.
    expect(md).toContain('<summary>Output of round 0 (end of the output)</summary>');
    expect(md).toContain('FAIL src/feature.test.ts');
  });

  it('shows timeouts, programs that did not run, and fix failures with their reason', () => {
    const md = renderTestLoopSection({
      command: 'npm test',
      passed: false,
      stopReason: 'fix task failed in round 1: no code produced',
      rounds: [
        round({
          exitCode: null,
          timedOut: true,
          fixTask: fix({ status: 'failed', reason: 'no code produced', files: [] }),
        }),
      ],
    });
    expect(md).toContain('**Failing.** fix task failed in round 1: no code produced');
    expect(md).toContain(
      '| 0 (after the agents) | ❌ timed out | 1.5s | failed: no code produced | - | $0.0123 |',
    );
    const missing = renderTestLoopSection({
      command: 'x',
      passed: false,
      stopReason: 'max fix rounds reached',
      rounds: [round({ exitCode: null })],
    });
    expect(missing).toContain('| ❌ did not run |');
  });

  it('says so when the command never ran', () => {
    const md = renderTestLoopSection({
      command: 'a && b',
      passed: false,
      stopReason: 'invalid test command: `&&`',
      rounds: [],
    });
    expect(md).toContain('The test command did not run.');
    expect(md).not.toContain('<details>');
    expect(md).toContain('\\`&amp;&amp;\\`');
  });

  it('keeps hostile output inside its block: no HTML, no early fence, no closing details', () => {
    const t: TestLoopResult = {
      command: 'npm test </details><script>x</script>',
      passed: false,
      stopReason: 'max fix rounds reached <b>',
      rounds: [round({ outputTail: HOSTILE, fixTask: fix({ files: ['<img src=x>.ts', 'a|b.ts'] }) })],
    };
    const md = renderTestLoopSection(t);
    expect(md.match(/<details>/g)).toHaveLength(1);
    expect(md.match(/<\/details>/g)).toHaveLength(1);
    expect(md.trimEnd().endsWith('</details>')).toBe(true);
    expect(md).not.toMatch(/<(script|img|b|!--)/i);
    expect(md).toContain('&lt;/details&gt;');
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(md).not.toContain('\u202e');
    // The fence around the output is longer than the longest backtick run inside it.
    const open = md.match(/^(`{3,})text$/m);
    expect(open?.[1]).toBe('``````');
    const body = md.slice(md.indexOf(open![0]) + open![0].length);
    // The fence closes only after the last line of the output.
    expect(body.indexOf('\n``````\n')).toBeGreaterThan(body.indexOf('bidi  reversed'));
    // Nothing in the output closes the fence before its end.
    const inner = body.slice(0, body.indexOf('\n``````\n'));
    expect(inner).toContain('`````');
    expect(inner).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // A pipe in a file name does not split the table row.
    const row = md.split('\n').find((l) => l.startsWith('| 0 '))!;
    expect(row.split(/(?<!\\)\|/).length).toBe(8);
  });

  it('shows only the end of a very long output', () => {
    const long = Array.from({ length: 2000 }, (_, i) => `line ${i}`).join('\n');
    const md = renderTestLoopSection({
      command: 'npm test',
      passed: false,
      stopReason: 'x',
      rounds: [round({ outputTail: long })],
    });
    expect(md).toContain('last 6,000 characters');
    expect(md).toContain('line 1999');
    expect(md).not.toContain('line 10\n');
  });
});

describe('escapeBlock and testLoopOneLiner', () => {
  it('encodes HTML-special characters and drops control characters but keeps lines and tabs', () => {
    expect(escapeBlock('a<b>&c\r\n\td\u0007')).toBe('a&lt;b&gt;&amp;c\n\td');
  });

  it('summarises the loop in one line', () => {
    expect(
      testLoopOneLiner({
        command: 'npm test',
        passed: true,
        stopReason: 'passed',
        rounds: [round({ fixTask: fix() }), round({ round: 1, passed: true })],
      }),
    ).toBe('Tests: passed after 1 fix round (npm test)');
  });
});
