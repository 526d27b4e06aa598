import type {
  AlignType,
  Blockquote,
  Code,
  Heading,
  Html,
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
import { convertInline } from './inline.js';
import { Lines, type Point, type Position, skipSpaces } from './lines.js';
import { ContentLocator, type Locator } from './locate.js';
import { cellOffset, type RowCell, splitRow } from './table.js';
import { applyTaskMarker } from './task-item.js';
import type { MdToken as Token } from './token.js';

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

/** Block tokens → mdast nodes: a stack of open containers, with each block's start found in the source. */
export class TreeBuilder {
  private readonly lines: Lines;
  private readonly stack: Frame[] = [];
  private quoteDepth = 0;

  constructor(
    private readonly text: string,
    /** How an autolink's or bare link's address becomes its URL (markdown-it's normalizeLinkText); only the
     *  markdown-it path makes link tokens, so the fast scanner never needs it. */
    private readonly normalizeLinkText: (url: string) => string = (url) => url,
  ) {
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
    const style = String(token.attrGet('style') ?? '');
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
      if (node.type === 'listItem') applyTaskMarker(node);
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
    const phrasing = convertInline(token.children ?? [], token.content, locate, this.normalizeLinkText);
    (parent.children as PhrasingContent[]).push(...phrasing);
  }
}

function headingDepth(token: Token): Heading['depth'] {
  const n = Number(token.tag.slice(1));
  return (n >= 1 && n <= 6 ? n : 1) as Heading['depth'];
}
