// Markdown → mdast without markdown-it, for the plain Markdown most specs are written in (markdown/scan-blocks.ts);
// null when the text needs markdown-it. The tree is built by the same TreeBuilder from markdown-it-shaped tokens, so
// an accepted text gives the very tree parseMarkdown gives (tests/spec/fast-scan.test.ts).
import type { Root } from 'mdast';
import { TreeBuilder } from './markdown/block.js';
import { scanBlocks } from './markdown/scan-blocks.js';

export function scanMarkdown(text: string): Root | null {
  const lf = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  const tokens = scanBlocks(lf);
  return tokens === null ? null : new TreeBuilder(lf).build(tokens);
}
