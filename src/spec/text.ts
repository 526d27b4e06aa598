// Small text helpers shared by the parser and the gates.
import type { Nodes, Parents } from 'mdast';

/** Heading text → section key: lowercase, `&` → `and`, other runs → `_`. Leading numbering ("2. ") is dropped
 *  because real specs often number their sections. */
export function headingKey(text: string): string {
  return text
    .replace(/^\s*\d+(?:\.\d+)*[.)]?\s+/, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** How many spaces a line starts with (the fast readers refuse tabs before they measure). */
export function indentOf(line: string): number {
  let i = 0;
  while (line.charCodeAt(i) === 0x20) i++;
  return i;
}

const BLOCKS = new Set(['paragraph', 'heading', 'listItem', 'tableCell', 'blockquote', 'code']);

// The extractors ask for the text of the same node several times (a section, then its items); trees are
// never changed after parsing, so each node's text is computed once.
const plainTextCache = new WeakMap<Nodes, string>();

/** Concatenated text of a node, iterative so that deeply nested input cannot overflow the stack. */
export function plainText(node: Nodes): string {
  const cached = plainTextCache.get(node);
  if (cached !== undefined) return cached;
  const text = computePlainText(node);
  plainTextCache.set(node, text);
  return text;
}

function computePlainText(node: Nodes): string {
  const out: string[] = [];
  // null marks the end of a block, where a space keeps the words of adjacent blocks apart
  const stack: Array<Nodes | null> = [node];
  while (stack.length > 0) {
    const current = stack.pop();
    if (current === null || current === undefined) {
      out.push(' ');
      continue;
    }
    if (current.type === 'html') continue;
    if ('value' in current && typeof current.value === 'string') {
      out.push(current.value);
      if (current.type === 'code') out.push(' ');
      continue;
    }
    if ('children' in current) {
      if (BLOCKS.has(current.type)) stack.push(null);
      const children = (current as Parents).children as Nodes[];
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  const text = out.join('');
  // Most item texts are one line with single spaces, where the collapse changes nothing yet still builds a new
  // string: it runs only when there is something to collapse.
  return (NEEDS_COLLAPSE.test(text) ? text.replace(/\s+/g, ' ') : text).trim();
}

/** Two whitespace characters in a row, or one that is not a plain space. */
const NEEDS_COLLAPSE = /\s\s|[^\S ]/;

/** Offsets at which each line starts (0-based line index). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line/column of an offset, by binary search over line starts. */
export function offsetToPos(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

/** First line of a text, trimmed and shortened for titles. */
export function firstLine(text: string, max = 160): string {
  const line = (text.split('\n').find((l) => l.trim() !== '') ?? '').trim();
  return line.length > max ? line.slice(0, max - 1) + '…' : line;
}
