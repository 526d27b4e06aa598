// Headings → sections. Only root-level headings count, so headings inside code, lists or quotes never do.
import type { Heading, Root, RootContent } from 'mdast';
import { headingKey, plainText } from './text.js';
import type { Layout, Section } from './types.js';

export interface HeadingInfo {
  /** Index of the heading among the root's children. */
  index: number;
  /** Index (exclusive) where its region ends: the next heading of the same or higher rank. */
  end: number;
  depth: number;
  title: string;
  /** Normalized heading (no aliases). */
  key: string;
  line: number;
  column: number;
}

export const SECTION_ALIASES: Record<string, string> = {
  nonfunctional_requirements: 'non_functional_requirements',
  security_considerations: 'security',
  datamodel: 'data_model',
  data_models: 'data_model',
  interfaces_contracts: 'interfaces_and_contracts',
  acceptancetests: 'acceptance_tests',
  testing_strategy: 'acceptance_tests',
  testingstrategy: 'acceptance_tests',
  deterministictests: 'deterministic_tests',
  risks_open_questions: 'risks_and_open_questions',
  glossary_definitions: 'glossary_and_definitions',
};

export const FORMAL_SECTIONS = [
  'overview',
  'functional_requirements',
  'non_functional_requirements',
  'security',
  'data_inventory',
  'data_model',
  'interfaces_and_contracts',
  'acceptance_tests',
  'deterministic_tests',
  'risks_and_open_questions',
  'glossary_and_definitions',
  'traceability',
] as const;
const FORMAL_SET = new Set<string>(FORMAL_SECTIONS);

export function canonicalKey(key: string): string {
  return SECTION_ALIASES[key] ?? key;
}

const LEVEL_HEADING = /^\s*level\s*([1-5])\b/i;

export function levelOf(title: string): number | null {
  const m = LEVEL_HEADING.exec(title);
  return m ? Number(m[1]) : null;
}

export function collectHeadings(root: Root): HeadingInfo[] {
  const headings: HeadingInfo[] = [];
  const open: HeadingInfo[] = [];
  root.children.forEach((node, index) => {
    if (node.type !== 'heading') return;
    const h = node as Heading;
    while (open.length > 0 && open[open.length - 1]!.depth >= h.depth) open.pop()!.end = index;
    const title = plainText(h);
    const info: HeadingInfo = {
      index,
      end: root.children.length,
      depth: h.depth,
      title,
      key: headingKey(title),
      line: h.position?.start.line ?? 1,
      column: h.position?.start.column ?? 1,
    };
    headings.push(info);
    open.push(info);
  });
  return headings;
}

export interface Structure {
  layout: Layout;
  sections: Record<string, Section>;
  subsections: Section[];
  /** Heading index → key of the section it opens (top-level: canonical key; sub: normalized). */
  keyOf: Map<number, string>;
  /** Headings that open a top-level section. */
  tops: Set<number>;
  /** Heading index → key of the top-level section it sits in (subsections only). */
  parentOf: Map<number, string>;
}

function makeSection(
  h: HeadingInfo,
  key: string,
  parent: string | null,
  children: RootContent[],
  body: string,
): Section {
  const startOffset = children[h.index]!.position?.end.offset ?? 0;
  const last = h.end > h.index + 1 ? children[h.end - 1] : undefined;
  const endOffset = last?.position?.end.offset ?? startOffset;
  return {
    key,
    title: h.title,
    depth: h.depth,
    line: h.line,
    column: h.column,
    endLine: last?.position?.end.line ?? h.line,
    text: body.slice(startOffset, endOffset).replace(/^[ \t]*\n/, ''),
    empty: h.end === h.index + 1,
    parent,
  };
}

export function buildStructure(root: Root, headings: HeadingInfo[], body: string): Structure {
  const layout: Layout = headings.some((h) => h.depth <= 3 && levelOf(h.title) !== null)
    ? 'maturity'
    : 'formal';
  const tops = new Set<number>();
  const keyOf = new Map<number, string>();
  const parentOf = new Map<number, string>();
  if (layout === 'maturity') {
    for (const h of headings) {
      const level = levelOf(h.title);
      if (h.depth <= 3 && level !== null) {
        tops.add(h.index);
        keyOf.set(h.index, `level_${level}`);
      }
    }
  } else {
    // H1s are the sections. Specs that put a title H1 first and the sections as H2s are accepted too.
    let enclosingH1Canonical = false;
    const h1Keys = new Set(headings.filter((h) => h.depth === 1).map((h) => canonicalKey(h.key)));
    for (const h of headings) {
      const key = canonicalKey(h.key);
      if (h.depth === 1) {
        enclosingH1Canonical = FORMAL_SET.has(key);
        tops.add(h.index);
        keyOf.set(h.index, key);
      } else if (h.depth === 2 && !enclosingH1Canonical && FORMAL_SET.has(key) && !h1Keys.has(key)) {
        tops.add(h.index);
        keyOf.set(h.index, key);
      }
    }
  }
  const sections: Record<string, Section> = {};
  const subsections: Section[] = [];
  const stack: HeadingInfo[] = [];
  for (const h of headings) {
    while (stack.length > 0 && stack[stack.length - 1]!.end <= h.index) stack.pop();
    if (tops.has(h.index)) {
      const key = keyOf.get(h.index)!;
      // The first section with a key wins; a repeated heading stays a plain region.
      if (!(key in sections)) sections[key] = makeSection(h, key, null, root.children, body);
      stack.push(h);
    } else if (stack.length > 0) {
      const parent = keyOf.get(stack[stack.length - 1]!.index)!;
      keyOf.set(h.index, h.key);
      parentOf.set(h.index, parent);
      subsections.push(makeSection(h, h.key, parent, root.children, body));
    } else {
      keyOf.set(h.index, h.key);
    }
  }
  return { layout, sections, subsections, keyOf, tops, parentOf };
}
