// A unified diff computed in-process (no `diff` binary, no shell): what a run changed in a file, for the
// fix agent's memory of its previous round and for the review. Bounded: inputs past MAX_DIFF_LINES lines or
// an edit distance past MAX_EDIT_DISTANCE are shown as one replaced block instead of searched further, so a
// huge or wholly rewritten file costs linear time, never quadratic.

/** Lines of context around each change, as `diff -u` prints. */
export const DEFAULT_CONTEXT_LINES = 3;
/** Past this many lines (old + new) in the changed middle, no edit script is searched. */
export const MAX_DIFF_LINES = 20_000;
/** Past this many inserted + deleted lines, the middle is shown as one replaced block. */
export const MAX_EDIT_DISTANCE = 1_000;

export type DiffOp = ' ' | '-' | '+';

export interface DiffLine {
  op: DiffOp;
  text: string;
  /** 1-based line in the old text (context and deleted lines). */
  oldLine?: number;
  /** 1-based line in the new text (context and added lines). */
  newLine?: number;
}

export interface DiffHunk {
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
  lines: DiffLine[];
}

export interface FileDiff {
  path: string;
  /** null: the file did not exist before (created) / does not exist after (deleted). */
  before: string | null;
  after: string | null;
  hunks: DiffHunk[];
  added: number;
  removed: number;
}

/** Lines of a text; a final newline ends the last line rather than starting an empty one. */
export function splitLines(text: string): string[] {
  const normalized = text.replace(/\r\n?/g, '\n');
  if (normalized === '') return [];
  const lines = normalized.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/**
 * The shortest edit script between `a` and `b` (Myers' O(ND) algorithm) as a list of ops, after the common
 * prefix and suffix are taken off. When the middle is too large or too different, it is one block of
 * deletions followed by one of insertions: still a correct diff, just not the smallest.
 */
export function diffOps(a: string[], b: string[]): DiffOp[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  )
    suffix++;
  const midA = a.slice(prefix, a.length - suffix);
  const midB = b.slice(prefix, b.length - suffix);
  const middle = midA.length + midB.length > MAX_DIFF_LINES ? null : myers(midA, midB, MAX_EDIT_DISTANCE);
  const ops: DiffOp[] = new Array<DiffOp>(prefix).fill(' ');
  if (middle) ops.push(...middle);
  else ops.push(...new Array<DiffOp>(midA.length).fill('-'), ...new Array<DiffOp>(midB.length).fill('+'));
  for (let i = 0; i < suffix; i++) ops.push(' ');
  return ops;
}

/** Myers' greedy forward search with a trace for backtracking; null when the distance exceeds `maxD`. */
function myers(a: string[], b: string[], maxD: number): DiffOp[] | null {
  const n = a.length;
  const m = b.length;
  if (n === 0) return new Array<DiffOp>(m).fill('+');
  if (m === 0) return new Array<DiffOp>(n).fill('-');
  const offset = maxD + 1;
  const v = new Int32Array(2 * offset + 1);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= maxD; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
      let x = down ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, offset, n, m);
    }
  }
  return null;
}

function backtrack(trace: Int32Array[], offset: number, n: number, m: number): DiffOp[] {
  const ops: DiffOp[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const v = trace[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
    const prevK = down ? k + 1 : k - 1;
    const prevX = v[offset + prevK] ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push(' ');
      x--;
      y--;
    }
    ops.push(down ? '+' : '-');
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    ops.push(' ');
    x--;
    y--;
  }
  return ops.reverse();
}

/** Groups the changed lines into hunks with `context` lines around them, as `diff -u` does. */
export function diffHunks(
  before: string,
  after: string,
  context: number = DEFAULT_CONTEXT_LINES,
): DiffHunk[] {
  const a = splitLines(before);
  const b = splitLines(after);
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  for (const op of diffOps(a, b)) {
    if (op === ' ') lines.push({ op, text: a[i]!, oldLine: ++i, newLine: ++j });
    else if (op === '-') lines.push({ op, text: a[i]!, oldLine: ++i });
    else lines.push({ op, text: b[j]!, newLine: ++j });
  }
  const hunks: DiffHunk[] = [];
  let start = -1;
  let end = -1;
  // Old and new lines before index `scanned`, counted once over the whole diff (hunks come in order).
  let scanned = 0;
  let oldBefore = 0;
  let newBefore = 0;
  const flush = () => {
    if (start < 0) return;
    const from = Math.max(0, start - context);
    for (; scanned < from; scanned++) {
      if (lines[scanned]!.op !== '+') oldBefore++;
      if (lines[scanned]!.op !== '-') newBefore++;
    }
    hunks.push(hunkOf(lines.slice(from, Math.min(lines.length, end + 1 + context)), oldBefore, newBefore));
    start = -1;
  };
  for (let n = 0; n < lines.length; n++) {
    if (lines[n]!.op === ' ') continue;
    // Changes at most 2×context unchanged lines apart share a hunk, as `diff -u` joins touching contexts.
    if (start >= 0 && n - end - 1 > 2 * context) flush();
    if (start < 0) start = n;
    end = n;
  }
  flush();
  return hunks;
}

/** A hunk of `slice`, after `oldBefore` old and `newBefore` new lines. */
function hunkOf(slice: DiffLine[], oldBefore: number, newBefore: number): DiffHunk {
  // Like `diff -u`, a side with no lines starts at the line before the hunk.
  const oldCount = slice.filter((l) => l.op !== '+').length;
  const newCount = slice.filter((l) => l.op !== '-').length;
  return {
    oldStart: oldCount > 0 ? oldBefore + 1 : oldBefore,
    oldCount,
    newStart: newCount > 0 ? newBefore + 1 : newBefore,
    newCount,
    lines: slice,
  };
}

export function fileDiff(
  path: string,
  before: string | null,
  after: string | null,
  context: number = DEFAULT_CONTEXT_LINES,
): FileDiff {
  const hunks = diffHunks(before ?? '', after ?? '', context);
  let added = 0;
  let removed = 0;
  for (const h of hunks)
    for (const l of h.lines) {
      if (l.op === '+') added++;
      else if (l.op === '-') removed++;
    }
  return { path, before, after, hunks, added, removed };
}

/** `@@ -l,s +l,s @@` as `diff -u` writes it (a count of 1 is left out). */
export function hunkHeader(h: DiffHunk): string {
  const range = (start: number, count: number) => (count === 1 ? `${start}` : `${start},${count}`);
  return `@@ -${range(h.oldStart, h.oldCount)} +${range(h.newStart, h.newCount)} @@`;
}

/** The file's diff in unified format (`--- a/… +++ b/…`), or '' when nothing changed. */
export function formatFileDiff(d: FileDiff): string {
  if (d.hunks.length === 0) return '';
  const out = [
    d.before === null ? '--- /dev/null' : `--- a/${d.path}`,
    d.after === null ? '+++ /dev/null' : `+++ b/${d.path}`,
  ];
  for (const h of d.hunks) {
    out.push(hunkHeader(h));
    for (const l of h.lines) out.push(`${l.op}${l.text}`);
  }
  return `${out.join('\n')}\n`;
}

/**
 * Several files' diffs in one text of at most `maxChars` characters: whole files in the given order while
 * they fit, then the rest cut at a line with a note of what was left out. Never cuts inside a line.
 */
export function joinDiffs(diffs: FileDiff[], maxChars: number): { text: string; omitted: string[] } {
  let text = '';
  const omitted: string[] = [];
  for (const d of diffs) {
    const one = formatFileDiff(d);
    if (one === '') continue;
    if (text.length + one.length <= maxChars) {
      text += one;
      continue;
    }
    const room = maxChars - text.length;
    const lines = one.split('\n');
    let part = '';
    let shown = 0;
    // Headers plus at least one hunk line, or nothing of this file.
    for (const line of lines) {
      if (part.length + line.length + 1 > room - 80) break;
      part += `${line}\n`;
      shown++;
    }
    if (shown > 3) text += `${part}[diff of ${d.path} cut here: ${lines.length - 1 - shown} more line(s)]\n`;
    else omitted.push(d.path);
  }
  return { text, omitted };
}
