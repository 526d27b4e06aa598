// The server-side stages: schema and data access per group of data models, business logic from the
// requirements (and the stories), the API after the logic it exposes, and the overview task of a spec that
// lists no behaviour.
import type { SpecItem } from '../../spec/types.js';
import { chunk, type Draft, type DraftContext, groupedChunks } from './draft.js';

/** Stage 1: schema, then data access, per group of data models. Returns the data-access drafts. */
export function dataDrafts({ spec, max, book }: DraftContext): Draft[] {
  const dataAccess: Draft[] = [];
  for (const models of groupedChunks(spec.dataModels, (i) => i.section, max)) {
    const schema = book.add({
      agent: 'database',
      label: 'schema',
      items: models,
      extraSections: ['data_model'],
      deps: new Set(),
    });
    dataAccess.push(
      book.add({
        agent: 'backend',
        label: 'data-access',
        items: models,
        extraSections: ['data_model'],
        deps: new Set([schema]),
      }),
    );
  }
  return dataAccess;
}

/** Stage 2: backend logic, for FRs that are not purely UI, grouped by the section they sit in. */
export function logicDrafts(ctx: DraftContext, dataAccess: Draft[]): Draft[] {
  const { spec, max, book, classes } = ctx;
  const frServer = spec.functionalRequirements.filter((fr) => !classes.isUi(fr) || classes.needsServer(fr));
  const logicDraft = (items: SpecItem[]): Draft =>
    book.add({ agent: 'backend', label: 'logic', items, extraSections: [], deps: new Set(dataAccess) });
  const logic = groupedChunks(frServer, (i) => i.section, max).map(logicDraft);

  // User stories restate the requirements when FRs exist: they join the tasks that build them (by whether
  // they are user-facing). Without FRs (maturity layout) they are the requirements and get tasks of their own.
  const storiesServer = spec.userStories.filter((s) => !classes.isUi(s));
  if (spec.functionalRequirements.length === 0) {
    for (const items of chunk(storiesServer, max)) logic.push(logicDraft(items));
  } else {
    for (const story of storiesServer) {
      const target = logic.find((d) => d.items.length < max);
      if (target) target.items.push(story);
      else logic.push(logicDraft([story]));
    }
  }
  return logic;
}

/** Stage 3: API, after the logic it exposes (or the data access when there is no logic task). */
export function apiDrafts({ spec, max, book }: DraftContext, logic: Draft[], dataAccess: Draft[]): Draft[] {
  const apiDeps = logic.length > 0 ? logic : dataAccess;
  return groupedChunks(spec.interfaces, (i) => i.section, max).map((items) =>
    book.add({
      agent: 'backend',
      label: 'api',
      items,
      extraSections: ['interfaces_and_contracts'],
      deps: new Set(apiDeps),
    }),
  );
}

/**
 * Stage 4: a spec with nothing describing behaviour still gets one task from its overview, added to `logic`.
 * A spec without requirements or stories gets a warning saying where its tasks come from.
 */
export function overviewDraft({ spec, book, warnings }: DraftContext, logic: Draft[], dataAccess: Draft[]) {
  if (spec.functionalRequirements.length > 0 || spec.userStories.length > 0) return;
  const behaviourless = spec.interfaces.length === 0 && spec.integrationPoints.length === 0;
  const overview = spec.sections.overview ?? spec.sections.level_1;
  if (behaviourless && overview && !overview.empty) {
    logic.push(
      book.add({
        agent: 'backend',
        label: 'overview',
        items: [],
        extraSections: [overview.key],
        deps: new Set(dataAccess),
        about: overview.title,
      }),
    );
    warnings.push(
      `The spec has no functional requirements, user stories or interfaces: one backend task implements what "${overview.title}" describes.`,
    );
  } else if (behaviourless) {
    warnings.push(
      'The spec has no functional requirements, user stories, interfaces or overview text: there is no behaviour to implement.',
    );
  } else {
    warnings.push(
      'The spec has no functional requirements or user stories: tasks come from its data models and interfaces.',
    );
  }
}
