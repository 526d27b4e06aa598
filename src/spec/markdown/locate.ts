import type { Lines, Point } from './lines.js';

/** Turns an offset in an inline token's content into a point in the parsed text. */
export interface Locator {
  point(contentOffset: number): Point;
}

/** Maps offsets in an inline token's content to points in the text. The content's lines are the source lines
 *  from `firstLine` on, with container prefixes, indentation and the block's own markers removed. */
export class ContentLocator {
  private readonly contentStarts: number[] = [0];

  constructor(
    private readonly lines: Lines,
    content: string,
    private readonly firstLine: number,
    /** Column (0-based) in each source line where that content line begins. */
    private readonly columns: number[],
  ) {
    for (let i = content.indexOf('\n'); i !== -1; i = content.indexOf('\n', i + 1))
      this.contentStarts.push(i + 1);
  }

  static forBlock(lines: Lines, content: string, firstLine: number, from?: number): ContentLocator {
    const columns: number[] = [];
    let k = 0;
    let start = 0;
    while (start <= content.length) {
      const nl = content.indexOf('\n', start);
      const piece = content.slice(start, nl === -1 ? content.length : nl);
      const line = firstLine + k;
      const source = lines.text.slice(lines.start(line), lines.end(line));
      columns.push(locateLine(source, piece, k === 0 ? from : undefined));
      if (nl === -1) break;
      start = nl + 1;
      k++;
    }
    return new ContentLocator(lines, content, firstLine, columns);
  }

  point(contentOffset: number): Point {
    let lo = 0;
    let hi = this.contentStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.contentStarts[mid]! <= contentOffset) lo = mid;
      else hi = mid - 1;
    }
    const line = Math.min(this.firstLine + lo, this.lines.count - 1);
    const column = (this.columns[lo] ?? 0) + contentOffset - this.contentStarts[lo]!;
    const offset = Math.min(this.lines.start(line) + column, this.lines.end(line));
    return this.lines.point(line, offset);
  }
}
/** Column where a content line sits in its source line: normally a suffix (before trailing blanks). */
function locateLine(source: string, piece: string, from: number | undefined): number {
  if (from !== undefined) {
    const at = source.indexOf(piece, from);
    if (at !== -1) return at;
  }
  const trimmed = source.trimEnd();
  const body = piece.trimEnd();
  if (trimmed.endsWith(body)) return trimmed.length - body.length;
  // A tab split by container indentation comes back as spaces: match what follows them.
  const rest = body.trimStart();
  if (rest !== '' && trimmed.endsWith(rest)) return Math.max(0, trimmed.length - body.length);
  const at = source.indexOf(body);
  if (at !== -1) return at;
  return source.length - source.trimStart().length;
}
