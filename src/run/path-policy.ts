// The workspace's path policy: which paths an agent may read or write, decided from the path's text alone (no
// disk), so every rule is table-tested. Paths come from model output, a branch's resume state or a comment:
// untrusted input. The rules are one ordered table; the first that refuses a path names the reason.
import path from 'node:path';
import { minimatch } from 'minimatch';
import type { Role } from '../core/tasks.js';
import type { PathRejection } from '../core/workspace.js';
import { isGitDirAlias, isNtfsAliasOf, NTFS_GIT_FILES } from './git-names.js';

/** Where backups go, relative to the root. Agents may not write there: it is the user's undo. */
export const BACKUP_DIR = '.implement-spec/backups';

export interface PathPolicy {
  /** Reads only keep a path inside the repository and out of `.git`; writes pass every rule. */
  access: 'read' | 'write';
  /** The writing agent's role, for `roleAllow`. */
  role?: Role;
  /** Workspace-relative paths of the spec files being implemented (never written). */
  specPaths?: readonly string[];
  /** minimatch globs nobody may write (input `protected-paths`, config `protected`). */
  protectedGlobs?: readonly string[];
  /** Per-role allowlists; a role not listed may write anywhere no earlier rule refuses. */
  roleAllow?: Readonly<Record<Role, readonly string[]>>;
}

export type PathCheck = { ok: true; path: string } | { ok: false; reason: PathRejection; message: string };

/** A path as the rules see it: the raw text and its normalised forms. */
export interface PathCandidate {
  raw: string;
  /** Normalised workspace-relative POSIX path, '.' for the root. */
  rel: string;
  /** `rel` lower-cased: protection holds on case-insensitive file systems (macOS, Windows) too. */
  lower: string;
  /** The components of `lower`. */
  parts: string[];
}

export interface PathRule {
  /** Stable name, for tests and docs. */
  name: string;
  reason: PathRejection;
  /** 'any': reads and writes; 'write': writes only. */
  access: 'any' | 'write';
  refuses(c: PathCandidate, policy: PathPolicy): boolean;
  /** Why, in words an agent or a person can act on. */
  why(c: PathCandidate, policy: PathPolicy): string;
}

function candidate(p: unknown): PathCandidate {
  const raw = typeof p === 'string' ? p : String(p ?? '');
  const normalised = path.posix.normalize(raw).replace(/\/+$/, '');
  const rel = normalised === '' ? '.' : normalised;
  const lower = rel.toLowerCase();
  return { raw, rel, lower, parts: lower.split('/') };
}

const isAbsoluteAnywhere = (p: string) => p.startsWith('/') || p.startsWith('\\') || /^[A-Za-z]:/.test(p);
const isUnder = (rel: string, dir: string) => rel === dir || rel.startsWith(`${dir}/`);
/** Every ancestor directory of `rel` and `rel` itself: a/b/c → a, a/b, a/b/c. */
export function prefixes(rel: string): string[] {
  const segments = rel.split('/');
  return segments.map((_, i) => segments.slice(0, i + 1).join('/'));
}

/** The lexical rules every read and write passes: the path stays inside the repository and out of `.git`. */
const CONTAINMENT_RULES: PathRule[] = [
  {
    name: 'empty',
    reason: 'empty',
    access: 'any',
    refuses: (c) => c.raw.trim() === '',
    why: () => 'the path is empty. Give a path relative to the repository root, e.g. "src/index.ts".',
  },
  {
    name: 'nul-byte',
    reason: 'nul-byte',
    access: 'any',
    refuses: (c) => c.raw.includes('\0'),
    why: () => 'the path contains a NUL byte. Use a plain path relative to the repository root.',
  },
  {
    name: 'absolute',
    reason: 'absolute',
    access: 'any',
    refuses: (c) => isAbsoluteAnywhere(c.raw),
    why: () =>
      'absolute paths are not allowed. Give a path relative to the repository root, e.g. "src/index.ts".',
  },
  {
    name: 'backslash',
    reason: 'backslash',
    access: 'any',
    refuses: (c) => c.raw.includes('\\'),
    why: () => 'backslashes are not allowed in paths. Use forward slashes, e.g. "src/app/index.ts".',
  },
  {
    name: 'escapes-root',
    reason: 'escapes-root',
    access: 'any',
    refuses: (c) => c.rel === '..' || c.rel.startsWith('../'),
    why: () =>
      'it points outside the repository (".." climbs above the root). Use a path inside the repository.',
  },
  {
    name: 'git-dir',
    reason: 'git-dir',
    access: 'any',
    refuses: (c) => c.parts.includes('.git'),
    why: () =>
      'files inside a ".git" directory belong to git itself and cannot be read or written. Choose another path.',
  },
  {
    name: 'git-name',
    reason: 'git-name',
    access: 'any',
    refuses: (c) => c.rel.split('/').some(isGitDirAlias),
    why: (c) =>
      `git refuses the name "${printable(c.rel.split('/').find(isGitDirAlias) ?? '')}": on Windows or macOS it is another spelling of ".git" (trailing dots or spaces, the short name GIT~1, a ":" stream, or invisible Unicode), so git will not commit it. Choose a plain name, e.g. without the dot or the "~1".`,
  },
];

/**
 * Places that configure CI, git, the developer's tools or this tool itself. Refused for every role, the fix role
 * included, and before any role allowlist, so a lane like `**` or `**\/*.py` never reaches them: what is written
 * there runs with the repository's privileges (CI, hooks, editors) or steers the next run.
 */
const PROTECTED_PLACE_RULES: PathRule[] = [
  {
    name: 'workflows',
    reason: 'workflows',
    access: 'write',
    refuses: (c) => c.parts[0] === '.github' && c.parts[1] === 'workflows',
    why: () =>
      'files under .github/workflows cannot be written: the GITHUB_TOKEN used to push is not allowed to change workflows, and letting generated code edit CI is an attack path. Describe the workflow change in the PR instead so a person can add it.',
  },
  {
    // GitHub reads CODEOWNERS from exactly these three places; it decides who must approve the PR.
    name: 'codeowners',
    reason: 'codeowners',
    access: 'write',
    refuses: (c) => ['codeowners', 'docs/codeowners', '.github/codeowners'].includes(c.lower),
    why: () =>
      'CODEOWNERS decides who must review changes, so generated code may not change it. Describe the ownership change in the PR for a maintainer to make.',
  },
  {
    name: 'github-config',
    reason: 'github-config',
    access: 'write',
    refuses: (c) => c.parts.includes('.github'),
    why: () =>
      'files under .github configure GitHub and CI (actions, Dependabot, templates) and this tool itself (.github/implement-spec: its config and role prompts, which the next run obeys), so generated code may not change them. Describe the change in the PR for a person to make.',
  },
  {
    name: 'git-file',
    reason: 'git-file',
    access: 'write',
    refuses: (c) => c.parts.some((part, i) => isGitFile(part, i === c.parts.length - 1)),
    why: (c) =>
      `"${printable(c.rel.split('/').find((part, i, all) => isGitFile(part.toLowerCase(), i === all.length - 1)) ?? '')}" is read by git itself (attributes can run filter and diff programs and hide changes from review; .gitmodules makes clones fetch other repositories), so generated code may not write it. Only .gitignore and .gitkeep are writable; describe any other change in the PR.`,
  },
  {
    name: 'tool-config',
    reason: 'tool-config',
    access: 'write',
    refuses: (c) => c.parts.some((part, i) => isToolConfig(part, i === c.parts.length - 1)),
    why: () =>
      'it configures tools that run code on developer machines and CI (git hooks in .husky, package-manager settings and credentials in .npmrc/.yarnrc, shell variables loaded by direnv from .envrc, editor tasks in .vscode, dev containers), so generated code may not write it. Describe the change in the PR for a person to make.',
  },
  {
    name: 'node-modules',
    reason: 'protected',
    access: 'write',
    refuses: (c) => c.parts.includes('node_modules'),
    why: () =>
      'node_modules holds installed dependencies: files there are not committed, so no reviewer would see them, yet tests would run them. Add the dependency to the manifest (e.g. package.json) instead.',
  },
  {
    name: 'backups',
    reason: 'protected',
    access: 'write',
    refuses: (c) => isUnder(c.lower, BACKUP_DIR),
    why: () => `"${BACKUP_DIR}" holds backups of overwritten files and cannot be written by agents.`,
  },
];

/**
 * `.git*` names git reads (`.gitattributes`, `.gitmodules`, `.gitconfig`, `.git-blame-ignore-revs`, GitLab's
 * `.gitlab-ci.yml`, …) and their NTFS aliases. `.gitignore` stays writable: it runs nothing and changes no
 * tracked file; its only effect on a run is which new files get committed (any left out are named in the
 * report), its diff is in the PR for review, and features often need it (a new build or cache folder).
 * `.gitkeep` is an empty placeholder git never reads.
 */
function isGitFile(part: string, isLast: boolean): boolean {
  if (isLast && (part === '.gitignore' || part === '.gitkeep')) return false;
  if (part.startsWith('.git')) return true;
  return NTFS_GIT_FILES.some((f) => isNtfsAliasOf(part, f.name, f.shortPrefix));
}

const TOOL_DIRS = new Set(['.husky', '.vscode', '.devcontainer']);
const TOOL_FILES = new Set(['.npmrc', '.envrc', '.devcontainer.json']);

function isToolConfig(part: string, isLast: boolean): boolean {
  if (TOOL_DIRS.has(part)) return true;
  return isLast && (TOOL_FILES.has(part) || part.startsWith('.yarnrc'));
}

/** The rules that depend on this run: the spec, the repository's protected globs, the role's lane. */
const RUN_RULES: PathRule[] = [
  {
    name: 'spec-file',
    reason: 'spec-file',
    access: 'write',
    refuses: (c, policy) =>
      (policy.specPaths ?? []).some((s) => candidate(s.replace(/\\/g, '/')).lower === c.lower),
    why: () => 'it is the spec file being implemented; the spec is input and is never changed by a run.',
  },
  {
    name: 'protected-glob',
    reason: 'protected',
    access: 'write',
    refuses: (c, policy) => protectedGlobHit(c, policy) !== undefined,
    why: (c, policy) =>
      `it matches the protected path pattern "${protectedGlobHit(c, policy)}" (input protected-paths). Write elsewhere, or remove the pattern if the file should be editable.`,
  },
  {
    name: 'role-lane',
    reason: 'role-not-allowed',
    access: 'write',
    refuses: (c, policy) => {
      const allowed = laneOf(policy);
      return allowed !== undefined && !allowed.some((glob) => minimatch(c.rel, glob, { dot: true }));
    },
    why: (_c, policy) =>
      `the ${policy.role} agent may only write paths matching ${(laneOf(policy) ?? []).map((g) => `"${g}"`).join(', ') || '(nothing)'}. Leave this file to the agent that owns it.`,
  },
];

function protectedGlobHit(c: PathCandidate, policy: PathPolicy): string | undefined {
  return (policy.protectedGlobs ?? []).find((glob) =>
    prefixes(c.rel).some((pre) => minimatch(pre, glob, { dot: true })),
  );
}

function laneOf(policy: PathPolicy): readonly string[] | undefined {
  const { roleAllow, role } = policy;
  // Object.hasOwn: inherited keys ("constructor") must not count as roles with an allowlist.
  return roleAllow && role !== undefined && Object.hasOwn(roleAllow, role) ? roleAllow[role] : undefined;
}

/** A write must name a file, not the repository root. */
const ROOT_RULE: PathRule = {
  name: 'root',
  reason: 'not-a-file',
  access: 'write',
  refuses: (c) => c.rel === '.',
  why: () => 'it names the repository root, not a file. Give a file path such as "src/index.ts".',
};

/** Every rule, in the order they are tried. Add a rule here; `tests/run/path-policy.test.ts` has a row per rule. */
export const PATH_RULES: readonly PathRule[] = [
  ...CONTAINMENT_RULES,
  ROOT_RULE,
  ...PROTECTED_PLACE_RULES,
  ...RUN_RULES,
];

/**
 * Paths may carry control characters and invisible ones (zero-width joiners, direction marks); show them
 * escaped so messages stay one readable line and say what is really there.
 */
export function printable(p: string): string {
  return JSON.stringify(p)
    .slice(1, -1)
    .replace(/\p{Cf}/gu, (ch) => `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}

export function refusalMessage(raw: string, why: string): string {
  return `Refused path "${printable(raw)}": ${why}`;
}

/** The first rule of the table that refuses `p` under `policy`, or the normalised path. */
export function checkPath(p: string, policy: PathPolicy): PathCheck {
  const c = candidate(p);
  for (const rule of PATH_RULES) {
    if (policy.access === 'read' && rule.access === 'write') continue;
    if (rule.refuses(c, policy)) {
      return { ok: false, reason: rule.reason, message: refusalMessage(c.raw, rule.why(c, policy)) };
    }
  }
  return { ok: true, path: c.rel };
}

export interface KeptPathsCheck {
  /** Normalised paths the policy lets this run write. */
  kept: string[];
  refused: { path: string; reason: PathRejection; message: string }[];
}

/**
 * Splits paths a previous run claims to have written (its resume state, read from a branch anyone with push
 * access can change) into those this run could have written itself and those it must not restore.
 */
export function filterKeptPaths(
  paths: readonly string[],
  policy: Omit<PathPolicy, 'access'> = {},
): KeptPathsCheck {
  const result: KeptPathsCheck = { kept: [], refused: [] };
  for (const p of paths) {
    const check = checkPath(p, { ...policy, access: 'write' });
    if (check.ok) result.kept.push(check.path);
    else result.refused.push({ path: p, reason: check.reason, message: check.message });
  }
  return result;
}
