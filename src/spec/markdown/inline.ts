import type { InlineCode, Link, LinkReference, Parents, PhrasingContent, Text } from 'mdast';
import { codeSpanEnd, linkTailEnd, matchingBracket } from './inline-scan.js';
import { type Position, skipSpaces } from './lines.js';
import type { Locator } from './locate.js';
import { md, type Token } from './parser.js';

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

export function convertInline(tokens: Token[], content: string, locate: Locator): PhrasingContent[] {
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
