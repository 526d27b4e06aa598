// The planner's word lists (src/plan/drafts/classify.ts) are matched word by word instead of with three large
// case-insensitive regexes. These regexes are their definition: on random texts the two must always agree.
import { describe, expect, it } from 'vitest';
import { isServerText, isUiSectionKey, isUiText } from '../../src/plan/drafts/classify.js';
import { random, randomPieces } from '../spec/fast-scan-corpus.js';

const UI_WORDS =
  /\b(pages?|screens?|ui|user interface|components?|buttons?|forms?|modals?|dialogs?|dropdowns?|checkbox(es)?|sliders?|inputs? fields?)\b/i;
const SERVER_WORDS = /\b(api|endpoints?|server|server-side|database|persist(ed|s)?|backend)\b/i;
const UI_SECTION = /(^|_)(ui|user_interface|frontend|screens?|pages?|components?|ux)(_|$)/;

const PIECES = [
  ' ',
  '  ',
  '\n',
  '-',
  '_',
  '.',
  'é',
  '\u212a',
  'ſ',
  'İ',
  '1',
  'x',
  's',
  'es',
  'ed',
  'Page',
  'SCREEN',
  'ui',
  'UI',
  'user',
  'User',
  'interface',
  'component',
  'button',
  'form',
  'modal',
  'dialog',
  'dropdown',
  'checkbox',
  'slider',
  'input',
  'Inputs',
  'field',
  'fields',
  'api',
  'API',
  'endpoint',
  'server',
  'side',
  'database',
  'persist',
  'backend',
  'frontend',
  'ux',
];

describe('classify word lists', () => {
  it('answer as the regexes they replaced, on 200,000 random texts and section keys', () => {
    const rand = random(21);
    const wrong: string[] = [];
    for (let n = 0; n < 200_000; n++) {
      const text = randomPieces(rand, PIECES, 6);
      if (isUiText(text) !== UI_WORDS.test(text)) wrong.push(`ui: ${JSON.stringify(text)}`);
      if (isServerText(text) !== SERVER_WORDS.test(text)) wrong.push(`server: ${JSON.stringify(text)}`);
      const key = text.toLowerCase().replace(/[^a-z0-9]+/g, '_');
      if (isUiSectionKey(key) !== UI_SECTION.test(key)) wrong.push(`section: ${JSON.stringify(key)}`);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('reads whole words in any case, and the two-word ones with one space between them', () => {
    expect(isUiText('A checkbox per row')).toBe(true);
    expect(isUiText('The User Interface shows it')).toBe(true);
    expect(isUiText('user  interface')).toBe(false);
    expect(isUiText('an input field')).toBe(true);
    expect(isUiText('formatting, pagination')).toBe(false);
    expect(isServerText('server-side rendering')).toBe(true);
    expect(isServerText('observer')).toBe(false);
    expect(isUiSectionKey('user_interface_notes')).toBe(true);
    expect(isUiSectionKey('userinterface')).toBe(false);
  });
});
