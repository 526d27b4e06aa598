// Stage 8: tests after the code they test. AT-n goes with the task(s) covering FR-n (and the API tasks,
// which acceptance tests usually go through); the rest, and the deterministic tests, run after all code.
import type { SpecItem } from '../../spec/types.js';
import type { Draft, DraftContext } from './draft.js';
import { chunk, groupedChunks } from './draft.js';

export function testDrafts(ctx: DraftContext, api: Draft[]): void {
  const { spec, max, book } = ctx;
  const code = book.drafts.filter((d) => d.agent !== 'test');
  const targetsOf = acceptanceTargets(ctx, code, api);
  const keyOf = (ac: SpecItem): string =>
    (targetsOf.get(ac) ?? code)
      .map((d) => d.order)
      .sort((a, b) => a - b)
      .join(',');
  for (const items of groupedChunks(spec.acceptanceCriteria, keyOf, max)) {
    book.add({
      agent: 'test',
      label: 'tests',
      items,
      extraSections: ['acceptance_tests'],
      deps: new Set(items.flatMap((i) => targetsOf.get(i) ?? code)),
    });
  }
  for (const items of chunk(spec.deterministicTests, max)) {
    book.add({
      agent: 'test',
      label: 'tests',
      items,
      extraSections: ['deterministic_tests'],
      deps: new Set(code),
    });
  }
}

/** The drafts each acceptance criterion's test waits for; an AT naming no FR of the spec is an assumption. */
function acceptanceTargets({ spec, assumptions }: DraftContext, code: Draft[], api: Draft[]) {
  const coveringFr = new Map<number, Draft[]>();
  for (const d of code) {
    for (const item of d.items) {
      if (item.kind === 'FR' && item.number !== null) {
        coveringFr.set(item.number, [...(coveringFr.get(item.number) ?? []), d]);
      }
    }
  }
  const targetsOf = new Map<SpecItem, Draft[]>();
  for (const ac of spec.acceptanceCriteria) {
    const targets = ac.number !== null ? coveringFr.get(ac.number) : undefined;
    if (targets) {
      targetsOf.set(ac, [...new Set([...targets, ...api])]);
      continue;
    }
    targetsOf.set(ac, code);
    if (
      ac.number !== null &&
      spec.functionalRequirements.length > 0 &&
      !spec.functionalRequirements.some((fr) => fr.number === ac.number)
    ) {
      assumptions.push(
        `${ac.id} has no matching FR-${ac.number}: its test task runs after all implementation tasks.`,
      );
    }
  }
  return targetsOf;
}
