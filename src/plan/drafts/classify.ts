// The one text test of the planner: whether an item describes something a user sees (UI words in its own
// text, or a UI section above it), and whether a user-facing item also needs server work.
import type { Spec, SpecItem } from '../../spec/types.js';

/** Words that make an item user-facing when they appear in its own title or text. */
const UI_WORDS =
  /\b(pages?|screens?|ui|user interface|components?|buttons?|forms?|modals?|dialogs?|dropdowns?|checkbox(es)?|sliders?|inputs? fields?)\b/i;
/** Words that make a user-facing item also need server work. */
const SERVER_WORDS = /\b(api|endpoints?|server|server-side|database|persist(ed|s)?|backend)\b/i;
/** Section keys that describe the user interface as a whole. */
const UI_SECTION = /(^|_)(ui|user_interface|frontend|screens?|pages?|components?|ux)(_|$)/;

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
      if (UI_SECTION.test(k)) return true;
    return false;
  };
  // The backend and the frontend stages both ask about every requirement and story: tested once per item.
  const uiItems = new Map<SpecItem, boolean>();
  const isUi = (item: SpecItem): boolean => {
    let ui = uiItems.get(item);
    if (ui === undefined) {
      ui = UI_WORDS.test(`${item.title}\n${item.text}`) || uiSection(item.section);
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
    needsServer: (item) => SERVER_WORDS.test(`${item.title}\n${item.text}`),
  };
}

function sectionParents(spec: Spec): Map<string, string> {
  const parents = new Map<string, string>();
  for (const s of spec.subsections) if (s.parent && s.parent !== s.key) parents.set(s.key, s.parent);
  return parents;
}
