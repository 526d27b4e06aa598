// The needle check in front of linkify-it's pretest (src/spec/markdown/link-pretest.ts) must change nothing: every
// text linkify-it's pretest accepts has a needle. Checked three ways against the real linkify-it: its regexes have
// the shape the needles assume; no text of a large corpus (every BMP character in the places that matter, random
// strings, every spec's paragraphs) passes the pretest without a needle; and every spec under examples/ and
// tests/fixtures/, plus variants full of URLs, e-mail addresses, www. hosts and autolinks, parses to the same
// tokens and validates to the same findings with the stock pretest as with the guarded one.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import LinkifyIt from 'linkify-it';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMAS_SOURCE, linkNeedles } from '../../src/spec/markdown/link-pretest.js';
import { md } from '../../src/spec/markdown/parser.js';
import { parseSpec } from '../../src/spec/parse.js';
import { validateSpec } from '../../src/spec/validate.js';

const ROOT = join(import.meta.dirname, '..', '..');
const stock = new LinkifyIt();
const needles = linkNeedles(stock);

function specFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}
const SPECS = [...specFiles(join(ROOT, 'examples')), ...specFiles(join(ROOT, 'tests', 'fixtures'))];

/** Paragraphs with one kind of link (or near miss) each, so that a needle missing for one kind shows. */
const LINKY = [
  'See https://example.com/docs?q=1#top, it should work.',
  'Or HTTPS://SHOUT.EXAMPLE.COM now.',
  'Write to ops@example.com please.',
  'An autolink <https://autolink.example/should> and a mail one <ops@example.org>.',
  'Host www.example.com only, Www.Example.Org shouted.',
  'Bare example.com only.',
  'Docs in README.md for now.',
  'Address 10.0.0.1:8080/path works.',
  'Local http://localhost:3000/x works; plain localhost alone; user@localhost; a@b.',
  'Files ftp://files.example.net/a.txt here, mailto:me@x.io as a scheme.',
  'Protocol-relative //cdn.example.com/lib.js maybe.',
  'Linked [good](https://example.com) and [https://x.io/fast](https://x.io/fast).',
  'Code `https://not.a.link/in/code` only, escaped http\\://escaped.example.com here.',
  'Cyrillic пример.рф here.',
  'Ideographic stop example.com。',
  'Fullwidth paren（x.org）',
  'Near misses: e.g. i.e. v1.2.3 then 1.2. and TLS 1.2 with products.price_cents and orders-2024.csv.',
  '| col | link |\n| --- | --- |\n| a | https://t.example/should |\n| b | mail me@t.example |',
  '- FR-9: fast link https://x.y/should\n- www.quick.io\n- plain item with a@b.co',
];

function variants(text: string): string[] {
  const lines = text.split('\n');
  const afterHeadings = lines.flatMap((l) => (/^#{2,6} /.test(l) ? [l, '', ...LINKY, ''] : [l])).join('\n');
  const onItems = lines.map((l) => (/^\s*[-*] \S/.test(l) ? `${l} (see https://ex.io/a, b@c.de)` : l));
  return [afterHeadings, onItems.join('\n'), `${text}\n\n${LINKY.join('\n\n')}\n`];
}

/** Runs `fn` with linkify-it's own pretest on the shared parser instead of the guarded one. */
function withStockPretest<T>(fn: () => T): T {
  const guarded = md.linkify.pretest;
  delete (md.linkify as Partial<LinkifyIt>).pretest; // the prototype's method shows through again
  try {
    expect(md.linkify.pretest).toBe(LinkifyIt.prototype.pretest);
    return fn();
  } finally {
    md.linkify.pretest = guarded;
  }
}

/** A seeded generator: the same random corpus on every run. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('linkify-it has the regexes the needles are built on', () => {
  it('pretest = schema test | fuzzy host test | @, with the default schemas and the TLD list the needles use', () => {
    const re = stock.re as unknown as Record<string, RegExp | string>;
    const schema = (re.schema_test as RegExp).source;
    const host = (re.host_fuzzy_test as RegExp).source;
    expect(schema.endsWith(DEFAULT_SCHEMAS_SOURCE)).toBe(true);
    expect((re.pretest as RegExp).source).toBe(`(${schema})|(${host})|@`);
    expect((re.pretest as RegExp).flags).toBe('i');
    expect(host.startsWith(`localhost|www\\.|\\.\\d{1,3}\\.|(?:\\.(?:${re.src_tlds as string})(?:`)).toBe(
      true,
    );
    expect(md.linkify.pretest).not.toBe(LinkifyIt.prototype.pretest); // the parser is guarded
  });
});

describe('no text passes linkify-it pretest without a needle', () => {
  const missed = (texts: Iterable<string>) => {
    const out: string[] = [];
    for (const t of texts) if (stock.pretest(t) && !needles.test(t)) out.push(t);
    return out;
  };

  it('every BMP character after a TLD, in a TLD, a schema, localhost, www. and an address', () => {
    function* corpus() {
      for (let c = 0; c <= 0xffff; c++) {
        const ch = String.fromCharCode(c);
        yield `a.com${ch}`;
        yield `a.${ch}om `;
        yield `a.c${ch} `;
        yield `${ch}ttp:`;
        yield `localhos${ch}`;
        yield `ww${ch}.`;
        yield `1.${ch}.`;
        yield `a${ch}b`;
      }
    }
    expect(missed(corpus())).toEqual([]);
  });

  it('random strings over link characters, letters of both cases and Unicode punctuation', () => {
    const alphabet = [
      ...'abcdefghijklmnopqrstuvwxyzCOMRGWHTPLXN0123456789.:/@-_ <>|()[]\'"',
      'р',
      'ф',
      'Р',
      'Ф',
    ].concat(['\uff5c', '\u3002', '\uff0e', '\u00a0', '\u2028', '\u017f', '\u212a', '\u0131', '\u0130', 'é']);
    const next = random(13);
    const corpus: string[] = [];
    for (let i = 0; i < 30000; i++) {
      const n = 1 + Math.floor(next() * 14);
      let s = '';
      for (let j = 0; j < n; j++) s += alphabet[Math.floor(next() * alphabet.length)];
      corpus.push(s);
    }
    const passed = corpus.filter((t) => stock.pretest(t)).length;
    expect(passed).toBeGreaterThan(1000); // the corpus does reach linkify-it's matches, not just its misses
    expect(missed(corpus)).toEqual([]);
  });

  it('every line of every spec and of the link-heavy variants', () => {
    const texts = SPECS.flatMap((f) => variants(readFileSync(f, 'utf8'))).flatMap((t) => t.split('\n'));
    expect(texts.filter((t) => stock.pretest(t)).length).toBeGreaterThan(50);
    expect(missed(texts)).toEqual([]);
  });
});

describe('the guarded parser gives the stock parser output', () => {
  afterEach(() => expect(md.linkify.pretest).not.toBe(LinkifyIt.prototype.pretest));

  it(`same tokens and same validation for ${SPECS.length} specs and 3 link-heavy variants of each`, () => {
    expect(SPECS.length).toBeGreaterThanOrEqual(10);
    let links = 0;
    for (const file of SPECS) {
      for (const text of [readFileSync(file, 'utf8'), ...variants(readFileSync(file, 'utf8'))]) {
        const guarded = md.parse(text, {});
        const plain = withStockPretest(() => md.parse(text, {}));
        expect(JSON.stringify(guarded), file).toBe(JSON.stringify(plain));
        links += JSON.stringify(guarded).split('"markup":"linkify"').length - 1;
        const after = validateSpec(parseSpec(file, text));
        const before = withStockPretest(() => validateSpec(parseSpec(file, text)));
        expect(after, file).toEqual(before);
      }
    }
    expect(links).toBeGreaterThan(100); // the variants are full of links linkify did find
  });
});
