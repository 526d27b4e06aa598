// Finds where inline constructs end in a token's source content, which markdown-it's tokens do not record.

/** Offset just past the link destination/title or reference that follows `]` at `at`; `at` itself if none. */
export function linkTailEnd(content: string, at: number): number {
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
export function matchingBracket(content: string, open: number): number {
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
export function codeSpanEnd(content: string, at: number, fence: string): number {
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
