// The structure docs/architecture.md promises, checked on every run: folders import only downwards and no
// function grows past what a reader can hold. Measured with the TypeScript parser (scripts/structure.mjs).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script shared with the command line; it has no type declarations
import { folderEdges, functionLengths, LAYERS, layerViolations } from '../scripts/structure.mjs';

interface FunctionLength {
  file: string;
  line: number;
  name: string;
  lines: number;
}

interface Edge {
  from: string;
  to: string;
  file: string;
  target: string;
}

describe('layers of src/', () => {
  it('has no import that points up a layer (type-only imports and import() included)', () => {
    const upward = (layerViolations() as Edge[]).map((e) => `${e.file} -> ${e.target}`);
    expect(upward).toEqual([]);
  });

  it('names every folder of src/ in a layer', () => {
    const known = new Set((LAYERS as string[][]).flat());
    const folders = new Set((folderEdges() as Edge[]).flatMap((e) => [e.from, e.to]).filter((f) => f !== ''));
    expect([...folders].filter((f) => !known.has(f))).toEqual([]);
  });

  it('keeps core a leaf: it imports nothing of ours but the spec types', () => {
    const fromCore = (folderEdges() as Edge[]).filter((e) => e.from === 'core' && e.to !== 'spec');
    expect(fromCore).toEqual([]);
  });

  it('catches an upward import when one is added (the check can fail)', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(path.join(tmpdir(), 'arch-'));
    mkdirSync(path.join(dir, 'core'));
    mkdirSync(path.join(dir, 'run'));
    writeFileSync(path.join(dir, 'run', 'a.ts'), 'export const a = 1;\n');
    writeFileSync(
      path.join(dir, 'core', 'b.ts'),
      "import type { a } from '../run/a.js';\nexport type B = typeof a;\n",
    );
    const found = (layerViolations(dir) as Edge[]).map((e) => `${e.from}->${e.to}`);
    expect(found).toEqual(['core->run']);
  });
});

describe('function lengths of src/', () => {
  it('counts every function-like node from its first to its last line (the measure can fail)', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(path.join(tmpdir(), 'arch-len-'));
    const body = (n: number) => Array.from({ length: n }, (_, i) => `  const v${i} = ${i};`).join('\n');
    writeFileSync(
      path.join(dir, 'long.ts'),
      [
        `export function declared(): void {\n${body(118)}\n}`,
        `export class Holder {\n  method(): void {\n${body(99)}\n  }\n}`,
        'export const arrow = (): number => {\n  return 1;\n};',
      ].join('\n'),
    );
    const found = (functionLengths(dir) as FunctionLength[]).map((f) => `${f.name}:${f.lines}`);
    expect(found).toEqual(['declared:120', 'method:101', 'arrow:3']);
  });
});

describe('function length budget of src/ (issue 10: none over 200 lines, at most 6 over 100)', () => {
  const lengths = functionLengths() as FunctionLength[];
  const named = (list: FunctionLength[]) =>
    list.map((f) => `${f.name} (${f.lines} lines, ${f.file}:${f.line})`);

  it('has no function over 200 lines', () => {
    expect(named(lengths.filter((f) => f.lines > 200))).toEqual([]);
  });

  it('has at most 6 functions over 100 lines', () => {
    const over = lengths.filter((f) => f.lines > 100);
    expect(over.length, named(over).join('\n')).toBeLessThanOrEqual(6);
  });
});

describe('docs/architecture.md', () => {
  it('shows the layers in the order the check enforces', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(path.join(__dirname, '..', 'docs', 'architecture.md'), 'utf8');
    const line = doc.split('\n').find((l) => l.startsWith('spec → '));
    const shown = (line ?? '').split(' → ').map((layer) => layer.split(' | '));
    expect(shown).toEqual(LAYERS);
  });
});
