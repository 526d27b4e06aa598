// The fast scanner: the block tokens markdown-it would make for a spec written in plain, common Markdown, without
// loading markdown-it (which, with linkify-it and its entity table, is most of a one-spec `validate`'s start-up).
//
// It reads a deliberately small subset and says null for anything else, so the caller hands that text to
// markdown-it: headings, paragraphs, lists whose items are one paragraph and at most one nested list (GFM task
// markers included), fenced code, HTML comments, thematic breaks and pipe tables, every top-level block starting
// at column 0, with the inline content scan-inline.ts reads. Tabs, indented blocks, block quotes, other HTML,
// setext headings, list items with more blocks and anything near a link reference are all refused. Where markdown-it's rules are subtle (what may interrupt
// a paragraph, how a table row splits), it refuses rather than guesses.
//
// tests/spec/fast-scan.test.ts holds it to markdown-it: on every spec of the repository and on thousands of
// generated and mutated documents, whenever it accepts, the mdast tree is deep-equal to markdown-it's.
import { indentOf } from '../text.js';
import { inlineToken, scanInline } from './scan-inline.js';
import type { MdToken } from './token.js';

const HEADING = /^(#{1,6})(?: +(.*))?$/;
const FENCE_OPEN = /^(`{3,}|~{3,})(.*)$/;
const BREAK_PLAIN = /^(?:-{3,}|\*{3,}|_{3,}) *$/;
/** Any thematic break markdown-it reads at column 0, spaced forms included (those are refused). */
const BREAK_ANY = /^([-*_])(?: *\1){2,} *$/;
const BULLET = /^([-*+])( {1,4})(?=\S)/;
const ORDERED = /^(\d{1,9})([.)])( {1,4})(?=\S)/;
/** A line that would start some block, or could be read as more than paragraph text (markdown-it's block
 *  starters, list markers of any kind, setext underlines, table delimiter rows). */
const BLOCKISH = /^(?:#|>|<|`{3}|~{3}|[-*+](?: |$)|\d{1,9}[.)](?: |$)|=+ *$|-+ *$|\[)/;
const DELIMITER_CELL = /^:?-+:?$/;
/** The starts of an ATX heading and of a code fence: blocks that end a paragraph or list above them. */
const HEADING_START = /^#{1,6}(?: |$)/;
const FENCE_START = /^(?:`{3}|~{3})/;

/** markdown-it's trim for paragraphs and headings: spaces, tabs and line breaks only (Unicode spaces stay). */
function asciiTrim(text: string): string {
  return text.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, '');
}

/** markdown-it's empty line: nothing but spaces (tabs never reach here). */
function blank(line: string): boolean {
  return /^ *$/.test(line);
}

function block(type: string, map: [number, number], fields: Partial<MdToken> = {}): MdToken {
  return inlineToken(type, { map, ...fields });
}

function withAttrs(token: MdToken, attrs: Record<string, string | number>): MdToken {
  token.attrGet = (name) => attrs[name] ?? null;
  return token;
}

interface ListMarker {
  /** `-`, `*`, `+`, or the delimiter of an ordered list (`.` or `)`). */
  markup: string;
  ordered: boolean;
  start: number;
  /** Column where the item's content starts (marker and the 1–4 spaces after it). */
  contentColumn: number;
}

function listMarker(line: string): ListMarker | null {
  const bullet = BULLET.exec(line);
  if (bullet) return { markup: bullet[1]!, ordered: false, start: 1, contentColumn: 1 + bullet[2]!.length };
  const ordered = ORDERED.exec(line);
  if (ordered) {
    return {
      markup: ordered[2]!,
      ordered: true,
      start: Number(ordered[1]),
      contentColumn: ordered[1]!.length + 1 + ordered[3]!.length,
    };
  }
  return null;
}

/** The table's column alignments if `line` is a delimiter row markdown-it accepts, else null. */
function delimiterRow(line: string): string[] | null {
  if (!/^[|:-]/.test(line) || /[^|:\- ]/.test(line)) return null;
  const columns = line.split('|');
  const aligns: string[] = [];
  for (let i = 0; i < columns.length; i++) {
    const t = columns[i]!.trim();
    if (t === '') {
      if (i === 0 || i === columns.length - 1) continue;
      return null;
    }
    if (!DELIMITER_CELL.test(t)) return null;
    const left = t.startsWith(':');
    const right = t.endsWith(':');
    aligns.push(right ? (left ? 'center' : 'right') : left ? 'left' : '');
  }
  return aligns.length > 0 ? aligns : null;
}

function rowCells(line: string): string[] {
  const cells = line.trim().split('|');
  if (cells.length > 0 && cells[0] === '') cells.shift();
  if (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
  return cells;
}

/** Reads `text` (LF line endings) into markdown-it-shaped block tokens, or null when it leaves the subset. */
export function scanBlocks(text: string): MdToken[] | null {
  if (/[\t\0\r\u2028\u2029\v\f]/.test(text)) return null;
  const scanner = new BlockScanner(text.split('\n'));
  return scanner.run() ? scanner.tokens : null;
}

class BlockScanner {
  readonly tokens: MdToken[] = [];

  constructor(private readonly lines: string[]) {}

  run(): boolean {
    const { lines } = this;
    let i = 0;
    while (i < lines.length) {
      if (blank(lines[i]!)) {
        i++;
        continue;
      }
      const next = this.block(i);
      if (next <= i) return false;
      i = next;
    }
    return true;
  }

  /** Reads the block starting at line `i`; returns the line after it, or -1 to refuse the document. */
  private block(i: number): number {
    const line = this.lines[i]!;
    if (line.charCodeAt(0) === 0x20 || /\s$/.test(line)) return -1;
    if (line.includes('|')) return this.table(i);
    if (line.startsWith('#')) return this.heading(i);
    const fence = FENCE_OPEN.exec(line);
    if (fence) return this.fence(i, fence[1]!, fence[2]!);
    if (BREAK_ANY.test(line)) {
      if (!BREAK_PLAIN.test(line)) return -1;
      this.tokens.push(block('hr', [i, i + 1], { markup: line.trim() }));
      return i + 1;
    }
    const marker = listMarker(line);
    if (marker) return this.list(i, marker, 0, []);
    if (line.startsWith('<!--')) return this.comment(i);
    if (BLOCKISH.test(line)) return -1;
    return this.paragraph(i);
  }

  private inline(content: string, map: [number, number]): MdToken | null {
    const children = scanInline(content);
    return children === null ? null : block('inline', map, { content, children });
  }

  private heading(i: number): number {
    const m = HEADING.exec(this.lines[i]!);
    if (!m) return -1;
    const content = asciiTrim(m[2] ?? '');
    if (content.endsWith('#')) return -1;
    const map: [number, number] = [i, i + 1];
    const inline = this.inline(content, map);
    if (!inline) return -1;
    const fields = { tag: `h${m[1]!.length}`, markup: m[1]! };
    this.tokens.push(block('heading_open', map, fields), inline, block('heading_close', map, fields));
    return i + 1;
  }

  private fence(i: number, markup: string, info: string): number {
    if (/[\\&]/.test(info) || (markup[0] === '`' && info.includes('`'))) return -1;
    const closing = new RegExp(`^ {0,3}${markup[0] === '`' ? '`' : '~'}{${markup.length},} *$`);
    for (let j = i + 1; j < this.lines.length; j++) {
      if (!closing.test(this.lines[j]!)) continue;
      const content = this.lines
        .slice(i + 1, j)
        .map((l) => `${l}\n`)
        .join('');
      this.tokens.push(block('fence', [i, j + 1], { markup, info, content, tag: 'code' }));
      return j + 1;
    }
    return -1; // unclosed: markdown-it runs it to the end of the document; rare enough to leave to it
  }

  /** An HTML comment block (markdown-it's html_block of type 2): from `<!--` to the line holding `-->`. */
  private comment(i: number): number {
    for (let j = i; j < this.lines.length; j++) {
      if (!this.lines[j]!.includes('-->')) continue;
      const content = this.lines
        .slice(i, j + 1)
        .map((l) => `${l}\n`)
        .join('');
      this.tokens.push(block('html_block', [i, j + 1], { content }));
      return j + 1;
    }
    return -1;
  }

  /** The lines a paragraph starting at `i` runs over (top level), or -1. */
  private paragraphEnd(i: number): number {
    const { lines } = this;
    let j = i + 1;
    for (; j < lines.length && !blank(lines[j]!); j++) {
      const line = lines[j]!;
      const indent = indentOf(line);
      if (indent >= 4) continue;
      const rest = line.slice(indent);
      if (indent > 0 && BLOCKISH.test(rest)) return -1;
      if (HEADING_START.test(rest) || FENCE_START.test(rest)) break;
      if (/^(?:=+|-+) *$/.test(rest)) return -1; // a setext underline
      if (BREAK_ANY.test(rest)) break;
      if (/^[-*+] +\S/.test(rest) || /^1[.)] +\S/.test(rest)) break; // a list interrupts it
      if (BLOCKISH.test(rest)) return -1;
    }
    return j;
  }

  private paragraph(i: number): number {
    const end = this.paragraphEnd(i);
    if (end === -1) return -1;
    const body = this.lines.slice(i, end);
    if (body.some((l) => l.includes('|'))) return -1;
    const map: [number, number] = [i, end];
    const inline = this.inline(asciiTrim(body.join('\n')), map);
    if (!inline) return -1;
    this.tokens.push(block('paragraph_open', map), inline, block('paragraph_close', map));
    return end;
  }

  /** A list whose markers sit at column `base` (0, or the content column of the item holding it). `outer`: the
   *  marker columns of the lists around it. Returns the line after its last item's content, or -1. */
  private list(first: number, marker: ListMarker, base: number, outer: number[]): number {
    const { lines } = this;
    const type = marker.ordered ? 'ordered_list' : 'bullet_list';
    const open = block(`${type}_open`, [first, first + 1], { markup: marker.markup });
    this.tokens.push(marker.ordered && marker.start !== 1 ? withAttrs(open, { start: marker.start }) : open);
    let item = first;
    let current = marker;
    let end: number;
    for (;;) {
      end = this.listItem(item, current, base, [...outer, base]);
      if (end === -1) return -1;
      let next = end;
      while (next < lines.length && blank(lines[next]!)) next++;
      if (next >= lines.length) break;
      const indent = indentOf(lines[next]!);
      // After a blank line, a line indented into the item would be a second block of it.
      if (next > end && indent >= base + current.contentColumn) return -1;
      const following = indent === base ? listMarker(lines[next]!.slice(base)) : null;
      if (!following || following.ordered !== marker.ordered || following.markup !== marker.markup) break;
      item = next;
      current = following;
    }
    this.tokens.push(block(`${type}_close`, [first, end]));
    return end;
  }

  /** One item: its marker line, its paragraph's continuation lines, and at most one nested list right after the
   *  paragraph. `bases`: the marker columns of this item's list and of the lists around it. */
  private listItem(i: number, marker: ListMarker, base: number, bases: number[]): number {
    const { lines } = this;
    const column = base + marker.contentColumn;
    const first = lines[i]!.slice(column);
    if (lines[i]!.includes('|') || /\s$/.test(lines[i]!)) return -1;
    // `[ ]` / `[x]` task markers are the one bracket start an item may have.
    if ((BLOCKISH.test(first) || BREAK_ANY.test(first)) && !/^\[[ xX]\] /.test(first)) return -1;
    const parts = [first];
    let j = i + 1;
    let nested: ListMarker | null = null;
    for (; j < lines.length && !blank(lines[j]!); j++) {
      const line = lines[j]!;
      if (line.includes('|') || /\s$/.test(line)) return -1;
      const indent = indentOf(line);
      const rest = line.slice(indent);
      if (indent >= column) {
        if (indent - column >= 4 || !(BLOCKISH.test(rest) || BREAK_ANY.test(rest))) {
          parts.push(line.slice(column));
          continue;
        }
        nested = indent === column ? listMarker(rest) : null;
        // A nested list interrupts the paragraph only as markdown-it allows: non-empty, and ordered ones start at 1.
        if (nested === null || (nested.ordered && nested.start !== 1) || BREAK_ANY.test(rest)) return -1;
        break;
      }
      if (listMarker(rest) && bases.includes(indent)) break; // the next item of this list or of one around it
      if (indent > 0 || base > 0 || BLOCKISH.test(rest) || BREAK_ANY.test(rest)) {
        // At the top level, a heading, fence or break at column 0 ends the list; anything else is left to markdown-it.
        if (
          indent === 0 &&
          base === 0 &&
          (HEADING_START.test(rest) || FENCE_START.test(rest) || BREAK_PLAIN.test(rest))
        )
          break;
        return -1;
      }
      parts.push(line); // a lazy continuation line
    }
    const map: [number, number] = [i, j];
    const inline = this.inline(asciiTrim(parts.join('\n')), map);
    if (!inline) return -1;
    this.tokens.push(
      block('list_item_open', map, { markup: marker.markup }),
      block('paragraph_open', map),
      inline,
      block('paragraph_close', map),
    );
    let end = j;
    if (nested !== null) {
      end = this.list(j, nested, column, bases);
      if (end === -1) return -1;
      // The item holds one paragraph and one list; a further line indented into it is more than that.
      if (end < lines.length && !blank(lines[end]!) && indentOf(lines[end]!) >= column) return -1;
    }
    this.tokens.push(block('list_item_close', [i, end]));
    return end;
  }

  private table(i: number): number {
    const { lines } = this;
    const aligns = i + 1 < lines.length ? delimiterRow(lines[i + 1]!) : null;
    if (aligns === null) return -1;
    const header = rowCells(lines[i]!);
    if (header.length !== aligns.length) return -1;
    let end = i + 2;
    const rows: string[][] = [];
    for (; end < lines.length && !blank(lines[end]!); end++) {
      const line = lines[end]!;
      if (!line.startsWith('|') || /\s$/.test(line)) return -1;
      const cells = rowCells(line);
      if (cells.length !== aligns.length) return -1;
      rows.push(cells);
    }
    const tokens: MdToken[] = [block('table_open', [i, end]), block('thead_open', [i, i + 1])];
    const row = (cells: string[], line: number, cell: 'th' | 'td'): boolean => {
      const map: [number, number] = [line, line + 1];
      tokens.push(block('tr_open', map));
      for (let c = 0; c < aligns.length; c++) {
        const inline = this.inline((cells[c] ?? '').trim(), map);
        if (!inline) return false;
        const open = block(`${cell}_open`, map);
        tokens.push(aligns[c] ? withAttrs(open, { style: `text-align:${aligns[c]}` }) : open);
        tokens.push(inline, block(`${cell}_close`, map));
      }
      tokens.push(block('tr_close', map));
      return true;
    };
    if (!row(header, i, 'th')) return -1;
    tokens.push(block('thead_close', [i, i + 1]));
    if (rows.length > 0) {
      tokens.push(block('tbody_open', [i + 2, end]));
      for (let r = 0; r < rows.length; r++) if (!row(rows[r]!, i + 2 + r, 'td')) return -1;
      tokens.push(block('tbody_close', [i + 2, end]));
    }
    tokens.push(block('table_close', [i, end]));
    this.tokens.push(...tokens);
    return end;
  }
}
