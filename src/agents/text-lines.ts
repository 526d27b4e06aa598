// Line arithmetic for the edit tool: numbered views, the line a byte offset falls on, and the lines nearest to
// a string that did not match, so the model can correct its `old_str` instead of guessing again.

/** The file's lines without their terminators; a final newline does not start an extra empty line. */
export function splitLines(content: string): string[] {
  if (content === '') return [];
  const lines = content.split('\n');
  if (content.endsWith('\n')) lines.pop();
  return lines;
}

/** `cat -n` style: the number right-aligned in six columns, a tab, the line. */
export function numbered(lines: readonly string[], firstLine: number): string {
  return lines.map((line, i) => `${String(firstLine + i).padStart(6)}\t${line}`).join('\n');
}

/** 1-based line number of the character at `offset`. */
export function lineAt(content: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < content.length; i++) if (content.charCodeAt(i) === 10) line++;
  return line;
}

/** Every start offset of `needle` in `haystack` (non-overlapping, left to right). */
export function occurrences(haystack: string, needle: string): number[] {
  const found: number[] = [];
  if (needle === '') return found;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) {
    found.push(at);
  }
  return found;
}

function words(text: string): Set<string> {
  return new Set(text.match(/[A-Za-z_$][A-Za-z0-9_$]*|\d+|[^\sA-Za-z0-9_$]/g) ?? []);
}

/**
 * Where `needle` was most likely meant: a match that only differs in whitespace, else the lines sharing the most
 * tokens with the needle's first non-blank line. Returns up to `max` 1-based line numbers, best first.
 */
export function nearestLines(
  content: string,
  needle: string,
  max = 3,
): { lines: number[]; whitespaceOnly: boolean } {
  const lines = splitLines(content);
  const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
  const wanted = needle.split('\n').map(squash);
  const first = wanted.find((l) => l !== '') ?? '';
  if (first === '') return { lines: [], whitespaceOnly: false };
  for (let i = 0; i < lines.length; i++) {
    if (squash(lines[i]!) !== first) continue;
    const block = wanted.filter((l) => l !== '');
    const here = lines
      .slice(i, i + block.length + 4)
      .map(squash)
      .filter((l) => l !== '');
    if (block.every((l, k) => here[k] === l)) return { lines: [i + 1], whitespaceOnly: true };
  }
  const target = words(first);
  const scored = lines
    .map((line, i) => {
      const have = words(line);
      let shared = 0;
      for (const w of target) if (have.has(w)) shared++;
      return { line: i + 1, score: shared / Math.max(target.size, have.size, 1) };
    })
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.line - b.line);
  return { lines: scored.slice(0, max).map((s) => s.line), whitespaceOnly: false };
}

/** Lines `around` ± `context`, numbered, as one excerpt. */
export function excerpt(content: string, around: number, context = 2): string {
  const lines = splitLines(content);
  const from = Math.max(1, around - context);
  const to = Math.min(lines.length, around + context);
  return numbered(lines.slice(from - 1, to), from);
}
