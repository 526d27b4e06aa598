// The `implement-spec` command as installed (dist/cli/index.js): `validate` and `plan` run from the fast bundle
// through a code cache; what the fast bundle declines runs in the full CLI with the same output, printed once.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, REPO_ROOT, spawnNode } from './helpers.js';

const LAUNCHER = join(REPO_ROOT, 'dist', 'cli', 'index.js');
const FULL_CLI = join(REPO_ROOT, 'dist', 'chunks', 'cli.js');
let scratch: string;
const CONFIG = 'protected:\n  - secrets/**\n';

const launch = (args: string[], env: NodeJS.ProcessEnv) => spawnNode([LAUNCHER, ...args], env);

/** The full CLI alone, as the launcher would run it: the reference output. */
const full = (args: string[], env: NodeJS.ProcessEnv) =>
  spawnNode(
    [
      '--input-type=module',
      '-e',
      `const { main } = await import(${JSON.stringify(FULL_CLI)}); process.exitCode = await main(${JSON.stringify(args)});`,
    ],
    env,
  );

function cacheFiles(root: string, command: string): string[] {
  try {
    return readdirSync(join(root, 'implement-spec')).filter((n) => n.includes(`-${command}-`));
  } catch {
    return [];
  }
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'implement-spec-launcher-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the launcher', () => {
  it('validate and plan each write their cache on the first run and use it after, with the same output', async () => {
    const env = { NODE_COMPILE_CACHE: join(scratch, 'cache') };
    const first = await launch(['validate', 'product-price-filter.md'], env);
    expect(first.code).toBe(0);
    const [cache] = cacheFiles(env.NODE_COMPILE_CACHE, 'validate');
    expect(cache).toBeDefined();
    const file = join(env.NODE_COMPILE_CACHE, 'implement-spec', cache!);
    expect(statSync(file).mode & 0o077).toBe(0);
    const written = statSync(file).mtimeMs;
    const second = await launch(['validate', 'product-price-filter.md'], env);
    expect(second).toEqual(first);
    expect(statSync(file).mtimeMs).toBe(written); // taken, not rewritten
    expect(first).toEqual(await full(['validate', 'product-price-filter.md'], env));
    expect(cacheFiles(env.NODE_COMPILE_CACHE, 'plan')).toEqual([]);
    const plan = await launch(['plan', 'product-price-filter.md'], env);
    expect(plan.code).toBe(0);
    expect(cacheFiles(env.NODE_COMPILE_CACHE, 'plan')).toHaveLength(1);
    expect(await launch(['plan', 'product-price-filter.md'], env)).toEqual(plan);
    expect(plan).toEqual(await full(['plan', 'product-price-filter.md'], env));
  });

  it('a run that stops early leaves no cache: the first whole run writes it', async () => {
    const env = { NODE_COMPILE_CACHE: join(scratch, 'early-cache') };
    // Not ready: plan stops after validating, before it decomposes, estimates and prints.
    const notReady = await launch(['plan', 'csv-export.md'], env);
    expect(notReady.code).toBe(1);
    expect((await launch(['plan', 'missing.md'], env)).code).toBe(2);
    expect((await launch(['validate', 'missing.md'], env)).code).toBe(2);
    expect(cacheFiles(env.NODE_COMPILE_CACHE, 'plan')).toEqual([]);
    expect(cacheFiles(env.NODE_COMPILE_CACHE, 'validate')).toEqual([]);
    expect((await launch(['plan', 'product-price-filter.md'], env)).code).toBe(0);
    expect(cacheFiles(env.NODE_COMPILE_CACHE, 'plan')).toHaveLength(1);
    // validate of a spec that is not ready has still done all its work: it is cached.
    expect((await launch(['validate', 'csv-export.md'], env)).code).toBe(1);
    expect(cacheFiles(env.NODE_COMPILE_CACHE, 'validate')).toHaveLength(1);
  });

  it('a spec the fast readers decline is read by the full CLI: its output, once, and no fast cache', async () => {
    const env = { NODE_COMPILE_CACHE: join(scratch, 'declined-cache') };
    const spec = join(scratch, 'declined.md');
    writeFileSync(spec, '---\nid: declined\nid: again\nmaturity: 1\n---\n\n# Overview\n\n> Quoted should.\n');
    const r = await launch(['validate', spec, 'product-price-filter.md'], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('G1/duplicate-key');
    expect(r.stdout.match(/^2 spec\(s\)/gm)).toHaveLength(1);
    expect(r).toEqual(await full(['validate', spec, 'product-price-filter.md'], env));
    expect(cacheFiles(env.NODE_COMPILE_CACHE, 'validate')).toEqual([]);
  });

  it('a glob (minimatch) and a repository config file (yaml) are the full CLI’s too, with the same output', async () => {
    const env = { NODE_COMPILE_CACHE: join(scratch, 'glob-cache') };
    const glob = await launch(['validate', '*.md', '--quiet'], env);
    expect(glob.stdout).toMatch(/^6 spec\(s\): 4 ready, 2 not ready$/m);
    expect(glob).toEqual(await full(['validate', '*.md', '--quiet'], env));
    const repo = join(scratch, 'repo');
    mkdirSync(join(repo, '.github', 'implement-spec'), { recursive: true });
    writeFileSync(join(repo, '.github', 'implement-spec', 'config.yml'), CONFIG);
    const args = ['plan', join(EXAMPLES, 'product-price-filter.md'), '--output-dir', repo];
    const plan = await launch(args, env);
    expect(plan.code).toBe(0);
    expect(plan).toEqual(await full(args, env));
  });

  it('NODE_DISABLE_COMPILE_CACHE: no cache is written', async () => {
    const env = { NODE_COMPILE_CACHE: join(scratch, 'disabled'), NODE_DISABLE_COMPILE_CACHE: '1' };
    expect((await launch(['validate', 'product-price-filter.md'], env)).code).toBe(0);
    expect(cacheFiles(env.NODE_COMPILE_CACHE, 'validate')).toEqual([]);
  });

  it('a cache folder others can write to is neither read nor written', async () => {
    const root = join(scratch, 'shared');
    const dir = join(root, 'implement-spec');
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o777);
    const r = await launch(['validate', 'product-price-filter.md'], { NODE_COMPILE_CACHE: root });
    expect(r.code).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  });
});
