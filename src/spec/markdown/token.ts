// The part of a markdown-it token the tree builder reads. markdown-it's own tokens fit it, and so do the ones the
// fast scanner (scan-blocks.ts) makes for the specs it can read without loading markdown-it.

export interface MdToken {
  type: string;
  tag: string;
  /** [first line, line after the last] of a block token, 0-based; null for inline tokens. */
  map: [number, number] | null;
  markup: string;
  info: string;
  content: string;
  children: MdToken[] | null;
  attrGet(name: string): string | number | null;
}
