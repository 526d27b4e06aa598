// The config file's shape is checked by hand (no schema library on the plan path). These are the exact messages
// the schema-library version gave for the same files (captured before the switch), in the same order: known keys
// in a fixed order, then unknown keys; list items in order. Four cases where it was wrong are pinned below.
import { describe, expect, it } from 'vitest';
import { RoleConfigError } from '../../src/core/config.js';
import { checkConfigShape } from '../../src/core/config-shape.js';
import { parseRoleConfig } from '../../src/core/config-yaml.js';

const SHAPE =
  '. Expected shape: roles: { <role>: { allow: [globs], extend: [globs], model: name } }, protected: [globs], checks: { <name>: "command" }.';

function messageFor(text: string): string {
  try {
    parseRoleConfig(text, 'c.yml');
  } catch (err) {
    expect(err).toBeInstanceOf(RoleConfigError);
    return (err as Error).message;
  }
  throw new Error(`accepted: ${JSON.stringify(text)}`);
}

/** [file text, message between "c.yml: " and the expected-shape sentence] */
const SHAPE_ERRORS: [string, string][] = [
  [
    '42\n',
    '(top level): expected a mapping with the keys "roles", "protected", "checks" and/or "max-checks"',
  ],
  [
    '"text"\n',
    '(top level): expected a mapping with the keys "roles", "protected", "checks" and/or "max-checks"',
  ],
  [
    'true\n',
    '(top level): expected a mapping with the keys "roles", "protected", "checks" and/or "max-checks"',
  ],
  [
    '- just\n- a list\n',
    '(top level): expected a mapping with the keys "roles", "protected", "checks" and/or "max-checks"',
  ],
  [
    '[]\n',
    '(top level): expected a mapping with the keys "roles", "protected", "checks" and/or "max-checks"',
  ],
  [
    'role:\n  database:\n    allow: [db/**]\n',
    'role: unknown key; expected one of "roles", "protected", "checks", "max-checks"',
  ],
  [
    'roles:\n  database:\n    allowed: [db/**]\n',
    'roles.database.allowed: unknown key; expected one of "allow" (replaces the defaults), "extend" (adds to them), "model" (the role\'s model)',
  ],
  [
    'roles:\n  database:\n    allowed: [db/**]\n    other: 1\n',
    'roles.database.allowed: unknown key; expected one of "allow" (replaces the defaults), "extend" (adds to them), "model" (the role\'s model); roles.database.other: unknown key; expected one of "allow" (replaces the defaults), "extend" (adds to them), "model" (the role\'s model)',
  ],
  [
    'foo: 1\nbar: 2\n',
    'foo: unknown key; expected one of "roles", "protected", "checks", "max-checks"; bar: unknown key; expected one of "roles", "protected", "checks", "max-checks"',
  ],
  [
    'foo: 1\nroles: 3\n',
    'roles: expected a mapping of role names to { allow, extend, model }; foo: unknown key; expected one of "roles", "protected", "checks", "max-checks"',
  ],
  [
    'roles:\n  database:\n    allow: db/**\n',
    'roles.database.allow: expected a list of glob strings, e.g. ["src/**", "lib/**"]',
  ],
  ['roles:\n  test:\n    extend: [tests/**, 42]\n', 'roles.test.extend[1]: expected a glob string'],
  [
    'roles:\n  test:\n    extend: [1, 2, null]\n',
    'roles.test.extend[0]: expected a glob string; roles.test.extend[1]: expected a glob string; roles.test.extend[2]: expected a glob string',
  ],
  [
    'roles:\n  test: [tests/**]\n',
    'roles.test: expected a mapping with "allow" and/or "extend" lists and/or a "model"',
  ],
  [
    'roles:\n  test: null\n',
    'roles.test: expected a mapping with "allow" and/or "extend" lists and/or a "model"',
  ],
  ['roles:\n  test:\n', 'roles.test: expected a mapping with "allow" and/or "extend" lists and/or a "model"'],
  [
    'roles:\n  test: "x"\n',
    'roles.test: expected a mapping with "allow" and/or "extend" lists and/or a "model"',
  ],
  [
    'roles:\n  test: 5\n',
    'roles.test: expected a mapping with "allow" and/or "extend" lists and/or a "model"',
  ],
  ['roles: [a, b]\n', 'roles: expected a mapping of role names to { allow, extend, model }'],
  ['roles: "x"\n', 'roles: expected a mapping of role names to { allow, extend, model }'],
  ['roles: null\n', 'roles: expected a mapping of role names to { allow, extend, model }'],
  ['roles:\n', 'roles: expected a mapping of role names to { allow, extend, model }'],
  ['roles: 0\n', 'roles: expected a mapping of role names to { allow, extend, model }'],
  ['protected: src/**\n', 'protected: expected a list of glob strings, e.g. ["src/**", "lib/**"]'],
  ['protected: [1]\n', 'protected[0]: expected a glob string'],
  ['protected: null\n', 'protected: expected a list of glob strings, e.g. ["src/**", "lib/**"]'],
  ['protected: {a: 1}\n', 'protected: expected a list of glob strings, e.g. ["src/**", "lib/**"]'],
  [
    'checks: [a]\n',
    'checks: expected a mapping of check names to command lines, e.g. { typecheck: "npx tsc --noEmit" }',
  ],
  [
    'checks: "npm test"\n',
    'checks: expected a mapping of check names to command lines, e.g. { typecheck: "npx tsc --noEmit" }',
  ],
  ['checks:\n  typecheck: 42\n', 'checks.typecheck: expected a command line, e.g. "npx tsc --noEmit"'],
  ['checks:\n  typecheck: [a]\n', 'checks.typecheck: expected a command line, e.g. "npx tsc --noEmit"'],
  ['checks:\n  typecheck: null\n', 'checks.typecheck: expected a command line, e.g. "npx tsc --noEmit"'],
  [
    'checks: null\n',
    'checks: expected a mapping of check names to command lines, e.g. { typecheck: "npx tsc --noEmit" }',
  ],
  ['max-checks: 51\n', 'max-checks: expected a whole number of run_check calls per task, e.g. 6'],
  ['max-checks: -1\n', 'max-checks: expected a whole number of run_check calls per task, e.g. 6'],
  ['max-checks: 2.5\n', 'max-checks: expected a whole number of run_check calls per task, e.g. 6'],
  ['max-checks: "6"\n', 'max-checks: expected a whole number of run_check calls per task, e.g. 6'],
  ['max-checks: null\n', 'max-checks: expected a whole number of run_check calls per task, e.g. 6'],
  ['max-checks: .inf\n', 'max-checks: expected a whole number of run_check calls per task, e.g. 6'],
  ['max-checks: -.inf\n', 'max-checks: expected a whole number of run_check calls per task, e.g. 6'],
  ['max-checks: .nan\n', 'max-checks: expected a whole number of run_check calls per task, e.g. 6'],
  ['max-checks: 1e3\n', 'max-checks: expected a whole number of run_check calls per task, e.g. 6'],
  ['max-checks: 100.5\n', 'max-checks: expected a whole number of run_check calls per task, e.g. 6'],
  ['max-checks: -0.5\n', 'max-checks: expected a whole number of run_check calls per task, e.g. 6'],
  ['max-checks: [1]\n', 'max-checks: expected a whole number of run_check calls per task, e.g. 6'],
  ['max-checks: true\n', 'max-checks: expected a whole number of run_check calls per task, e.g. 6'],
  ['roles:\n  test:\n    model: [a, b]\n', 'roles.test.model: expected a model name, e.g. claude-haiku-4-5'],
  ['roles:\n  test:\n    model: 42\n', 'roles.test.model: expected a model name, e.g. claude-haiku-4-5'],
  ['roles:\n  test:\n    model: null\n', 'roles.test.model: expected a model name, e.g. claude-haiku-4-5'],
  [
    'roles:\n  test:\n    modle: x\n',
    'roles.test.modle: unknown key; expected one of "allow" (replaces the defaults), "extend" (adds to them), "model" (the role\'s model)',
  ],
  [
    'roles:\n  test:\n    allow: null\n',
    'roles.test.allow: expected a list of glob strings, e.g. ["src/**", "lib/**"]',
  ],
  [
    'roles:\n  test:\n    allow: {a: b}\n',
    'roles.test.allow: expected a list of glob strings, e.g. ["src/**", "lib/**"]',
  ],
  ['roles:\n  test:\n    allow: [a, {b: c}]\n', 'roles.test.allow[1]: expected a glob string'],
  ['roles:\n  test:\n    allow: [[a]]\n', 'roles.test.allow[0]: expected a glob string'],
  [
    'roles:\n  test:\n    allow: 1\n    extend: 2\n    model: 3\n    x: 4\n',
    'roles.test.allow: expected a list of glob strings, e.g. ["src/**", "lib/**"]; roles.test.extend: expected a list of glob strings, e.g. ["src/**", "lib/**"]; roles.test.model: expected a model name, e.g. claude-haiku-4-5; roles.test.x: unknown key; expected one of "allow" (replaces the defaults), "extend" (adds to them), "model" (the role\'s model)',
  ],
  [
    'roles:\n  a:\n    allow: 1\n  b: 2\nprotected: 3\nchecks: 4\nmax-checks: "x"\nzzz: 5\n',
    'roles.a.allow: expected a list of glob strings, e.g. ["src/**", "lib/**"]; roles.b: expected a mapping with "allow" and/or "extend" lists and/or a "model"; protected: expected a list of glob strings, e.g. ["src/**", "lib/**"]; checks: expected a mapping of check names to command lines, e.g. { typecheck: "npx tsc --noEmit" }; max-checks: expected a whole number of run_check calls per task, e.g. 6; zzz: unknown key; expected one of "roles", "protected", "checks", "max-checks"',
  ],
  [
    'zzz: 5\nroles:\n  a:\n    allow: 1\n',
    'roles.a.allow: expected a list of glob strings, e.g. ["src/**", "lib/**"]; zzz: unknown key; expected one of "roles", "protected", "checks", "max-checks"',
  ],
  [
    'roles:\n  test:\n    y: 1\n    allow: 5\n',
    'roles.test.allow: expected a list of glob strings, e.g. ["src/**", "lib/**"]; roles.test.y: unknown key; expected one of "allow" (replaces the defaults), "extend" (adds to them), "model" (the role\'s model)',
  ],
  ['max-checks: 1_000\n', 'max-checks: expected a whole number of run_check calls per task, e.g. 6'],
  [
    'roles:\n  test:\n    allow: !!binary aGVsbG8=\n',
    'roles.test.allow: expected a list of glob strings, e.g. ["src/**", "lib/**"]',
  ],
  [
    'roles:\n  test:\n    allow: 2024-01-01\n',
    'roles.test.allow: expected a list of glob strings, e.g. ["src/**", "lib/**"]',
  ],
  [
    'a: &x [1]\nroles: *x\n',
    'roles: expected a mapping of role names to { allow, extend, model }; a: unknown key; expected one of "roles", "protected", "checks", "max-checks"',
  ],
  ['roles: !!set {a, b}\n', 'roles: expected a mapping of role names to { allow, extend, model }'],
  ['roles: !!omap [a: 1]\n', 'roles: expected a mapping of role names to { allow, extend, model }'],
  [
    'checks: !!set {a}\n',
    'checks: expected a mapping of check names to command lines, e.g. { typecheck: "npx tsc --noEmit" }',
  ],
];

describe('config.yml shape errors', () => {
  it.each(SHAPE_ERRORS)('%j', (text, details) => {
    expect(messageFor(text)).toBe(`c.yml: ${details}${SHAPE}`);
  });
});

describe('where the hand-written check is stricter than the schema library was', () => {
  it('a role or check named __proto__ is refused by name instead of being dropped without a word', () => {
    expect(messageFor('roles:\n  "__proto__":\n    allow: [a]\n')).toBe(
      'c.yml: roles.__proto__: not a valid role name (lowercase letters, digits and dashes, starting with a letter).',
    );
    expect(messageFor('checks:\n  __proto__: "x"\n')).toBe(
      'c.yml: checks.__proto__: not a valid check name (lowercase letters, digits, "-" and "_", up to 40).',
    );
  });

  it('a YAML set is not a role mapping (it was read as an empty one)', () => {
    expect(messageFor('roles:\n  test: !!set {allow}\n')).toBe(
      `c.yml: roles.test: expected a mapping with "allow" and/or "extend" lists and/or a "model"${SHAPE}`,
    );
  });

  it('a huge max-checks is reported once, not twice', () => {
    expect(messageFor('max-checks: 12345678901234567890\n')).toBe(
      `c.yml: max-checks: expected a whole number of run_check calls per task, e.g. 6${SHAPE}`,
    );
  });
});

describe('checkConfigShape', () => {
  it('keeps roles and checks in file order and accepts every documented key', () => {
    const { config, issues } = checkConfigShape({
      checks: { typecheck: 'npx tsc --noEmit', lint: 'npx biome check' },
      roles: { test: { model: 'claude-haiku-4-5' }, backend: { allow: ['src/**'], extend: ['lib/**'] } },
      protected: ['secrets/**'],
      'max-checks': 0,
    });
    expect(issues).toEqual([]);
    expect(config).toEqual({
      roles: [
        ['test', { model: 'claude-haiku-4-5' }],
        ['backend', { allow: ['src/**'], extend: ['lib/**'] }],
      ],
      protected: ['secrets/**'],
      checks: [
        ['typecheck', 'npx tsc --noEmit'],
        ['lint', 'npx biome check'],
      ],
      'max-checks': 0,
    });
  });

  it('an empty file is the defaults; a Map or an array is not a config', () => {
    expect(checkConfigShape(null)).toEqual({ config: {}, issues: [] });
    expect(checkConfigShape(new Map([['roles', {}]])).issues).toHaveLength(1);
    expect(checkConfigShape([{ roles: {} }]).issues[0]?.path).toEqual([]);
  });

  it('accepts the edge values of max-checks and nothing past them', () => {
    for (const ok of [0, 6, 50]) expect(checkConfigShape({ 'max-checks': ok }).issues).toEqual([]);
    for (const bad of [-1, 51, 2.5, Number.NaN, Number.POSITIVE_INFINITY, '6', null, true])
      expect(checkConfigShape({ 'max-checks': bad }).issues).toHaveLength(1);
  });
});
