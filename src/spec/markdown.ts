// Markdown → mdast, built from markdown-it's token stream.
//
// Why not remark (unified + remark-parse + remark-gfm, which the design card named): micromark took ≈8.7 ms for
// a 5 KB spec, ≈40× markdown-it's ≈0.2 ms (≈0.35 ms with the tree building below), and the product target is
// 1,000 specs validated in under 2 s in one process. The rest of src/spec reads mdast, so this module
// produces the mdast shapes it relies on: block nodes and text nodes with line, column and offset positions
// in the parsed text (G2 reports vague words at their line:column by slicing the text between a text node's
// offsets), GFM task items (`checked`), tables, strikethrough and bare-URL links (via linkify; a bare
// `www.x.com` or `x.com` counts as a link too).
//
// Limits, on purpose: container nesting deeper than MAX_NESTING levels is not parsed into structure; the deepest
// container's content becomes one plain paragraph (still prose, still positioned). Link reference definitions
// (`[x]: https://…`) leave no node, as markdown-it consumes them. Never throws on any input.
//
// The work is split under ./markdown/: parser.ts configures markdown-it, block.ts builds block nodes from its
// token stream, inline.ts builds phrasing nodes, and lines.ts, locate.ts and table.ts map token content back to
// source positions.

import type { Root } from 'mdast';
import { TreeBuilder } from './markdown/block.js';
import { md } from './markdown/parser.js';

export { MAX_NESTING } from './markdown/parser.js';

/** Parses Markdown into an mdast tree with positions. parseSpec passes LF text with the file's lines; CR and CRLF
 *  line endings are read as LF here too (markdown-it would otherwise shift every offset after them). */
export function parseMarkdown(text: string): Root {
  const lf = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  return new TreeBuilder(lf, (url) => md.normalizeLinkText(url)).build(md.parse(lf, {}));
}
