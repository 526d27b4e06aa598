// The full YamlReader: any front matter, read by the yaml package with positions, so that YAML problems become G1
// findings on file lines rather than exceptions. Loaded only when the fast scanner (yaml-scan.ts) declines.
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { SYNTAX_HINT, type YamlReader } from './frontmatter.js';
import type { Finding, Pos } from './types.js';

export const yamlPackageReader: YamlReader = (yamlText, openLine) => {
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
  return { data, keys, findings };
};
