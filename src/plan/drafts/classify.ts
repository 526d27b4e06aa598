// The one text test of the planner: whether an item describes something a user sees (UI words in its own
// text, or a UI section above it), and whether a user-facing item also needs server work.
import type { Spec, SpecItem } from '../../spec/types.js';

// The word lists are matched word by word (words as a regex's `\b` delimits them, in any case) rather than with three
// large case-insensitive regexes, whose compiling was a measurable part of a one-spec `plan`. tests/plan/classify-
// words.test.ts holds them to those regexes, which it keeps as their definition.

/** Words that make an item user-facing when they appear in its own title or text (and the two-word ones below). */
const UI_WORDS: ReadonlySet<string> = new Set(
  'page pages screen screens ui component components button buttons form forms modal modals dialog dialogs dropdown dropdowns checkbox checkboxes slider sliders'.split(
    ' ',
  ),
);
/** Two words with one space between them: `user interface`, `input field(s)`, `inputs field(s)`. */
function isUiPair(first: string, second: string): boolean {
  if (first === 'user') return second === 'interface';
  return (first === 'input' || first === 'inputs') && (second === 'field' || second === 'fields');
}
/** Words that make a user-facing item also need server work (`server-side` holds `server`). */
const SERVER_WORDS: ReadonlySet<string> = new Set(
  'api endpoint endpoints server database persist persisted persists backend'.split(' '),
);
/** Parts of a section key (between underscores) that describe the user interface as a whole. */
const UI_SECTION_PARTS: ReadonlySet<string> = new Set(
  'ui frontend screen screens page pages component components ux'.split(' '),
);

/** A text's words and what separates them: [word, separator, word, …], split on what `\w` (ASCII) is not. */
const WORD_SPLIT = /([^A-Za-z0-9_]+)/;

/** Whether `text` has one of `words` as a whole word in any case, or (pair) two words one space apart. */
function hasWord(
  text: string,
  words: ReadonlySet<string>,
  pair?: (first: string, second: string) => boolean,
): boolean {
  const parts = text.split(WORD_SPLIT);
  for (let i = 0; i < parts.length; i += 2) {
    const word = parts[i]!.toLowerCase();
    if (words.has(word)) return true;
    if (pair && parts[i + 1] === ' ' && i + 2 < parts.length && pair(word, parts[i + 2]!.toLowerCase()))
      return true;
  }
  return false;
}

export function isUiText(text: string): boolean {
  return hasWord(text, UI_WORDS, isUiPair);
}

export function isServerText(text: string): boolean {
  return hasWord(text, SERVER_WORDS);
}

/** Whether a section key (lowercase, `_` between words) names the user interface. */
export function isUiSectionKey(key: string): boolean {
  const parts = key.split('_');
  for (let i = 0; i < parts.length; i++) {
    if (UI_SECTION_PARTS.has(parts[i]!)) return true;
    if (parts[i] === 'user' && parts[i + 1] === 'interface') return true;
  }
  return false;
}

export interface ItemClasses {
  /** The top-level section a (sub)section sits under. */
  topOf(key: string): string;
  /** Whether the section or one above it describes the user interface. */
  uiSection(key: string): boolean;
  isUi(item: SpecItem): boolean;
  needsServer(item: SpecItem): boolean;
}

export function classifyItems(spec: Spec): ItemClasses {
  const parentOf = sectionParents(spec);
  const uiSection = (key: string): boolean => {
    for (let k: string | undefined = key, i = 0; k && i < 10; k = parentOf.get(k), i++)
      if (isUiSectionKey(k)) return true;
    return false;
  };
  // The backend and the frontend stages both ask about every requirement and story: tested once per item.
  const uiItems = new Map<SpecItem, boolean>();
  const isUi = (item: SpecItem): boolean => {
    let ui = uiItems.get(item);
    if (ui === undefined) {
      ui = isUiText(`${item.title}\n${item.text}`) || uiSection(item.section);
      uiItems.set(item, ui);
    }
    return ui;
  };
  return {
    topOf: (key) => {
      let k = key;
      for (let i = 0; i < 10 && parentOf.get(k); i++) k = parentOf.get(k)!;
      return k;
    },
    uiSection,
    isUi,
    needsServer: (item) => isServerText(`${item.title}\n${item.text}`),
  };
}

function sectionParents(spec: Spec): Map<string, string> {
  const parents = new Map<string, string>();
  for (const s of spec.subsections) if (s.parent && s.parent !== s.key) parents.set(s.key, s.parent);
  return parents;
}
