// Lines added and removed between two versions of a file, for the report's "what changed" (+12 −3).

function linesOf(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  // A final newline ends the last line; it does not start an empty one.
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/**
 * Common leading and trailing lines are unchanged; within the differing middle, a line counts as kept as
 * many times as it occurs on both sides (a multiset match). For the usual edits (insertions, deletions,
 * replaced blocks) this equals `git diff --numstat`; a block moved within the middle counts as unchanged,
 * where git would count it as removed and added.
 */
export function countLineChanges(before: string, after: string): { added: number; removed: number } {
  const a = linesOf(before);
  const b = linesOf(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const left = new Map<string, number>();
  for (let i = start; i < endA; i++) left.set(a[i]!, (left.get(a[i]!) ?? 0) + 1);
  let kept = 0;
  for (let i = start; i < endB; i++) {
    const n = left.get(b[i]!) ?? 0;
    if (n > 0) {
      kept++;
      left.set(b[i]!, n - 1);
    }
  }
  return { added: endB - start - kept, removed: endA - start - kept };
}
