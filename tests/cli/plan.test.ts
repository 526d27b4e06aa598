import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRICES } from '../../src/core/prices.js';
import { PlanJsonSchema } from '../../src/plan/plan-json-schema.js';
import { ANSI, cli, scratchWithExamples } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = scratchWithExamples());
});
afterAll(() => cleanup());

const READY = 'specs/product-price-filter.md';
const NOT_READY = 'specs/csv-export.md';
/** Ready, and its plan has database, backend and test tasks only: no user interface. */
const NO_UI = 'specs/checkout-discount-codes.md';

describe('plan', () => {
  it('prints the plan of a ready spec as text, exit 0', async () => {
    const r = await cli(['plan', READY], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Plan: Product price filter (product-price-filter)');
    expect(r.stdout).toContain(`Spec: ${READY}`);
    expect(r.stdout).toContain('Mode: sequential | Model: claude-sonnet-5-5');
    expect(r.stdout).toMatch(/^Estimated cost: \$\d+\.\d\d/m);
    expect(r.stdout).toContain('uncovered: none');
    expect(r.stdout).not.toContain('FORCED');
    expect(r.stdout).not.toMatch(ANSI);
    expect(r.stderr).toBe('');
  });

  it('--json prints one document matching PlanJsonSchema; options reach the plan', async () => {
    const r = await cli(['plan', READY, '--json', '--mode', 'parallel', '--model', 'claude-haiku-4-5'], {
      cwd: dir,
    });
    expect(r.code).toBe(0);
    const plan = PlanJsonSchema.parse(JSON.parse(r.stdout));
    expect(plan).toMatchObject({ mode: 'parallel', model: 'claude-haiku-4-5', forced: false });
    expect(plan.spec).toMatchObject({ id: 'product-price-filter', path: READY });
    expect(plan.tasks.length).toBeGreaterThan(0);
    expect(new Set(plan.tasks.map((t) => t.agent))).toEqual(
      new Set(['database', 'backend', 'frontend', 'test']),
    );
    expect(plan.coverage.uncovered).toEqual([]);
    expect(plan.estimate.parallelMinutes).toBeLessThanOrEqual(plan.estimate.sequentialMinutes);
  });

  it('--agents keeps only those roles', async () => {
    const r = await cli(['plan', READY, '--json', '--agents', 'backend, database'], { cwd: dir });
    expect(r.code).toBe(0);
    const plan = PlanJsonSchema.parse(JSON.parse(r.stdout));
    expect(new Set(plan.tasks.map((t) => t.agent))).toEqual(new Set(['backend', 'database']));
  });

  it('--markdown prints the PR comment form with a Mermaid graph', async () => {
    const r = await cli(['plan', READY, '--markdown'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^## Implementation plan: Product price filter/);
    expect(r.stdout).toContain('```mermaid');
  });

  it('colours text on a TTY only', async () => {
    expect((await cli(['plan', READY], { cwd: dir, tty: true })).stdout).toMatch(ANSI);
    expect((await cli(['plan', READY], { cwd: dir, tty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(
      ANSI,
    );
  });
});

describe('plan: a spec that is not ready', () => {
  it('is refused with its findings on stderr, exit 1, and says how to force it', async () => {
    const r = await cli(['plan', NOT_READY], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^NOT READY {2}specs\/csv-export\.md/m);
    expect(r.stderr).toMatch(/^ {2}specs\/csv-export\.md:\d+:\d+ {2}error {2}G2\/fr-without-validation/m);
    expect(r.stderr).toContain('add --force to plan it anyway');
  });

  it('--force plans it anyway and every output form says so', async () => {
    const text = await cli(['plan', NOT_READY, '--force'], { cwd: dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      'FORCED: the spec did not pass validation; this plan was made with --force.',
    );
    const md = await cli(['plan', NOT_READY, '--force', '--markdown'], { cwd: dir });
    expect(md.stdout).toContain('> **Forced:** the spec did not pass validation');
    const json = await cli(['plan', NOT_READY, '--force', '--json'], { cwd: dir });
    expect(PlanJsonSchema.parse(JSON.parse(json.stdout)).forced).toBe(true);
  });

  it('--force on a ready spec is not marked as forced', async () => {
    const r = await cli(['plan', READY, '--force', '--json'], { cwd: dir });
    expect(PlanJsonSchema.parse(JSON.parse(r.stdout)).forced).toBe(false);
  });
});

describe('plan: bad input', () => {
  it('run --json without --dry-run is a usage error (the plan views belong to the dry run)', async () => {
    const r = await cli(['run', READY, '--json'], { cwd: dir, env: { ANTHROPIC_API_KEY: 'k' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('use them with --dry-run');
  });

  it('--agents "" is a usage error naming an example', async () => {
    const r = await cli(['plan', READY, '--agents', ''], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--agents needs at least one role');
    const commas = await cli(['plan', READY, '--agents', ' , '], { cwd: dir });
    expect(commas.code).toBe(2);
  });

  it('an unknown role is a usage error (exit 2) naming the valid roles', async () => {
    const r = await cli(['plan', READY, '--agents', 'backend,wizard'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown agent role(s): wizard.');
    expect(r.stderr).toMatch(/Valid roles: database, backend, frontend, integration, test/);
    expect(r.stderr).toContain('implement-spec plan --help');
    expect(r.stdout).toBe('');
  });

  it('a role the repository adds is accepted', async () => {
    const repo = join(dir, 'custom-role');
    mkdirSync(join(repo, '.github', 'implement-spec', 'agents'), { recursive: true });
    writeFileSync(
      join(repo, '.github', 'implement-spec', 'agents', 'docs.md'),
      'You write the user documentation for the feature.\n',
    );
    const r = await cli(['plan', join(dir, READY), '--agents', 'backend,docs', '--json'], { cwd: repo });
    expect(r.stderr).not.toContain('Unknown agent role');
    expect(r.code).toBe(0);
  });

  it('--agents frontend on a spec with no UI plans 0 tasks, exit 0, and says why', async () => {
    const r = await cli(['plan', NO_UI, '--agents', 'frontend'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('0 tasks in 0 phases');
    expect(r.stdout).toContain('No tasks.');
    expect(r.stdout).toContain(
      'The agents filter (frontend) leaves no task: this spec has only database, backend, test tasks.',
    );
    expect(r.stdout).toMatch(
      /required spec item\(s\) are covered by no task: FR-1, .*excluded by the agents filter/,
    );
    const json = PlanJsonSchema.parse(
      JSON.parse((await cli(['plan', NO_UI, '--agents', 'frontend', '--json'], { cwd: dir })).stdout),
    );
    expect(json.tasks).toEqual([]);
    expect(json.estimate.usd).toBe(0);
    expect(json.coverage.covered).toEqual([]);
  });

  it('--strict fails (exit 1) when spec items are left uncovered, and lists them', async () => {
    const r = await cli(['plan', NO_UI, '--agents', 'frontend', '--strict'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^--strict: \d+ spec item\(s\) are not covered by any task: FR-1, /m);
    expect((await cli(['plan', READY, '--strict'], { cwd: dir })).code).toBe(0);
  });

  it('--mode fast is a usage error naming the modes', async () => {
    const r = await cli(['plan', READY, '--mode', 'fast'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--mode must be one of sequential, parallel, got "fast".');
  });

  it('an unknown model is a usage error listing the known models', async () => {
    const r = await cli(['plan', READY, '--model', 'gpt-9'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--model "gpt-9" is not a known model.');
    for (const model of Object.keys(PRICES)) expect(r.stderr).toContain(model);
    // Checked before validation: a not-ready spec does not hide the bad option.
    expect((await cli(['plan', NOT_READY, '--model', 'gpt-9'], { cwd: dir })).code).toBe(2);
    // Property names of plain objects are not models.
    expect((await cli(['plan', READY, '--model', 'toString'], { cwd: dir })).code).toBe(2);
  });

  it('--json and --markdown together are a usage error', async () => {
    const r = await cli(['plan', READY, '--json', '--markdown'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('choose one of --json and --markdown.');
  });

  it('no spec, two specs, or an unknown option are usage errors', async () => {
    expect((await cli(['plan'], { cwd: dir })).stderr).toContain('plan needs exactly one spec file');
    expect((await cli(['plan'], { cwd: dir })).code).toBe(2);
    expect((await cli(['plan', READY, NOT_READY], { cwd: dir })).code).toBe(2);
    const unknown = await cli(['plan', READY, '--dry-run'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("'--dry-run'");
  });

  it('a missing spec file exits 2 and says to check the path', async () => {
    const r = await cli(['plan', 'specs/nope.md'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Cannot read spec specs/nope.md: no such file');
  });

  it('a directory instead of a spec file exits 2', async () => {
    const r = await cli(['plan', 'specs'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('it is a directory');
  });
});

describe('run --dry-run', () => {
  it('prints exactly what plan prints, with no API key in the environment', async () => {
    for (const extra of [[], ['--json'], ['--markdown'], ['--mode', 'parallel', '--agents', 'backend']]) {
      const plan = await cli(['plan', READY, ...extra], { cwd: dir });
      const dry = await cli(['run', READY, '--dry-run', ...extra], { cwd: dir, env: {} });
      expect(dry.code).toBe(0);
      expect(dry.stdout).toBe(plan.stdout);
    }
  });

  it('refuses a spec that is not ready (exit 1) unless --force', async () => {
    const r = await cli(['run', NOT_READY, '--dry-run'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^NOT READY {2}specs\/csv-export\.md/m);
    const forced = await cli(['run', NOT_READY, '--dry-run', '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('FORCED');
  });

  it.each([
    // parseArgs takes "-1" after a space for an option; the message says to write --max-cost=-1.
    [['--max-cost', '-1'], 'to give it a value that starts with one, write --max-cost=-1.'],
    [['--max-cost=-1'], '--max-cost must be a number ≥ 0, got "-1".'],
    [['--max-cost', 'abc'], '--max-cost must be a number ≥ 0, got "abc".'],
    [['--max-cost', ''], '--max-cost must be a number ≥ 0, got "".'],
    [['--max-parallel', '1.5'], '--max-parallel must be a whole number > 0, got "1.5".'],
    [['--max-turns', '0'], '--max-turns must be a whole number > 0, got "0".'],
    [['--cost-warn', '20', '--max-cost', '5'], '--cost-warn (20) must not exceed --max-cost (5).'],
    [['--mode', 'fast'], '--mode must be one of'],
    [['--model', 'gpt-9'], 'is not a known model'],
    [['--agents', ''], '--agents needs at least one role'],
    [['--agents', 'wizard'], 'Valid roles: database, backend'],
    [['--json', '--markdown'], 'choose one of --json and --markdown.'],
    [['--record', 'a', '--replay', 'b'], 'choose one of --record and --replay.'],
  ])('%s is a usage error (exit 2)', async (args, message) => {
    const r = await cli(['run', READY, '--dry-run', ...args], { cwd: dir });
    expect(r.stderr).toContain(message);
    expect(r.code).toBe(2);
  });
});

describe('run without an API key', () => {
  it('exits 2 and says how to set ANTHROPIC_API_KEY, or to use --dry-run', async () => {
    const r = await cli(['run', READY, '--output-dir', 'out'], { cwd: dir, env: { PATH: '/usr/bin' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ANTHROPIC_API_KEY is not set.');
    expect(r.stderr).toContain('export ANTHROPIC_API_KEY=');
    expect(r.stderr).toContain('--dry-run');
    expect(r.stdout).toBe('');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('with a key, an unknown role is still a usage error and nothing is sent', async () => {
    // The base URL points at a closed port: reaching the network would fail differently (exit 1).
    const env = { ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' };
    const r = await cli(['run', READY, '--agents', 'wizard', '--output-dir', 'out-role'], { cwd: dir, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown agent role(s): wizard.');
  });
});
