import type { Root } from 'mdast';

export type Position = NonNullable<Root['position']>;
export type Point = Position['start'];

/** Where a line starts and ends in the text, and how to turn offsets into points. */
export class Lines {
  readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  get count(): number {
    return this.starts.length;
  }
  start(line: number): number {
    return this.starts[Math.min(Math.max(line, 0), this.starts.length - 1)]!;
  }
  /** Offset of the line's end, before its newline. */
  end(line: number): number {
    return line + 1 < this.starts.length ? this.starts[line + 1]! - 1 : this.text.length;
  }
  /** Point of an offset known to lie on `line` (0-based). */
  point(line: number, offset: number): Point {
    return { line: line + 1, column: offset - this.start(line) + 1, offset };
  }
  /** Point of any offset, by binary search. */
  pointAt(offset: number): Point {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return this.point(lo, offset);
  }
  isBlank(line: number): boolean {
    for (let i = this.start(line), end = this.end(line); i < end; i++) {
      const c = this.text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09) return false;
    }
    return true;
  }
  /** End of the last non-blank line in [first, last], trailing blanks of that line excluded. */
  contentEnd(first: number, last: number): Point {
    let line = Math.min(last, this.count - 1);
    while (line > first && this.isBlank(line)) line--;
    let end = this.end(line);
    const start = this.start(line);
    while (end > start && isSpace(this.text.charCodeAt(end - 1))) end--;
    return this.point(line, end);
  }
}

export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

export function skipSpaces(text: string, from: number, limit: number): number {
  let i = from;
  while (i < limit && isSpace(text.charCodeAt(i))) i++;
  return i;
}
