// Extracts the spec's items (requirements, criteria, stories, models, …) from the section regions.
//
// Where items are found: a heading whose key names an item kind opens an "area" (e.g. `## Error Scenarios`,
// `# Data Model`, `### User Stories`). A nested area heading belongs to its own kind, so nothing is counted twice.
// Inside an area: acceptance criteria, user stories, success metrics are the top-level list items; the other
// kinds are the sub-headings of the shallowest depth when there are any, else the top-level list items, else
// (data models only) the `interface`/`type`/`class`/`CREATE TABLE` declarations of code blocks, else paragraphs.
import type { Code, Heading, List, ListItem, Paragraph, Root, RootContent } from 'mdast';
import type { HeadingInfo } from './structure.js';
import { firstLine, plainText } from './text.js';
import type {
  AcceptanceCriterion,
  DeterministicTest,
  FunctionalRequirement,
  ItemKind,
  Pos,
  Spec,
  SpecItem,
} from './types.js';

type AreaKind = 'AC' | 'US' | 'SM' | 'DT' | 'DM' | 'API' | 'INT' | 'ERR' | 'SEC' | 'PERF';

const AREA_KEYS: Record<AreaKind, string[]> = {
  AC: ['acceptance_tests', 'acceptance_criteria', 'acceptancetests', 'testing_strategy', 'testingstrategy'],
  US: ['user_stories', 'user_story', 'stories'],
  SM: ['success_metrics', 'success_criteria', 'metrics', 'kpis'],
  DT: ['deterministic_tests', 'deterministictests'],
  DM: ['data_model', 'data_models', 'datamodel', 'entities', 'schema', 'database_schema', 'data_schema'],
  API: [
    'interfaces_and_contracts',
    'interfaces_contracts',
    'interfaces',
    'api',
    'apis',
    'api_endpoints',
    'endpoints',
    'api_contracts',
    'contracts',
    'api_design',
  ],
  INT: ['integration_points', 'integrations', 'external_integrations'],
  ERR: ['error_scenarios', 'error_handling', 'errors', 'failure_modes', 'error_cases'],
  SEC: ['security', 'security_considerations', 'security_requirements'],
  PERF: ['performance', 'performance_requirements', 'performance_targets'],
};

const KIND_OF_KEY = new Map<string, AreaKind>();
for (const [kind, keys] of Object.entries(AREA_KEYS) as [AreaKind, string[]][]) {
  for (const key of keys) KIND_OF_KEY.set(key, kind);
}

export function areaKindOf(key: string): AreaKind | undefined {
  return KIND_OF_KEY.get(key);
}

const FR_HEADING = /^FR[-\s]?(\d+)\s*(?:[:.)\-\u2013\u2014]\s*)?(.*)$/i;
const AT_PREFIX =
  /^\s*(?:\[[ xX]\]\s*)?(?:\*\*|__)?\s*(AT|AC)[-\s]?(\d+)\b\s*(?:\*\*|__)?\s*[:.)\-\u2013\u2014]?\s*/i;
const VALIDATION_LABEL = /validation\s+criteria/i;
const USER_STORY_PARAGRAPH = /^\s*(?:\*\*)?as\s+an?\b/i;
const SUCCESS_METRIC_ITEM = /^\W*success\s+metrics?\b/i;
const DECLARATION =
  /^\s*(?:export\s+)?(?:interface|type|class|enum|model|table|entity)\s+([A-Za-z_][\w]*)|create\s+table\s+(?:if\s+not\s+exists\s+)?[`"]?([A-Za-z_][\w.]*)/gim;

/** An item whose id is assigned once all items are known (generated ids use the kind as prefix). */
export type DraftItem = SpecItem;

/** The spec's item lists, one per kind. */
export type ItemLists = Pick<
  Spec,
  | 'functionalRequirements'
  | 'acceptanceCriteria'
  | 'userStories'
  | 'successMetrics'
  | 'deterministicTests'
  | 'dataModels'
  | 'interfaces'
  | 'integrationPoints'
  | 'errorScenarios'
  | 'securityItems'
  | 'performanceItems'
>;

export function emptyItemLists(): ItemLists {
  return {
    functionalRequirements: [],
    acceptanceCriteria: [],
    userStories: [],
    successMetrics: [],
    deterministicTests: [],
    dataModels: [],
    interfaces: [],
    integrationPoints: [],
    errorScenarios: [],
    securityItems: [],
    performanceItems: [],
  };
}

export interface ExtractedItems extends ItemLists {
  testBlockErrors: Array<Pos & { message: string }>;
  /** Every item in document order per kind, ids not yet assigned (validation criteria included). */
  all: DraftItem[];
}

interface Context {
  children: RootContent[];
  body: string;
  headingAt: Map<number, HeadingInfo>;
  keyOf: Map<number, string>;
}

function posOf(node: { position?: { start: { line: number; column: number } } }): Pos {
  return { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
}

function sliceOf(body: string, first: RootContent | undefined, last: RootContent | undefined): string {
  const start = first?.position?.start.offset;
  const end = last?.position?.end.offset;
  return start === undefined || end === undefined ? '' : body.slice(start, end);
}

function draft(
  kind: ItemKind,
  title: string,
  text: string,
  pos: Pos,
  section: string,
  explicit: { id: string; number: number } | null = null,
): DraftItem {
  return {
    id: explicit?.id ?? '',
    kind,
    title: firstLine(title),
    text,
    line: pos.line,
    column: pos.column,
    section,
    explicitId: explicit !== null,
    number: explicit?.number ?? null,
  };
}

/** An explicit `PREFIX-n` at the start of an item, e.g. `US-2: As a shopper…`. One pattern for every prefix (the
 *  letters are compared after the match), so a spec compiles it once rather than once per kind. */
const EXPLICIT_PREFIX = /^\s*(?:\*\*|__)?\s*([A-Za-z]+)-(\d+)\b\s*(?:\*\*|__)?\s*[:.)\-\u2013\u2014]?\s*/;

export function explicitPrefix(
  text: string,
  prefix: string,
): { id: string; number: number; rest: string } | null {
  const m = EXPLICIT_PREFIX.exec(text);
  if (!m || m[1]!.toUpperCase() !== prefix.toUpperCase()) return null;
  return { id: `${prefix}-${Number(m[2])}`, number: Number(m[2]), rest: text.slice(m[0].length) };
}

function listItemDraft(
  item: ListItem,
  kind: ItemKind,
  prefix: string,
  section: string,
  ctx: Context,
): DraftItem {
  const text = sliceOf(ctx.body, item.children[0], item.children[item.children.length - 1]);
  const plain = plainText(item.children[0] ?? item);
  const explicit = explicitPrefix(plain, prefix);
  return draft(kind, explicit ? explicit.rest : plain, text, posOf(item), section, explicit);
}

function acceptanceDraft(plain: string, text: string, pos: Pos, section: string): AcceptanceCriterion {
  const m = AT_PREFIX.exec(plain);
  const explicit = m ? { id: `${m[1]!.toUpperCase()}-${Number(m[2])}`, number: Number(m[2]) } : null;
  const title = m ? plain.slice(m[0].length) : plain;
  const base = draft('AC', title || plain, text, pos, section, explicit);
  return {
    ...base,
    kind: 'AC',
    given: /\bgiven\b/i.test(plain),
    when: /\bwhen\b/i.test(plain),
    // `then` is the field name of the shared AcceptanceCriterion contract; the object is never awaited.
    // biome-ignore lint/suspicious/noThenProperty: contract field name
    then: /\bthen\b/i.test(plain),
  } as AcceptanceCriterion;
}

/** Root-level nodes of an area that are not inside a nested area of another (or the same) kind. */
function ownNodes(area: HeadingInfo, ctx: Context): number[] {
  const own: number[] = [];
  for (let i = area.index + 1; i < area.end; i++) {
    const nested = ctx.headingAt.get(i);
    if (nested && areaKindOf(ctx.keyOf.get(i) ?? nested.key) !== undefined) {
      i = nested.end - 1;
      continue;
    }
    own.push(i);
  }
  return own;
}

function validationCriteria(fr: HeadingInfo, ctx: Context, section: string): DraftItem[] {
  const found: DraftItem[] = [];
  const add = (item: ListItem) => found.push(listItemDraft(item, 'VC', 'VC', section, ctx));
  let labelledUntil = -1; // a "Validation Criteria" heading labels every list up to its region end
  let nextListLabelled = false; // a "Validation Criteria:" paragraph labels the list that follows it
  for (let i = fr.index + 1; i < fr.end; i++) {
    const node = ctx.children[i]!;
    if (node.type === 'heading') {
      const info = ctx.headingAt.get(i)!;
      labelledUntil = VALIDATION_LABEL.test(info.title) ? info.end : -1;
      nextListLabelled = false;
    } else if (node.type === 'paragraph') {
      nextListLabelled = VALIDATION_LABEL.test(plainText(node));
    } else if (node.type === 'list') {
      for (const item of (node as List).children) {
        if (nextListLabelled || i < labelledUntil) {
          add(item);
          continue;
        }
        const head = item.children[0];
        if (head?.type !== 'paragraph' || !VALIDATION_LABEL.test(plainText(head))) continue;
        const nestedLists = item.children.filter((c): c is List => c.type === 'list');
        for (const nested of nestedLists) for (const sub of nested.children) add(sub);
        const rest = plainText(head).replace(/^.*?validation\s+criteria\s*:?\s*/i, '');
        if (nestedLists.length === 0 && rest !== '') {
          found.push(draft('VC', rest, sliceOf(ctx.body, head, head), posOf(item), section));
        }
      }
      nextListLabelled = false;
    } else {
      nextListLabelled = false;
    }
  }
  return found;
}

function parseJsonBlock(
  code: Code,
  section: string,
  tests: DeterministicTest[],
  errors: Array<Pos & { message: string }>,
): void {
  const pos = posOf(code);
  let value: unknown;
  try {
    value = JSON.parse(code.value);
  } catch (error) {
    const message = (error as Error).message;
    // Point at the offending line inside the block when the engine tells the position.
    const at = /position (\d+)/.exec(message);
    const lineInBlock = at ? code.value.slice(0, Number(at[1])).split('\n').length : 0;
    errors.push({ line: pos.line + lineInBlock, column: lineInBlock > 0 ? 1 : pos.column, message });
    return;
  }
  const entries = Array.isArray(value) ? value : [value];
  entries.forEach((entry, index) => {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      errors.push({ ...pos, message: `entry ${index + 1} is not an object` });
      return;
    }
    const record = entry as Record<string, unknown>;
    const rawId =
      typeof record.id === 'string' || typeof record.id === 'number' ? String(record.id).trim() : '';
    const key = ['expected', 'expected_checksum', 'output'].find((k) => k in record);
    // Point at the entry's own line when its id can be found in the block.
    const idAt = rawId === '' ? -1 : code.value.indexOf(JSON.stringify(rawId));
    const lineInBlock = idAt === -1 ? 0 : code.value.slice(0, idAt).split('\n').length;
    const description = typeof record.description === 'string' ? record.description : '';
    const explicit =
      rawId === '' ? null : { id: /^DT/i.test(rawId) ? rawId : `DT-${rawId}`, number: Number.NaN };
    const base = draft(
      'DT',
      description || rawId || `deterministic test ${tests.length + 1}`,
      JSON.stringify(entry, null, 2),
      { line: pos.line + lineInBlock, column: lineInBlock > 0 ? 1 : pos.column },
      section,
      explicit,
    );
    tests.push({
      ...base,
      number: null,
      kind: 'DT',
      description,
      input: record.input,
      expected: key === undefined ? undefined : record[key],
      hasExpected: key !== undefined && record[key] !== undefined && record[key] !== null,
    } as DeterministicTest);
  });
}

function codeBlocksIn(nodes: RootContent[]): Code[] {
  const found: Code[] = [];
  const stack: RootContent[] = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'code') found.push(node);
    else if ('children' in node) {
      const children = node.children as RootContent[];
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  return found;
}

type BucketKind = 'DM' | 'API' | 'INT' | 'ERR' | 'SEC' | 'PERF';

/**
 * The steps: (1) each heading is an FR, or opens an area whose kind says how its items are written (DT: JSON
 * blocks; AC: list items or AT headings; US/SM: list items, else paragraphs; the rest: sub-headings, else list
 * items, else declarations, else paragraphs); (2) "Success metrics:" list items outside a metrics area;
 * (3) every item in one list, in document order per kind.
 */
export function extractItems(
  root: Root,
  headings: HeadingInfo[],
  keyOf: Map<number, string>,
  parentOf: Map<number, string>,
  body: string,
): ExtractedItems {
  const ctx: Context = {
    children: root.children,
    body,
    headingAt: new Map(headings.map((h) => [h.index, h])),
    keyOf,
  };
  const out: ExtractedItems = { ...emptyItemLists(), testBlockErrors: [], all: [] };
  const bucket: Record<BucketKind, SpecItem[]> = {
    DM: out.dataModels,
    API: out.interfaces,
    INT: out.integrationPoints,
    ERR: out.errorScenarios,
    SEC: out.securityItems,
    PERF: out.performanceItems,
  };
  const inSmArea = new Set<number>();

  for (const h of headings) {
    const key = keyOf.get(h.index) ?? h.key;
    const fr = FR_HEADING.exec(h.title);
    if (fr) {
      out.functionalRequirements.push(requirementItem(h, fr, parentOf.get(h.index) ?? key, ctx));
      continue;
    }
    const kind = areaKindOf(key) ?? areaKindOf(h.key);
    if (kind === undefined) continue;
    const own = ownNodes(h, ctx);
    const section = key;
    if (kind === 'DT') {
      for (const code of codeBlocksIn(own.map((i) => ctx.children[i]!))) {
        if ((code.lang ?? '').toLowerCase() === 'json')
          parseJsonBlock(code, section, out.deterministicTests, out.testBlockErrors);
      }
    } else if (kind === 'AC') {
      out.acceptanceCriteria.push(...acceptanceItems(own, section, ctx));
    } else {
      const listItems = ownListItems(own, kind, section, ctx);
      if (kind === 'SM') for (const i of own) if (ctx.children[i]!.type === 'list') inSmArea.add(i);
      if (kind === 'US') out.userStories.push(...storyOrMetricItems(kind, own, listItems, section, ctx));
      else if (kind === 'SM')
        out.successMetrics.push(...storyOrMetricItems(kind, own, listItems, section, ctx));
      else bucket[kind].push(...areaItems(kind, own, listItems, section, ctx));
    }
  }
  out.successMetrics.push(...inlineSuccessMetrics(root, ctx, inSmArea));
  out.all.push(...inDocumentOrder(out));
  return out;
}

/** An `FR-n` heading: the requirement, its text everything below the heading, with its validation criteria. */
function requirementItem(h: HeadingInfo, fr: RegExpExecArray, section: string, ctx: Context) {
  const number = Number(fr[1]);
  const first = ctx.children[h.index + 1];
  const last = h.end > h.index + 1 ? ctx.children[h.end - 1] : undefined;
  const item = draft('FR', fr[2] || h.title, sliceOf(ctx.body, first, last), h, section, {
    id: `FR-${number}`,
    number,
  }) as FunctionalRequirement;
  item.validationCriteria = validationCriteria(h, ctx, `FR-${number}`);
  return item;
}

/** An acceptance area's criteria: its top-level list items, and ATs written as headings. */
function acceptanceItems(own: number[], section: string, ctx: Context): AcceptanceCriterion[] {
  const found: AcceptanceCriterion[] = [];
  for (let k = 0; k < own.length; k++) {
    const i = own[k]!;
    const node = ctx.children[i]!;
    if (node.type === 'list') {
      for (const item of (node as List).children) {
        const text = sliceOf(ctx.body, item.children[0], item.children[item.children.length - 1]);
        found.push(acceptanceDraft(plainText(item), text, posOf(item), section));
      }
    } else if (node.type === 'heading' && AT_PREFIX.test(plainText(node as Heading))) {
      // An AT written as a heading owns the lists below it (its Given/When/Then lines).
      const info = ctx.headingAt.get(i)!;
      const nodes = ctx.children.slice(i + 1, info.end);
      const text = sliceOf(ctx.body, nodes[0], nodes[nodes.length - 1]);
      const plain = [info.title, ...nodes.map((n) => plainText(n))].join(' ');
      const ac = acceptanceDraft(plain, text, info, section);
      ac.title = firstLine(info.title.replace(AT_PREFIX, '') || info.title);
      found.push(ac);
      while (k + 1 < own.length && own[k + 1]! < info.end) k++;
    }
  }
  return found;
}

/** The items of the area's own top-level lists, `KIND-n` prefixes read as explicit ids. */
function ownListItems(own: number[], kind: AreaKind, section: string, ctx: Context): DraftItem[] {
  const items: DraftItem[] = [];
  for (const i of own) {
    const node = ctx.children[i]!;
    if (node.type !== 'list') continue;
    for (const item of (node as List).children) items.push(listItemDraft(item, kind, kind, section, ctx));
  }
  return items;
}

/** Stories and metrics: the list items, else the paragraphs (for stories, those that read "As a …"). */
function storyOrMetricItems(
  kind: 'US' | 'SM',
  own: number[],
  listItems: DraftItem[],
  section: string,
  ctx: Context,
): DraftItem[] {
  if (listItems.length > 0) return listItems;
  const found: DraftItem[] = [];
  for (const i of own) {
    const node = ctx.children[i]!;
    if (node.type !== 'paragraph') continue;
    const plain = plainText(node);
    if (kind === 'US' && !USER_STORY_PARAGRAPH.test(plain)) continue;
    found.push(draft(kind, plain, sliceOf(ctx.body, node, node), posOf(node), section));
  }
  return found;
}

/** The other kinds: sub-headings, else list items, else (data models) declarations, else paragraphs. */
function areaItems(
  kind: BucketKind,
  own: number[],
  listItems: DraftItem[],
  section: string,
  ctx: Context,
): DraftItem[] {
  // Sub-headings first: `## Product` under Data Model is one model with its fields below it.
  const subHeadings = own.map((i) => ctx.headingAt.get(i)).filter((x): x is HeadingInfo => x !== undefined);
  if (subHeadings.length > 0) return subHeadingItems(kind, subHeadings, section, ctx);
  if (listItems.length > 0) return listItems;
  const declared = kind === 'DM' ? declarationItems(kind, own, section, ctx) : [];
  if (declared.length > 0) return declared;
  const items: DraftItem[] = [];
  for (const i of own) {
    const node = ctx.children[i]!;
    if (node.type !== 'paragraph') continue;
    const p = node as Paragraph;
    items.push(draft(kind, plainText(p), sliceOf(ctx.body, p, p), posOf(p), section));
  }
  return items;
}

/** The shallowest sub-headings of an area, each an item whose text is what lies below it. */
function subHeadingItems(kind: BucketKind, subHeadings: HeadingInfo[], section: string, ctx: Context) {
  const depth = Math.min(...subHeadings.map((s) => s.depth));
  return subHeadings
    .filter((s) => s.depth === depth)
    .map((s) => {
      const first = ctx.children[s.index + 1];
      const last = s.end > s.index + 1 ? ctx.children[s.end - 1] : undefined;
      const explicit = explicitPrefix(s.title, kind);
      return draft(
        kind,
        explicit ? explicit.rest : s.title,
        sliceOf(ctx.body, first, last),
        s,
        section,
        explicit,
      );
    });
}

/** `interface`/`type`/`class`/`CREATE TABLE` declarations in the area's code blocks. */
function declarationItems(kind: BucketKind, own: number[], section: string, ctx: Context): DraftItem[] {
  const items: DraftItem[] = [];
  for (const code of codeBlocksIn(own.map((i) => ctx.children[i]!))) {
    const base = posOf(code);
    DECLARATION.lastIndex = 0;
    for (let m = DECLARATION.exec(code.value); m !== null; m = DECLARATION.exec(code.value)) {
      const line = base.line + code.value.slice(0, m.index).split('\n').length;
      const name = m[1] ?? m[2] ?? '';
      items.push(draft(kind, name, m[0].trim(), { line, column: 1 }, section));
    }
  }
  return items;
}

/** "- Success metrics: 99% accuracy" written in the overview is a success metric too. */
function inlineSuccessMetrics(root: Root, ctx: Context, inSmArea: Set<number>): DraftItem[] {
  const found: DraftItem[] = [];
  let enclosing = '';
  root.children.forEach((node, index) => {
    const heading = ctx.headingAt.get(index);
    if (heading) enclosing = ctx.keyOf.get(index) ?? heading.key;
    if (node.type !== 'list' || inSmArea.has(index)) return;
    for (const item of node.children) {
      const head = item.children[0];
      if (head?.type === 'paragraph' && SUCCESS_METRIC_ITEM.test(plainText(head))) {
        const text = sliceOf(ctx.body, item.children[0], item.children[item.children.length - 1]);
        found.push(draft('SM', plainText(head), text, posOf(item), enclosing));
      }
    }
  });
  return found;
}

/** Every item, kind by kind, each FR followed by its validation criteria. */
function inDocumentOrder(out: ItemLists): DraftItem[] {
  return [
    ...out.functionalRequirements.flatMap((fr) => [fr, ...fr.validationCriteria]),
    ...out.acceptanceCriteria,
    ...out.userStories,
    ...out.successMetrics,
    ...out.deterministicTests,
    ...out.dataModels,
    ...out.interfaces,
    ...out.integrationPoints,
    ...out.errorScenarios,
    ...out.securityItems,
    ...out.performanceItems,
  ];
}
