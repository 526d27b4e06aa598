// The "Tests" section of the report: the test command, each round, and the end of the last failing output.
// The output comes from code the agents wrote, so it is untrusted: it sits in a code fence longer than any
// backtick run in it, and `<`, `>` and `&` are encoded so it cannot close the <details> block or open HTML.
import type { TestLoopResult, TestRound } from '../core/results.js';
import { escapeCell, escapeInline, escapeProse, escapeProseCell, fenceFor } from './escape.js';
import { formatCount, formatDuration, formatUsd } from './format.js';
import { table } from './sections.js';

/** Characters of failing output shown in the report (the JSON report keeps the full tail). */
export const REPORT_OUTPUT_CHARS = 6_000;

// Controls (except tab and newline) and bidi overrides/isolates, which could hide or reorder what is shown.
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Multi-line untrusted text for a code block inside HTML (`<details>`): GitHub renders a fenced block there
 * but the HTML parser sees it first, so `</details>` or `<script>` would act even inside the fence. Entities
 * show as the literal characters inside the rendered block.
 */
export function escapeBlock(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLE, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function outputTail(text: string, max: number): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  let start = text.length - max;
  // Start at a line boundary when one is near, and never inside a surrogate pair.
  const nl = text.indexOf('\n', start);
  if (nl >= 0 && nl - start < 200) start = nl + 1;
  const code = text.charCodeAt(start);
  if (code >= 0xdc00 && code <= 0xdfff) start += 1;
  return { text: text.slice(start), cut: true };
}

/** The round's outcome with its exit code (one column, so the table stays within six). */
function roundResult(r: TestRound): string {
  if (r.passed) return `✅ passed${r.exitCode === null ? '' : ` (exit ${r.exitCode})`}`;
  if (r.timedOut) return '❌ timed out';
  if (r.exitCode === null) return '❌ did not run';
  return `❌ failed (exit ${r.exitCode})`;
}

function fixCells(r: TestRound): string[] {
  const fix = r.fixTask;
  if (!fix) return ['-', '-', '-'];
  const status = fix.reason ? `${fix.status}: ${fix.reason}` : fix.status;
  const files =
    fix.files.length === 0
      ? '-'
      : fix.files
          .slice(0, 5)
          .map((f) => escapeCell(f, 120))
          .join(', ') + (fix.files.length > 5 ? ` and ${fix.files.length - 5} more` : '');
  return [escapeProseCell(status, 200), files, formatUsd(fix.costUsd)];
}

export function renderTestLoopSection(t: TestLoopResult): string {
  const parts: string[] = ['## Tests'];
  const fixRounds = t.rounds.filter((r) => r.fixTask).length;
  const verdict = t.passed
    ? `**Passed**${fixRounds > 0 ? ` after ${fixRounds} fix round${fixRounds === 1 ? '' : 's'}` : ''}.`
    : '**Failing.**';
  parts.push(
    [
      `- Command: ${escapeInline(t.command, 300)}`,
      `- Result: ${verdict} ${escapeProse(t.stopReason, 600)}`,
    ].join('\n'),
  );

  if (t.rounds.length === 0) {
    parts.push('The test command did not run.');
    return parts.join('\n\n');
  }
  const rows = t.rounds.map((r) => [
    r.round === 0 ? '0 (after the agents)' : String(r.round),
    roundResult(r),
    formatDuration(r.durationMs),
    ...fixCells(r),
  ]);
  parts.push(
    table(
      [
        { title: 'Round', right: true },
        { title: 'Result' },
        { title: 'Duration', right: true },
        { title: 'Fix task' },
        { title: 'Files changed by the fix' },
        { title: 'Fix cost', right: true },
      ],
      rows,
    ),
  );

  const lastFailing = [...t.rounds].reverse().find((r) => !r.passed);
  if (lastFailing && lastFailing.outputTail.trim() !== '') {
    const { text, cut } = outputTail(lastFailing.outputTail.replace(/\n+$/, ''), REPORT_OUTPUT_CHARS);
    const body = escapeBlock(text);
    const fence = fenceFor(body);
    parts.push(
      [
        '<details>',
        `<summary>Output of round ${lastFailing.round} (${cut ? `last ${formatCount(REPORT_OUTPUT_CHARS)} characters` : 'end of the output'})</summary>`,
        '',
        `${fence}text`,
        body,
        fence,
        '',
        '</details>',
      ].join('\n'),
    );
  }
  return parts.join('\n\n');
}

/** One line for summaries: `Tests: passed after 1 fix round (npm test)`. */
export function testLoopOneLiner(t: TestLoopResult): string {
  const fixRounds = t.rounds.filter((r) => r.fixTask).length;
  const state = t.passed ? 'passed' : 'failing';
  const after = fixRounds > 0 ? ` after ${fixRounds} fix round${fixRounds === 1 ? '' : 's'}` : '';
  return `Tests: ${state}${after} (${escapeInline(t.command, 200)})`;
}
