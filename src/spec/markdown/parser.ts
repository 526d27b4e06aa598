// The one configured markdown-it instance: options and nesting limits every parse shares.

import MarkdownIt from 'markdown-it';
import { guardLinkPretest } from './link-pretest.js';

export type Token = ReturnType<MarkdownIt['parse']>[number];

/** Block token levels markdown-it builds before it stops nesting (a list level costs two: list + item). Deep
 *  enough for a 500-level nested list; the block parser recurses per level, and this bound keeps it far from the
 *  stack limit. */
export const MAX_NESTING = 1200;
/** Inline nesting (links in emphasis in …) keeps markdown-it's default: each unmatched `[` costs work in
 *  proportion to it, so 1200 would make a line of brackets 12× slower, and prose never nests 100 deep. */
const INLINE_NESTING = 100;

// maxNesting is a real option that @types/markdown-it does not declare; a variable avoids the literal check.
const options = { html: true, linkify: true, maxNesting: MAX_NESTING };
export const md = new MarkdownIt('default', options);
// Same links found, without compiling linkify-it's largest regex for text that cannot hold one (link-pretest.ts).
guardLinkPretest(md.linkify);
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
