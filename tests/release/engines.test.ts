// package.json says `engines.node >=20.19` (the CLI's start path uses process.getBuiltinModule, Node 20.16+; vitest needs 20.19), and CI tests on Node 20: every installed package must agree, or npm
// warns EBADENGINE on install (content-type 3.x, pulled by @octokit/request, declared >=22; it is pinned to
// 2.1.0 through `overrides`). The lockfile records each package's declared range.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

type Version = [number, number, number];
const parseVersion = (v: string): Version => {
  const [a = 0, b = 0, c = 0] = v.replace(/^v/, '').split('.').map(Number);
  return [a, b, c];
};
const compare = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** Whether `version` satisfies an npm range made of `||` alternatives of >=, >, <=, <, ^, ~ and bare versions. */
function satisfies(version: string, range: string): boolean {
  const v = parseVersion(version);
  return range.split('||').some((alternative) =>
    alternative
      .trim()
      .replace(/([<>=^~]+)\s+/g, '$1')
      .split(/\s+/)
      .map((comparator) => comparator.replace(/(\.[xX*])+$/, '')) // 0.8.x means 0.8
      .every((comparator) => {
        if (comparator === '*' || comparator === 'x' || comparator === '') return true;
        const m = /^([<>=^~]*)(\d+(?:\.\d+){0,2})$/.exec(comparator);
        if (!m) throw new Error(`cannot read the engines range "${range}"`);
        const op = m[1]!;
        const parts = m[2]!.split('.').length;
        const w = parseVersion(m[2]!);
        const c = compare(v, w);
        if (op === '>=') return c >= 0;
        if (op === '>') return c > 0;
        if (op === '<=') return c <= 0;
        if (op === '<') return c < 0;
        if (op === '^') return c >= 0 && v[0] === w[0] && (w[0] !== 0 || v[1] === w[1]);
        if (op === '~' || parts < 3) return c >= 0 && v[0] === w[0] && (parts < 2 || v[1] === w[1]);
        return c === 0;
      }),
  );
}

describe('engines', () => {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { engines?: { node?: string }; dev?: boolean }>;
  };
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

  it('the range reader agrees with npm on the forms the lockfile uses', () => {
    expect(satisfies('20.19.0', '>=20')).toBe(true);
    expect(satisfies('20.19.0', '>=22')).toBe(false);
    expect(satisfies('20.19.0', '^20.19.0 || >=22.12.0')).toBe(true);
    expect(satisfies('20.0.0', '^20.19.0 || >=22.12.0')).toBe(false);
    expect(satisfies('20.19.0', '18 || 20 || >=22')).toBe(true);
    expect(satisfies('20.19.0', '>= 14.6')).toBe(true);
    expect(satisfies('20.19.0', '>=0.6.11 <=0.7.0 || >=0.7.3')).toBe(true);
    expect(satisfies('20.19.0', '*')).toBe(true);
    expect(satisfies('20.19.0', '>=0.8.x')).toBe(true);
    expect(satisfies('20.19.0', '>=22.x')).toBe(false);
  });

  it('package.json declares Node >=20.19, and every installed package accepts that oldest Node it allows', () => {
    expect(manifest.engines.node).toBe('>=20.19');
    // CI uses the latest 20.x.
    const node20 = '20.19.0';
    const refusing = Object.entries(lock.packages)
      .filter(([path, p]) => path !== '' && p.engines?.node && !satisfies(node20, p.engines.node))
      .map(([path, p]) => `${path} (${p.engines!.node})`);
    expect(refusing).toEqual([]);
  });
});
