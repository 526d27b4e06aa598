// Documents the fast spec scanner is held to markdown-it and yaml on: every Markdown file of the repository and of
// ../shared, the spec texts the unit tests use, and seeded random documents and mutations built from a palette of
// constructs chosen to sit on the edges of what the scanner accepts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const SKIP = new Set(['node_modules', '.git', 'dist', 'coverage']);

function markdownFiles(dir: string, out: string[]): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names.sort()) {
    if (SKIP.has(name) || name.startsWith('.dist-build')) continue;
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) markdownFiles(path, out);
    else if (name.endsWith('.md')) out.push(path);
  }
  return out;
}

/** Every .md file of the repository (tests, docs, examples, prompts) and of ../shared. */
export function repositoryMarkdown(): Array<{ name: string; text: string }> {
  const files = [...markdownFiles(ROOT, []), ...markdownFiles(join(ROOT, '..', 'shared'), [])];
  return files.map((path) => ({ name: path.slice(ROOT.length + 1), text: readFileSync(path, 'utf8') }));
}

/** Small deterministic PRNG (mulberry32), so a failure names a seed that reproduces it. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

/** One to `most` pieces, picked at random and joined: the texts the prefilter and word-list tests try. */
export function randomPieces(rand: () => number, pieces: readonly string[], most: number): string {
  let text = '';
  for (let k = 1 + Math.floor(rand() * most); k > 0; k--) text += pick(rand, pieces);
  return text;
}

/** Markdown blocks, common and odd, each one or more lines. */
export const BLOCKS: readonly string[] = [
  '# Overview',
  '## User Stories',
  '### FR-1: Filter products by price range',
  '#### Deep heading',
  '# Heading with trailing hashes ##',
  '#NoSpace',
  '# C#',
  '####### seven',
  'Shoppers browsing the product catalog need to narrow the list.',
  'A paragraph with `code`, `` double `tick` code ``, and an unmatched ` tick.',
  'Line one\ncontinues here\n   and indented here.',
  'Trailing spaces  \nmake a hard break.',
  'One trailing space \nmakes a soft break.',
  'The `products.price_cents` column and price_cents in prose.',
  'See README.md and docs/spec-format.md for more.',
  'Visit https://example.com or www.example.com or mail someone@example.com.',
  'TLS 1.2 and version 10.0.3 and e.g. this, i.e. that.',
  'Some *emphasis*, **strong**, _under_, __double__ and ~~strike~~ and ~tilde.',
  'A [link](https://x.y) and ![image](a.png) and [ref][x] and [shortcut] and [ ] brackets.',
  '[x]: https://example.com/defined',
  'Entities &amp; &copy; & bare ampersand; escapes \\* and \\_ and \\\\.',
  'Inline <span>html</span> and <https://auto.link>.',
  '<div>\nhtml block\n</div>',
  '> A quote\n> continued',
  '---',
  '***',
  '___',
  '- - -',
  '* * *',
  'Setext heading\n===',
  'Setext two\n---',
  '- As a shopper, I want to set a price.\n- As a shopper, I want the range kept.',
  '- item one\n  continued\n- item two\nlazy continuation',
  '* star item\n* another',
  '+ plus item',
  '- [ ] AT-1: Given a catalog, When listed, Then shown.\n- [x] AT-2: done item\n- [X] AT-3: Done too',
  '1. first\n2. second\n3. third',
  '3. starts at three\n4. four',
  '1) paren one\n2) paren two',
  '- outer\n  - nested\n    - deeper',
  '- item\n\n  second paragraph in item',
  '- loose one\n\n- loose two',
  '-    four spaces\n-     five spaces',
  '-\n  empty first line',
  '- item\n# heading right after',
  '- item\n---',
  '- item\n2. ordered after',
  '- item\n> quote after',
  'Paragraph\n- list interrupts',
  'Paragraph\n2. does not interrupt',
  'Paragraph\n1. interrupts',
  '```ts\nconst x = 1;\n```',
  '```\nno info\n```',
  '~~~yaml\nkey: value\n~~~',
  '````md\n```\nnested fence\n```\n````',
  '```unclosed\nrest of doc',
  '    indented code',
  '| Data | Source | Sensitivity |\n|------|--------|-------------|\n| Product price (`price_cents`) | `products` table | public |',
  '| Left | Center | Right |\n|:-----|:------:|------:|\n| a | b | c |',
  '| A | B |\n|---|---|\n| only one |',
  '| A | B |\n|---|---|\n| one | two | three |',
  'A | B\n--- | ---\nc | d',
  '| A | B |\n|---|---|\nno pipes row',
  '| pipe \\| escaped | b |\n|---|---|\n| c | d |',
  '| A |\n|---|',
  'Price ≥ 0 — “quotes” and ünïcödé and 日本語 text.',
  'Non\u00a0breaking\u00a0space and\u00a0trailing\u00a0',
  'Tab\tinside',
  'Ends with a backslash\\',
  'Given products priced 500, When listed, Then only 2500 returned.',
  'Validation Criteria:',
  '- `minPrice=5000&maxPrice=1000` returns HTTP 400 with error code `INVALID_PRICE_RANGE`.',
  '  indented paragraph start',
  '1.5 ms is the budget.',
  '#hashtag not heading',
  '= equals line',
  '[ ] bracket paragraph',
  'snake_case_name and __init__ and _leading and trailing_',
  'A line with a pipe | in it.',
  '- **Validation Criteria:**\n  - Given input, When processed, Then output.\n  - Given more, Then more.',
  '- a\n  - b\n- c',
  '1. a\n   1. b\n2. c',
  '- a\n  2. b',
  '- a\n  - b\n  c lazy',
  '- a\n  - b\nlazy at zero',
  '- a\n  - b\n    - c\n- d',
  '- a\n   - b three spaces',
  '- a\n    - b four spaces',
  '- a\n  * other marker\n  - back',
  '- a\n  - b\n\n  - c after blank',
  '- a\n  - b\n  more text in a',
  'Given max price < min price, When 3 < 4 & 5 > 2, Then ok.',
  'Inline <b>tag</b> and <!-- comment --> and &nbsp; and &#123; and a < b.',
  '<!-- A comment block\nover two lines -->',
  '<!-- one line comment -->',
  '**Bold start** then text, and **bold end**',
  'Math 2 * 3 * 4 and a*b*c and *em* and **strong** and ***both***',
  '**unclosed bold and *mixed**',
  '**A:** colon inside and **(parens)** and x**y**z',
];

/** A document of `count` random blocks, separated by one blank line, two, or none. */
export function randomDocument(rand: () => number, count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    parts.push(pick(rand, BLOCKS));
    parts.push(pick(rand, ['\n\n', '\n\n', '\n\n', '\n', '\n\n\n']));
  }
  return parts.join('');
}

const CHARS = [
  '*',
  '_',
  '[',
  ']',
  '(',
  ')',
  '<',
  '>',
  '&',
  '\\',
  '|',
  '`',
  '#',
  '~',
  '!',
  '-',
  '+',
  '=',
  ':',
  '.',
  '@',
  ' ',
  '\t',
  '1',
  'a',
  '\u00a0',
  '/',
];

/** One to three random edits of `text`: lines deleted, repeated, indented, given trailing spaces, characters
 *  replaced, blocks inserted. */
export function mutate(rand: () => number, text: string): string {
  const lines = text.split('\n');
  const edits = 1 + Math.floor(rand() * 3);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * lines.length);
    const line = lines[at] ?? '';
    switch (Math.floor(rand() * 8)) {
      case 0:
        lines.splice(at, 1);
        break;
      case 1:
        lines.splice(at, 0, line);
        break;
      case 2:
        lines[at] = ' '.repeat(1 + Math.floor(rand() * 5)) + line;
        break;
      case 3:
        lines[at] = `${line}${pick(rand, [' ', '  ', '\u00a0'])}`;
        break;
      case 4: {
        const c = Math.floor(rand() * (line.length + 1));
        lines[at] = line.slice(0, c) + pick(rand, CHARS) + line.slice(c + 1);
        break;
      }
      case 5:
        lines.splice(at, 0, ...pick(rand, BLOCKS).split('\n'));
        break;
      case 6:
        lines.splice(at, 0, '');
        break;
      default:
        if (at + 1 < lines.length) lines.splice(at, 2, `${line} ${lines[at + 1]}`);
        break;
    }
  }
  return lines.join('\n');
}
