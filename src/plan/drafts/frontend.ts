// Stages 6 and 7: integration after the APIs it wires; the frontend after the API (or the logic when there
// is no API), plus the server side of mixed FRs.
import { chunk, type Draft, type DraftContext, firstNonEmpty, groupedChunks } from './draft.js';

/** Stage 6: integration points, after the APIs they wire. */
export function integrationDrafts({ spec, max, book }: DraftContext, wired: Draft[]): void {
  for (const items of groupedChunks(spec.integrationPoints, (i) => i.section, max)) {
    book.add({ agent: 'integration', label: 'integration', items, extraSections: [], deps: new Set(wired) });
  }
}

/**
 * Stage 7: user-facing requirements and stories; without any, one task for a section that describes the UI
 * as a whole.
 */
export function frontendDrafts(ctx: DraftContext, logic: Draft[], api: Draft[], dataAccess: Draft[]): void {
  const { spec, max, book, classes } = ctx;
  const uiItems = [
    ...spec.functionalRequirements.filter(classes.isUi),
    ...spec.userStories.filter(classes.isUi),
  ];
  const frontendBase = firstNonEmpty(api, logic, dataAccess);
  const frontend: Draft[] = [];
  for (const items of chunk(uiItems, max)) {
    const deps = new Set(frontendBase);
    for (const item of items) for (const d of logic) if (d.items.includes(item)) deps.add(d);
    frontend.push(book.add({ agent: 'frontend', label: 'frontend', items, extraSections: [], deps }));
  }
  if (frontend.length > 0) return;
  const section = [...Object.values(spec.sections), ...spec.subsections].find(
    (s) => !s.empty && classes.uiSection(s.key),
  );
  if (section) {
    book.add({
      agent: 'frontend',
      label: 'frontend',
      items: [],
      extraSections: [section.key],
      deps: new Set(frontendBase),
      about: section.title,
    });
  }
}
