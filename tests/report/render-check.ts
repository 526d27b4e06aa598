// Renders report Markdown the way GitHub does, as far as a test can: markdown-it with GFM tables for the
// Markdown, mermaid's own parser for every ```mermaid block. A table that falls apart or a diagram that
// does not parse fails the test that calls these.
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: true, linkify: false });

export type Token = ReturnType<MarkdownIt['parse']>[number];

export function parseMarkdown(text: string): Token[] {
  return md.parse(text, {});
}

export function renderHtml(text: string): string {
  return md.render(text);
}

/** Whether a token is raw HTML that opens a `<details>` block. */
function opensDetails(t: Token): boolean {
  return (t.type === 'html_block' || t.type === 'html_inline') && /<details\b/i.test(t.content);
}

export interface RenderedTable {
  /** Header cells. */
  header: string[];
  /** Body rows as cell texts (inline content, unrendered). */
  rows: string[][];
  /** True when the table comes after the first `<details>`. */
  folded: boolean;
}

/** Every GFM table markdown-it recognises, in order, with its header and body cells. */
export function tablesOf(text: string): RenderedTable[] {
  const tokens = parseMarkdown(text);
  const tables: RenderedTable[] = [];
  let folded = false;
  let current: RenderedTable | null = null;
  let row: string[] | null = null;
  let inHead = false;
  for (const t of tokens) {
    if (opensDetails(t)) folded = true;
    if (t.type === 'table_open') current = { header: [], rows: [], folded };
    else if (t.type === 'thead_open') inHead = true;
    else if (t.type === 'thead_close') inHead = false;
    else if (t.type === 'tr_open') row = [];
    else if (t.type === 'inline' && row !== null && current) row.push(t.content);
    else if (t.type === 'tr_close' && current && row) {
      if (inHead) current.header = row;
      else current.rows.push(row);
      row = null;
    } else if (t.type === 'table_close' && current) {
      tables.push(current);
      current = null;
    }
  }
  return tables;
}

/** The bodies of the ```mermaid fences, as markdown-it sees them (so a fence that breaks is noticed). */
export function mermaidBlocks(text: string): string[] {
  return parseMarkdown(text)
    .filter((t) => t.type === 'fence' && t.info.trim() === 'mermaid')
    .map((t) => t.content);
}

let mermaidReady: Promise<{ parse(text: string): Promise<unknown> }> | undefined;

/**
 * mermaid 11 needs a DOM to load (DOMPurify hooks in at parse time): happy-dom provides `window` and
 * `document`, then mermaid.parse runs its real grammar.
 */
async function loadMermaid(): Promise<{ parse(text: string): Promise<unknown> }> {
  mermaidReady ??= (async () => {
    const { Window } = await import('happy-dom');
    const win = new Window();
    const g = globalThis as Record<string, unknown>;
    g.window ??= win;
    g.document ??= win.document;
    const { default: mermaid } = await import('mermaid');
    return mermaid;
  })();
  return mermaidReady;
}

/** Parses every Mermaid block with mermaid's parser; rejects with the block and the parse error. */
export async function parseAllMermaid(text: string): Promise<number> {
  const mermaid = await loadMermaid();
  const blocks = mermaidBlocks(text);
  for (const block of blocks) {
    try {
      await mermaid.parse(block);
    } catch (err) {
      throw new Error(`Mermaid block does not parse: ${(err as Error).message}\n${block}`);
    }
  }
  return blocks.length;
}

/** Parses one diagram text directly (to show the parser rejects what it should). */
export async function parseMermaid(block: string): Promise<void> {
  const mermaid = await loadMermaid();
  await mermaid.parse(block);
}
