// The cheap checks that spare a one-spec process from compiling a large regex (or one per kind) must never change
// an answer: each is compared here with what it stands in for.
import { describe, expect, it } from 'vitest';
import { mayBeVague, VAGUE } from '../../src/spec/gates/g2-semantic.js';
import { explicitPrefix } from '../../src/spec/items.js';
import { pick, random, randomPieces } from './fast-scan-corpus.js';

const PIECES = [
  ' ',
  '\n',
  '[',
  ']',
  'FILL IN',
  'TBD',
  'tbd',
  'as soon as\npossible',
  'nice  to have',
  'todo',
  'FixMe',
  'should',
  'SHOULD',
  'might',
  'probably',
  'maybe',
  'could',
  'asap',
  'fast',
  'Quickly',
  'better',
  'good',
  'ſhould',
  'goo',
  'od',
  's',
  'x',
  'İ',
  '\u212a',
  '_',
  'US-2',
  '**',
  '-',
  ':',
  'AC',
  '1',
  'pre-',
  'fills',
  'break',
  'fasting',
  'goods',
  '9',
];

describe('mayBeVague', () => {
  it('is true for every text VAGUE matches (300,000 random texts)', () => {
    const rand = random(11);
    const missed: string[] = [];
    for (let n = 0; n < 300_000; n++) {
      const text = randomPieces(rand, PIECES, 6);
      VAGUE.lastIndex = 0;
      if (!mayBeVague(text) && VAGUE.test(text)) missed.push(text);
    }
    expect(missed).toEqual([]);
  });

  it('passes over a word that only holds one (the example spec\'s "pre-fills"), so VAGUE is not compiled for it', () => {
    for (const text of ['pre-fills both inputs', 'breakfast', 'goodness', 'shoulder', 'Bettery_', 'todos'])
      expect(mayBeVague(text), text).toBe(false);
    for (const text of ['[FILL IN]', 'fast.', 'Good', '(should)', 'TBD_x'.slice(0, 3), 'as soon as possible'])
      expect(mayBeVague(text), text).toBe(true);
  });
});

/** The per-prefix pattern explicitPrefix used before it shared one. */
function perPrefix(text: string, prefix: string) {
  const m = new RegExp(
    `^\\s*(?:\\*\\*|__)?\\s*${prefix}-(\\d+)\\b\\s*(?:\\*\\*|__)?\\s*[:.)\\-–—]?\\s*`,
    'i',
  ).exec(text);
  return m ? { id: `${prefix}-${Number(m[1])}`, number: Number(m[1]), rest: text.slice(m[0].length) } : null;
}

describe('explicitPrefix', () => {
  it('answers as one pattern per prefix did, for every kind (50,000 random texts)', () => {
    const rand = random(12);
    const parts = [
      ' ',
      '**',
      '__',
      'US',
      'us',
      'Us',
      'SM',
      'DM',
      'API',
      'ERR',
      'SEC',
      'PERF',
      'INT',
      'VC',
      'XUS',
      'ſM',
      '-',
      '1',
      '23',
      ':',
      '.',
      ')',
      '—',
      'x',
      '\n',
      'İ',
      'K',
      '\u212a',
    ];
    const prefixes = ['US', 'SM', 'DM', 'API', 'INT', 'ERR', 'SEC', 'PERF', 'VC'];
    for (let n = 0; n < 50_000; n++) {
      const text = randomPieces(rand, parts, 7);
      const prefix = pick(rand, prefixes);
      expect({ text, prefix, got: explicitPrefix(text, prefix) }).toEqual({
        text,
        prefix,
        got: perPrefix(text, prefix),
      });
    }
  });
});
