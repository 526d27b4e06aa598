// The fast readers (src/spec/markdown/scan-blocks.ts, src/spec/yaml-scan.ts) against markdown-it and the yaml
// package: whenever a fast reader accepts a text, what it gives must equal what the library gives — the mdast tree,
// the front-matter data and key positions, the whole Spec and its verdict. They may decline anything; the tests also
// pin that the specs we ship are accepted (else `validate` would load the libraries and lose its start-up).
import { describe, expect, it } from 'vitest';
import { buildSpec, FAST_READERS, type SpecReaders } from '../../src/spec/build-spec.js';
import { locateFrontMatter, scannedYaml } from '../../src/spec/frontmatter.js';
import { yamlPackageReader } from '../../src/spec/frontmatter-yaml.js';
import { TreeBuilder } from '../../src/spec/markdown/block.js';
import { LINK_NEEDLES, mayHoldLink } from '../../src/spec/markdown/link-needles.js';
import { linkNeedles } from '../../src/spec/markdown/link-pretest.js';
import { md } from '../../src/spec/markdown/parser.js';
import { scanBlocks } from '../../src/spec/markdown/scan-blocks.js';
import { parseMarkdown } from '../../src/spec/markdown.js';
import { parseSpec } from '../../src/spec/parse.js';
import { validateSpec } from '../../src/spec/validate.js';
import { mutate, pick, random, randomDocument, repositoryMarkdown } from './fast-scan-corpus.js';

const LIBRARY_READERS: SpecReaders = { yaml: yamlPackageReader, markdown: parseMarkdown };

/** The body parseSpec hands the Markdown parser: front matter lines blanked, line numbers kept. */
function body(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const block = locateFrontMatter(lines);
  if (block)
    for (let i = block.open; i <= (block.close === -1 ? block.open : block.close); i++) lines[i] = '';
  return lines.join('\n');
}

/** Compares the fast tree with markdown-it's when the scanner accepts; returns whether it accepted. */
function treeAgrees(text: string, label: string): boolean {
  const tokens = scanBlocks(text);
  if (tokens === null) return false;
  const fast = new TreeBuilder(text).build(tokens);
  const full = parseMarkdown(text);
  // The label and text make a failure readable: which document, and what it was.
  expect({ label, text, tree: fast }).toStrictEqual({ label, text, tree: full });
  return true;
}

/** Compares the whole Spec and its verdict, fast readers vs libraries only; returns whether the fast ones accepted. */
function specAgrees(text: string, label: string): boolean {
  const fast = buildSpec(FAST_READERS, 'spec.md', text);
  if (fast === null) return false;
  const full = buildSpec(LIBRARY_READERS, 'spec.md', text)!;
  expect({ label, text, spec: JSON.parse(JSON.stringify(fast)) }).toStrictEqual({
    label,
    text,
    spec: JSON.parse(JSON.stringify(full)),
  });
  expect({ label, verdict: validateSpec(fast) }).toStrictEqual({ label, verdict: validateSpec(full) });
  return true;
}

describe('fast Markdown scanner vs markdown-it', () => {
  it('its link needles are exactly the ones built from the bundled linkify-it', () => {
    const built = linkNeedles(md.linkify);
    // linkify-it writes `[a-z0-9\-]`; Biome drops that needless escape from our literal, and our literal spells
    // the Cyrillic TLD with \u escapes (the fast bundle is plain ASCII). Same characters.
    expect(LINK_NEEDLES.source).toBe(
      built.source.replace('0-9\\-]', '0-9-]').replace('\u0440\u0444', '\\u0440\\u0444'),
    );
    expect(LINK_NEEDLES.flags).toBe(built.flags);
  });

  it('its cheap pre-check never says no where the needles match: every BMP character around a dot, 200,000 strings', () => {
    const missed: string[] = [];
    const check = (text: string) => {
      if (!mayHoldLink(text) && LINK_NEEDLES.test(text)) missed.push(text);
    };
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const text of [
        `a.${ch}`,
        `a.${ch}b`,
        `.${ch}${ch}`,
        `x.1${ch}`,
        `x.12${ch}`,
        `${ch}`,
        `a${ch}b.c`,
      ])
        check(text);
    }
    const rand = random(7);
    const alphabet = [
      '.',
      ':',
      '/',
      '@',
      'w',
      'W',
      'l',
      'L',
      'o',
      'c',
      'a',
      'h',
      's',
      't',
      'm',
      'd',
      '1',
      '2',
      ' ',
      'р',
      'ф',
      'x',
      'n',
      '-',
      'K',
      '\u212a',
      'ſ',
      'İ',
    ];
    for (let n = 0; n < 200_000; n++) {
      let text = '';
      for (let k = 1 + Math.floor(rand() * 12); k > 0; k--) text += pick(rand, alphabet);
      check(text);
    }
    for (const word of ['LOCALHOST', 'Www.', 'wWw.x', 'a.ORG', 'a.рф', 'a.РФ', 'a.xn--p1ai', '1.2.3.4'])
      check(word);
    expect(missed).toEqual([]);
  });

  it('agrees on every Markdown file of the repository, and accepts every example and fixture spec', () => {
    const accepted: string[] = [];
    for (const doc of repositoryMarkdown()) if (treeAgrees(body(doc.text), doc.name)) accepted.push(doc.name);
    for (const spec of repositoryMarkdown().filter((d) => /(^|\/)(examples|fixtures)\//.test(d.name))) {
      expect(accepted).toContain(spec.name);
    }
  });

  it('agrees on 10,000 random documents built from edge-case blocks (and accepts over 1,000 of them)', () => {
    let accepted = 0;
    for (let seed = 1; seed <= 10_000; seed++) {
      const rand = random(seed);
      if (treeAgrees(randomDocument(rand, 1 + Math.floor(rand() * 6)), `random seed ${seed}`)) accepted++;
    }
    expect(accepted).toBeGreaterThan(1000);
  });

  it('agrees on 6,000 mutations of the repository documents', () => {
    let accepted = 0;
    const docs = repositoryMarkdown();
    for (let seed = 1; seed <= 6000; seed++) {
      const doc = docs[seed % docs.length]!;
      if (treeAgrees(body(mutate(random(seed), doc.text)), `${doc.name}, mutation seed ${seed}`)) accepted++;
    }
    expect(accepted).toBeGreaterThan(1000);
  });

  it('declines what it does not read, so markdown-it reads it', () => {
    for (const text of [
      '> quote',
      '<div>x</div>',
      'Title\n===',
      '    code',
      '- a\n\n  second paragraph',
      '[x]: https://example.com',
      'a [link](https://example.com)',
      'see README.md',
      'a\tb',
      '```\nunclosed',
      '***bold italic***',
      '| a | b |\n|---|---|\n| one |',
    ]) {
      expect({ text, tokens: scanBlocks(text) }).toEqual({ text, tokens: null });
    }
  });
});

const KEYS = [
  'specmas',
  'kind',
  'id',
  'name',
  'complexity',
  'maturity',
  'owners',
  'tags',
  'true',
  'null',
  'on',
  'a_b',
  'x-y',
];
const SCALARS = [
  'v3',
  'FeatureSpec',
  'product-price-filter',
  'Product price filter',
  'MODERATE',
  '3',
  '0',
  '-0',
  '+12',
  '007',
  '1_000',
  '0x1F',
  '0o17',
  '0b11',
  '1e3',
  '1.5',
  '.5',
  '5.',
  '-1.5e-3',
  '.inf',
  '-.inf',
  '.nan',
  'true',
  'False',
  'TRUE',
  'yes',
  'no',
  'on',
  'null',
  'Null',
  '~',
  'NULL',
  '2026-11-28',
  '12:30',
  'a:b',
  'C#',
  'a #comment',
  "it's",
  '"quoted"',
  "'single'",
  '"with \\"escape\\""',
  "'it''s'",
  '"a: b"',
  '@at',
  '`tick',
  '%pct',
  '&anchor x',
  '*alias',
  '!tag x',
  '|',
  '>',
  'https://example.com',
  'x, y',
  'trailing   ',
  'ünïcödé',
  '日本',
  '- dash',
  '-dash',
  '?q',
  ':colon',
  'value:',
  'a: b',
  '12345678901234567890',
  'a\u00a0b',
  'catalog@example.com',
  '0.1.2',
  '1e',
  '0x',
  '+',
];
const FLOWS = [
  '[catalog, search]',
  '[]',
  '[1, two, 3.5]',
  '[a, [b]]',
  '{a: 1}',
  '[ a , b ]',
  '[a,b,]',
  '[yes, null, ~]',
];

function randomYaml(rand: () => number): string {
  const lines: string[] = [];
  const count = 1 + Math.floor(rand() * 7);
  for (let k = 0; k < count; k++) {
    const key = pick(rand, KEYS);
    const shape = rand();
    if (shape < 0.55) lines.push(`${key}: ${pick(rand, SCALARS)}`);
    else if (shape < 0.65) lines.push(`${key}: ${pick(rand, FLOWS)}`);
    else if (shape < 0.75) {
      lines.push(`${key}:`);
      const indent = pick(rand, ['', '  ', '    ']);
      for (let n = Math.floor(rand() * 3); n >= 0; n--) lines.push(`${indent}- ${pick(rand, SCALARS)}`);
    } else if (shape < 0.88) {
      lines.push(`${key}:`);
      const indent = pick(rand, ['', '  ']);
      for (let n = Math.floor(rand() * 2); n >= 0; n--) {
        lines.push(`${indent}- name: ${pick(rand, SCALARS)}`);
        if (rand() < 0.7) lines.push(`${indent}  email: ${pick(rand, SCALARS)}`);
        // Keys inside an item's map too may be words yaml reads as null or a boolean.
        if (rand() < 0.3) lines.push(`${indent}  ${pick(rand, KEYS)}: ${pick(rand, SCALARS)}`);
        if (rand() < 0.2) lines.push(`${indent}   odd: indent`);
      }
    } else if (shape < 0.93) lines.push(`${key}:`, `  nested: ${pick(rand, SCALARS)}`);
    else if (shape < 0.97) lines.push(pick(rand, ['# a comment', '', '   ', '  # indented comment']));
    else lines.push(`${key}:`);
  }
  return lines.join('\n');
}

describe('fast front-matter reader vs the yaml package', () => {
  it('agrees on 20,000 random front matters (data, key positions, no findings) and accepts over 2,000', () => {
    let accepted = 0;
    for (let seed = 1; seed <= 20_000; seed++) {
      const text = randomYaml(random(seed));
      const fast = scannedYaml(text, 1);
      if (fast === null) continue;
      accepted++;
      const full = yamlPackageReader(text, 1)!;
      expect({ seed, text, read: fast }).toStrictEqual({ seed, text, read: full });
    }
    expect(accepted).toBeGreaterThan(2000);
  });

  it('declines duplicates, anchors, nested maps and special floats, which yaml reports or resolves itself', () => {
    for (const text of [
      'a: 1\na: 2',
      'a: &x 1',
      'a:\n  b: 1',
      'a: .inf',
      'a: 1 # note',
      'a: "x\\ty"',
      'a:\tb',
    ]) {
      expect({ text, read: scannedYaml(text, 1) }).toEqual({ text, read: null });
    }
  });
});

describe('whole specs: fast readers vs the libraries', () => {
  it('give the same Spec and verdict on every spec-like file of the repository and 3,000 mutations of them', () => {
    const docs = repositoryMarkdown();
    let accepted = 0;
    for (const doc of docs) if (specAgrees(doc.text, doc.name)) accepted++;
    for (let seed = 1; seed <= 3000; seed++) {
      const doc = docs[seed % docs.length]!;
      if (specAgrees(mutate(random(seed), doc.text), `${doc.name}, mutation seed ${seed}`)) accepted++;
    }
    expect(accepted).toBeGreaterThan(500);
  });

  it('parseSpec reads a spec the fast readers decline with the libraries, and one they accept the same way', () => {
    const declined = '---\nid: x\nname: &n Named\n---\n# Overview\n\n> A quote.\n';
    expect(buildSpec(FAST_READERS, 'a.md', declined)).toBeNull();
    expect(parseSpec('a.md', declined)).toStrictEqual(buildSpec(LIBRARY_READERS, 'a.md', declined));
  });
});

describe('fast Markdown scanner on hostile input', () => {
  it('reads a paragraph of a thousand unmatched backtick runs of different lengths as markdown-it does', () => {
    // Each run has a length no other run has, so none closes: without a record of which lengths occur later, every
    // opener would scan the rest of the paragraph (quadratic in the number of runs).
    const text = Array.from({ length: 1000 }, (_, k) => `${'`'.repeat(k + 1)}a`).join(' ');
    expect(treeAgrees(text, 'unmatched backtick runs')).toBe(true);
  });
});
