// Spec → task DAG. Tasks come from the spec's structure (which list an item is in, which section it sits
// under, which ids it names), never from searching the prose for feature keywords; the only text test is
// whether an item describes something a user sees (UI words in the item's own text).
//
// Layers and their real dependencies (one stage each in drafts/, put together by drafts/build.ts):
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
import { buildDrafts } from './drafts/build.js';
import type { Draft } from './drafts/draft.js';
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
    spec: {
      id: spec.metadata.id ?? '',
      name: spec.metadata.name ?? '',
      path: spec.path,
      // Read through, not copied: the spec computes its hash (node:crypto, ~5 ms to load) on first read, and
      // the text plan never shows it. An accessor in the literal stays enumerable, so JSON and copies see a string.
      get hash() {
        return spec.hash;
      },
    },
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
