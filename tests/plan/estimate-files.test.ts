// The estimate's tool results come from the repository's real file sizes (measured by the scan), not from a
// constant: a task that will view a big module is estimated to read it.
import { readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyRepoSnapshot, scanRepository } from '../../src/agents/repo-scan.js';
import { loadBuiltinRolesSync } from '../../src/agents/roles.js';
import type { RepoSnapshot } from '../../src/agents/types.js';
import { decompose } from '../../src/plan/decompose.js';
import {
  CALLS_PER_TASK,
  CHARS_PER_TOKEN,
  isViewable,
  likelyViewedFiles,
  MAX_VIEW_BYTES,
  TOOL_ACK_TOKENS_PER_CALL,
  toolResultTokens,
} from '../../src/plan/estimate.js';
import { spec } from './spec-builder.js';

const s = spec()
  .fr({ title: 'Filter products by price range', text: 'The product list accepts minPrice and maxPrice.' })
  .build();
const task = {
  title: 'Implement FR-1: Filter products by price range',
  description: 'Filter the list.',
  covers: ['FR-1'],
};
const ACKS = (CALLS_PER_TASK - 1) * TOOL_ACK_TOKENS_PER_CALL;

let dir: string;
let repo: RepoSnapshot;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'estimate-files-'));
  await mkdir(path.join(dir, 'src/products'), { recursive: true });
  await mkdir(path.join(dir, 'src/users'), { recursive: true });
  await writeFile(path.join(dir, 'src/products/price-filter.ts'), 'x'.repeat(14_000));
  await writeFile(path.join(dir, 'src/products/list.ts'), 'y'.repeat(700));
  await writeFile(path.join(dir, 'src/users/accounts.ts'), 'z'.repeat(350));
  await writeFile(path.join(dir, 'package-lock.json'), '{"products": "price"}'.repeat(1000));
  await writeFile(path.join(dir, 'package.json'), '{"name":"shop"}');
  repo = await scanRepository(dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('tool results from measured file sizes', () => {
  it('the scan records each listed file size', () => {
    expect(repo.sizes).toMatchObject({
      'src/products/price-filter.ts': 14_000,
      'src/products/list.ts': 700,
      'src/users/accounts.ts': 350,
      'package.json': 15,
    });
  });

  it('picks the files whose paths share the most words with the task, never lockfiles', () => {
    expect(likelyViewedFiles(s, task, repo)).toEqual([
      { path: 'src/products/price-filter.ts', bytes: 14_000 },
      { path: 'src/products/list.ts', bytes: 700 },
    ]);
    expect(toolResultTokens(s, task, repo)).toBe(
      Math.ceil(14_000 / CHARS_PER_TOKEN) + Math.ceil(700 / CHARS_PER_TOKEN) + ACKS,
    );
  });

  it('falls back to one median-sized file when nothing matches, and to acknowledgements in an empty repository', () => {
    const other = { title: 'Implement FR-9: Send invoices', description: 'Mail them.', covers: [] };
    expect(likelyViewedFiles(s, other, repo)).toEqual([{ path: 'src/products/list.ts', bytes: 700 }]);
    expect(toolResultTokens(s, task, emptyRepoSnapshot())).toBe(ACKS);
  });

  it('counts a huge file only as far as one view returns', () => {
    const big: RepoSnapshot = {
      ...emptyRepoSnapshot(),
      files: ['src/price.ts'],
      sizes: { 'src/price.ts': 5_000_000 },
    };
    expect(toolResultTokens(s, task, big)).toBe(Math.ceil(MAX_VIEW_BYTES / CHARS_PER_TOKEN) + ACKS);
  });

  it('makes the plan estimate grow with the size of the module the task will read', async () => {
    const roles = loadBuiltinRolesSync();
    const small: RepoSnapshot = { ...repo, sizes: { ...repo.sizes, 'src/products/price-filter.ts': 350 } };
    const planBig = decompose(s, { roles, repo, today: '2026-11-01' });
    const planSmall = decompose(s, { roles, repo: small, today: '2026-11-01' });
    const viewedDelta = Math.ceil(14_000 / CHARS_PER_TOKEN) - Math.ceil(350 / CHARS_PER_TOKEN);
    // Tool results arrive after the first and second call and are re-sent on every later call: the second
    // call carries half of them, the third all of them (rounded up per call).
    const perCall =
      Math.ceil(
        (viewedDelta + Math.ceil(350 / CHARS_PER_TOKEN) + Math.ceil(700 / CHARS_PER_TOKEN) + ACKS) / 2,
      ) - Math.ceil((Math.ceil(350 / CHARS_PER_TOKEN) + Math.ceil(700 / CHARS_PER_TOKEN) + ACKS) / 2);
    const viewing = planBig.tasks.filter((t) =>
      likelyViewedFiles(s, t, repo).some((f) => f.path === 'src/products/price-filter.ts'),
    );
    expect(viewing.length).toBeGreaterThan(0);
    expect(planBig.estimate.inputTokens - planSmall.estimate.inputTokens).toBe(viewing.length * 3 * perCall);
    expect(planBig.estimate.usd).toBeGreaterThan(planSmall.estimate.usd);
  });
});

describe('isViewable', () => {
  // The two regexes it replaced, kept here as its definition.
  const VIEWED =
    /\.(ts|tsx|js|jsx|mjs|cjs|py|go|rb|java|kt|rs|cs|php|swift|scala|sql|vue|svelte|css|scss|html|prisma|graphql|ya?ml|toml)$/i;
  const NOT_VIEWED = /\.min\.js$|(^|\/)(package-lock\.json|pnpm-lock\.yaml)$/i;
  const byRegex = (path: string) => VIEWED.test(path) && !NOT_VIEWED.test(path);

  it('says what the regexes say, on edge cases and on every file of this repository', () => {
    const edge = [
      'go',
      'ts',
      '.ts',
      'src/a.TS',
      'src/a.d.ts',
      'a.b/ts',
      'a.b/c',
      'x.yml',
      'x.YAML',
      'x.yaml.bak',
      'lib/app.min.js',
      'lib/app.MIN.JS',
      'min.js',
      'package-lock.json',
      'sub/pnpm-lock.yaml',
      'sub/PNPM-LOCK.YAML',
      'not-pnpm-lock.yaml',
      'x.\u212At', // the Kelvin sign lowercases to an ASCII k; the regex does not take it for one
      'x.k\u0307t',
      'résumé/cv.ts',
      'Makefile',
      '',
    ];
    const root = path.join(__dirname, '..', '..');
    const files = ['src', 'tests', 'dist', 'examples', 'scripts', '.github'].flatMap((dir) =>
      readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' }).map((f) => `${dir}/${f}`),
    );
    expect(files.length).toBeGreaterThan(300);
    for (const path of [...edge, ...files]) expect(isViewable(path), path).toBe(byRegex(path));
  });
});
