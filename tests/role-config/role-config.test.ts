import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { minimatch } from 'minimatch';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_ROLE_ALLOW,
  loadRoleConfig,
  ROLE_CONFIG_PATH,
  RoleConfigError,
} from '../../src/core/config.js';
import { globProblem, parseRoleConfig } from '../../src/core/config-yaml.js';
import { PathRejectedError } from '../../src/core/workspace.js';
import { createWorkspace } from '../../src/run/workspace.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(path.join(tmpdir(), 'implement-spec-roles-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function repoWithConfig(text: string, file = ROLE_CONFIG_PATH): Promise<string> {
  const root = await tempDir();
  const target = path.join(root, ...file.split('/'));
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, text);
  return root;
}

const allows = (list: readonly string[] | undefined, p: string) =>
  (list ?? []).some((g) => minimatch(p, g, { dot: true }));

describe('default role allowlists', () => {
  it('keeps each role in its lane', () => {
    const d = DEFAULT_ROLE_ALLOW;
    expect(allows(d.database, 'migrations/001_price_index.sql')).toBe(true);
    expect(allows(d.database, 'prisma/schema.prisma')).toBe(true);
    expect(allows(d.database, 'src/catalog/migrations/0002.ts')).toBe(true);
    expect(allows(d.database, 'src/db/schema.ts')).toBe(true);
    expect(allows(d.database, 'src/components/PriceRangeInput.tsx')).toBe(false);
    expect(allows(d.database, 'src/routes/products.ts')).toBe(false);
    expect(allows(d.backend, 'src/routes/products.ts')).toBe(true);
    expect(allows(d.backend, 'catalog/filters.py')).toBe(true);
    expect(allows(d.backend, '.github/CODEOWNERS')).toBe(false);
    expect(allows(d.frontend, 'src/components/PriceRangeInput.tsx')).toBe(true);
    expect(allows(d.frontend, 'migrations/001.sql')).toBe(false);
    expect(allows(d.test, 'tests/products.test.ts')).toBe(true);
    expect(allows(d.test, 'src/products.test.ts')).toBe(true);
    expect(allows(d.test, 'src/test/java/ProductTest.java')).toBe(true);
    expect(allows(d.test, 'pkg/filter/filter_test.go')).toBe(true);
    expect(allows(d.test, 'tests/test_filter.py')).toBe(true);
    expect(allows(d.test, 'src/app.ts')).toBe(false);
    expect(allows(d.fix, 'anything/at/all.ts')).toBe(true);
    expect(d.review).toEqual([]);
  });

  it('lets every writing role document the change, at the top level and under docs/', () => {
    for (const role of ['database', 'backend', 'frontend', 'integration', 'test', 'fix']) {
      expect(allows(DEFAULT_ROLE_ALLOW[role], 'docs/price-filter.md'), role).toBe(true);
      expect(allows(DEFAULT_ROLE_ALLOW[role], 'README.md'), role).toBe(true);
    }
    expect(allows(DEFAULT_ROLE_ALLOW.database, 'src/notes.md')).toBe(false);
  });

  it('has only valid globs', () => {
    for (const list of Object.values(DEFAULT_ROLE_ALLOW))
      for (const g of list) expect(globProblem(g), g).toBeNull();
  });
});

describe('loadRoleConfig', () => {
  it('returns the defaults when the repository has no config', async () => {
    const cfg = await loadRoleConfig(await tempDir());
    expect(cfg.source).toBe('defaults');
    expect(cfg.warnings).toEqual([]);
    expect(cfg.protectedPaths).toEqual([]);
    expect(cfg.roleAllow.database).toEqual([...DEFAULT_ROLE_ALLOW.database!]);
    // A copy: callers may not mutate the defaults through it.
    cfg.roleAllow.database!.push('x/**');
    expect(DEFAULT_ROLE_ALLOW.database).not.toContain('x/**');
  });

  it('replaces a role list with allow and adds to one with extend', async () => {
    const root = await repoWithConfig(
      [
        'roles:',
        '  database:',
        '    allow: ["schema/**"]',
        '  backend:',
        '    extend:',
        '      - "functions/**"',
        '  frontend:',
        '    allow: ["ui/**"]',
        '    extend: ["theme/**"]',
        'protected:',
        '  - "src/legacy/**"',
      ].join('\n'),
    );
    const cfg = await loadRoleConfig(root);
    expect(cfg.source).toBe(ROLE_CONFIG_PATH);
    expect(cfg.roleAllow.database).toEqual(['schema/**']);
    expect(cfg.roleAllow.backend).toEqual([...DEFAULT_ROLE_ALLOW.backend!, 'functions/**']);
    expect(cfg.roleAllow.frontend).toEqual(['ui/**', 'theme/**']);
    expect(cfg.roleAllow.test).toEqual([...DEFAULT_ROLE_ALLOW.test!]);
    expect(cfg.protectedPaths).toEqual(['src/legacy/**']);
    expect(cfg.warnings).toEqual([]);
  });

  it('accepts an empty file and config.yaml', async () => {
    expect((await loadRoleConfig(await repoWithConfig(''))).roleAllow.test).toEqual([
      ...DEFAULT_ROLE_ALLOW.test!,
    ]);
    const cfg = await loadRoleConfig(
      await repoWithConfig('roles:\n  test:\n    extend: [qa/**]\n', '.github/implement-spec/config.yaml'),
    );
    expect(cfg.source).toBe('.github/implement-spec/config.yaml');
    expect(cfg.roleAllow.test).toContain('qa/**');
  });

  it('warns about a role that is neither built in nor defined by the repository', async () => {
    const root = await repoWithConfig(
      'roles:\n  docs-writer:\n    allow: [docs/**]\n  infra:\n    allow: [deploy/**]\n',
    );
    await mkdir(path.join(root, '.github', 'implement-spec', 'agents'), { recursive: true });
    await writeFile(path.join(root, '.github', 'implement-spec', 'agents', 'infra.md'), 'You write infra.');
    const cfg = await loadRoleConfig(root);
    expect(cfg.roleAllow['docs-writer']).toEqual(['docs/**']);
    expect(cfg.roleAllow.infra).toEqual(['deploy/**']);
    expect(cfg.warnings).toHaveLength(1);
    expect(cfg.warnings[0]).toContain('roles.docs-writer');
  });

  it('warns when a role is left unable to write anything', () => {
    const cfg = parseRoleConfig('roles:\n  backend:\n    allow: []\n', 'c.yml');
    expect(cfg.roleAllow.backend).toEqual([]);
    expect(cfg.warnings[0]).toContain('cannot write any file');
  });
});

describe('loadRoleConfig: invalid files fail with a clear message', () => {
  async function errorFor(text: string): Promise<RoleConfigError> {
    const err = await loadRoleConfig(await repoWithConfig(text)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(RoleConfigError);
    return err as RoleConfigError;
  }

  it('reports YAML syntax errors with the file and line', async () => {
    const err = await errorFor('roles:\n  database:\n    allow: ["db/**"\n');
    expect(err.message).toMatch(
      /^\.github\/implement-spec\/config\.yml \(line \d+, column \d+\): not valid YAML/,
    );
    expect(err.file).toBe(ROLE_CONFIG_PATH);
  });

  it('reports duplicate keys as invalid YAML', async () => {
    const err = await errorFor('roles:\n  test:\n    allow: [a/**]\n  test:\n    allow: [b/**]\n');
    expect(err.message).toContain('not valid YAML');
  });

  it('names unknown keys and what is expected', async () => {
    let err = await errorFor('role:\n  database:\n    allow: [db/**]\n');
    expect(err.message).toContain('role: unknown key; expected one of "roles", "protected"');
    err = await errorFor('roles:\n  database:\n    allowed: [db/**]\n');
    expect(err.message).toContain('roles.database.allowed: unknown key; expected one of "allow"');
  });

  it('names the key path of a wrong type', async () => {
    let err = await errorFor('roles:\n  database:\n    allow: db/**\n');
    expect(err.message).toContain('roles.database.allow: expected a list of glob strings');
    err = await errorFor('roles:\n  test:\n    extend: [tests/**, 42]\n');
    expect(err.message).toContain('roles.test.extend[1]: expected a glob string');
    err = await errorFor('roles:\n  test: [tests/**]\n');
    expect(err.message).toContain('roles.test: expected a mapping with "allow" and/or "extend" lists');
    err = await errorFor('- just\n- a list\n');
    expect(err.message).toContain(
      '(top level): expected a mapping with the keys "roles", "protected", "checks" and/or "max-checks"',
    );
    err = await errorFor('protected: src/**\n');
    expect(err.message).toContain('protected: expected a list of glob strings');
  });

  it('rejects globs that cannot be workspace-relative patterns', async () => {
    let err = await errorFor('roles:\n  backend:\n    allow: ["/src/**"]\n');
    expect(err.message).toContain('roles.backend.allow[0] "/src/**": it is absolute');
    err = await errorFor('roles:\n  backend:\n    extend: ["src/**", "../shared/**"]\n');
    expect(err.message).toContain('roles.backend.extend[1] "../shared/**": it contains ".."');
    err = await errorFor('roles:\n  backend:\n    extend: ["src/{a,b"]\n');
    expect(err.message).toContain('do not pair up');
    err = await errorFor('protected: ["!keep/**"]\n');
    expect(err.message).toContain('protected[0] "!keep/**": negated patterns');
    err = await errorFor('roles:\n  Backend_X:\n    allow: [src/**]\n');
    expect(err.message).toContain('roles.Backend_X: not a valid role name');
  });
});

describe('role allowlists in the workspace', () => {
  async function rejection(p: Promise<unknown>): Promise<PathRejectedError> {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PathRejectedError);
    return err as PathRejectedError;
  }

  it('stops a database task writing UI code and a test task writing app code', async () => {
    const root = await tempDir();
    const { roleAllow } = await loadRoleConfig(root);
    const ws = createWorkspace({ root, roleAllow });

    const db = await rejection(ws.write('task-001', 'database', 'src/components/x.tsx', 'export {};\n'));
    expect(db.reason).toBe('role-not-allowed');
    expect(db.message).toContain('the database agent may only write paths matching');
    const test = await rejection(ws.write('task-008', 'test', 'src/app.ts', 'export {};\n'));
    expect(test.reason).toBe('role-not-allowed');
    const review = await rejection(ws.write('review', 'review', 'src/app.ts', ''));
    expect(review.reason).toBe('role-not-allowed');

    await ws.write(
      'task-001',
      'database',
      'migrations/001_price.sql',
      'CREATE INDEX i ON products(price_cents);\n',
    );
    await ws.write('task-008', 'test', 'src/app.test.ts', 'test;\n');
    await ws.write('task-003', 'backend', 'src/app.ts', 'export {};\n');
    await ws.write('fix-1', 'fix', 'src/components/x.tsx', 'export {};\n');
    expect(ws.records().map((r) => r.path)).toEqual([
      'migrations/001_price.sql',
      'src/app.test.ts',
      'src/app.ts',
      'src/components/x.tsx',
    ]);
  });

  it('applies a repository override', async () => {
    const root = await repoWithConfig('roles:\n  test:\n    extend: ["src/testing/**"]\n');
    const { roleAllow } = await loadRoleConfig(root);
    const ws = createWorkspace({ root, roleAllow });
    await ws.write('task-008', 'test', 'src/testing/helpers.ts', 'export {};\n');
    expect((await rejection(ws.write('task-008', 'test', 'src/app.ts', ''))).reason).toBe('role-not-allowed');
  });
});
