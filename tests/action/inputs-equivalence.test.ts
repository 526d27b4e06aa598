// readInputs (plain checks, no zod) must read every input exactly as the zod schema it replaced did: the same
// values, and for bad input the same messages in the same order. Compared on every single-input variation of
// the defaults and on 3,000 seeded random combinations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INPUT_NAMES, InputError, rawInputs, readInputs } from '../../src/action/inputs.js';
import { zodReadInputs } from './inputs-zod-oracle.js';

/** Per input (action.yml name), values worth trying: good ones, edge ones, bad ones. '' means "use the default". */
const BOOL = ['', 'true', 'false', ' TRUE ', 'False', 'yes', '1', 'tru e'];
const CANDIDATES: Record<string, string[]> = {
  'spec-paths': ['', 'specs/**/*.md', 'a.md,\n b.md ,,', ' '],
  spec: ['', 'specs/a.md', ' specs/a.md ', '../etc/passwd', '/abs.md', 'a b.md', 'specs/$(x).md'],
  'dry-run': BOOL,
  'detect-only': BOOL,
  'fail-on-not-ready': BOOL,
  'anthropic-api-key': ['', 'sk-ant-x', ' sk-ant-spaced '],
  'github-token': ['', 'ghs_x'],
  model: ['', 'claude-opus-5', ' claude-sonnet-5-5 ', 'bad model', 'x;rm', 'a:b.c_d-e'],
  'role-models': [
    '',
    'frontend=claude-haiku-5',
    'frontend=',
    'nope',
    'tester=claude-sonnet-5-5,frontend=claude-opus-5',
  ],
  'max-tokens': ['', '256', '255', '128000', '128001', '1e4', '12.5', 'abc', ' 4096 ', 'Infinity', '0x100'],
  'max-turns': ['', '1', '0', '200', '201', '-3', '7.0'],
  mode: ['', 'sequential', 'parallel', 'Parallel', ' parallel'],
  'max-parallel': ['', '1', '32', '33', '0'],
  agents: ['', 'backend', 'backend, frontend', ',,'],
  'max-cost': ['', '0', '50', '-1', '0.5', 'NaN', '1e3'],
  'cost-warn': ['', '0', '10', '60', '-2', 'x'],
  force: BOOL,
  'protected-paths': ['', 'secrets/**', 'a,b\nc'],
  'trigger-label': ['', 'implement-spec', '   ', ' label '],
  command: ['', '/implement-spec', 'implement-spec', '/bad cmd', '/x.y_z-1'],
  'allowed-permission': ['', 'read', 'admin', 'owner', 'Write'],
  'enable-pull-request': BOOL,
  base: ['', 'main', ' develop '],
  committer: ['', 'Bot <bot@example.com>'],
  draft: BOOL,
  'draft-on-failure': BOOL,
  'pr-labels': ['', 'a,b'],
  'commit-report': BOOL,
  'test-command': ['', 'npm test', ' npm test -- --run ', 'npm test | tee x', 'echo "unclosed', 'a > b'],
  'max-fix-rounds': ['', '0', '10', '11', '2.5'],
  'format-command': ['', 'npx prettier --write .', 'a && b'],
  review: BOOL,
  fresh: BOOL,
  'approve-above': ['', '0', '5', '-1'],
  'wait-for-checks': BOOL,
  'checks-timeout-minutes': ['', '1', '0.5', '360', '361'],
  'sandbox-network': BOOL,
  'sandbox-env': ['', 'DATABASE_URL', 'GITHUB_TOKEN', 'A,B', 'bad name', 'ANTHROPIC_API_KEY, X'],
  'allow-unsandboxed-commands': BOOL,
  'bot-login': ['', 'my-app[bot]', 'octocat', '-bad', 'a b'],
  'retry-timing': ['', 'standard', 'fast', 'slow'],
};

/** What each implementation made of the same inputs: data, or the message of the error. */
function both(given: Record<string, string>): { ours: unknown; zod: unknown } {
  const get = (name: string) => given[name] ?? '';
  let ours: unknown;
  try {
    ours = { data: readInputs(get) };
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    ours = { error: err.message };
  }
  let zod: unknown = zodReadInputs(rawInputs(get));
  // The cost-warn ≤ max-cost rule is checked after the schema, as before: apply it to the oracle's data too.
  if (zod && typeof zod === 'object' && 'data' in zod) {
    const d = zod.data as { costWarn: number; maxCost: number };
    if (d.costWarn > d.maxCost) {
      zod = {
        error: `input "cost-warn" (${d.costWarn}) must not exceed "max-cost" (${d.maxCost}): lower cost-warn or raise max-cost.`,
      };
    }
  }
  return { ours, zod };
}

/** Small seeded PRNG (mulberry32): the same 3,000 combinations on every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('action inputs without zod read exactly as the zod schema did', () => {
  // readInputs masks the keys it reads (`::add-mask::` on stdout); keep thousands of those out of the test log.
  const write = process.stdout.write;
  beforeAll(() => {
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) =>
      String(chunk).startsWith('::add-mask::')
        ? true
        : write.call(process.stdout, chunk, ...rest)) as typeof write;
  });
  afterAll(() => {
    process.stdout.write = write;
  });

  it('covers every input action.yml declares', () => {
    expect(Object.keys(CANDIDATES).sort()).toEqual(Object.values(INPUT_NAMES).sort());
  });

  it('every single-input variation of the defaults', () => {
    let compared = 0;
    let errors = 0;
    for (const [name, values] of Object.entries(CANDIDATES)) {
      for (const value of values) {
        const { ours, zod } = both({ [name]: value });
        expect(ours, `${name}=${JSON.stringify(value)}`).toEqual(zod);
        compared++;
        if ('error' in (ours as object)) errors++;
      }
    }
    expect(compared).toBeGreaterThan(200);
    expect(errors).toBeGreaterThan(60); // the bad values really were refused
  });

  it('3,000 random combinations, several bad inputs at once included', () => {
    const random = prng(13);
    const names = Object.keys(CANDIDATES);
    let multiError = 0;
    for (let i = 0; i < 3000; i++) {
      const given: Record<string, string> = {};
      for (const name of names) {
        if (random() < 0.3) {
          const values = CANDIDATES[name] as string[];
          given[name] = values[Math.floor(random() * values.length)] as string;
        }
      }
      const { ours, zod } = both(given);
      expect(ours, JSON.stringify(given)).toEqual(zod);
      if ('error' in (ours as object) && (ours as { error: string }).error.includes('; ')) multiError++;
    }
    expect(multiError).toBeGreaterThan(100);
  });
});
