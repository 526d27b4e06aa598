import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
// @ts-expect-error plain ESM script without types
import { renderTables } from '../scripts/readme-tables.mjs';
import { INPUT_NAMES } from '../src/action/inputs.js';

const root = join(import.meta.dirname, '..');
const action = parse(readFileSync(join(root, 'action.yml'), 'utf8'));
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('action.yml', () => {
  it('runs the committed bundle on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  it('declares every input with a description and a default, and the code reads exactly those', () => {
    for (const [name, def] of Object.entries<{ description?: string; default?: unknown }>(action.inputs)) {
      expect(def.description, name).toBeTruthy();
      expect(def, name).toHaveProperty('default');
    }
    expect(Object.keys(action.inputs).sort()).toEqual(Object.values(INPUT_NAMES).sort());
  });

  it('declares every output with a description', () => {
    for (const [name, def] of Object.entries<{ description?: string }>(action.outputs)) {
      expect(def.description, name).toBeTruthy();
    }
  });

  it("the README's inputs/outputs tables equal action.yml (run `node scripts/readme-tables.mjs`)", () => {
    const start = readme.indexOf('<!-- inputs-table:start -->');
    const end = readme.indexOf('<!-- inputs-table:end -->');
    expect(start).toBeGreaterThan(0);
    const table = readme.slice(start + '<!-- inputs-table:start -->'.length, end).trim();
    expect(table).toBe(renderTables(action));
  });

  it('the README shows the test command and the workflow permissions', () => {
    expect(readme).toContain('npm test');
    expect(readme).toMatch(/contents: write/);
    expect(readme).toMatch(/pull-requests: write/);
  });
});
