// What issue 10 promised for the entries, kept true: short functions in src/action and src/cli, no test
// switches read from the environment in src/, and most of src/action imported by unit tests (not only the bundle).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script shared with the command line; it has no type declarations
import { functionLengths, importsOf } from '../../scripts/structure.mjs';

const root = path.resolve(import.meta.dirname, '..', '..');

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('entries (src/action, src/cli)', () => {
  it('have no function over 80 lines', () => {
    const long = (functionLengths() as { file: string; name: string; lines: number }[])
      .filter((f) => /^src[/\\](action|cli)[/\\]/.test(f.file) && f.lines > 80)
      .map((f) => `${f.file} ${f.name} (${f.lines})`);
    expect(long).toEqual([]);
  });

  it('src/ reads no IMPLEMENT_SPEC_TEST_* switch from the environment', () => {
    const switches = filesUnder(path.join(root, 'src')).filter((f) =>
      fs.readFileSync(f, 'utf8').includes('IMPLEMENT_SPEC_TEST'),
    );
    expect(switches).toEqual([]);
  });

  it('at least 60% of the modules of src/action are imported by a test', () => {
    const imported = new Set(filesUnder(path.join(root, 'tests')).flatMap((f) => importsOf(f) as string[]));
    const modules = filesUnder(path.join(root, 'src', 'action'));
    const tested = modules.filter((m) => imported.has(m) || imported.has(m.replace(/\.ts$/, '.js')));
    expect(
      tested.length / modules.length,
      modules.filter((m) => !tested.includes(m)).join('\n'),
    ).toBeGreaterThanOrEqual(0.6);
  });
});
