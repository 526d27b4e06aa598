// --role-models and roles.<role>.model through the CLI: good values reach the plan, bad ones are usage errors.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PRICES } from '../../src/core/prices.js';
import { PlanJsonSchema } from '../../src/plan/plan-json-schema.js';
import { cli, scratchWithExamples } from '../cli/helpers.js';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = scratchWithExamples());
});
afterAll(() => cleanup());
afterEach(() => rmSync(join(dir, '.github'), { recursive: true, force: true }));

const READY = 'specs/product-price-filter.md';
const KNOWN = Object.keys(PRICES).join(', ');

function writeConfig(text: string): void {
  mkdirSync(join(dir, '.github', 'implement-spec'), { recursive: true });
  writeFileSync(join(dir, '.github', 'implement-spec', 'config.yml'), text);
}

async function planJson(args: string[]) {
  const r = await cli(['plan', READY, '--json', ...args], { cwd: dir });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return PlanJsonSchema.parse(JSON.parse(r.stdout));
}

describe('--role-models', () => {
  it('gives the named roles their model; the others keep the plan model', async () => {
    const plain = await planJson([]);
    const plan = await planJson(['--role-models', 'test=claude-haiku-4-5,frontend=claude-opus-5-5']);
    expect(plan.model).toBe('claude-sonnet-5-5');
    for (const t of plan.tasks) {
      const expected =
        t.agent === 'test' ? 'claude-haiku-4-5' : t.agent === 'frontend' ? 'claude-opus-5-5' : undefined;
      expect(t.model, t.id).toBe(expected);
    }
    expect(plan.tasks.some((t) => t.agent === 'test')).toBe(true);
    expect(plan.estimate.usd).not.toBe(plain.estimate.usd);
  });

  it('overrides roles.<role>.model from the config file', async () => {
    writeConfig('roles:\n  test:\n    model: claude-opus-5-5\n  backend:\n    model: claude-haiku-4-5\n');
    const fromFile = await planJson([]);
    expect(new Set(fromFile.tasks.filter((t) => t.agent === 'backend').map((t) => t.model))).toEqual(
      new Set(['claude-haiku-4-5']),
    );
    expect(new Set(fromFile.tasks.filter((t) => t.agent === 'test').map((t) => t.model))).toEqual(
      new Set(['claude-opus-5-5']),
    );
    const overridden = await planJson(['--role-models', 'test=claude-haiku-4-5']);
    expect(new Set(overridden.tasks.filter((t) => t.agent === 'test').map((t) => t.model))).toEqual(
      new Set(['claude-haiku-4-5']),
    );
    expect(new Set(overridden.tasks.filter((t) => t.agent === 'backend').map((t) => t.model))).toEqual(
      new Set(['claude-haiku-4-5']),
    );
  });

  it('bad syntax, an unknown model, an unknown role or an empty list are usage errors (exit 2)', async () => {
    const cases: [string, string][] = [
      ['test', '--role-models: "test" is not a role=model pair'],
      ['test=gpt-9', `--role-models: "gpt-9" for role test is not a known model. Known models: ${KNOWN}.`],
      ['tset=claude-haiku-4-5', 'Unknown agent role(s) in role-models: tset. Valid roles: database, backend'],
      [',', '--role-models needs at least one role=model pair'],
    ];
    for (const [value, message] of cases) {
      const r = await cli(['plan', READY, '--role-models', value], { cwd: dir });
      expect(r.code, value).toBe(2);
      expect(r.stderr, value).toContain(message);
      expect(r.stdout, value).toBe('');
    }
  });

  it('run --dry-run accepts the flag too', async () => {
    const r = await cli(['run', READY, '--dry-run', '--role-models', 'test=claude-haiku-4-5'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\] test .*\(claude-haiku-4-5\)/);
  });

  it("an unknown model in the config file stops plan with exit 2 and the file's message", async () => {
    writeConfig('roles:\n  test:\n    model: gpt-9\n');
    const r = await cli(['plan', READY], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `implement-spec: .github/implement-spec/config.yml: roles.test.model "gpt-9": not a known model; known models: ${KNOWN}.`,
    );
    expect(r.stdout).toBe('');
  });
});
