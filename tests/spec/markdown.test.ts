import type { Code, Heading, List, ListItem, Nodes, Parents, Root, Table, Text } from 'mdast';
import { describe, expect, it } from 'vitest';
import { vagueTerms } from '../../src/spec/gates/g2-semantic.js';
import { parseMarkdown } from '../../src/spec/markdown.js';
import { parseSpec } from '../../src/spec/parse.js';
import { validateSpec } from '../../src/spec/validate.js';
import { LONG_OVERVIEW, spec } from './helpers.js';

/** Every node of a tree in document order. */
function nodes(root: Root): Nodes[] {
  const out: Nodes[] = [];
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    out.push(node);
    if ('children' in node) {
      const children = (node as Parents).children as Nodes[];
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  return out;
}

function ofType<T extends Nodes['type']>(root: Root, type: T): Extract<Nodes, { type: T }>[] {
  return nodes(root).filter((n): n is Extract<Nodes, { type: T }> => n.type === type);
}

/** 1-based line and column of the n-th occurrence of a needle in the source: the truth positions are checked against. */
function where(source: string, needle: string, nth = 0): { line: number; column: number; offset: number } {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = source.indexOf(needle, offset + 1);
  if (offset === -1) throw new Error(`${needle} not in source`);
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1, offset };
}

function startOf(node: Nodes): { line: number; column: number; offset: number } {
  const s = node.position!.start;
  return { line: s.line, column: s.column, offset: s.offset! };
}

const DOC = [
  '# Title should #', // 1
  '',
  'Intro is *good* and **fast**, ~~maybe~~ done.', // 3
  '',
  '- [ ] AT-1: Given a,', // 5
  '  When b could,',
  '  Then c.',
  '  - [x] nested better', // 8
  '    1. deep TODO',
  '- plain [link good](https://example.com/fast) and `code should`', // 10
  '',
  '```js meta here', // 12
  '# not a heading',
  '---',
  'should stay code',
  '```',
  '',
  '| Col might | B |', // 18
  '| :-- | --: |',
  '| x \\| ASAP | y |',
  '',
  'Setext good', // 22
  '-----------',
  '',
].join('\n');

describe('parseMarkdown block nodes', () => {
  const root = parseMarkdown(DOC);

  it('gives headings their depth and the position of their marker, and ignores headings inside code', () => {
    const headings = ofType(root, 'heading') as Heading[];
    expect(headings.map((h) => [h.depth, h.position!.start.line, h.position!.start.column])).toEqual([
      [1, 1, 1],
      [2, 22, 1],
    ]);
    expect(headings[0]!.position!.end).toMatchObject({ line: 1, column: 17 });
    // A setext heading ends with its underline.
    expect(headings[1]!.position!.end).toMatchObject({ line: 23, column: 12 });
    expect(ofType(root, 'thematicBreak')).toEqual([]);
  });

  it('builds nested lists with task states, marker positions and the marker stripped from the text', () => {
    const items = ofType(root, 'listItem') as ListItem[];
    expect(items.map((i) => [i.checked, startOf(i).line, startOf(i).column])).toEqual([
      [false, 5, 1],
      [true, 8, 3],
      [null, 9, 5],
      [null, 10, 1],
    ]);
    const lists = ofType(root, 'list') as List[];
    expect(lists.map((l) => [l.ordered, startOf(l).line, startOf(l).column])).toEqual([
      [false, 5, 1],
      [false, 8, 3],
      [true, 9, 5],
    ]);
    const first = items[0]!.children[0]!;
    expect(first.type).toBe('paragraph');
    const text = (first as { children: Text[] }).children[0]!;
    expect(text.value).toBe('AT-1: Given a,\nWhen b could,\nThen c.');
    expect(startOf(text)).toEqual(where(DOC, 'AT-1'));
    // The first item ends where its nested list ends.
    expect(items[0]!.position!.end).toMatchObject({ line: 9, column: 17 });
  });

  it('reads a fenced block as one code node with lang, meta and its raw lines', () => {
    const [code] = ofType(root, 'code') as Code[];
    expect(code).toMatchObject({
      lang: 'js',
      meta: 'meta here',
      value: '# not a heading\n---\nshould stay code',
    });
    expect(code!.position!.start).toMatchObject({ line: 12, column: 1 });
    expect(code!.position!.end).toMatchObject({ line: 16, column: 4 });
  });

  it('reads tables with alignment, and cell text where it is written (escaped pipes included)', () => {
    const [table] = ofType(root, 'table') as Table[];
    expect(table!.align).toEqual(['left', 'right']);
    expect(table!.children.map((r) => r.children.length)).toEqual([2, 2]);
    const cell = table!.children[1]!.children[0]!;
    const text = cell.children[0] as Text;
    expect(text.value).toBe('x | ASAP');
    expect(startOf(text)).toEqual(where(DOC, 'x \\| ASAP'));
    expect(DOC.slice(text.position!.start.offset, text.position!.end.offset)).toBe('x \\| ASAP');
  });

  it('marks indented code as code too', () => {
    const [code] = ofType(parseMarkdown('Text.\n\n    indented should\n    TODO\n'), 'code') as Code[];
    expect(code).toMatchObject({ lang: null, value: 'indented should\nTODO' });
  });
});

describe('parseMarkdown inline nodes', () => {
  const root = parseMarkdown(DOC);
  const texts = ofType(root, 'text') as Text[];

  it('puts every text node at the source text it came from', () => {
    for (const text of texts) {
      const { start, end } = text.position!;
      const slice = DOC.slice(start.offset, end.offset);
      // Continuation lines lose their indentation in the value, and escapes their backslash.
      expect(slice.replace(/[ \t]*\n[ \t]*/g, '\n').replace(/\\\|/g, '|'), text.value).toBe(text.value);
      // Line and column agree with the offset.
      const lineStart =
        DOC.split('\n')
          .slice(0, start.line - 1)
          .join('\n').length + (start.line > 1 ? 1 : 0);
      expect(lineStart + start.column - 1, text.value).toBe(start.offset);
    }
  });

  it('keeps emphasis, strong and strikethrough as nodes with their text inside', () => {
    const types = ['emphasis', 'strong', 'delete'] as const;
    expect(types.map((t) => ofType(root, t).length)).toEqual([1, 1, 1]);
    const fast = texts.find((t) => t.value === 'fast')!;
    expect(startOf(fast)).toEqual(where(DOC, 'fast**'));
    expect(startOf(texts.find((t) => t.value === 'maybe')!)).toEqual(where(DOC, 'maybe'));
  });

  it('keeps inline code and link URLs out of text nodes', () => {
    expect(ofType(root, 'inlineCode').map((c) => c.value)).toEqual(['code should']);
    const [link] = ofType(root, 'link');
    expect(link!.url).toBe('https://example.com/fast');
    expect(startOf(link!.children[0]!)).toEqual(where(DOC, 'link good'));
    expect(texts.some((t) => t.value.includes('example.com') || t.value.includes('code should'))).toBe(false);
  });

  it('finds text after escapes, entities, hard breaks and autolinks at its real column', () => {
    const source =
      'Escaped \\*x\\* &amp; y should  \nnext could\\\nlast <https://a.io/b> and https://c.io/good maybe\n';
    const tree = parseMarkdown(source);
    const all = ofType(tree, 'text') as Text[];
    expect(all[0]!.value).toBe('Escaped *x* & y should');
    expect(ofType(tree, 'break')).toHaveLength(2);
    const links = ofType(tree, 'link');
    expect(links.map((l) => l.url)).toEqual(['https://a.io/b', 'https://c.io/good']);
    const maybe = all.find((t) => t.value.includes('maybe'))!;
    expect(startOf(maybe).line).toBe(3);
    expect(maybe.position!.end.column).toBe(where(source, 'maybe').column + 'maybe'.length);
    expect(startOf(all.find((t) => t.value === 'next could')!)).toEqual(where(source, 'next could'));
  });

  it('keeps reference links apart from links whose URL ends in their text', () => {
    const tree = parseMarkdown(
      'See [fast][r] and [good].\n\n[r]: https://x.io/fast\n[good]: https://x.io/good\n',
    );
    expect(ofType(tree, 'linkReference').map((l) => [l.referenceType, l.identifier])).toEqual([
      ['full', 'r'],
      ['shortcut', 'good'],
    ]);
    expect(ofType(tree, 'link')).toEqual([]);
  });
});

describe('parseMarkdown robustness', () => {
  it('reads CR and CRLF line endings like LF', () => {
    const crlf = parseMarkdown(DOC.replace(/\n/g, '\r\n'));
    expect(crlf).toEqual(parseMarkdown(DOC));
  });

  it('reports vague words at the same line and column for a CRLF spec as for its LF twin', () => {
    const body = `${LONG_OVERVIEW}\n- [ ] item should\n  - nested *could* be\n\n| a | maybe |\n|---|---|\n`;
    const lf = vagueTerms(spec(body, { maturity: 2 }));
    const crlfSource = spec(body, { maturity: 2 }).source.replace(/\n/g, '\r\n');
    const crlf = vagueTerms(parseSpec('spec.md', crlfSource));
    expect(lf.map((v) => v.term)).toEqual(['should', 'could', 'maybe']);
    expect(crlf).toEqual(lf);
    const lines = crlfSource.split('\r\n');
    for (const v of lf) expect(lines[v.line - 1]!.slice(v.column - 1).startsWith(v.term)).toBe(true);
  });

  it('never throws on malformed or pathological input', () => {
    const inputs = [
      '',
      '\n\n\n',
      '[',
      '[]()',
      '![',
      '`',
      '``` unclosed\n# x',
      '| a |\n|---|\n| b | c | d |',
      '- [ ]',
      '> > > >',
      '*'.repeat(500),
      '['.repeat(2000),
      '<div>\n',
      '#',
      '\t- a\n\t\t- b should',
      'a\u0000b',
    ];
    for (const input of inputs) expect(() => parseMarkdown(input), JSON.stringify(input)).not.toThrow();
  });

  it('keeps list content past the nesting limit as positioned plain text', () => {
    let nested = '';
    for (let i = 0; i < 700; i++) nested += `${'  '.repeat(i)}- level ${i} should\n`;
    const body = `${LONG_OVERVIEW}\n${nested}`;
    const s = spec(body, { maturity: 2 });
    const found = vagueTerms(s);
    // One per level: the first ~600 as list items, the rest inside the deepest item's plain paragraph.
    expect(found).toHaveLength(700);
    const lines = s.source.split('\n');
    for (const v of [found[0]!, found[599]!, found[650]!, found[699]!]) {
      expect(lines[v.line - 1]!.slice(v.column - 1).startsWith('should')).toBe(true);
    }
    expect(validateSpec(s).findings.filter((f) => f.rule === 'vague-term')).toHaveLength(700);
  });

  it('handles 5,000 nested block quotes without overflowing the stack', () => {
    const tree = parseMarkdown(`${'>'.repeat(5000)} deep should\n`);
    const texts = ofType(tree, 'text') as Text[];
    expect(texts.some((t) => t.value.includes('deep should'))).toBe(true);
  });
});
