// plainYaml writes front matter as the yaml package does, so `plan` need not load the package: byte for byte on
// every spec we have and on generated values; anything it does not write returns undefined and the prompt
// builders use the package (prepareFrontMatter loads it).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { buildSharedContext, prepareFrontMatter } from '../../src/agents/context.js';
import { plainYaml } from '../../src/agents/plain-yaml.js';
import { parseSpec } from '../../src/spec/parse.js';
import { spec } from '../plan/spec-builder.js';

const yamlOf = (data: unknown) => YAML.stringify(data, { sortMapEntries: true, lineWidth: 0 }).trimEnd();

function specFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => join(e.parentPath, e.name))
    .filter((f) => readFileSync(f, 'utf8').startsWith('---'));
}

/** A small deterministic generator (LCG) of front-matter-like values, tricky strings included. */
function generator(seed: number) {
  let state = seed;
  const rnd = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const chars = [...'abcXYZ019 _.,/()@+\'=;!?&*%$~:#<>^-"[]{}|`\\\t\néü€'];
  const words = [
    'true',
    'null',
    '~',
    '1',
    '0x1F',
    '0o7',
    '1e3',
    '.5',
    '.inf',
    '-',
    '2026-11-28',
    'yes',
    'No',
  ];
  const more = [
    'a: b',
    'a #b',
    'x:',
    'v3',
    'team@example.com',
    'https://x.y/z?q=1#f',
    '---',
    '...',
    'a\nb',
    ' a',
  ];
  const str = () => {
    if (rnd() < 0.3) return pick([...words, ...more]);
    let s = '';
    for (let n = Math.floor(rnd() * 10); n > 0; n--) s += pick(chars);
    return s;
  };
  const value = (depth: number): unknown => {
    const r = rnd();
    if (depth > 2 || r < 0.5) {
      const k = rnd();
      if (k < 0.6) return str();
      if (k < 0.7) return Math.floor(rnd() * 1000) - 500;
      if (k < 0.75) return rnd() * 10;
      if (k < 0.8) return null;
      if (k < 0.85) return rnd() < 0.5;
      if (k < 0.9) return pick([1e21, -0, Number.NaN, 0.1]);
      return str();
    }
    if (r < 0.75) return Array.from({ length: Math.floor(rnd() * 3) }, () => value(depth + 1));
    const o: Record<string, unknown> = {};
    for (let n = Math.floor(rnd() * 4); n > 0; n--) {
      o[rnd() < 0.7 ? pick(['a', 'b', 'id', 'name', 'tags', 'owners', 'Z', 'é']) : str()] = value(depth + 1);
    }
    return o;
  };
  return () => {
    const o: Record<string, unknown> = {};
    for (let n = Math.floor(rnd() * 5); n > 0; n--)
      o[pick(['id', 'name', 'owners', 'tags', 'x', str()])] = value(1);
    return o;
  };
}

describe('plainYaml', () => {
  it('writes the front matter of every spec in examples/ and tests/ as the yaml package does', () => {
    const files = [...specFiles('examples'), ...specFiles('tests')];
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of files) {
      const raw = parseSpec(file, readFileSync(file)).metadata.raw;
      expect(Object.keys(raw).length, file).toBeGreaterThan(0);
      expect(plainYaml(raw), file).toBe(yamlOf(raw));
    }
  });

  it('writes what the yaml package writes for every generated value it accepts, and accepts many', () => {
    const next = generator(1);
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const data = next();
      const mine = plainYaml(data);
      if (mine === undefined) continue;
      accepted++;
      expect(mine, JSON.stringify(data)).toBe(yamlOf(data));
    }
    expect(accepted).toBeGreaterThan(2_000);
  });

  it('declines what YAML would quote, anchor or write as another type', () => {
    const shared = { a: 'b' };
    for (const data of [
      { a: 'true' },
      { a: '42' },
      { a: '1.5e3' },
      { a: 'a: b' },
      { a: 'x #y' },
      { a: '' },
      { a: ' lead' },
      { a: 'trail ' },
      { a: 'two\nlines' },
      { a: '- item' },
      { a: '"quoted"' },
      { a: -0 },
      { a: Number.POSITIVE_INFINITY },
      { a: new Date(0) },
      { a: [undefined] },
      { 'key: x': 1 },
      { a: shared, b: shared },
    ]) {
      expect(plainYaml(data), JSON.stringify(data)).toBeUndefined();
    }
    expect(plainYaml({})).toBe('{}');
    expect(plainYaml({ a: [], b: {}, c: undefined, d: [{}, []] })).toBe(
      yamlOf({ a: [], b: {}, d: [{}, []] }),
    );
  });
});

describe('prepareFrontMatter', () => {
  it('loads the yaml package for front matter plainYaml declines; the prompt then carries its text', async () => {
    const built = spec().overview('Shoppers filter products.').build();
    const quoted = {
      ...built,
      metadata: { ...built.metadata, raw: { id: 'x', note: 'a: b', flag: 'true' } },
    };
    expect(() => buildSharedContext(quoted)).toThrow(/needs the yaml package/);
    await prepareFrontMatter(quoted);
    expect(buildSharedContext(quoted)).toContain(`\n${yamlOf(quoted.metadata.raw)}\n`);
    expect(yamlOf(quoted.metadata.raw)).toBe('flag: "true"\nid: x\nnote: "a: b"');
  });
});
