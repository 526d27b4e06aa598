/** A table cell as markdown-it reads it: its inline content, and the text offset of each content character. */
export interface RowCell {
  content: string;
  offsets: number[];
  start: number;
  end: number;
}

/** Splits a table row the way markdown-it does (unescaped `|` separate cells, `\|` is a pipe inside one, outer
 *  pipes optional), keeping where each character came from. */
export function splitRow(text: string, from: number, to: number): RowCell[] {
  let end = to;
  while (end > from && /\s/.test(text[end - 1]!)) end--;
  const raw: Array<{ chars: string[]; offsets: number[]; at: number }> = [];
  let current = { chars: [] as string[], offsets: [] as number[], at: from };
  let escaped = false;
  for (let i = from; i < end; i++) {
    const c = text[i]!;
    if (c === '|' && !escaped) {
      raw.push(current);
      current = { chars: [], offsets: [], at: i + 1 };
    } else if (c === '|') {
      current.chars.pop();
      current.offsets.pop();
      current.chars.push(c);
      current.offsets.push(i);
    } else {
      current.chars.push(c);
      current.offsets.push(i);
    }
    escaped = c === '\\';
  }
  raw.push(current);
  if (raw.length > 0 && raw[0]!.chars.length === 0) raw.shift();
  if (raw.length > 0 && raw[raw.length - 1]!.chars.length === 0) raw.pop();
  return raw.map(({ chars, offsets, at }) => {
    let a = 0;
    let b = chars.length;
    while (a < b && /\s/.test(chars[a]!)) a++;
    while (b > a && /\s/.test(chars[b - 1]!)) b--;
    const kept = offsets.slice(a, b);
    const start = kept[0] ?? at;
    return {
      content: chars.slice(a, b).join(''),
      offsets: kept,
      start,
      end: kept.length ? kept[kept.length - 1]! + 1 : start,
    };
  });
}

export function cellOffset(offsets: number[], i: number, fallback: number): number {
  if (offsets.length === 0) return fallback;
  if (i < offsets.length) return offsets[Math.max(0, i)]!;
  return offsets[offsets.length - 1]! + 1;
}
