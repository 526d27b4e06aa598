// Stage 5: error, security and performance items go into the task they name or whose section they share,
// when it has room; the rest into dedicated hardening tasks after the code they harden.
import type { SpecItem } from '../../spec/types.js';
import { chunk, type Draft, type DraftContext, firstNonEmpty } from './draft.js';

export function hardeningDrafts(ctx: DraftContext, logic: Draft[], api: Draft[], dataAccess: Draft[]): void {
  const { spec, max, book, classes } = ctx;
  const frTask = logicByFrNumber(logic);
  const leftover: SpecItem[] = [];
  for (const item of [...spec.errorScenarios, ...spec.securityItems, ...spec.performanceItems]) {
    const named = [...`${item.title}\n${item.text}`.matchAll(/\bFR-(\d+)\b/g)].map((m) => Number(m[1]));
    const byId = named.flatMap((n) => frTask.get(n) ?? []);
    const bySection = api.filter((d) =>
      d.items.some((a) => a.kind === 'API' && classes.topOf(a.section) === classes.topOf(item.section)),
    );
    const target = [...byId, ...bySection].find((d) => d.items.length < max);
    if (target) target.items.push(item);
    else leftover.push(item);
  }
  const codeSoFar = [...logic, ...api];
  for (const items of chunk(leftover, max)) {
    book.add({
      agent: 'backend',
      label: 'hardening',
      items,
      extraSections: ['security', 'non_functional_requirements'],
      deps: new Set(firstNonEmpty(codeSoFar, dataAccess)),
    });
  }
}

/** The logic drafts covering each FR number. */
function logicByFrNumber(logic: Draft[]): Map<number, Draft[]> {
  const frTask = new Map<number, Draft[]>();
  for (const d of logic) {
    for (const item of d.items) {
      if (item.kind === 'FR' && item.number !== null)
        frTask.set(item.number, [...(frTask.get(item.number) ?? []), d]);
    }
  }
  return frTask;
}
