// Finds the YAML front matter block (v3 form at the top of the file, or the legacy form after an H1 title) and
// reads it with positions, so that YAML problems point at file lines rather than throwing. The YAML itself is read
// by a YamlReader: the fast scanner (yaml-scan.ts) or the yaml package (frontmatter-yaml.ts).
import type { Finding, FrontMatterInfo, Pos } from './types.js';
import { scanYaml } from './yaml-scan.js';

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

export const SYNTAX_HINT =
  'Fix the YAML syntax: one `key: value` per line, consistent indentation, quote values that contain `:` or `#`.';

/** The data, key positions and findings of a front matter's YAML text; null when the reader does not take it. */
export type YamlReader = (
  yamlText: string,
  openLine: number,
) => { data: Record<string, unknown> | null; keys: Record<string, Pos>; findings: Finding[] } | null;

/** Reads the located block with `readYaml`; null when that reader does not take its YAML. */
export function readFrontMatter(
  lines: string[],
  block: FrontMatterBlock | null,
  readYaml: YamlReader,
): ParsedFrontMatter | null {
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
  const read = readYaml(lines.slice(block.open + 1, block.close).join('\n'), openLine);
  if (read === null) return null;
  const info = { form: block.form, line: openLine, endLine: block.close + 1, keys: read.keys };
  return { info, data: read.data, findings: read.findings };
}

/** The fast YamlReader: plain front matter read without the yaml package (see yaml-scan.ts). */
export const scannedYaml: YamlReader = (yamlText, openLine) => {
  const scanned = scanYaml(yamlText, openLine);
  return scanned === null ? null : { ...scanned, findings: [] };
};
