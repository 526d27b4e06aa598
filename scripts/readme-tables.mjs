// Regenerates the README's inputs/outputs tables from action.yml (`node scripts/readme-tables.mjs`).
// tests/action-metadata.test.ts fails when they drift apart.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function renderTables(action) {
  const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ').trim();
  const lines = ['### Inputs', '', '| Input | Default | Description |', '| --- | --- | --- |'];
  for (const [name, def] of Object.entries(action.inputs ?? {})) {
    const d = def.default === undefined || def.default === '' ? "''" : def.default;
    lines.push(`| \`${name}\` | \`${cell(d)}\` | ${cell(def.description)} |`);
  }
  lines.push('', '### Outputs', '', '| Output | Description |', '| --- | --- |');
  for (const [name, def] of Object.entries(action.outputs ?? {}))
    lines.push(`| \`${name}\` | ${cell(def.description)} |`);
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const action = parse(readFileSync(join(root, 'action.yml'), 'utf8'));
  const readmePath = join(root, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const start = '<!-- inputs-table:start -->';
  const end = '<!-- inputs-table:end -->';
  const next = `${readme.slice(0, readme.indexOf(start) + start.length)}\n${renderTables(action)}\n${readme.slice(readme.indexOf(end))}`;
  writeFileSync(readmePath, next);
}
