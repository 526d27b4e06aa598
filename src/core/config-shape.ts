// The shape of `.github/implement-spec/config.yml` as plain checks: which keys exist and what type each value
// has. Hand-written rather than a schema library so that `plan` does not load one (~0.5 MB of code to compile
// on every start); the messages are those the file's users already know (see tests/role-config).
//
// Issue order: at each mapping, its known keys in the order below, then its unknown keys in file order; list
// items in list order. What each value means (valid globs, role names, models) is checked in config.ts.

/** The file's content once its shape is right. */
export interface ConfigFile {
  /** Role name → entry, in file order. */
  roles?: [string, RoleEntry][];
  protected?: string[];
  /** Check name → command line, in file order. */
  checks?: [string, string][];
  'max-checks'?: number;
}

export interface RoleEntry {
  allow?: string[];
  extend?: string[];
  model?: string;
}

/** One problem: where (`roles.test.allow[1]`) and what is expected. */
export interface ShapeIssue {
  path: (string | number)[];
  message: string;
}

const TOP_KEYS = ['roles', 'protected', 'checks', 'max-checks'] as const;
const ROLE_KEYS = ['allow', 'extend', 'model'] as const;

const NOT_A_CONFIG = 'expected a mapping with the keys "roles", "protected", "checks" and/or "max-checks"';
const NOT_A_ROLE = 'expected a mapping with "allow" and/or "extend" lists and/or a "model"';
const NOT_ROLES = 'expected a mapping of role names to { allow, extend, model }';
const NOT_GLOBS = 'expected a list of glob strings, e.g. ["src/**", "lib/**"]';
const NOT_A_GLOB = 'expected a glob string';
const NOT_A_MODEL = 'expected a model name, e.g. claude-haiku-4-5';
const NOT_CHECKS =
  'expected a mapping of check names to command lines, e.g. { typecheck: "npx tsc --noEmit" }';
const NOT_A_COMMAND = 'expected a command line, e.g. "npx tsc --noEmit"';
const NOT_MAX_CHECKS = 'expected a whole number of run_check calls per task, e.g. 6';
/** Bounds of `max-checks`: 0 turns run_check off; more than 50 per task is a mistake, not a budget. */
const MAX_CHECKS_LIMIT = 50;

const EXPECTED_TOP = '"roles", "protected", "checks", "max-checks"';
const EXPECTED_ROLE = '"allow" (replaces the defaults), "extend" (adds to them), "model" (the role\'s model)';

/**
 * A mapping is a plain object as YAML gives it. Sets and Maps (`!!set`, `!!omap`) and arrays are not, so a
 * key named `__proto__` or a tagged value cannot slip through as an empty mapping.
 */
function isMapping(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Own keys that are not in `known`, in file order, as issues naming what is expected. */
function unknownKeys(
  value: Record<string, unknown>,
  known: readonly string[],
  at: (string | number)[],
  expected: string,
): ShapeIssue[] {
  return Object.keys(value)
    .filter((key) => !known.includes(key))
    .map((key) => ({ path: [...at, key], message: `unknown key; expected one of ${expected}` }));
}

function globList(value: unknown, at: (string | number)[], issues: ShapeIssue[]): string[] | undefined {
  if (!Array.isArray(value)) {
    issues.push({ path: at, message: NOT_GLOBS });
    return undefined;
  }
  value.forEach((item, i) => {
    if (typeof item !== 'string') issues.push({ path: [...at, i], message: NOT_A_GLOB });
  });
  return value as string[];
}

function roleEntry(value: unknown, at: (string | number)[], issues: ShapeIssue[]): RoleEntry {
  if (!isMapping(value)) {
    issues.push({ path: at, message: NOT_A_ROLE });
    return {};
  }
  const entry: RoleEntry = {};
  if (value.allow !== undefined) {
    const allow = globList(value.allow, [...at, 'allow'], issues);
    if (allow) entry.allow = allow;
  }
  if (value.extend !== undefined) {
    const extend = globList(value.extend, [...at, 'extend'], issues);
    if (extend) entry.extend = extend;
  }
  if (value.model !== undefined) {
    if (typeof value.model === 'string') entry.model = value.model;
    else issues.push({ path: [...at, 'model'], message: NOT_A_MODEL });
  }
  issues.push(...unknownKeys(value, ROLE_KEYS, at, EXPECTED_ROLE));
  return entry;
}

function roles(value: unknown, issues: ShapeIssue[]): [string, RoleEntry][] | undefined {
  if (!isMapping(value)) {
    issues.push({ path: ['roles'], message: NOT_ROLES });
    return undefined;
  }
  return Object.keys(value).map((name) => [name, roleEntry(value[name], ['roles', name], issues)]);
}

function checks(value: unknown, issues: ShapeIssue[]): [string, string][] | undefined {
  if (!isMapping(value)) {
    issues.push({ path: ['checks'], message: NOT_CHECKS });
    return undefined;
  }
  const out: [string, string][] = [];
  for (const name of Object.keys(value)) {
    const command = value[name];
    if (typeof command === 'string') out.push([name, command]);
    else issues.push({ path: ['checks', name], message: NOT_A_COMMAND });
  }
  return out;
}

function maxChecks(value: unknown, issues: ShapeIssue[]): number | undefined {
  const ok = typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_CHECKS_LIMIT;
  if (!ok) issues.push({ path: ['max-checks'], message: NOT_MAX_CHECKS });
  return ok ? value : undefined;
}

/** The config file's data (YAML already parsed; null for an empty file) checked for shape. */
export function checkConfigShape(data: unknown): { config: ConfigFile; issues: ShapeIssue[] } {
  const issues: ShapeIssue[] = [];
  const config: ConfigFile = {};
  if (data === null || data === undefined) return { config, issues };
  if (!isMapping(data)) return { config, issues: [{ path: [], message: NOT_A_CONFIG }] };
  const present = (key: (typeof TOP_KEYS)[number]) => data[key] !== undefined;
  if (present('roles')) {
    const list = roles(data.roles, issues);
    if (list) config.roles = list;
  }
  if (present('protected')) {
    const list = globList(data.protected, ['protected'], issues);
    if (list) config.protected = list;
  }
  if (present('checks')) {
    const list = checks(data.checks, issues);
    if (list) config.checks = list;
  }
  if (present('max-checks')) {
    const n = maxChecks(data['max-checks'], issues);
    if (n !== undefined) config['max-checks'] = n;
  }
  issues.push(...unknownKeys(data, TOP_KEYS, [], EXPECTED_TOP));
  return { config, issues };
}

/** `roles.test.allow[1]`; the file itself is `(top level)`. */
export function issuePath(parts: readonly (string | number)[]): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? p : `.${p}`;
  }
  return out === '' ? '(top level)' : out;
}
