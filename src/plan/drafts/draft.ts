// A draft is a task before it has an id, a phase and an estimate: the items it covers and the drafts it
// waits for. The stages in this folder add drafts to one DraftBook in creation order, which is also the
// order ids are given in within a phase.
import type { Role } from '../../core/tasks.js';
import type { Spec, SpecItem } from '../../spec/types.js';
import type { ItemClasses } from './classify.js';

export interface Draft {
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

/** The drafts made so far, in creation order. */
export class DraftBook {
  readonly drafts: Draft[] = [];

  add(d: Omit<Draft, 'order'>): Draft {
    const draft = { ...d, order: this.drafts.length, primary: d.items.length };
    this.drafts.push(draft);
    return draft;
  }
}

/** What every stage works from and writes to. */
export interface DraftContext {
  spec: Spec;
  /** Most items in one task. */
  max: number;
  book: DraftBook;
  classes: ItemClasses;
  warnings: string[];
  assumptions: string[];
}

export function chunk<T>(list: T[], max: number): T[][] {
  if (list.length === 0) return [];
  // Balanced chunks: 7 items with max 6 become 4 + 3, not 6 + 1.
  const count = Math.ceil(list.length / max);
  const size = Math.ceil(list.length / count);
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Groups by a key (first appearance order), then chunks each group. */
export function groupedChunks<T>(list: T[], keyOf: (x: T) => string, max: number): T[][] {
  const groups = new Map<string, T[]>();
  for (const x of list) {
    const k = keyOf(x);
    const g = groups.get(k);
    if (g) g.push(x);
    else groups.set(k, [x]);
  }
  return [...groups.values()].flatMap((g) => chunk(g, max));
}

/** The first non-empty list: what a stage depends on when the layer it would wait for has no task. */
export function firstNonEmpty(...lists: Draft[][]): Draft[] {
  return lists.find((l) => l.length > 0) ?? lists[lists.length - 1] ?? [];
}
