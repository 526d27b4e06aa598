// The symbol map: exported names per file from the repository scan, bounded, in the cached prompt prefix.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { symbolMapSection } from '../../src/agents/context.js';
import { scanRepository } from '../../src/agents/repo-scan.js';
import { exportedNames, renderSymbolMap, SYMBOL_MAP_MAX_CHARS } from '../../src/agents/symbol-map.js';

describe('exportedNames', () => {
  it('reads ES module, CommonJS, Python and Go exports', () => {
    const ts = [
      'export async function load() {}',
      'export default class Store {}',
      'export const LIMIT = 3, other = 4;',
      'export interface Shape {}',
      'export type Id = string;',
      'export { a, b as c, type D } from "./x";',
      'function hidden() {}',
    ].join('\n');
    expect(exportedNames('src/a.ts', ts)).toEqual(['load', 'Store', 'LIMIT', 'Shape', 'Id', 'a', 'c', 'D']);
    expect(
      exportedNames('lib/b.cjs', 'module.exports = { parse, format: fmt };\nexports.extra = 1;'),
    ).toEqual(['parse', 'format', 'extra']);
    expect(
      exportedNames(
        'app/m.py',
        'def run():\n    pass\nclass Job:\n    def inner(self): pass\ndef _private(): pass',
      ),
    ).toEqual(['run', 'Job']);
    expect(
      exportedNames(
        'pkg/m.go',
        'func Serve() {}\nfunc (s *S) Close() {}\nfunc helper() {}\ntype Config struct{}',
      ),
    ).toEqual(['Serve', 'Close', 'Config']);
    expect(exportedNames('README.md', 'export const x = 1')).toEqual([]);
  });
});

describe('renderSymbolMap', () => {
  it('lists files in path order within ~1.5k tokens and counts what did not fit', () => {
    const entries = Array.from({ length: 400 }, (_, i) => ({
      path: `src/module-${String(i).padStart(3, '0')}.ts`,
      names: ['alpha', 'beta', 'gamma'],
    }));
    const map = renderSymbolMap(entries);
    expect(map.length).toBeLessThanOrEqual(SYMBOL_MAP_MAX_CHARS + 80);
    expect(map.split('\n')[0]).toBe('src/module-000.ts: alpha, beta, gamma');
    const listed = map.split('\n').length - 1;
    expect(map.endsWith(`\n(${400 - listed} more source file(s) not listed; use search_code)`)).toBe(true);
    expect(renderSymbolMap([{ path: 'a.ts', names: [] }])).toBe('');
  });

  it('stops at the first file that does not fit: later files are counted, not listed, even short ones', () => {
    const entries = [
      { path: 'a.ts', names: ['x'.repeat(40)] },
      { path: 'b.ts', names: ['y'.repeat(40)] },
      { path: 'c.ts', names: [] },
      { path: 'd.ts', names: ['z'] },
    ];
    expect(renderSymbolMap(entries, 50)).toBe(
      `a.ts: ${'x'.repeat(40)}\n(3 more source file(s) not listed; use search_code)`,
    );
    expect(renderSymbolMap(entries, 1000).split('\n')).toEqual([
      `a.ts: ${'x'.repeat(40)}`,
      `b.ts: ${'y'.repeat(40)}`,
      'd.ts: z',
    ]);
  });

  it('is part of the repository scan and of the shared prompt prefix', async () => {
    const repo = await scanRepository(path.join(import.meta.dirname, '..', 'fixtures', 'pricing-repo'));
    expect(repo.symbols).toMatch(/^src\/pricing\.js: CURRENCIES, PricingError, parseCents, formatCents, /);
    expect(repo.symbols).toContain('filterByPriceRange');
    const section = symbolMapSection(repo.symbols);
    expect(section).toContain('<repository-symbols>');
    expect(symbolMapSection(undefined)).toBe('');
  });
});
