// The path policy, table-tested without a disk: one row per rule (a path it refuses and a neighbour it lets
// through), the names git refuses, the order of the rules, and the resume filter.
import { describe, expect, it } from 'vitest';
import { DEFAULT_ROLE_ALLOW } from '../../src/core/config.js';
import type { PathRejection } from '../../src/core/workspace.js';
import { isGitDirAlias, isNtfsAliasOf } from '../../src/run/git-names.js';
import { checkPath, filterKeptPaths, PATH_RULES, type PathPolicy } from '../../src/run/path-policy.js';

const write = (extra: Partial<PathPolicy> = {}): PathPolicy => ({ access: 'write', ...extra });

interface Row {
  rule: string;
  refused: string;
  reason: PathRejection;
  /** A close neighbour the rule lets through. */
  allowed: string;
  /** Words the message must hold: what is wrong or what to do. */
  says: string;
  policy?: Partial<PathPolicy>;
}

const ROWS: Row[] = [
  { rule: 'empty', refused: '  ', reason: 'empty', allowed: 'a', says: 'relative to the repository root' },
  { rule: 'nul-byte', refused: 'src/\0x', reason: 'nul-byte', allowed: 'src/x', says: 'NUL byte' },
  { rule: 'absolute', refused: '/etc/passwd', reason: 'absolute', allowed: 'etc/passwd', says: 'absolute' },
  { rule: 'backslash', refused: 'a\\b', reason: 'backslash', allowed: 'a/b', says: 'forward slashes' },
  { rule: 'escapes-root', refused: 'a/../../x', reason: 'escapes-root', allowed: 'a/../x', says: 'outside' },
  {
    rule: 'git-dir',
    refused: 'sub/.GIT/hooks/x',
    reason: 'git-dir',
    allowed: 'sub/git/x',
    says: 'belong to git',
  },
  {
    rule: 'git-name',
    refused: 'src/GIT~1/x.ts',
    reason: 'git-name',
    allowed: 'src/GIT~2/x.ts',
    says: 'GIT~1',
  },
  { rule: 'root', refused: './', reason: 'not-a-file', allowed: './a', says: 'repository root' },
  {
    rule: 'workflows',
    refused: '.github/workflows/ci.yml',
    reason: 'workflows',
    allowed: 'docs/workflows/ci.yml',
    says: 'GITHUB_TOKEN',
  },
  {
    rule: 'codeowners',
    refused: 'docs/CODEOWNERS',
    reason: 'codeowners',
    allowed: 'src/CODEOWNERS',
    says: 'who must review',
  },
  {
    rule: 'github-config',
    refused: '.github/scripts/deploy.py',
    reason: 'github-config',
    allowed: 'scripts/deploy.py',
    says: '.github/implement-spec',
  },
  {
    rule: 'git-file',
    refused: 'a/.gitattributes',
    reason: 'git-file',
    allowed: 'a/.gitignore',
    says: '.gitignore',
  },
  {
    rule: 'tool-config',
    refused: '.husky/pre-commit',
    reason: 'tool-config',
    allowed: 'husky/x',
    says: '.husky',
  },
  {
    rule: 'node-modules',
    refused: 'a/node_modules/p.js',
    reason: 'protected',
    allowed: 'a/node_module/p.js',
    says: 'manifest',
  },
  {
    rule: 'backups',
    refused: '.implement-spec/backups/s/a.ts',
    reason: 'protected',
    allowed: '.implement-spec/notes.md',
    says: 'backups',
  },
  {
    rule: 'spec-file',
    refused: './Specs/Feature.md',
    reason: 'spec-file',
    allowed: 'specs/other.md',
    says: 'spec',
    policy: { specPaths: ['specs\\feature.md'] },
  },
  {
    rule: 'protected-glob',
    refused: 'infra/main.tf',
    reason: 'protected',
    allowed: 'src/infra.ts',
    says: '"infra"',
    policy: { protectedGlobs: ['infra'] },
  },
  {
    rule: 'role-lane',
    refused: 'server/api.ts',
    reason: 'role-not-allowed',
    allowed: 'web/app.tsx',
    says: 'frontend agent may only write paths matching "web/**"',
    policy: { role: 'frontend', roleAllow: { frontend: ['web/**'] } },
  },
];

describe('the rule table', () => {
  it('has a row here for every rule, in the table order', () => {
    expect(ROWS.map((r) => r.rule)).toEqual(PATH_RULES.map((r) => r.name));
  });

  it.each(ROWS)('$rule refuses $refused as $reason and lets $allowed through', (row) => {
    const refused = checkPath(row.refused, write(row.policy));
    expect(refused).toMatchObject({ ok: false, reason: row.reason });
    if (refused.ok) return;
    expect(refused.message).toContain(`Refused path "${JSON.stringify(row.refused).slice(1, -1)}"`);
    expect(refused.message).toContain(row.says);
    expect(checkPath(row.allowed, write(row.policy)).ok).toBe(true);
  });

  it('normalises what it lets through', () => {
    expect(checkPath('./src//a/../b.ts/', write())).toEqual({ ok: true, path: 'src/b.ts' });
    expect(checkPath('.', { access: 'read' })).toEqual({ ok: true, path: '.' });
  });

  it('reads pass only the containment rules: protected places stay readable', () => {
    for (const p of [
      '.github/workflows/ci.yml',
      '.husky/pre-commit',
      'CODEOWNERS',
      '.gitattributes',
      'spec.md',
    ]) {
      expect(checkPath(p, { access: 'read', specPaths: ['spec.md'], protectedGlobs: ['**'] })).toEqual({
        ok: true,
        path: p,
      });
    }
    expect(checkPath('.git./config', { access: 'read' })).toMatchObject({ ok: false, reason: 'git-name' });
    expect(checkPath('../x', { access: 'read' })).toMatchObject({ ok: false, reason: 'escapes-root' });
  });
});

describe('protected places, for every role (checked before any allowlist)', () => {
  const places: [string, PathRejection][] = [
    ['.github/workflows/deploy.yml', 'workflows'],
    ['.github/scripts/deploy.py', 'github-config'],
    ['.github/actions/setup/main.go', 'github-config'],
    ['.github/actions/setup/action.yml', 'github-config'],
    ['.github/dependabot.yml', 'github-config'],
    ['.github/implement-spec/config.yml', 'github-config'],
    ['.github/implement-spec/agents/backend.md', 'github-config'],
    ['.GitHub/Dependabot.yml', 'github-config'],
    ['pkg/.github/workflows/x.yml', 'github-config'],
    ['CODEOWNERS', 'codeowners'],
    ['docs/CODEOWNERS', 'codeowners'],
    ['.github/CODEOWNERS', 'codeowners'],
    ['.husky/pre-commit', 'tool-config'],
    ['web/.husky/_/husky.sh', 'tool-config'],
    ['.gitattributes', 'git-file'],
    ['src/.gitattributes', 'git-file'],
    ['.gitmodules', 'git-file'],
    ['.git-blame-ignore-revs', 'git-file'],
    ['.gitlab-ci.yml', 'git-file'],
    ['.gitignore/x.py', 'git-file'],
    ['.npmrc', 'tool-config'],
    ['app/.npmrc', 'tool-config'],
    ['.yarnrc', 'tool-config'],
    ['.yarnrc.yml', 'tool-config'],
    ['.envrc', 'tool-config'],
    ['.vscode/tasks.json', 'tool-config'],
    ['.devcontainer/devcontainer.json', 'tool-config'],
    ['.devcontainer.json', 'tool-config'],
    ['.implement-spec/backups/x/a.py', 'protected'],
  ];
  const lanes: [string, Partial<PathPolicy>][] = [
    ['fix (**)', { role: 'fix', roleAllow: { fix: ['**'] } }],
    ['backend (defaults, **/*.py, **/*.go)', { role: 'backend', roleAllow: { ...DEFAULT_ROLE_ALLOW } }],
    ['a role with no lane', { role: 'anyone' }],
  ];
  for (const [lane, policy] of lanes) {
    it.each(places)(`${lane}: refuses %s as %s`, (p, reason) => {
      expect(checkPath(p, write(policy))).toMatchObject({ ok: false, reason });
    });
  }

  it('keeps .gitignore and .gitkeep writable (see isGitFile for why)', () => {
    for (const p of ['.gitignore', 'src/.gitignore', 'a/.gitkeep']) {
      expect(checkPath(p, write({ role: 'fix', roleAllow: { fix: ['**'] } }))).toEqual({ ok: true, path: p });
    }
  });
});

describe('names git refuses (path.c is_ntfs_dotgit, utf8.c is_hfs_dotgit)', () => {
  const refused = [
    '.git.',
    '.git ',
    '.git. .',
    '.GIT.',
    'git~1',
    'GIT~1',
    'Git~1..',
    '.git::$INDEX_ALLOCATION',
    '.git:stream',
    '.g\u200cit',
    '.git\u200d',
    '\ufeff.git',
    '.GI\u200eT',
  ];
  it.each(refused)('refuses %j in any position, for reads and writes', (name) => {
    expect(isGitDirAlias(name)).toBe(true);
    for (const p of [`${name}/x.ts`, `src/${name}/x.ts`, `src/${name}`]) {
      for (const access of ['read', 'write'] as const) {
        const check = checkPath(p, { access });
        expect(check).toMatchObject({ ok: false });
        if (!check.ok) expect(['git-dir', 'git-name']).toContain(check.reason);
      }
    }
    expect(checkPath(`src/${name}/x.ts`, write())).toMatchObject({ ok: false, reason: 'git-name' });
  });

  it.each(['git~2', '.gitx', 'x.git', '.git~1', 'git', 'agit~1', '.g\u200bit'])(
    '%j is no alias of .git',
    (name) => {
      expect(isGitDirAlias(name)).toBe(false);
    },
  );

  it('matches NTFS aliases of .gitmodules and .gitattributes as git does', () => {
    for (const name of [
      '.gitmodules',
      '.GITMODULES. .',
      '.gitmodules::$DATA',
      'gitmod~1',
      'GITMOD~4',
      'gi7eba~1',
    ]) {
      expect(isNtfsAliasOf(name, 'gitmodules', 'gi7eba')).toBe(true);
    }
    expect(isNtfsAliasOf('gi7eb~12', 'gitmodules', 'gi7eba')).toBe(true);
    for (const name of ['gitmod~5', 'gi7eba~0', 'gi7eb~1', 'gi7ebax~1', '.gitmodulesx', 'gitmodules']) {
      expect(isNtfsAliasOf(name, 'gitmodules', 'gi7eba')).toBe(false);
    }
    expect(checkPath('src/GITMOD~1', write())).toMatchObject({ ok: false, reason: 'git-file' });
    expect(checkPath('src/gi7d29~1', write())).toMatchObject({ ok: false, reason: 'git-file' });
    expect(checkPath('src/gitmod~5', write())).toEqual({ ok: true, path: 'src/gitmod~5' });
  });

  it('names the refused component in the message, escaped', () => {
    const check = checkPath('src/.git\u200d/x.ts', write());
    expect(check).toMatchObject({ ok: false, reason: 'git-name' });
    if (!check.ok) expect(check.message).toContain('git refuses the name ".git\\u200d"');
  });
});

describe('filterKeptPaths (resume)', () => {
  it('keeps what the run could have written and refuses the rest with reasons', () => {
    const result = filterKeptPaths([
      'src/app.ts',
      './src/b.ts',
      '.github/workflows/evil.yml',
      '.husky/pre-commit',
      'src/.git./x.ts',
      '../outside.ts',
      '',
    ]);
    expect(result.kept).toEqual(['src/app.ts', 'src/b.ts']);
    expect(result.refused.map((r) => [r.path, r.reason])).toEqual([
      ['.github/workflows/evil.yml', 'workflows'],
      ['.husky/pre-commit', 'tool-config'],
      ['src/.git./x.ts', 'git-name'],
      ['../outside.ts', 'escapes-root'],
      ['', 'empty'],
    ]);
    expect(result.refused[0]?.message).toContain('Refused path ".github/workflows/evil.yml"');
  });

  it('applies the protected globs it is given', () => {
    expect(filterKeptPaths(['infra/a.tf'], { protectedGlobs: ['infra/**'] }).refused).toHaveLength(1);
  });
});
