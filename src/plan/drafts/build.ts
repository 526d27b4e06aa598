// Spec → drafts, stage by stage. Each stage adds its drafts after those it depends on, so a draft only
// ever depends on drafts created before it (toTasks relies on that to compute the phases in one pass).
import type { Spec } from '../../spec/types.js';
import { apiDrafts, dataDrafts, logicDrafts, overviewDraft } from './backend.js';
import { classifyItems } from './classify.js';
import { type Draft, DraftBook, type DraftContext, firstNonEmpty } from './draft.js';
import { frontendDrafts, integrationDrafts } from './frontend.js';
import { hardeningDrafts } from './hardening.js';
import { testDrafts } from './tests.js';

export function buildDrafts(spec: Spec, max: number, warnings: string[], assumptions: string[]): Draft[] {
  const ctx: DraftContext = {
    spec,
    max,
    book: new DraftBook(),
    classes: classifyItems(spec),
    warnings,
    assumptions,
  };
  const dataAccess = dataDrafts(ctx); // 1. schema, then data access
  const logic = logicDrafts(ctx, dataAccess); // 2. business logic (FRs, stories)
  const api = apiDrafts(ctx, logic, dataAccess); // 3. API after the logic
  overviewDraft(ctx, logic, dataAccess); // 4. the overview task of a spec without behaviour
  hardeningDrafts(ctx, logic, api, dataAccess); // 5. error, security, performance items
  integrationDrafts(ctx, firstNonEmpty(api, logic, dataAccess)); // 6. integration after the APIs
  frontendDrafts(ctx, logic, api, dataAccess); // 7. frontend after the API
  testDrafts(ctx, api); // 8. tests after the code they test
  return ctx.book.drafts;
}
