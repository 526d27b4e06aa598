// Where each agent role may write. The defaults keep every agent in its lane (the database agent writes
// schema and migrations, the test agent writes tests) so one task cannot quietly rewrite another layer; a
// repository adjusts them in `.github/implement-spec/config.yml`.
//
// Decisions:
// - An allowlist is a lane, not ownership: backend and frontend both may write `src/**`.
// - Every writing role may also write `docs/**` and top-level Markdown (README.md, CHANGELOG.md): documenting
//   the change is part of every task and cannot break code.
// - Code roles may edit the usual dependency manifests (package.json, go.mod, …) because a feature often needs
//   a dependency and the PR review sees the change; lock files are not listed, they are generated, not written.
// - `fix` repairs whatever the tests show broken, so it may write anywhere the workspace allows.
// - `review` only reads: an empty list, so any write it attempts is refused.
// - A role not listed here (a repository role) may write anywhere not otherwise refused, as the workspace does.
// The workspace's own refusals (.git, .github/workflows, the spec, protected paths) apply to every role.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AUXILIARY_ROLES, REPO_ROLES_DIR } from './roles.js';
import { BUILTIN_ROLES } from './tasks.js';

const BUILTIN_ROLE_SET: ReadonlySet<string> = new Set([...BUILTIN_ROLES, ...AUXILIARY_ROLES]);

/** A role every run knows (built-in or auxiliary), without a file in the repository. */
export function isBuiltinRole(role: string): boolean {
  return BUILTIN_ROLE_SET.has(role);
}

export const ROLE_CONFIG_PATH = '.github/implement-spec/config.yml';
/** Also accepted, when the `.yml` file does not exist. */
export const ROLE_CONFIG_ALT_PATH = '.github/implement-spec/config.yaml';

const DOCS = ['docs/**', '*.md'];
const MANIFESTS = [
  'package.json',
  'pyproject.toml',
  'requirements*.txt',
  'go.mod',
  'Cargo.toml',
  'Gemfile',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
];

export const DEFAULT_ROLE_ALLOW: Readonly<Record<string, readonly string[]>> = Object.freeze({
  database: Object.freeze([
    'migrations/**',
    'db/**',
    'database/**',
    'prisma/**',
    'drizzle/**',
    'alembic/**',
    'sql/**',
    'supabase/migrations/**',
    'src/db/**',
    'src/database/**',
    'src/models/**',
    'src/entities/**',
    'src/schema/**',
    'src/**/schema*',
    'src/**/schema*/**',
    'app/models/**',
    '**/migrations/**',
    '**/models.py',
    '**/*.sql',
    '**/*.prisma',
    'drizzle.config.*',
    'knexfile.*',
    'ormconfig.*',
    ...DOCS,
  ]),
  backend: Object.freeze([
    'src/**',
    'server/**',
    'api/**',
    'lib/**',
    'app/**',
    'pkg/**',
    'internal/**',
    'cmd/**',
    'services/**',
    'config/**',
    // Server languages whose packages usually sit at the top level under the project's own name.
    '**/*.py',
    '**/*.go',
    '**/*.rb',
    '**/*.java',
    '**/*.kt',
    '**/*.rs',
    '**/*.php',
    '**/*.cs',
    ...MANIFESTS,
    ...DOCS,
  ]),
  frontend: Object.freeze([
    'src/**',
    'web/**',
    'client/**',
    'app/**',
    'components/**',
    'pages/**',
    'public/**',
    'styles/**',
    'assets/**',
    '**/*.{tsx,jsx,vue,svelte,css,scss,sass,less,html}',
    ...MANIFESTS,
    ...DOCS,
  ]),
  integration: Object.freeze([
    'src/**',
    'integrations/**',
    'adapters/**',
    'clients/**',
    'connectors/**',
    'webhooks/**',
    'lib/**',
    'config/**',
    '.env.example',
    ...MANIFESTS,
    ...DOCS,
  ]),
  test: Object.freeze([
    'test/**',
    'tests/**',
    '__tests__/**',
    'spec/**',
    'e2e/**',
    'cypress/**',
    'playwright/**',
    '**/test/**',
    '**/tests/**',
    '**/__tests__/**',
    '**/__mocks__/**',
    '**/*.test.*',
    '**/*.spec.*',
    '**/*_test.*',
    '**/test_*.py',
    '**/*_spec.rb',
    'vitest.config.*',
    'jest.config.*',
    'playwright.config.*',
    'cypress.config.*',
    ...DOCS,
  ]),
  fix: Object.freeze(['**']),
  review: Object.freeze([]),
});

/** The config file is wrong; the message names the file, the key and what is expected. */
export class RoleConfigError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'RoleConfigError';
  }
}

export interface RoleConfig {
  /** Per-role allowlists for `createWorkspace({ roleAllow })`. */
  roleAllow: Record<string, string[]>;
  /** Extra protected globs from the file, to merge with the `protected-paths` input. */
  protectedPaths: string[];
  /** Model per role (`roles.<role>.model`), overriding the run's model for that role's agents. */
  roleModels: Record<string, string>;
  /**
   * Commands the agents may run by name (`checks:`), cheapest first as the file lists them, e.g.
   * `{ typecheck: 'npx tsc --noEmit', lint: 'npx biome check' }`. The test-command input joins them as `test`.
   */
  checks: Record<string, string>;
  /** run_check calls one task may make (`max-checks`), when the file sets it. */
  maxChecks?: number;
  warnings: string[];
  /** The file the config came from, or `defaults`. */
  source: string;
}

/**
 * The repository's role config, or the defaults when it has none. A broken file throws a RoleConfigError:
 * the run must stop rather than let agents write with rules the user did not mean.
 */
export async function loadRoleConfig(repoRoot: string): Promise<RoleConfig> {
  let file: string | undefined;
  let text: string | undefined;
  for (const rel of [ROLE_CONFIG_PATH, ROLE_CONFIG_ALT_PATH]) {
    try {
      text = readFileSync(path.join(repoRoot, ...rel.split('/')), 'utf8');
      file = rel;
      break;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException | undefined)?.code;
      if (code === 'ENOENT' || code === 'ENOTDIR') continue;
      throw new RoleConfigError(
        rel,
        `${rel}: cannot be read (${err instanceof Error ? err.message : String(err)}).`,
      );
    }
  }
  if (file === undefined || text === undefined) {
    const roleAllow: Record<string, string[]> = {};
    for (const [role, list] of Object.entries(DEFAULT_ROLE_ALLOW)) roleAllow[role] = [...list];
    return { roleAllow, protectedPaths: [], roleModels: {}, checks: {}, warnings: [], source: 'defaults' };
  }
  const repoRolesDir = path.join(repoRoot, ...REPO_ROLES_DIR.split('/'));
  const isKnownRole = (role: string): boolean =>
    BUILTIN_ROLE_SET.has(role) || existsSync(path.join(repoRolesDir, `${role}.md`));
  // The parser and its checks (and the yaml package, ~0.4 MB to compile) load only here: most repositories
  // have no config file.
  const { parseRoleConfig } = await import('./config-yaml.js');
  return parseRoleConfig(text, file, isKnownRole);
}
