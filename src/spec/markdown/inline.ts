import type { InlineCode, Link, LinkReference, Parents, PhrasingContent, Text } from 'mdast';
import { codeSpanEnd, linkTailEnd, matchingBracket } from './inline-scan.js';
import { type Position, skipSpaces } from './lines.js';
import type { Locator } from './locate.js';
import type { MdToken as Token } from './token.js';

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

/** The phrasing nodes of one inline token stream, each with its position in `content`. */
export function convertInline(
  tokens: Token[],
  content: string,
  locate: Locator,
  normalizeLinkText: (url: string) => string,
): PhrasingContent[] {
  const tree = new InlineTree(content, locate, normalizeLinkText);
  for (let i = 0; i < tokens.length; i++) tree.add(tokens[i]!);
  return tree.finish();
}

/**
 * Builds the nodes token by token. markdown-it's inline tokens carry no offsets, so a cursor walks `content`
 * alongside them: each token is found at or after the cursor, and the cursor moves past it.
 */
class InlineTree {
  private readonly top: PhrasingContent[] = [];
  private readonly open: OpenInline[] = [];
  private cursor = 0;
  /** The text node still being extended, if the last node added was text. */
  private text: Text | null = null;
  private textStart = 0;
  private readonly content: string;
  private readonly locate: Locator;
  private readonly normalizeLinkText: (url: string) => string;

  constructor(content: string, locate: Locator, normalizeLinkText: (url: string) => string) {
    this.content = content;
    this.locate = locate;
    this.normalizeLinkText = normalizeLinkText;
  }

  add(token: Token): void {
    switch (token.type) {
      case 'text':
        // Emphasis delimiters that became strong/em leave empty text tokens behind.
        if (token.content !== '') this.addFound(token.content, token.content);
        break;
      case 'text_special':
        this.addFound(token.content, token.markup);
        break;
      case 'softbreak':
        this.softbreak();
        break;
      case 'hardbreak':
        this.hardbreak();
        break;
      case 'code_inline':
        this.codeInline(token);
        break;
      case 'html_inline': {
        const at = this.find(token.content);
        this.cursor = at + token.content.length;
        this.push({ type: 'html', value: token.content, position: this.span(at, this.cursor) });
        break;
      }
      case 'em_open':
      case 'strong_open':
      case 's_open':
        this.delimiterOpen(token);
        break;
      case 'em_close':
      case 'strong_close':
      case 's_close':
        this.cursor = this.find(token.markup) + token.markup.length;
        this.closeNode(this.cursor);
        break;
      case 'link_open':
        this.linkOpen(token);
        break;
      case 'link_close':
        this.linkClose();
        break;
      case 'image':
        this.image(token);
        break;
      default:
        break;
    }
  }

  finish(): PhrasingContent[] {
    // Unclosed inline containers cannot come from markdown-it, but a truncated stream must not lose nodes.
    while (this.open.length > 0) this.closeNode(this.cursor);
    return this.top;
  }

  private siblings(): PhrasingContent[] {
    return this.open.length > 0 ? this.open[this.open.length - 1]!.node.children : this.top;
  }

  private find(needle: string): number {
    const at = needle === '' ? this.cursor : this.content.indexOf(needle, this.cursor);
    return at === -1 ? this.cursor : at;
  }

  private span(start: number, end: number): Position {
    return { start: this.locate.point(start), end: this.locate.point(end) };
  }

  /** Text whose source is `source` (the value itself, or an escape's markup), found from the cursor on. */
  private addFound(value: string, source: string): void {
    const at = this.find(source);
    this.addText(value, at, at + source.length);
  }

  private addText(value: string, start: number, end: number): void {
    if (this.text === null) {
      this.text = { type: 'text', value, position: this.span(start, end) };
      this.textStart = start;
      this.siblings().push(this.text);
    } else {
      this.text.value += value;
      this.text.position = this.span(this.textStart, end);
    }
    this.cursor = end;
  }

  private push(node: PhrasingContent): void {
    this.text = null;
    this.siblings().push(node);
  }

  private openNode(node: OpenInline['node'], token: Token, start: number): void {
    node.position = this.span(start, this.cursor);
    this.push(node as PhrasingContent);
    this.open.push({ node, token });
  }

  private closeNode(end: number): void {
    this.text = null;
    const done = this.open.pop();
    if (done?.node.position) done.node.position.end = this.locate.point(end);
  }

  /** The point at the start of the line after the one ending at `nl` (the offset of its '\n'). */
  private nextLineStart(nl: number): Position['end'] {
    const lineEnd = this.locate.point(nl);
    return { line: lineEnd.line + 1, column: 1, offset: (lineEnd.offset ?? 0) + 1 };
  }

  private softbreak(): void {
    const { content, cursor } = this;
    const nl = content.indexOf('\n', cursor);
    const next = nl === -1 ? cursor : skipSpaces(content, nl + 1, content.length);
    if (this.text === null) {
      this.addText('\n', cursor, next);
      return;
    }
    // Like remark, the text runs to the start of the next line, over the line ending.
    this.text.value += '\n';
    if (nl !== -1)
      this.text.position = { start: this.locate.point(this.textStart), end: this.nextLineStart(nl) };
    this.cursor = next;
  }

  private hardbreak(): void {
    const { content, cursor } = this;
    const nl = content.indexOf('\n', cursor);
    const end = nl === -1 ? cursor : nl;
    let start = end;
    while (start > cursor && (content[start - 1] === ' ' || content[start - 1] === '\\')) start--;
    this.push({ type: 'break', position: { start: this.locate.point(start), end: this.nextLineStart(end) } });
    this.cursor = nl === -1 ? cursor : skipSpaces(content, nl + 1, content.length);
  }

  private codeInline(token: Token): void {
    const at = this.find(token.markup);
    const end = codeSpanEnd(this.content, at, token.markup || '`');
    this.push({ type: 'inlineCode', value: token.content, position: this.span(at, end) } as InlineCode);
    this.cursor = end;
  }

  private delimiterOpen(token: Token): void {
    const at = this.find(token.markup);
    this.cursor = at + token.markup.length;
    const type = token.type === 'em_open' ? 'emphasis' : token.type === 'strong_open' ? 'strong' : 'delete';
    this.openNode({ type, children: [] } as OpenInline['node'], token, at);
  }

  private linkOpen(token: Token): void {
    const auto = token.markup === 'autolink' || token.markup === 'linkify';
    const href = String(token.attrGet('href') ?? '');
    let at = this.cursor;
    if (token.markup === 'autolink') at = this.find('<');
    else if (token.markup !== 'linkify') at = this.find('[');
    this.cursor = token.markup === 'linkify' ? at : at + 1;
    const link: Link = {
      type: 'link',
      url: auto ? this.normalizeLinkText(href) : href,
      title: attrString(token, 'title'),
      children: [],
    };
    this.openNode(link as OpenInline['node'], token, at);
  }

  private linkClose(): void {
    const opener = this.open[this.open.length - 1];
    if (opener?.token.markup === 'autolink') this.cursor = this.find('>') + 1;
    else if (opener?.token.markup !== 'linkify') {
      const labelEnd = this.find(']') + 1;
      this.cursor = linkTailEnd(this.content, labelEnd);
      if (opener && this.content[labelEnd] !== '(')
        asReference(opener.node, this.content, labelEnd, this.cursor);
    }
    this.closeNode(this.cursor);
  }

  private image(token: Token): void {
    const at = this.find('![');
    const labelEnd = matchingBracket(this.content, at + 1);
    this.cursor = linkTailEnd(this.content, labelEnd);
    this.push({
      type: 'image',
      url: String(token.attrGet('src') ?? ''),
      title: attrString(token, 'title'),
      alt: (token.children ?? []).map((c) => c.content).join(''),
      position: this.span(at, this.cursor),
    });
  }
}

function attrString(token: Token, name: string): string | null {
  const value = token.attrGet(name);
  return value === null ? null : String(value);
}
