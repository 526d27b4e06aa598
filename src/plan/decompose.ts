// Spec → task DAG. Tasks come from the spec's structure (which list an item is in, which section it sits
// under, which ids it names), never from searching the prose for feature keywords; the only text test is
// whether an item describes something a user sees (UI words in the item's own text).
//
// Layers and their real dependencies:
//   database (schema for data models) → backend data access → backend logic (FRs, stories)
//   → backend API (interfaces) → hardening (error/security/performance items not folded elsewhere)
//   → integration (after the APIs it wires) and frontend (after the API) → tests (after the code they test).
import { emptyRepoSnapshot } from '../agents/repo-scan.js';
import { loadBuiltinRolesSync } from '../agents/roles.js';
import type { RepoSnapshot, RoleDefinition } from '../agents/types.js';
import { DEFAULT_MODEL, endOfLifeWarning } from '../core/prices.js';
import { AUXILIARY_ROLES } from '../core/roles.js';
import { BUILTIN_ROLES, type Plan, type PlanOptions, type Role, type Task } from '../core/tasks.js';
import type { Spec, SpecItem } from '../spec/types.js';
import { PlanError } from './errors.js';
import { estimatePlan } from './estimate.js';
import { modelForRole } from './role-models.js';

export { PlanError } from './errors.js';

export const DEFAULT_MAX_ITEMS_PER_TASK = 6;

/**
 * `strict` (from PlanOptions) throws a PlanError when a required item is covered by no task. Off by default:
 * the plan then lists the items in `coverage.uncovered` with a warning and the caller decides.
 */
export interface DecomposeOptions extends PlanOptions {
  /** Loaded role prompts (builtins + repository roles). Defaults to the built-in prompts. */
  roles?: Map<Role, RoleDefinition>;
  /** The target repository, so the estimate counts the prompt the agents will really get. */
  repo?: RepoSnapshot;
  /** ISO date used for the end-of-life check (tests pin it). Defaults to today. */
  today?: string;
}

/** Item kinds every plan must cover; the other kinds are covered when a layer takes them. */
export const REQUIRED_KINDS = ['FR', 'AC', 'US', 'DT'] as const;

/** Words that make an item user-facing when they appear in its own title or text. */
const UI_WORDS =
  /\b(pages?|screens?|ui|user interface|components?|buttons?|forms?|modals?|dialogs?|dropdowns?|checkbox(es)?|sliders?|inputs? fields?)\b/i;
/** Words that make a user-facing item also need server work. */
const SERVER_WORDS = /\b(api|endpoints?|server|server-side|database|persist(ed|s)?|backend)\b/i;
/** Section keys that describe the user interface as a whole. */
const UI_SECTION = /(^|_)(ui|user_interface|frontend|screens?|pages?|components?|ux)(_|$)/;

interface Draft {
  order: number;
  agent: Role;
  /** What the title and description are generated from. */
  label:
    | 'schema'
    | 'data-access'
    | 'logic'
    | 'api'
    | 'hardening'
    | 'integration'
    | 'frontend'
    | 'tests'
    | 'overview';
  items: SpecItem[];
  extraSections: string[];
  deps: Set<Draft>;
  /** For tasks that cover no item: what to work from. */
  about?: string;
  /** Items the task was made for; later ones were folded in (stories, error/security/performance items). */
  primary?: number;
}

function chunk<T>(list: T[], max: number): T[][] {
  if (list.length === 0) return [];
  // Balanced chunks: 7 items with max 6 become 4 + 3, not 6 + 1.
  const count = Math.ceil(list.length / max);
  const size = Math.ceil(list.length / count);
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Groups by a key (first appearance order), then chunks each group. */
function groupedChunks<T>(list: T[], keyOf: (x: T) => string, max: number): T[][] {
  const groups = new Map<string, T[]>();
  for (const x of list) {
    const k = keyOf(x);
    const g = groups.get(k);
    if (g) g.push(x);
    else groups.set(k, [x]);
  }
  return [...groups.values()].flatMap((g) => chunk(g, max));
}

export function decompose(spec: Spec, options: DecomposeOptions = {}): Plan {
  const max = options.maxItemsPerTask ?? DEFAULT_MAX_ITEMS_PER_TASK;
  if (!Number.isInteger(max) || max < 1) {
    throw new PlanError(`maxItemsPerTask must be a whole number of at least 1 (got ${String(max)}).`);
  }
  const roles = options.roles ?? loadBuiltinRolesSync();
  const validRoles = plannableRoles(roles);
  if (options.agents !== undefined) checkAgentFilter(options.agents, validRoles);

  const warnings: string[] = [];
  const assumptions: string[] = [];
  warnings.push(...duplicateIdWarnings(spec));

  const drafts = buildDrafts(spec, max, warnings, assumptions);
  const kept = options.agents ? applyAgentFilter(drafts, options.agents, assumptions, warnings) : drafts;
  const model = options.model ?? DEFAULT_MODEL;
  const tasks = withRoleModels(toTasks(kept), options.roleModels, model);
  validateTaskGraph(tasks);

  const coverage = computeCoverage(spec, tasks);
  if (coverage.uncovered.length > 0) {
    const message =
      `${coverage.uncovered.length} required spec item(s) are covered by no task: ${coverage.uncovered.join(', ')}` +
      (options.agents
        ? ` (their tasks were excluded by the agents filter: ${options.agents.join(', ')}).`
        : '.');
    if (options.strict) throw new PlanError(message);
    warnings.push(message);
  }

  const mode = options.mode ?? 'sequential';
  const estimated = estimatePlan({
    spec,
    tasks,
    roles,
    repo: options.repo ?? emptyRepoSnapshot(),
    model,
    mode,
    ...(options.customPrice ? { customPrice: options.customPrice } : {}),
  });
  const eol = endOfLifeWarning(model, options.today);
  if (eol) warnings.push(eol);
  for (const taskModel of new Set(tasks.flatMap((t) => (t.model ? [t.model] : [])))) {
    const roleEol = endOfLifeWarning(taskModel, options.today);
    if (roleEol) warnings.push(roleEol);
  }

  return {
    spec: { id: spec.metadata.id ?? '', name: spec.metadata.name ?? '', path: spec.path, hash: spec.hash },
    mode,
    model,
    tasks: estimated.tasks,
    phases: phasesOf(estimated.tasks),
    coverage,
    assumptions,
    warnings,
    estimate: estimated.estimate,
    forced: options.forced ?? false,
  };
}

/** Gives a task its role's model only when that differs from the plan's, so default plans stay unchanged. */
function withRoleModels(tasks: Task[], roleModels: Record<Role, string> | undefined, model: string): Task[] {
  if (!roleModels) return tasks;
  return tasks.map((t) => {
    const own = modelForRole(t.agent, roleModels, model);
    if (own === model) return t;
    // Keep the key order of a plain task with `model` before `estimate`, as the JSON shows it.
    const { estimate, ...rest } = t;
    return { ...rest, model: own, estimate };
  });
}

function checkAgentFilter(agents: Role[], validRoles: Role[]): void {
  if (agents.length === 0) {
    throw new PlanError(`The agents filter is empty. Name at least one role: ${validRoles.join(', ')}.`);
  }
  const unknown = agents.filter((a) => !validRoles.includes(a));
  if (unknown.length > 0) {
    throw new PlanError(
      `Unknown agent role(s): ${unknown.join(', ')}. Valid roles: ${validRoles.join(', ')}. ` +
        'A repository adds a role with .github/implement-spec/agents/<role>.md.',
    );
  }
}

function duplicateIdWarnings(spec: Spec): string[] {
  const seen = new Map<string, SpecItem[]>();
  for (const item of requiredItems(spec)) {
    const list = seen.get(item.id);
    if (list) list.push(item);
    else seen.set(item.id, [item]);
  }
  return [...seen.entries()]
    .filter(([, list]) => list.length > 1)
    .map(
      ([id, list]) =>
        `${id} is used by ${list.length} items (lines ${list.map((i) => i.line).join(', ')}); ` +
        'each is planned, but reports cannot tell them apart: give each a unique id.',
    );
}

function requiredItems(spec: Spec): SpecItem[] {
  return [
    ...spec.functionalRequirements,
    ...spec.userStories,
    ...spec.acceptanceCriteria,
    ...spec.deterministicTests,
  ];
}

function buildDrafts(spec: Spec, max: number, warnings: string[], assumptions: string[]): Draft[] {
  const drafts: Draft[] = [];
  const add = (d: Omit<Draft, 'order'>): Draft => {
    const draft = { ...d, order: drafts.length, primary: d.items.length };
    drafts.push(draft);
    return draft;
  };
  const parentOf = sectionParents(spec);
  const topOf = (key: string): string => {
    let k = key;
    for (let i = 0; i < 10 && parentOf.get(k); i++) k = parentOf.get(k)!;
    return k;
  };
  const uiSection = (key: string): boolean => {
    for (let k: string | undefined = key, i = 0; k && i < 10; k = parentOf.get(k), i++)
      if (UI_SECTION.test(k)) return true;
    return false;
  };
  const isUi = (item: SpecItem): boolean =>
    UI_WORDS.test(`${item.title}\n${item.text}`) || uiSection(item.section);
  const needsServer = (item: SpecItem): boolean => SERVER_WORDS.test(`${item.title}\n${item.text}`);

  // 1. Schema, then data access, per group of data models.
  const dataAccess: Draft[] = [];
  for (const models of groupedChunks(spec.dataModels, (i) => i.section, max)) {
    const schema = add({
      agent: 'database',
      label: 'schema',
      items: models,
      extraSections: ['data_model'],
      deps: new Set(),
    });
    dataAccess.push(
      add({
        agent: 'backend',
        label: 'data-access',
        items: models,
        extraSections: ['data_model'],
        deps: new Set([schema]),
      }),
    );
  }

  // 2. Backend logic: FRs that are not purely UI, grouped by the section they sit in.
  const frUi = spec.functionalRequirements.filter(isUi);
  const frServer = spec.functionalRequirements.filter((fr) => !isUi(fr) || needsServer(fr));
  const logic: Draft[] = groupedChunks(frServer, (i) => i.section, max).map((items) =>
    add({ agent: 'backend', label: 'logic', items, extraSections: [], deps: new Set(dataAccess) }),
  );

  // User stories restate the requirements when FRs exist: they join the tasks that build them (by whether
  // they are user-facing). Without FRs (maturity layout) they are the requirements and get tasks of their own.
  const storiesUi = spec.userStories.filter(isUi);
  const storiesServer = spec.userStories.filter((s) => !isUi(s));
  if (spec.functionalRequirements.length === 0) {
    for (const items of chunk(storiesServer, max)) {
      logic.push(
        add({ agent: 'backend', label: 'logic', items, extraSections: [], deps: new Set(dataAccess) }),
      );
    }
  } else {
    for (const story of storiesServer) {
      const target = logic.find((d) => d.items.length < max);
      if (target) target.items.push(story);
      else
        logic.push(
          add({
            agent: 'backend',
            label: 'logic',
            items: [story],
            extraSections: [],
            deps: new Set(dataAccess),
          }),
        );
    }
  }

  // 3. API, after the logic it exposes (or the data access when there is no logic task).
  const apiDeps = logic.length > 0 ? logic : dataAccess;
  const api: Draft[] = groupedChunks(spec.interfaces, (i) => i.section, max).map((items) =>
    add({
      agent: 'backend',
      label: 'api',
      items,
      extraSections: ['interfaces_and_contracts'],
      deps: new Set(apiDeps),
    }),
  );

  // 4. A spec with nothing describing behaviour still gets one task from its overview.
  const behaviourless =
    spec.functionalRequirements.length === 0 &&
    spec.userStories.length === 0 &&
    spec.interfaces.length === 0 &&
    spec.integrationPoints.length === 0;
  if (spec.functionalRequirements.length === 0 && spec.userStories.length === 0) {
    const overview = spec.sections.overview ?? spec.sections.level_1;
    if (behaviourless && overview && !overview.empty) {
      logic.push(
        add({
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

  // 5. Error, security and performance items: into the task they name or whose section they share, when it
  //    has room; the rest into dedicated hardening tasks after the code they harden.
  const frTask = new Map<number, Draft[]>();
  for (const d of logic) {
    for (const item of d.items) {
      if (item.kind === 'FR' && item.number !== null)
        frTask.set(item.number, [...(frTask.get(item.number) ?? []), d]);
    }
  }
  const leftover: SpecItem[] = [];
  for (const item of [...spec.errorScenarios, ...spec.securityItems, ...spec.performanceItems]) {
    const named = [...`${item.title}\n${item.text}`.matchAll(/\bFR-(\d+)\b/g)].map((m) => Number(m[1]));
    const byId = named.flatMap((n) => frTask.get(n) ?? []);
    const bySection = api.filter((d) =>
      d.items.some((a) => a.kind === 'API' && topOf(a.section) === topOf(item.section)),
    );
    const target = [...byId, ...bySection].find((d) => d.items.length < max);
    if (target) target.items.push(item);
    else leftover.push(item);
  }
  const codeSoFar = [...logic, ...api];
  for (const items of chunk(leftover, max)) {
    add({
      agent: 'backend',
      label: 'hardening',
      items,
      extraSections: ['security', 'non_functional_requirements'],
      deps: new Set(codeSoFar.length > 0 ? codeSoFar : dataAccess),
    });
  }

  // 6. Integration after the APIs it wires.
  const wired = api.length > 0 ? api : logic.length > 0 ? logic : dataAccess;
  for (const items of groupedChunks(spec.integrationPoints, (i) => i.section, max)) {
    add({ agent: 'integration', label: 'integration', items, extraSections: [], deps: new Set(wired) });
  }

  // 7. Frontend after the API (or the logic when there is no API), plus the server side of mixed FRs.
  const uiItems = [...frUi, ...storiesUi];
  const frontend: Draft[] = [];
  const frontendBase = api.length > 0 ? api : logic.length > 0 ? logic : dataAccess;
  for (const items of chunk(uiItems, max)) {
    const deps = new Set(frontendBase);
    for (const item of items) for (const d of logic) if (d.items.includes(item)) deps.add(d);
    frontend.push(add({ agent: 'frontend', label: 'frontend', items, extraSections: [], deps }));
  }
  if (frontend.length === 0) {
    const section = [...Object.values(spec.sections), ...spec.subsections].find(
      (s) => !s.empty && uiSection(s.key),
    );
    if (section) {
      frontend.push(
        add({
          agent: 'frontend',
          label: 'frontend',
          items: [],
          extraSections: [section.key],
          deps: new Set(frontendBase),
          about: section.title,
        }),
      );
    }
  }

  // 8. Tests after the code they test: AT-n goes with the task(s) covering FR-n; the rest run after all code.
  const code = drafts.filter((d) => d.agent !== 'test');
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
      // Acceptance tests usually go through the interface, so they also wait for the API tasks.
      targetsOf.set(ac, [...new Set([...targets, ...api])]);
    } else {
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
  }
  const keyOf = (ac: SpecItem): string =>
    (targetsOf.get(ac) ?? code)
      .map((d) => d.order)
      .sort((a, b) => a - b)
      .join(',');
  for (const items of groupedChunks(spec.acceptanceCriteria, keyOf, max)) {
    add({
      agent: 'test',
      label: 'tests',
      items,
      extraSections: ['acceptance_tests'],
      deps: new Set(items.flatMap((i) => targetsOf.get(i) ?? code)),
    });
  }
  for (const items of chunk(spec.deterministicTests, max)) {
    add({
      agent: 'test',
      label: 'tests',
      items,
      extraSections: ['deterministic_tests'],
      deps: new Set(code),
    });
  }
  return drafts;
}

function sectionParents(spec: Spec): Map<string, string> {
  const parents = new Map<string, string>();
  for (const s of spec.subsections) if (s.parent && s.parent !== s.key) parents.set(s.key, s.parent);
  return parents;
}

/**
 * Keeps only the drafts of the given roles. A kept task that depended (directly or through removed tasks) on
 * a removed one now depends on the nearest kept ancestors instead, and the removed work is recorded as an
 * assumption: the filter means "that part exists already or is done elsewhere".
 */
function applyAgentFilter(
  drafts: Draft[],
  agents: Role[],
  assumptions: string[],
  warnings: string[],
): Draft[] {
  const keep = new Set(drafts.filter((d) => agents.includes(d.agent)));
  const titleOf = (d: Draft) => `${d.agent} task "${titleFor(d)}"`;
  for (const d of drafts) {
    if (!keep.has(d)) continue;
    const newDeps = new Set<Draft>();
    const dropped: Draft[] = [];
    const visit = (dep: Draft, seen: Set<Draft>): void => {
      if (seen.has(dep)) return;
      seen.add(dep);
      if (keep.has(dep)) newDeps.add(dep);
      else {
        dropped.push(dep);
        for (const dd of dep.deps) visit(dd, seen);
      }
    };
    const seen = new Set<Draft>();
    for (const dep of [...d.deps].sort((a, b) => a.order - b.order)) visit(dep, seen);
    for (const dep of dropped.filter((x) => d.deps.has(x)).sort((a, b) => a.order - b.order)) {
      assumptions.push(
        `"${titleFor(d)}" (${d.agent}) depends on the ${titleOf(dep)}, which the agents filter excludes: assumed already done.`,
      );
    }
    d.deps = newDeps;
  }
  const kept = drafts.filter((d) => keep.has(d));
  if (kept.length === 0) {
    warnings.push(
      `The agents filter (${agents.join(', ')}) leaves no task: this spec has ` +
        (drafts.length === 0
          ? 'no tasks at all.'
          : `only ${[...new Set(drafts.map((d) => d.agent))].join(', ')} tasks.`),
    );
  }
  return kept;
}

function idList(items: SpecItem[]): string {
  return [...new Set(items.map((i) => i.id))].join(', ');
}

function shortList(items: SpecItem[]): string {
  const first = items[0];
  if (!first) return '';
  return items.length === 1 ? first.title : `${first.title} and ${items.length - 1} more`;
}

function titleFor(d: Draft): string {
  const main = d.items.slice(0, d.primary ?? d.items.length);
  const folded = d.items.length - main.length;
  return folded > 0 ? `${baseTitle(d, main)} (+ ${idList(d.items.slice(main.length))})` : baseTitle(d, main);
}

function baseTitle(d: Draft, main: SpecItem[]): string {
  const names = main.map((i) => i.title);
  switch (d.label) {
    case 'schema':
      return `Create schema and migrations for ${names.join(', ')}`;
    case 'data-access':
      return `Implement data access for ${names.join(', ')}`;
    case 'api':
      return `Implement API ${names.join(', ')}`;
    case 'hardening':
      return `Harden: ${idList(main)}`;
    case 'integration':
      return `Integrate ${shortList(main)}`;
    case 'overview':
      return `Implement the feature described in ${d.about ?? 'the overview'}`;
    case 'frontend':
      return main.length > 0
        ? `Build UI for ${idList(main)}: ${shortList(main)}`
        : `Build the UI described in ${d.about ?? 'the spec'}`;
    case 'tests':
      return `Write tests for ${idList(main)}`;
    default:
      return `Implement ${idList(main)}: ${shortList(main)}`;
  }
}

function descriptionFor(d: Draft): string {
  const ids = idList(d.items);
  switch (d.label) {
    case 'schema':
      return `Write the schema and migrations for the data models ${ids}: every field, type, constraint and index they name.`;
    case 'data-access':
      return `Write the data-access layer (repositories/queries) for ${ids} on top of the schema.`;
    case 'logic':
      return `Implement the server-side behaviour of ${ids}, meeting every validation criterion.`;
    case 'api':
      return `Implement the endpoints/contracts ${ids} exactly as specified, on top of the business logic.`;
    case 'hardening':
      return `Apply the error scenarios, security and performance requirements ${ids} to the code written so far.`;
    case 'integration':
      return `Implement the integration points ${ids} and wire them to the feature's APIs.`;
    case 'frontend':
      return d.items.length > 0
        ? `Build the user-facing part of ${ids}, calling the API written by the tasks this one depends on.`
        : `Build the user interface the spec section "${d.about ?? ''}" describes.`;
    case 'tests':
      return `Write automated tests proving ${ids}, against the code of the tasks this one depends on.`;
    case 'overview':
      return `The spec lists no requirements: implement the behaviour its section "${d.about ?? 'Overview'}" describes.`;
  }
}

/** Levels, then creation order: ids follow a topological order that reads phase by phase. */
function toTasks(drafts: Draft[]): Task[] {
  const phase = new Map<Draft, number>();
  // Drafts only ever depend on drafts created before them, so one pass in creation order gives the levels.
  for (const d of [...drafts].sort((a, b) => a.order - b.order)) {
    let p = 1;
    for (const dep of d.deps) p = Math.max(p, (phase.get(dep) ?? 0) + 1);
    phase.set(d, p);
  }
  const ordered = [...drafts].sort((a, b) => phase.get(a)! - phase.get(b)! || a.order - b.order);
  const ids = new Map<Draft, string>(ordered.map((d, i) => [d, `task-${String(i + 1).padStart(3, '0')}`]));
  return ordered.map((d) => ({
    id: ids.get(d)!,
    agent: d.agent,
    title: titleFor(d),
    description: descriptionFor(d),
    phase: phase.get(d)!,
    dependsOn: [...d.deps]
      .filter((x) => ids.has(x))
      .map((x) => ids.get(x)!)
      .sort(),
    covers: [...new Set(d.items.map((i) => i.id))],
    sections: [...new Set([...d.items.map((i) => i.section), ...d.extraSections])].sort(),
    estimate: { inputTokens: 0, outputTokens: 0, cacheableTokens: 0, usd: 0, usdNoCache: 0, minutes: 0 },
  }));
}

/**
 * Checks that every dependency names a task of the plan and that there is no cycle. Plans made by
 * `decompose` pass by construction; plans read back from JSON or edited by hand may not.
 */
export function validateTaskGraph(tasks: Pick<Task, 'id' | 'dependsOn'>[]): void {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const duplicates = tasks.filter((t, i) => tasks.findIndex((u) => u.id === t.id) !== i).map((t) => t.id);
  if (duplicates.length > 0)
    throw new PlanError(`Duplicate task id(s): ${[...new Set(duplicates)].join(', ')}.`, duplicates);
  for (const t of tasks) {
    const unknown = t.dependsOn.filter((d) => !byId.has(d));
    if (unknown.length > 0) {
      throw new PlanError(`Task ${t.id} depends on unknown task(s): ${unknown.join(', ')}.`, [
        t.id,
        ...unknown,
      ]);
    }
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): void => {
    const s = state.get(id);
    if (s === 'done') return;
    if (s === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(id)), id];
      throw new PlanError(`The task graph has a cycle: ${cycle.join(' → ')}.`, cycle.slice(0, -1));
    }
    state.set(id, 'visiting');
    stack.push(id);
    for (const dep of byId.get(id)!.dependsOn) visit(dep);
    stack.pop();
    state.set(id, 'done');
  };
  for (const t of tasks) visit(t.id);
}

function computeCoverage(spec: Spec, tasks: Task[]): Plan['coverage'] {
  const coveredIds = new Set(tasks.flatMap((t) => t.covers));
  const allIds: string[] = [];
  const seen = new Set<string>();
  const ordered = [
    ...spec.functionalRequirements,
    ...spec.userStories,
    ...spec.dataModels,
    ...spec.interfaces,
    ...spec.integrationPoints,
    ...spec.errorScenarios,
    ...spec.securityItems,
    ...spec.performanceItems,
    ...spec.acceptanceCriteria,
    ...spec.deterministicTests,
  ];
  for (const item of ordered) {
    if (!seen.has(item.id)) {
      seen.add(item.id);
      allIds.push(item.id);
    }
  }
  const required = new Set(requiredItems(spec).map((i) => i.id));
  return {
    covered: allIds.filter((id) => coveredIds.has(id)),
    uncovered: allIds.filter((id) => required.has(id) && !coveredIds.has(id)),
  };
}

function phasesOf(tasks: Task[]): Plan['phases'] {
  const phases = new Map<number, string[]>();
  for (const t of tasks) phases.set(t.phase, [...(phases.get(t.phase) ?? []), t.id]);
  return [...phases.entries()].sort((a, b) => a[0] - b[0]).map(([number, taskIds]) => ({ number, taskIds }));
}

/** Roles the planner can assign, plus the auxiliary ones: what `--agents` accepts besides repository roles. */
export function plannableRoles(roles?: Map<Role, RoleDefinition>): Role[] {
  return [...new Set<Role>([...BUILTIN_ROLES, ...AUXILIARY_ROLES, ...(roles?.keys() ?? [])])];
}
