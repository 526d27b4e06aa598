// Markdown spec → typed Spec, with the parsers it is read by passed in. Pure: no file system, never throws on bad
// input (problems become G1 findings).
//
// Two sets of readers exist. The fast ones (FAST_READERS: yaml-scan.ts and markdown/scan-blocks.ts) load no
// library and read the plain Markdown and YAML most specs are written in, or decline. The full ones (parse.ts:
// markdown-it and the yaml package) read anything. parse.ts's parseSpec tries the fast ones first, so every spec is
// read the same way whichever entry loaded it; load.ts tries them alone first and imports parse.ts only when they
// decline, which keeps markdown-it and yaml out of a one-spec `validate`'s start-up.

import type { Root } from 'mdast';
import { locateFrontMatter, readFrontMatter, scannedYaml, type YamlReader } from './frontmatter.js';
import { type DraftItem, emptyItemLists, extractItems } from './items.js';
import { scanMarkdown } from './markdown-scan.js';
import { buildMetadata } from './metadata.js';
import { buildStructure, collectHeadings } from './structure.js';
import { rememberTree } from './tree.js';
import type { Finding, Spec } from './types.js';

export interface SpecReaders {
  yaml: YamlReader;
  /** The Markdown body (front matter blanked) as mdast, or null when this reader does not take it. */
  markdown(body: string): Root | null;
}

/** The readers that load no parsing library; they decline what they cannot read exactly as the full ones do. */
export const FAST_READERS: SpecReaders = { yaml: scannedYaml, markdown: scanMarkdown };

function emptyParts(): Omit<Spec, 'path' | 'source' | 'hash' | 'findings'> {
  return {
    layout: 'formal',
    metadata: {
      specmas: null,
      kind: null,
      id: null,
      name: null,
      complexity: null,
      maturity: null,
      owners: [],
      raw: {},
    },
    frontMatter: { form: 'none', line: 0, endLine: 0, keys: {} },
    sections: {},
    subsections: [],
    ...emptyItemLists(),
    invalidTestBlocks: [],
    bodyLength: 0,
  };
}

// node:crypto loads on the first read of a spec's hash, not at start-up: `validate` never shows the hash, and
// loading node:crypto's internals is a measurable part of a one-spec validate beyond a bare script's time.
// process.getBuiltinModule (Node 20.16+) gets it synchronously without loading node:module for createRequire,
// which costs about as much again.

/** The sha256 (hex) of a spec's bytes, computed when first asked for, then kept. */
function lazySha256(bytes: Buffer): () => string {
  let hex: string | undefined;
  return () => {
    hex ??= process.getBuiltinModule('node:crypto').createHash('sha256').update(bytes).digest('hex');
    return hex;
  };
}

function unreadable(path: string, source: string, hashOf: () => string, why: string): Spec {
  return {
    path,
    source,
    get hash() {
      return hashOf();
    },
    ...emptyParts(),
    findings: [
      {
        gate: 'G1',
        rule: 'unreadable-file',
        severity: 'error',
        message: `${path} cannot be read as a spec: ${why}.`,
        line: 1,
        column: 1,
        hint: 'Point the tool at a UTF-8 Markdown spec (front matter + sections), e.g. examples/specs/product-price-filter.md.',
      },
    ],
  };
}

/**
 * The whole spec goes into every agent's prompt (about 4 bytes a token), so a bigger one cannot fit a model's
 * context window and would only fail later, at the API, with a less helpful message.
 */
export const MAX_SPEC_BYTES = 512 * 1024;

function tooLarge(path: string, bytes: number): Finding {
  return {
    gate: 'G1',
    rule: 'spec-too-large',
    severity: 'error',
    message: `${path} is ${(bytes / 1024 / 1024).toFixed(1)} MB; a spec may be at most ${MAX_SPEC_BYTES / 1024} KB because the whole spec is sent with every agent's prompt.`,
    line: 1,
    column: 1,
    hint: 'Split it into smaller specs (one feature each), and link long reference material instead of pasting it.',
  };
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes the input, or says why it is not a readable text spec. */
function decode(content: Buffer | string): { text: string } | { problem: string } {
  if (typeof content === 'string') {
    return content.includes('\0')
      ? { problem: 'it is a binary file (contains NUL bytes)' }
      : { text: content };
  }
  if (content.includes(0)) return { problem: 'it is a binary file (contains NUL bytes)' };
  try {
    return { text: utf8.decode(content) };
  } catch {
    return { problem: 'it is not valid UTF-8 text' };
  }
}

/** Gives every item a unique id: written ids first (a repeat gets a suffix and a warning), then generated ones. */
function assignIds(items: DraftItem[], findings: Finding[]): void {
  const taken = new Set<string>();
  const unique = (id: string) => {
    let n = 2;
    while (taken.has(`${id}-${n}`)) n++;
    return `${id}-${n}`;
  };
  for (const item of items) {
    if (!item.explicitId) continue;
    if (taken.has(item.id)) {
      const renamed = unique(item.id);
      findings.push({
        gate: 'G1',
        rule: 'duplicate-id',
        severity: 'warning',
        message: `The id ${item.id} is used more than once; this one is referred to as ${renamed}.`,
        line: item.line,
        column: item.column,
        hint: `Give each item its own number, e.g. renumber this one to the next free ${item.kind}-<n>.`,
      });
      item.id = renamed;
    }
    taken.add(item.id);
  }
  const order = new Map<string, number>();
  for (const item of items) {
    const n = (order.get(item.kind) ?? 0) + 1;
    order.set(item.kind, n);
    if (item.explicitId) continue;
    const id = `${item.kind}-${n}`;
    item.id = taken.has(id) ? unique(id) : id;
    taken.add(item.id);
  }
}

/** The spec read with `readers`, or null when one of them declines its text. */
export function buildSpec(readers: SpecReaders, path: string, content: Buffer | string): Spec | null {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const hashOf = lazySha256(bytes);
  const decoded = decode(content);
  if ('problem' in decoded) return unreadable(path, '', hashOf, decoded.problem);
  const source = decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
  if (source.trim() === '') return unreadable(path, source, hashOf, 'the file is empty');

  // CRLF and lone CR become LF: the same lines, so positions stay those of the original file.
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const block = locateFrontMatter(lines);
  const fm = readFrontMatter(lines, block, readers.yaml);
  if (fm === null) return null;
  const { metadata, findings: metaFindings } = buildMetadata(
    fm.data,
    fm.info,
    block === null || block.close !== -1,
  );
  const findings: Finding[] = [...fm.findings, ...metaFindings];
  if (bytes.length > MAX_SPEC_BYTES) findings.push(tooLarge(path, bytes.length));

  // Blank the front matter lines instead of cutting them, so the body keeps the file's line numbers.
  if (block) {
    const last = block.close === -1 ? block.open : block.close;
    for (let i = block.open; i <= last; i++) lines[i] = '';
  }
  const body = lines.join('\n');
  const root = readers.markdown(body);
  if (root === null) return null;
  const headings = collectHeadings(root);
  const structure = buildStructure(root, headings, body);
  const items = extractItems(root, headings, structure.keyOf, structure.parentOf, body);
  assignIds(items.all, findings);

  const spec: Spec = {
    path,
    source,
    // An accessor in the literal keeps `hash` enumerable and in its place (JSON, spreads and copies see a string).
    get hash() {
      return hashOf();
    },
    layout: structure.layout,
    metadata,
    frontMatter: fm.info,
    sections: structure.sections,
    subsections: structure.subsections,
    functionalRequirements: items.functionalRequirements,
    acceptanceCriteria: items.acceptanceCriteria,
    userStories: items.userStories,
    successMetrics: items.successMetrics,
    deterministicTests: items.deterministicTests,
    dataModels: items.dataModels,
    interfaces: items.interfaces,
    integrationPoints: items.integrationPoints,
    errorScenarios: items.errorScenarios,
    securityItems: items.securityItems,
    performanceItems: items.performanceItems,
    invalidTestBlocks: items.testBlockErrors,
    bodyLength: body.trim().length,
    findings,
  };
  rememberTree(spec, { root, body });
  return spec;
}
