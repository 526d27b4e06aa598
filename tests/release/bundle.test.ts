// dist/ as shipped: built twice from the same sources it is byte-identical (check-dist and the release workflow
// compare a fresh build with the committed one), it is small, every dependency is in it once, and its licence
// file names every package the bundle contains — the list read from esbuild's module list, not kept by hand.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- plain .mjs build scripts, no type declarations
import { buildDist } from '../../scripts/build.mjs';
// @ts-expect-error -- plain .mjs build scripts, no type declarations
import { bundledPackages, listedPackages, packageDirOf, renderLicenses } from '../../scripts/licenses.mjs';

const ROOT = join(import.meta.dirname, '..', '..');
interface Metafile {
  inputs: Record<string, { imports: { path: string; kind: string }[] }>;
  outputs: Record<string, { inputs: Record<string, unknown> }>;
}
interface Pkg {
  name: string;
  version: string;
  license: string;
  dir: string;
}

let scratch: string;
let first: Metafile;

function tree(dir: string): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(dir, full)] = readFileSync(full);
    }
  };
  walk(dir);
  return out;
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'implement-spec-dist-'));
  first = await buildDist(join(scratch, 'a'));
  await buildDist(join(scratch, 'b'));
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the bundle', () => {
  it('is deterministic: two builds are byte-identical', () => {
    const a = tree(join(scratch, 'a'));
    const b = tree(join(scratch, 'b'));
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    for (const [file, bytes] of Object.entries(a)) expect(bytes.equals(b[file]!), file).toBe(true);
  });

  it('has the action and CLI entries, the role prompts next to the chunks, and weighs at most 4 MB', () => {
    const files = tree(join(scratch, 'a'));
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        'index.js',
        'cli/index.js',
        'package.json',
        'licenses.txt',
        'chunks/prompts/backend.md',
      ]),
    );
    const total = Object.values(files).reduce((n, b) => n + b.length, 0);
    expect(total).toBeLessThanOrEqual(4 * 1024 * 1024);
  });

  it('holds every source module in exactly one output file, and one version of each package', () => {
    const seen = new Map<string, string>();
    for (const [output, { inputs }] of Object.entries(first.outputs)) {
      for (const input of Object.keys(inputs)) {
        expect(seen.get(input), `${input} is in ${seen.get(input)} and ${output}`).toBeUndefined();
        seen.set(input, output);
      }
    }
    const versions = new Map<string, Set<string>>();
    for (const p of bundledPackages(first, ROOT) as Pkg[]) {
      versions.set(p.name, (versions.get(p.name) ?? new Set()).add(p.version));
    }
    const twice = [...versions].filter(([, v]) => v.size > 1).map(([n, v]) => `${n}@${[...v].join(',')}`);
    expect(twice).toEqual([]);
  });
});

describe('the yaml package in the bundle', () => {
  it('is imported statically only by the spec parser and the config file parser; the prompts import() it', () => {
    // `plan` writes the prompts' front matter without it (plain-yaml.ts) and reads the config file with it only
    // when the repository has one (config-yaml.ts): neither may pull it onto the start path.
    const importers = (kind: string) =>
      Object.entries(first.inputs)
        .filter(([, i]) => i.imports.some((m) => m.kind === kind && m.path.startsWith('node_modules/yaml/')))
        .map(([path]) => path)
        .filter((path) => !path.startsWith('node_modules/yaml/'));
    const statically = importers('import-statement');
    expect(statically).toContain('src/core/config-yaml.ts');
    expect(statically.filter((p) => !p.startsWith('src/spec/') && p !== 'src/core/config-yaml.ts')).toEqual(
      [],
    );
    expect(importers('dynamic-import')).toEqual(['src/agents/context.ts']);
  });

  it("leaves the config file's checks to config-yaml.ts, which loadRoleConfig import()s", () => {
    const importersOf = (target: string, kind: string) =>
      Object.entries(first.inputs)
        .filter(([, i]) => i.imports.some((m) => m.kind === kind && m.path === target))
        .map(([path]) => path);
    expect(importersOf('src/core/config-shape.ts', 'import-statement')).toEqual(['src/core/config-yaml.ts']);
    expect(importersOf('src/core/config-yaml.ts', 'import-statement')).toEqual([]);
    expect(importersOf('src/core/config-yaml.ts', 'dynamic-import')).toEqual(['src/core/config.ts']);
  });
});

describe('dist/licenses.txt', () => {
  /** Packages named by the bundle's module ids (node_modules/<pkg>/…), independently of the generator. */
  function packagesInBundle(meta: Metafile): Set<string> {
    const names = new Set<string>();
    for (const { inputs } of Object.values(meta.outputs)) {
      for (const input of Object.keys(inputs)) {
        const dir = packageDirOf(input) as string | null;
        if (!dir) continue;
        const manifest = JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8'));
        names.add(`${manifest.name}@${manifest.version}`);
      }
    }
    return names;
  }

  it('lists every package whose code is in the bundle, with its licence text', () => {
    const inBundle = packagesInBundle(first);
    // The ones issue 13 found missing from the old file, as a floor.
    for (const name of ['@actions/github', 'undici', 'markdown-it', 'entities', 'minimatch', 'yaml', 'zod']) {
      expect(
        [...inBundle].some((p) => p.startsWith(`${name}@`)),
        name,
      ).toBe(true);
    }
    const text = readFileSync(join(scratch, 'a', 'licenses.txt'), 'utf8');
    const listed = listedPackages(text) as Set<string>;
    expect([...inBundle].filter((p) => !listed.has(p))).toEqual([]);
    expect([...listed].filter((p) => !inBundle.has(p))).toEqual([]);
    expect(text).toContain('BlueOak-1.0.0'); // minimatch
    expect(text).toContain('Permission is hereby granted'); // an MIT text, not just the name
  });

  it('fails that check when the generator drops a package (the check is not vacuous)', () => {
    const packages = (bundledPackages(first, ROOT) as Pkg[]).filter((p) => p.name !== 'markdown-it');
    const listed = listedPackages(renderLicenses(packages, ROOT)) as Set<string>;
    const missing = [...packagesInBundle(first)].filter((p) => !listed.has(p));
    expect(missing).toEqual([expect.stringMatching(/^markdown-it@/)]);
  });

  it('is what the committed dist/ ships (rebuild with npm run build when this fails)', () => {
    expect(readFileSync(join(ROOT, 'dist', 'licenses.txt'), 'utf8')).toBe(
      readFileSync(join(scratch, 'a', 'licenses.txt'), 'utf8'),
    );
  });
});
