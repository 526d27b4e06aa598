// Finds the YAML front matter block (v3 form at the top of the file, or the legacy form after an H1 title) and
// parses it with positions, so that YAML problems point at file lines rather than throwing.
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Finding, FrontMatterInfo, Pos } from './types.js';

const FENCE_LINE = /^---[ \t]*$/;
const CODE_FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]|$)/;
const YAML_KEY_LINE = /^["']?[A-Za-z_][^:]*["']?:(?:[ \t]|$)/;

export interface FrontMatterBlock {
  form: 'v3' | 'legacy';
  /** 0-based index of the opening `---` line. */
  open: number;
  /** 0-based index of the closing line, -1 when never closed. */
  close: number;
}

function findClose(lines: string[], from: number): number {
  for (let i = from; i < lines.length; i++) if (FENCE_LINE.test(lines[i]!)) return i;
  return -1;
}

/** Locates the block on LF-split lines. Returns null when the file has no front matter. */
export function locateFrontMatter(lines: string[]): FrontMatterBlock | null {
  if (lines.length > 0 && FENCE_LINE.test(lines[0]!)) {
    return { form: 'v3', open: 0, close: findClose(lines, 1) };
  }
  // Legacy form: only an H1, blank or plain lines may come before it; a `---` inside code is never a fence.
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (fence !== null) {
      const m = CODE_FENCE.exec(line);
      if (m && m[1]![0] === fence[0] && m[1]!.length >= fence.length && line.trim() === m[1]) fence = null;
      continue;
    }
    const fenceOpen = CODE_FENCE.exec(line);
    if (fenceOpen) {
      fence = fenceOpen[1]!;
      continue;
    }
    const heading = ATX_HEADING.exec(line);
    if (heading && heading[1]!.length > 1) return null;
    if (FENCE_LINE.test(line)) {
      let next = i + 1;
      while (next < lines.length && lines[next]!.trim() === '') next++;
      // A thematic break followed by prose is not front matter.
      if (next >= lines.length || !YAML_KEY_LINE.test(lines[next]!)) return null;
      return { form: 'legacy', open: i, close: findClose(lines, next) };
    }
  }
  return null;
}

export interface ParsedFrontMatter {
  info: FrontMatterInfo;
  data: Record<string, unknown> | null;
  findings: Finding[];
}

const SYNTAX_HINT =
  'Fix the YAML syntax: one `key: value` per line, consistent indentation, quote values that contain `:` or `#`.';

export function parseFrontMatter(lines: string[], block: FrontMatterBlock | null): ParsedFrontMatter {
  if (block === null) {
    return { info: { form: 'none', line: 0, endLine: 0, keys: {} }, data: null, findings: [] };
  }
  const openLine = block.open + 1;
  if (block.close === -1) {
    return {
      info: { form: block.form, line: openLine, endLine: 0, keys: {} },
      data: null,
      findings: [
        {
          gate: 'G1',
          rule: 'unclosed-front-matter',
          severity: 'error',
          message: `The front matter opened at line ${openLine} is never closed.`,
          line: openLine,
          column: 1,
          hint: 'Add a line containing only `---` after the last metadata field.',
        },
      ],
    };
  }
  const yamlText = lines.slice(block.open + 1, block.close).join('\n');
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const findings: Finding[] = [];
  for (const error of doc.errors) {
    const pos = error.linePos?.[0] ?? { line: 1, col: 1 };
    const duplicate = error.code === 'DUPLICATE_KEY';
    const message = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?\s*$/, '');
    findings.push({
      gate: 'G1',
      rule: duplicate ? 'duplicate-key' : 'invalid-yaml',
      severity: 'error',
      message: duplicate
        ? `Front matter key is repeated: ${message}.`
        : `Front matter is not valid YAML: ${message}.`,
      line: openLine + pos.line,
      column: pos.col,
      hint: duplicate ? 'Keep one line per key; delete or merge the repeated one.' : SYNTAX_HINT,
    });
  }
  const keys: Record<string, Pos> = {};
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : null;
      const start = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      if (key === null || start === undefined || key in keys) continue;
      const p = lineCounter.linePos(start);
      keys[key] = { line: openLine + p.line, column: p.col };
    }
  }
  let data: Record<string, unknown> | null = null;
  try {
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      data = value as Record<string, unknown>;
    } else if (value !== null && value !== undefined) {
      findings.push({
        gate: 'G1',
        rule: 'front-matter-not-mapping',
        severity: 'error',
        message: 'The front matter is not a list of `key: value` fields.',
        line: openLine + 1,
        column: 1,
        hint: 'Write the metadata as `key: value` lines, e.g. `name: Product price filter`.',
      });
    }
  } catch (error) {
    findings.push({
      gate: 'G1',
      rule: 'invalid-yaml',
      severity: 'error',
      message: `Front matter could not be read: ${(error as Error).message}.`,
      line: openLine,
      column: 1,
      hint: SYNTAX_HINT,
    });
  }
  return { info: { form: block.form, line: openLine, endLine: block.close + 1, keys }, data, findings };
}
