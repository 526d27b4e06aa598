// Markdown → mdast, built from markdown-it's token stream.
//
// Why not remark (unified + remark-parse + remark-gfm, which the design card named): micromark took ≈8.7 ms for
// a 5 KB spec, ≈40× markdown-it's ≈0.2 ms (≈0.35 ms with the tree building below), and the product target is
// 1,000 specs validated in under 2 s in one process. The rest of src/spec reads mdast, so this module produces the mdast shapes it relies on: block nodes
// and text nodes with line, column and offset positions in the parsed text (G2 reports vague words at their
// line:column by slicing the text between a text node's offsets), GFM task items (`checked`), tables,
// strikethrough and bare-URL links (via linkify; a bare `www.x.com` or `x.com` counts as a link too).
//
// Limits, on purpose: container nesting deeper than MAX_NESTING levels is not parsed into structure; the deepest
// container's content becomes one plain paragraph (still prose, still positioned). Link reference definitions
// (`[x]: https://…`) leave no node, as markdown-it consumes them. Never throws on any input.

import MarkdownIt from 'markdown-it';
import type {
  AlignType,
  Blockquote,
  Code,
  Heading,
  Html,
  InlineCode,
  Link,
  LinkReference,
  List,
  ListItem,
  Nodes,
  Paragraph,
  Parents,
  PhrasingContent,
  Root,
  Table,
  TableCell,
  TableRow,
  Text,
  ThematicBreak,
} from 'mdast';

type Token = ReturnType<MarkdownIt['parse']>[number];
type Position = NonNullable<Root['position']>;
type Point = Position['start'];

/** Block token levels markdown-it builds before it stops nesting (a list level costs two: list + item). Deep
 *  enough for a 500-level nested list; the block parser recurses per level, and this bound keeps it far from the
 *  stack limit. */
export const MAX_NESTING = 1200;
/** Inline nesting (links in emphasis in …) keeps markdown-it's default: each unmatched `[` costs work in
 *  proportion to it, so 1200 would make a line of brackets 12× slower, and prose never nests 100 deep. */
const INLINE_NESTING = 100;

// maxNesting is a real option that @types/markdown-it does not declare; a variable avoids the literal check.
const options = { html: true, linkify: true, maxNesting: MAX_NESTING };
const md = new MarkdownIt('default', options);
// Keep escapes and entities as their own tokens: their source form (`\*`, `&amp;`) differs from their text, and
// text positions are found by walking the source.
md.core.ruler.disable('text_join');
// markdown-it reads maxNesting when each phase runs, and parsing is synchronous: one limit per phase.
const liveOptions = md.options as unknown as { maxNesting: number };
md.core.ruler.before('block', 'block_nesting', () => {
  liveOptions.maxNesting = MAX_NESTING;
});
md.core.ruler.after('block', 'inline_nesting', () => {
  liveOptions.maxNesting = INLINE_NESTING;
});

/** Where a line starts and ends in the text, and how to turn offsets into points. */
class Lines {
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

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

function skipSpaces(text: string, from: number, limit: number): number {
  let i = from;
  while (i < limit && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** A container being built: where its first line's content starts lets nested blocks on that line be found. */
interface Frame {
  node: Parents;
  token: Token;
  /** 0-based first line of a list item or block quote, -1 for other frames. */
  firstLine: number;
  /** Offset just after the item's marker or the quote's `>` (and the spaces after it). */
  contentFrom: number;
  /** Table rows: the cells of the row's line, and how many have been opened. */
  cells: RowCell[];
  cellIndex: number;
}

const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])/;
const TASK = /^\[([ xX])\][ \t]+(?=\S)/;

class TreeBuilder {
  private readonly lines: Lines;
  private readonly stack: Frame[] = [];
  private quoteDepth = 0;

  constructor(private readonly text: string) {
    this.lines = new Lines(text);
  }

  build(tokens: Token[]): Root {
    const root: Root = {
      type: 'root',
      children: [],
      position: { start: { line: 1, column: 1, offset: 0 }, end: this.lines.pointAt(this.text.length) },
    };
    this.stack.push(this.frame(root, null as unknown as Token));
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      switch (token.type) {
        case 'bullet_list_open':
        case 'ordered_list_open':
          this.openList(token);
          break;
        case 'list_item_open':
          this.openListItem(token);
          break;
        case 'blockquote_open':
          this.openBlockquote(token);
          break;
        case 'paragraph_open':
          this.openLeafParent({ type: 'paragraph', children: [] } as Paragraph, token);
          break;
        case 'heading_open':
          this.openLeafParent(
            { type: 'heading', depth: headingDepth(token), children: [] } as Heading,
            token,
          );
          break;
        case 'table_open':
          this.openTable(token);
          break;
        case 'tr_open':
          this.openRow(token);
          break;
        case 'th_open':
        case 'td_open':
          this.openCell(token);
          break;
        case 'inline':
          this.inline(token);
          break;
        case 'fence':
        case 'code_block':
          this.code(token);
          break;
        case 'html_block':
          this.leaf({ type: 'html', value: token.content.replace(/\n+$/, '') } as Html, token);
          break;
        case 'hr':
          this.leaf({ type: 'thematicBreak' } as ThematicBreak, token);
          break;
        case 'bullet_list_close':
        case 'ordered_list_close':
        case 'list_item_close':
        case 'blockquote_close':
        case 'paragraph_close':
        case 'heading_close':
        case 'table_close':
        case 'tr_close':
        case 'th_close':
        case 'td_close':
          this.close();
          break;
        default:
          // thead/tbody have no mdast node; their rows belong to the table.
          break;
      }
    }
    while (this.stack.length > 1) this.close();
    return root;
  }

  private frame(node: Parents, token: Token): Frame {
    return { node, token, firstLine: -1, contentFrom: 0, cells: [], cellIndex: 0 };
  }

  private get top(): Frame {
    return this.stack[this.stack.length - 1]!;
  }

  private append(node: Nodes): void {
    (this.top.node.children as Nodes[]).push(node);
  }

  /** Offset where a block opening on `line` begins: after the enclosing item's marker when it shares that
   *  line, else after the line's indentation and the `>` of each enclosing quote. */
  private blockStart(line: number): number {
    const lineEnd = this.lines.end(line);
    for (let i = this.stack.length - 1; i > 0; i--) {
      const frame = this.stack[i]!;
      if (frame.firstLine === -1) continue;
      if (frame.firstLine === line) return skipSpaces(this.text, frame.contentFrom, lineEnd);
      break;
    }
    let p = skipSpaces(this.text, this.lines.start(line), lineEnd);
    for (let q = 0; q < this.quoteDepth && this.text.charCodeAt(p) === 0x3e; q++) {
      p = skipSpaces(this.text, p + 1, lineEnd);
    }
    return p;
  }

  private startPoint(token: Token): Point {
    const line = token.map?.[0] ?? 0;
    return this.lines.point(line, this.blockStart(line));
  }

  private openList(token: Token): void {
    const list: List = {
      type: 'list',
      ordered: token.type === 'ordered_list_open',
      start: token.type === 'ordered_list_open' ? Number(token.attrGet('start') ?? 1) : null,
      spread: false,
      children: [],
      position: { start: this.startPoint(token), end: this.startPoint(token) },
    };
    this.append(list);
    this.stack.push(this.frame(list, token));
  }

  private openListItem(token: Token): void {
    const line = token.map?.[0] ?? 0;
    const start = this.blockStart(line);
    const lineEnd = this.lines.end(line);
    const marker = LIST_MARKER.exec(this.text.slice(start, Math.min(lineEnd, start + 11)));
    const item: ListItem = {
      type: 'listItem',
      spread: false,
      checked: null,
      children: [],
      position: { start: this.lines.point(line, start), end: this.lines.point(line, start) },
    };
    this.append(item);
    const frame = this.frame(item, token);
    frame.firstLine = line;
    frame.contentFrom = skipSpaces(this.text, start + (marker?.[0].length ?? 0), lineEnd);
    this.stack.push(frame);
  }

  private openBlockquote(token: Token): void {
    const line = token.map?.[0] ?? 0;
    const start = this.blockStart(line);
    const quote: Blockquote = {
      type: 'blockquote',
      children: [],
      position: { start: this.lines.point(line, start), end: this.lines.point(line, start) },
    };
    this.append(quote);
    const frame = this.frame(quote, token);
    frame.firstLine = line;
    frame.contentFrom = skipSpaces(this.text, start + 1, this.lines.end(line));
    this.stack.push(frame);
    this.quoteDepth++;
  }

  private openLeafParent(node: Paragraph | Heading, token: Token): void {
    const map = token.map ?? [0, 1];
    node.position = { start: this.startPoint(token), end: this.lines.contentEnd(map[0], map[1] - 1) };
    this.append(node);
    this.stack.push(this.frame(node, token));
  }

  private openTable(token: Token): void {
    const map = token.map ?? [0, 1];
    const table: Table = {
      type: 'table',
      align: [],
      children: [],
      position: { start: this.startPoint(token), end: this.lines.contentEnd(map[0], map[1] - 1) },
    };
    this.append(table);
    this.stack.push(this.frame(table, token));
  }

  private openRow(token: Token): void {
    const line = token.map?.[0] ?? 0;
    const row: TableRow = {
      type: 'tableRow',
      children: [],
      position: { start: this.startPoint(token), end: this.lines.contentEnd(line, line) },
    };
    this.append(row);
    const frame = this.frame(row, token);
    frame.cells = splitRow(this.text, this.blockStart(line), this.lines.end(line));
    this.stack.push(frame);
  }

  private openCell(token: Token): void {
    const row = this.top;
    const style = token.attrGet('style') ?? '';
    const align = /text-align:(left|right|center)/.exec(style)?.[1] as AlignType | undefined;
    const table = this.stack[this.stack.length - 2];
    if (table?.node.type === 'table' && table.node.children.length === 1) {
      table.node.align = [...(table.node.align ?? []), align ?? null];
    }
    const source = row.cells[row.cellIndex++];
    const rowEnd = row.node.position?.end ?? this.lines.pointAt(this.text.length);
    const start = source ? this.lines.pointAt(source.start) : rowEnd;
    const end = source ? this.lines.pointAt(source.end) : rowEnd;
    const cell: TableCell = { type: 'tableCell', children: [], position: { start, end } };
    this.append(cell);
    const frame = this.frame(cell, token);
    if (source) frame.cells = [source];
    this.stack.push(frame);
  }

  private code(token: Token): void {
    const info = token.type === 'fence' ? token.info.trim() : '';
    const space = info.search(/\s/);
    const node: Code = {
      type: 'code',
      lang: info === '' ? null : space === -1 ? info : info.slice(0, space),
      meta: space === -1 ? null : info.slice(space).trim() || null,
      value: token.content.replace(/\n$/, ''),
    };
    this.leaf(node, token);
  }

  private leaf(node: Code | Html | ThematicBreak, token: Token): void {
    const map = token.map ?? [0, 1];
    node.position = { start: this.startPoint(token), end: this.lines.contentEnd(map[0], map[1] - 1) };
    this.append(node);
  }

  private close(): void {
    const frame = this.stack.pop();
    if (frame === undefined || this.stack.length === 0) return;
    const node = frame.node;
    if (node.type === 'blockquote') this.quoteDepth--;
    if (node.type === 'listItem' || node.type === 'blockquote') {
      if (node.children.length === 0) this.recoverTooDeep(frame);
      this.endAtLastChild(node, frame.token);
      if (node.type === 'listItem') this.taskMarker(node);
    } else if (node.type === 'list') {
      this.endAtLastChild(node, frame.token);
      const first = node.children[0];
      if (first?.position && node.position) node.position.start = first.position.start;
      node.spread = node.children.some((item) => item.spread);
    }
  }

  private endAtLastChild(node: Parents, token: Token): void {
    const last = node.children[node.children.length - 1] as Nodes | undefined;
    if (!node.position) return;
    if (last?.position) node.position.end = last.position.end;
    else if (token.map) {
      const end = this.lines.contentEnd(token.map[0], token.map[1] - 1);
      if ((end.offset ?? 0) > (node.position.start.offset ?? 0)) node.position.end = end;
    }
  }

  /** markdown-it skips a container's content past MAX_NESTING; keep it as one plain paragraph. */
  private recoverTooDeep(frame: Frame): void {
    const map = frame.token.map;
    if (!map) return;
    const end = this.lines.contentEnd(frame.firstLine, map[1] - 1);
    const startOffset = frame.contentFrom;
    if ((end.offset ?? 0) <= startOffset) return;
    const position: Position = { start: this.lines.point(frame.firstLine, startOffset), end };
    const text: Text = {
      type: 'text',
      value: this.text.slice(startOffset, end.offset),
      position,
    };
    (frame.node.children as Nodes[]).push({
      type: 'paragraph',
      children: [text],
      position: { start: { ...position.start }, end: { ...position.end } },
    } as Paragraph);
  }

  /** GFM task item: `[ ]` / `[x]` opening the item's first paragraph sets `checked` and leaves the text. */
  private taskMarker(item: ListItem): void {
    const head = item.children[0];
    if (head?.type !== 'paragraph') return;
    const first = head.children[0];
    if (first?.type !== 'text') return;
    const m = TASK.exec(first.value);
    if (!m) return;
    item.checked = m[1] !== ' ';
    first.value = first.value.slice(m[0].length);
    const start = first.position?.start;
    if (start?.offset !== undefined) {
      const moved = {
        line: start.line,
        column: start.column + m[0].length,
        offset: start.offset + m[0].length,
      };
      first.position!.start = moved;
      head.position!.start = { ...moved };
    }
    if (first.value === '') head.children.shift();
  }

  private inline(token: Token): void {
    const frame = this.top;
    const parent = frame.node;
    let locate: Locator;
    if (parent.type === 'tableCell') {
      const source = frame.cells[0];
      const offsets = source?.content === token.content ? source.offsets : [];
      const fallback = parent.position?.start.offset ?? 0;
      locate = { point: (i) => this.lines.pointAt(cellOffset(offsets, i, fallback)) };
    } else {
      const line = token.map?.[0] ?? 0;
      let from: number | undefined;
      if (parent.type === 'heading' && frame.token.markup.startsWith('#')) {
        from = this.blockStart(line) + frame.token.markup.length - this.lines.start(line);
      }
      locate = ContentLocator.forBlock(this.lines, token.content, line, from);
    }
    const phrasing = convertInline(token.children ?? [], token.content, locate);
    (parent.children as PhrasingContent[]).push(...phrasing);
  }
}

function headingDepth(token: Token): Heading['depth'] {
  const n = Number(token.tag.slice(1));
  return (n >= 1 && n <= 6 ? n : 1) as Heading['depth'];
}

interface Locator {
  point(contentOffset: number): Point;
}

/** A table cell as markdown-it reads it: its inline content, and the text offset of each content character. */
interface RowCell {
  content: string;
  offsets: number[];
  start: number;
  end: number;
}

/** Splits a table row the way markdown-it does (unescaped `|` separate cells, `\|` is a pipe inside one, outer
 *  pipes optional), keeping where each character came from. */
function splitRow(text: string, from: number, to: number): RowCell[] {
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

function cellOffset(offsets: number[], i: number, fallback: number): number {
  if (offsets.length === 0) return fallback;
  if (i < offsets.length) return offsets[Math.max(0, i)]!;
  return offsets[offsets.length - 1]! + 1;
}

/** Maps offsets in an inline token's content to points in the text. The content's lines are the source lines
 *  from `firstLine` on, with container prefixes, indentation and the block's own markers removed. */
class ContentLocator {
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

/** Length of the link destination/title or reference that follows `]` at `at`, 0 if none. */
function linkTailEnd(content: string, at: number): number {
  if (content[at] === '[') {
    const close = content.indexOf(']', at + 1);
    return close === -1 ? at : close + 1;
  }
  if (content[at] !== '(') return at;
  let depth = 0;
  for (let i = at; i < content.length; i++) {
    const c = content[i];
    if (c === '\\') i++;
    else if ((c === '"' || c === "'") && /\s/.test(content[i - 1] ?? '')) {
      const close = content.indexOf(c, i + 1);
      if (close !== -1) i = close;
    } else if (c === '<' && i === skipWhitespace(content, at + 1)) {
      const close = content.indexOf('>', i + 1);
      if (close !== -1) i = close;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return at;
}

function skipWhitespace(content: string, from: number): number {
  let i = from;
  while (i < content.length && /\s/.test(content[i]!)) i++;
  return i;
}

/** End of the `]` that closes the `[` at `open`, skipping nested brackets and escapes. */
function matchingBracket(content: string, open: number): number {
  let depth = 0;
  for (let i = open; i < content.length; i++) {
    const c = content[i];
    if (c === '\\') i++;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i + 1;
  }
  return content.length;
}

/** End of the inline code span whose opening backtick run starts at `at`. */
function codeSpanEnd(content: string, at: number, fence: string): number {
  let i = at + fence.length;
  for (;;) {
    const j = content.indexOf(fence, i);
    if (j === -1) return content.length;
    let k = j + fence.length;
    if (content[k] !== '`' && content[j - 1] !== '`') return k;
    while (content[k] === '`') k++;
    i = k;
  }
}

interface OpenInline {
  node: Parents & { children: PhrasingContent[] };
  token: Token;
}

/** `[text][ref]`, `[text][]` and `[text]` become linkReference nodes, as in remark: G2 treats a link whose text
 *  ends its URL as a bare address, which a reference link never is. */
function asReference(node: OpenInline['node'], content: string, labelEnd: number, tailEnd: number): void {
  const fields = node as unknown as Record<string, unknown>;
  const ref = content[labelEnd] === '[' ? content.slice(labelEnd + 1, tailEnd - 1) : '';
  const label = ref !== '' ? ref : plainLabel(node.children);
  delete fields.url;
  delete fields.title;
  Object.assign(fields, {
    type: 'linkReference',
    identifier: label.replace(/\s+/g, ' ').trim().toLowerCase(),
    label,
    referenceType: content[labelEnd] !== '[' ? 'shortcut' : ref === '' ? 'collapsed' : 'full',
  } satisfies Omit<LinkReference, 'children'>);
}

function plainLabel(children: PhrasingContent[]): string {
  return children
    .map((c) => ('value' in c ? c.value : 'children' in c ? plainLabel(c.children) : ''))
    .join('');
}

/** Inline tokens → phrasing nodes, walking the content with a cursor to give each node its source span. */
function convertInline(tokens: Token[], content: string, locate: Locator): PhrasingContent[] {
  const top: PhrasingContent[] = [];
  const open: OpenInline[] = [];
  let cursor = 0;
  let text: Text | null = null;
  let textStart = 0;

  const siblings = () => (open.length > 0 ? open[open.length - 1]!.node.children : top);
  const find = (needle: string): number => {
    const at = needle === '' ? cursor : content.indexOf(needle, cursor);
    return at === -1 ? cursor : at;
  };
  const span = (start: number, end: number): Position => ({
    start: locate.point(start),
    end: locate.point(end),
  });
  const addText = (value: string, start: number, end: number) => {
    if (text === null) {
      text = { type: 'text', value, position: span(start, end) };
      textStart = start;
      siblings().push(text);
    } else {
      text.value += value;
      text.position = span(textStart, end);
    }
    cursor = end;
  };
  const push = (node: PhrasingContent) => {
    text = null;
    siblings().push(node);
  };
  const openNode = (node: OpenInline['node'], token: Token, start: number) => {
    node.position = span(start, cursor);
    push(node as PhrasingContent);
    open.push({ node, token });
  };
  const closeNode = (end: number) => {
    text = null;
    const done = open.pop();
    if (done?.node.position) done.node.position.end = locate.point(end);
  };

  for (const token of tokens) {
    switch (token.type) {
      case 'text': {
        // Emphasis delimiters that became strong/em leave empty text tokens behind.
        if (token.content === '') break;
        const at = find(token.content);
        addText(token.content, at, at + token.content.length);
        break;
      }
      case 'text_special': {
        const at = find(token.markup);
        addText(token.content, at, at + token.markup.length);
        break;
      }
      case 'softbreak': {
        const nl = content.indexOf('\n', cursor);
        const next = nl === -1 ? cursor : skipSpaces(content, nl + 1, content.length);
        if (text !== null) {
          // Like remark, the text runs to the start of the next line, over the line ending.
          const open = text as Text;
          open.value += '\n';
          if (nl !== -1) {
            const lineEnd = locate.point(nl);
            open.position = {
              start: locate.point(textStart),
              end: { line: lineEnd.line + 1, column: 1, offset: (lineEnd.offset ?? 0) + 1 },
            };
          }
          cursor = next;
        } else {
          addText('\n', cursor, next);
        }
        break;
      }
      case 'hardbreak': {
        const nl = content.indexOf('\n', cursor);
        const end = nl === -1 ? cursor : nl;
        let start = end;
        while (start > cursor && (content[start - 1] === ' ' || content[start - 1] === '\\')) start--;
        const lineEnd = locate.point(end);
        push({
          type: 'break',
          position: {
            start: locate.point(start),
            end: { line: lineEnd.line + 1, column: 1, offset: (lineEnd.offset ?? 0) + 1 },
          },
        });
        cursor = nl === -1 ? cursor : skipSpaces(content, nl + 1, content.length);
        break;
      }
      case 'code_inline': {
        const at = find(token.markup);
        const end = codeSpanEnd(content, at, token.markup || '`');
        push({ type: 'inlineCode', value: token.content, position: span(at, end) } as InlineCode);
        cursor = end;
        break;
      }
      case 'html_inline': {
        const at = find(token.content);
        cursor = at + token.content.length;
        push({ type: 'html', value: token.content, position: span(at, cursor) });
        break;
      }
      case 'em_open':
      case 'strong_open':
      case 's_open': {
        const at = find(token.markup);
        cursor = at + token.markup.length;
        const type =
          token.type === 'em_open' ? 'emphasis' : token.type === 'strong_open' ? 'strong' : 'delete';
        openNode({ type, children: [] } as OpenInline['node'], token, at);
        break;
      }
      case 'em_close':
      case 'strong_close':
      case 's_close': {
        const at = find(token.markup);
        cursor = at + token.markup.length;
        closeNode(cursor);
        break;
      }
      case 'link_open': {
        const auto = token.markup === 'autolink' || token.markup === 'linkify';
        const href = token.attrGet('href') ?? '';
        let at = cursor;
        if (token.markup === 'autolink') at = find('<');
        else if (token.markup !== 'linkify') at = find('[');
        cursor = token.markup === 'linkify' ? at : at + 1;
        const link: Link = {
          type: 'link',
          url: auto ? md.normalizeLinkText(href) : href,
          title: token.attrGet('title'),
          children: [],
        };
        openNode(link as OpenInline['node'], token, at);
        break;
      }
      case 'link_close': {
        const opener = open[open.length - 1];
        if (opener?.token.markup === 'autolink') cursor = find('>') + 1;
        else if (opener?.token.markup !== 'linkify') {
          const labelEnd = find(']') + 1;
          cursor = linkTailEnd(content, labelEnd);
          if (opener && content[labelEnd] !== '(') asReference(opener.node, content, labelEnd, cursor);
        }
        closeNode(cursor);
        break;
      }
      case 'image': {
        const at = find('![');
        const labelEnd = matchingBracket(content, at + 1);
        cursor = linkTailEnd(content, labelEnd);
        push({
          type: 'image',
          url: token.attrGet('src') ?? '',
          title: token.attrGet('title'),
          alt: (token.children ?? []).map((c) => c.content).join(''),
          position: span(at, cursor),
        });
        break;
      }
      default:
        break;
    }
  }
  // Unclosed inline containers cannot come from markdown-it, but a truncated stream must not lose nodes.
  while (open.length > 0) closeNode(cursor);
  return top;
}

/** Parses Markdown into an mdast tree with positions. parseSpec passes LF text with the file's lines; CR and CRLF
 *  line endings are read as LF here too (markdown-it would otherwise shift every offset after them). */
export function parseMarkdown(text: string): Root {
  const lf = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  return new TreeBuilder(lf).build(md.parse(lf, {}));
}
