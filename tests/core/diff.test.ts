// The in-process unified diff: checked against `diff -u` where it is installed, by applying every diff back
// onto the old text, and on the inputs that make naive diffs slow (huge, wholly rewritten files).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type DiffHunk,
  diffHunks,
  diffOps,
  fileDiff,
  formatFileDiff,
  joinDiffs,
  MAX_EDIT_DISTANCE,
  splitLines,
} from '../../src/core/diff.js';

/** Applies hunks to the old lines: the new text must come out, or the diff is wrong. */
function apply(before: string, hunks: DiffHunk[]): string[] {
  const old = splitLines(before);
  const out: string[] = [];
  let at = 0; // next old line (0-based) not yet copied
  for (const h of hunks) {
    const start = h.oldCount === 0 ? h.oldStart : h.oldStart - 1;
    while (at < start) out.push(old[at++]!);
    for (const l of h.lines) {
      if (l.op === '+') out.push(l.text);
      else {
        expect(old[at]).toBe(l.text);
        if (l.op === ' ') out.push(l.text);
        at++;
      }
    }
  }
  while (at < old.length) out.push(old[at++]!);
  return out;
}

/** A deterministic pseudo-random generator, so a failing case can be replayed. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

function mutate(lines: string[], rand: () => number, edits: number): string[] {
  const out = [...lines];
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * (out.length + 1));
    const r = rand();
    if (r < 0.33 && out.length > 0) out.splice(Math.min(at, out.length - 1), 1);
    else if (r < 0.66) out.splice(at, 0, `new ${e} ${Math.floor(rand() * 5)}`);
    else if (out.length > 0) out[Math.min(at, out.length - 1)] = `changed ${e}`;
  }
  return out;
}

const hasDiff = spawnSync('diff', ['--version']).status === 0;

describe('unified diff', () => {
  it('shows a one-line change with three lines of context and diff -u headers', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].join('\n') + '\n';
    const after = before.replace('e\n', 'E\n');
    const text = formatFileDiff(fileDiff('src/x.ts', before, after));
    expect(text).toBe(
      [
        '--- a/src/x.ts',
        '+++ b/src/x.ts',
        '@@ -2,7 +2,7 @@',
        ' b',
        ' c',
        ' d',
        '-e',
        '+E',
        ' f',
        ' g',
        ' h',
        '',
      ].join('\n'),
    );
  });

  it('marks created and deleted files with /dev/null, and an unchanged file gives nothing', () => {
    expect(formatFileDiff(fileDiff('n.ts', null, 'one\ntwo\n'))).toBe(
      '--- /dev/null\n+++ b/n.ts\n@@ -0,0 +1,2 @@\n+one\n+two\n',
    );
    expect(formatFileDiff(fileDiff('d.ts', 'x\n', null))).toBe(
      '--- a/d.ts\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n',
    );
    expect(formatFileDiff(fileDiff('same.ts', 'x\n', 'x\n'))).toBe('');
    expect(fileDiff('c.ts', 'a\nb\n', 'a\nB\nc\n')).toMatchObject({ added: 2, removed: 1 });
  });

  it('numbers every line on its side, for evidence into the new file', () => {
    const [h] = diffHunks('a\nb\nc\n', 'a\nB\nc\nd\n');
    expect(h!.lines).toEqual([
      { op: ' ', text: 'a', oldLine: 1, newLine: 1 },
      { op: '-', text: 'b', oldLine: 2 },
      { op: '+', text: 'B', newLine: 2 },
      { op: ' ', text: 'c', oldLine: 3, newLine: 3 },
      { op: '+', text: 'd', newLine: 4 },
    ]);
  });

  it('splits far-apart changes into separate hunks and joins near ones', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`);
    const far = [...lines];
    far[2] = 'X';
    far[30] = 'Y';
    expect(diffHunks(lines.join('\n'), far.join('\n')).map((h) => [h.oldStart, h.oldCount])).toEqual([
      [1, 6],
      [28, 7],
    ]);
    const near = [...lines];
    near[2] = 'X';
    near[8] = 'Y';
    expect(diffHunks(lines.join('\n'), near.join('\n'))).toHaveLength(1);
  });

  it('reproduces the new text from the old one on 300 random edits (the diff applies back)', () => {
    const rand = rng(42);
    for (let n = 0; n < 300; n++) {
      const before = Array.from({ length: Math.floor(rand() * 40) }, (_, i) => `l${i % 7}`);
      const after = mutate(before, rand, 1 + Math.floor(rand() * 8));
      const hunks = diffHunks(before.join('\n'), after.join('\n'));
      expect(apply(before.join('\n'), hunks)).toEqual(after);
    }
  });

  it('finds a minimal edit script (no more changed lines than diff -u)', () => {
    const rand = rng(7);
    for (let n = 0; n < 100; n++) {
      const before = Array.from({ length: 30 }, (_, i) => `l${i % 5}`);
      const after = mutate(before, rand, 4);
      const ops = diffOps(before, after);
      const changed = ops.filter((o) => o !== ' ').length;
      // The length of the longest common subsequence, by dynamic programming, gives the minimum.
      const lcs = lcsLength(before, after);
      expect(changed).toBe(before.length + after.length - 2 * lcs);
    }
  });

  it.runIf(hasDiff)('matches diff -u hunk for hunk on realistic edits', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'diff-test-'));
    try {
      const rand = rng(3);
      for (let n = 0; n < 20; n++) {
        const before = Array.from({ length: 60 }, (_, i) => `const v${i} = ${i};`);
        const after = mutate(before, rand, 3);
        const a = `${before.join('\n')}\n`;
        const b = `${after.join('\n')}\n`;
        writeFileSync(path.join(dir, 'a'), a);
        writeFileSync(path.join(dir, 'b'), b);
        const real = spawnSync('diff', ['-u', 'a', 'b'], { cwd: dir, encoding: 'utf8' }).stdout;
        const ours = formatFileDiff(fileDiff('x', a, b));
        const headers = (t: string) => t.split('\n').filter((l) => l.startsWith('@@'));
        const changed = (t: string) =>
          t.split('\n').filter((l) => /^[-+]/.test(l) && !/^(---|\+\+\+) /.test(l)).length;
        expect(headers(ours)).toEqual(headers(real));
        expect(changed(ours)).toBe(changed(real));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stays linear on a wholly rewritten large file: one replaced block past the edit bound', () => {
    const before = Array.from({ length: 10_000 }, (_, i) => `old ${i}`).join('\n');
    const after = Array.from({ length: 10_000 }, (_, i) => `new ${i}`).join('\n');
    const ops = diffOps(splitLines(before), splitLines(after));
    expect(ops.filter((o) => o === '-')).toHaveLength(10_000);
    expect(ops.filter((o) => o === '+')).toHaveLength(10_000);
    expect(MAX_EDIT_DISTANCE).toBeLessThan(20_000);
    expect(apply(before, diffHunks(before, after))).toEqual(splitLines(after));
  });

  it('caps several files to a character budget, cutting at a line and naming what is left out', () => {
    const big = Array.from({ length: 500 }, (_, i) => `added line ${i}`).join('\n');
    const diffs = [
      fileDiff('small.ts', null, 'x\n'),
      fileDiff('big.ts', null, big),
      fileDiff('late.ts', null, 'y\n'),
    ];
    const { text, omitted } = joinDiffs(diffs, 2_000);
    expect(text.length).toBeLessThanOrEqual(2_000);
    expect(text.startsWith('--- /dev/null\n+++ b/small.ts\n')).toBe(true);
    expect(text).toMatch(/\[diff of big\.ts cut here: \d+ more line\(s\)\]\n$/);
    expect(omitted).toEqual(['late.ts']);
    for (const line of text.split('\n').slice(0, -2)) expect(line).toMatch(/^(---|\+\+\+|@@|[-+ ]|$)/);
  });

  it('reads CRLF and a missing final newline as the same lines', () => {
    expect(diffHunks('a\r\nb\r\n', 'a\nb')).toEqual([]);
  });
});

function lcsLength(a: string[], b: string[]): number {
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      dp[i]![j] = a[i - 1] === b[j - 1] ? dp[i - 1]![j - 1]! + 1 : Math.max(dp[i - 1]![j]!, dp[i]![j - 1]!);
  return dp[a.length]![b.length]!;
}
