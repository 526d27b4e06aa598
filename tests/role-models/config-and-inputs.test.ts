// Where a per-role model can be set: the config file (roles.<role>.model), the action input `role-models`
// and the CLI flag `--role-models`, which share one parser.
import { describe, expect, it } from 'vitest';
import { InputError, readInputs } from '../../src/action/inputs.js';
import { RoleConfigError } from '../../src/core/config.js';
import { parseRoleConfig } from '../../src/core/config-yaml.js';
import { PRICES } from '../../src/core/prices.js';
import { modelForRole, parseRoleModels, RoleModelsError } from '../../src/plan/role-models.js';

const FILE = '.github/implement-spec/config.yml';
const KNOWN = Object.keys(PRICES).join(', ');

describe('config file: roles.<role>.model', () => {
  it('reads a model per role and leaves the role paths alone', () => {
    const config = parseRoleConfig(
      'roles:\n  test:\n    model: claude-haiku-4-5\n  backend:\n    extend: ["extra/**"]\n    model: claude-opus-5-5\n',
      FILE,
    );
    expect(config.roleModels).toEqual({ test: 'claude-haiku-4-5', backend: 'claude-opus-5-5' });
    const defaults = parseRoleConfig('', FILE);
    // A model-only entry keeps the role's default paths, with no "allows no path" warning.
    expect(config.roleAllow.test).toEqual(defaults.roleAllow.test);
    expect(config.roleAllow.backend).toEqual([...defaults.roleAllow.backend!, 'extra/**']);
    expect(config.warnings).toEqual([]);
    expect(defaults.roleModels).toEqual({});
  });

  it('a model-only entry for a repository role does not restrict where it writes', () => {
    const config = parseRoleConfig('roles:\n  docs:\n    model: claude-haiku-4-5\n', FILE, () => true);
    expect(config.roleModels).toEqual({ docs: 'claude-haiku-4-5' });
    expect(config.roleAllow.docs).toBeUndefined();
    expect(config.warnings).toEqual([]);
  });

  it('an unknown model is an error naming the key, the value and the known models', () => {
    const parse = () => parseRoleConfig('roles:\n  test:\n    model: gpt-9\n', FILE);
    expect(parse).toThrow(RoleConfigError);
    expect(parse).toThrow(`${FILE}: roles.test.model "gpt-9": not a known model; known models: ${KNOWN}.`);
  });

  it('a model that is not a string is an error saying what is expected', () => {
    expect(() => parseRoleConfig('roles:\n  test:\n    model: [a, b]\n', FILE)).toThrow(
      /roles\.test\.model: expected a model name, e\.g\. claude-haiku-4-5/,
    );
  });

  it('an unknown key in a role names "model" among the expected ones', () => {
    expect(() => parseRoleConfig('roles:\n  test:\n    modle: claude-haiku-4-5\n', FILE)).toThrow(
      /roles\.test\.modle: unknown key; expected one of .*"model" \(the role's model\)/,
    );
  });
});

describe('parseRoleModels (role-models input, --role-models flag)', () => {
  it('reads role=model pairs separated by commas or line breaks, with spaces', () => {
    expect(
      parseRoleModels('test=claude-haiku-4-5, review = claude-haiku-4-5\nfix=claude-opus-5-5,', 'x'),
    ).toEqual({
      test: 'claude-haiku-4-5',
      review: 'claude-haiku-4-5',
      fix: 'claude-opus-5-5',
    });
    expect(parseRoleModels('', 'x')).toEqual({});
    expect(parseRoleModels(' , \n', 'x')).toEqual({});
  });

  it('refuses an entry without "=", naming the option and showing the syntax', () => {
    expect(() => parseRoleModels('test:claude-haiku-4-5', '--role-models')).toThrow(
      '--role-models: "test:claude-haiku-4-5" is not a role=model pair; write e.g. test=claude-haiku-4-5, review=claude-haiku-4-5.',
    );
  });

  it('refuses an unknown model, listing the known ones', () => {
    expect(() => parseRoleModels('test=gpt-9', '--role-models')).toThrow(
      `--role-models: "gpt-9" for role test is not a known model. Known models: ${KNOWN}.`,
    );
    expect(() => parseRoleModels('test=', '--role-models')).toThrow(RoleModelsError);
  });

  it('refuses a bad role name and a role given twice', () => {
    expect(() => parseRoleModels('Test=claude-haiku-4-5', 'x')).toThrow(
      /"Test" in "Test=claude-haiku-4-5" is not a role name/,
    );
    expect(() => parseRoleModels('test=claude-haiku-4-5,test=claude-opus-5-5', 'x')).toThrow(
      'x: role test is given twice; give each role one model.',
    );
  });

  it('modelForRole falls back to the run model', () => {
    expect(modelForRole('test', { test: 'claude-haiku-4-5' }, 'claude-sonnet-5-5')).toBe('claude-haiku-4-5');
    expect(modelForRole('fix', { test: 'claude-haiku-4-5' }, 'claude-sonnet-5-5')).toBe('claude-sonnet-5-5');
    expect(modelForRole('toString', {}, 'claude-sonnet-5-5')).toBe('claude-sonnet-5-5');
    expect(modelForRole('fix', undefined, 'claude-sonnet-5-5')).toBe('claude-sonnet-5-5');
  });
});

describe('action input role-models', () => {
  const read = (values: Record<string, string>) => readInputs((name) => values[name] ?? '');

  it('is empty by default and parsed into a map when given', () => {
    expect(read({}).roleModels).toEqual({});
    expect(read({ 'role-models': 'test=claude-haiku-4-5, review=claude-haiku-4-5' }).roleModels).toEqual({
      test: 'claude-haiku-4-5',
      review: 'claude-haiku-4-5',
    });
  });

  it('bad syntax or an unknown model is an InputError naming the input', () => {
    expect(() => read({ 'role-models': 'test' })).toThrow(InputError);
    expect(() => read({ 'role-models': 'test' })).toThrow(
      /^input "role-models": "test" is not a role=model pair/,
    );
    expect(() => read({ 'role-models': 'test=gpt-9' })).toThrow(
      `input "role-models": "gpt-9" for role test is not a known model. Known models: ${KNOWN}.`,
    );
  });
});
