// Which spec items are must-haves. The spec format has no priority field, so a priority is read where
// authors write one: a `Priority: …` line in the item, or a MoSCoW / P0–P3 tag in its title such as
// `[Must]`, `(should)`, `[P2]`. An item that declares none is a must-have: nothing marked it optional.
import type { SpecItem } from './types.js';

export type Priority = 'must' | 'should' | 'could' | 'wont';

const WORDS: Record<string, Priority> = {
  must: 'must',
  'must-have': 'must',
  'must have': 'must',
  critical: 'must',
  high: 'must',
  p0: 'must',
  p1: 'must',
  should: 'should',
  'should-have': 'should',
  'should have': 'should',
  medium: 'should',
  p2: 'should',
  could: 'could',
  'could-have': 'could',
  'could have': 'could',
  'nice-to-have': 'could',
  'nice to have': 'could',
  optional: 'could',
  low: 'could',
  p3: 'could',
  "won't": 'wont',
  'won’t': 'wont',
  wont: 'wont',
  "won't have": 'wont',
};

const WORD =
  "(must[- ]have|should[- ]have|could[- ]have|nice[- ]to[- ]have|won['’]?t(?: have)?|must|should|could|critical|high|medium|low|optional|p[0-3])";
/** `Priority: Must`, `**Priority:** P1`, `- priority — should` (one per item, first wins). */
const PRIORITY_LINE = new RegExp(`^[\\s>*_-]*priority[*_]*\\s*[:—–-][\\s*_\`]*${WORD}\\b`, 'im');
/** A tag in the title: `[Must]`, `(should)`, `{P2}`. */
const TITLE_TAG = new RegExp(`[[({]\\s*${WORD}\\s*[\\])}]`, 'i');

/** The priority the item declares, or null when it declares none. */
export function declaredPriority(item: Pick<SpecItem, 'title' | 'text'>): Priority | null {
  const match = PRIORITY_LINE.exec(item.text) ?? TITLE_TAG.exec(item.title);
  const word = match?.[1]?.toLowerCase().replace(/\s+/g, ' ');
  return word ? (WORDS[word] ?? null) : null;
}

/** A must-have: declared `must` (or P0/P1, high, critical), or declaring no priority at all. */
export function isMustHave(item: Pick<SpecItem, 'title' | 'text'>): boolean {
  const p = declaredPriority(item);
  return p === null || p === 'must';
}
