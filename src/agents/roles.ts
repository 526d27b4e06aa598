// Role prompts: the built-in ones shipped with the tool, plus overrides and additions a repository keeps in
// `.github/implement-spec/agents/<role>.md`.
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AUXILIARY_ROLES,
  BUILTIN_ROLES,
  REPO_ROLES_DIR,
  ROLE_NAME_PATTERN,
  type Role,
} from '../core/roles.js';
import type { RoleDefinition } from './types.js';

/** A repository prompt larger than this is almost certainly a mistake and would crowd out the spec. */
const MAX_REPO_PROMPT_BYTES = 64 * 1024;

/**
 * The folder of this module (of the bundle file holding it, once built). CommonJS (the CLI's fast bundle) has it
 * as __dirname; an ES module only as a URL, whose conversion is a measurable part of a one-spec start, so it is
 * worked out when the prompts are first looked for, not when the module loads.
 */
function moduleDir(): string {
  return typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
}

/**
 * In source this file sits next to `prompts/`; in the bundle (dist/index.js) the build copies the prompts
 * to `dist/prompts`, and some layouts keep them under `agents/prompts`, so both are tried.
 */
export function builtinPromptsDir(): string {
  const here = moduleDir();
  const candidates = [path.join(here, 'prompts'), path.join(here, 'agents', 'prompts')];
  for (const dir of candidates) {
    if (existsSync(path.join(dir, 'backend.md'))) return dir;
  }
  throw new Error(
    `The built-in role prompts were not found (looked in ${candidates.join(' and ')}). ` +
      'The installation is incomplete: rebuild with `npm run build`, which copies src/agents/prompts next to the bundle.',
  );
}

/** Built-in roles first in their canonical order, then any other built-in prompt by name. */
function roleOrder(a: Role, b: Role): number {
  const known: readonly string[] = [...BUILTIN_ROLES, ...AUXILIARY_ROLES];
  const ia = known.indexOf(a);
  const ib = known.indexOf(b);
  if (ia >= 0 && ib >= 0) return ia - ib;
  if (ia >= 0) return -1;
  if (ib >= 0) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function builtinFileNames(names: string[]): Role[] {
  return names
    .filter((n) => n.endsWith('.md'))
    .map((n) => n.slice(0, -3))
    .filter((r) => ROLE_NAME_PATTERN.test(r))
    .sort(roleOrder);
}

/** The built-in prompts only, read synchronously: the planner uses this when no roles were loaded. */
export function loadBuiltinRolesSync(): Map<Role, RoleDefinition> {
  if (!builtinCache) {
    const dir = builtinPromptsDir();
    builtinCache = builtinFileNames(readdirSync(dir)).map((role) => ({
      role,
      prompt: normalizePrompt(readFileSync(path.join(dir, `${role}.md`), 'utf8')),
      source: 'builtin',
    }));
  }
  // The shipped prompts do not change while the process runs; callers get their own map.
  return new Map(builtinCache.map((def) => [def.role, { ...def }]));
}
let builtinCache: RoleDefinition[] | undefined;

export interface LoadRolesOptions {
  /** Receives one message per ignored repository file. Defaults to `console.warn`. */
  onWarning?: (message: string) => void;
}

/**
 * Built-in role prompts, overridden or extended by the repository's `.github/implement-spec/agents/*.md`.
 * Order: built-in roles (database, backend, frontend, integration, test, review, fix), then roles added by
 * the repository in name order. An override keeps the built-in role's place.
 */
export async function loadRoles(
  repoRoot?: string,
  options: LoadRolesOptions = {},
): Promise<Map<Role, RoleDefinition>> {
  const warn = options.onWarning ?? ((m: string) => console.warn(m));
  // Read once per process, synchronously: seven small files, and a plan's start-up waits on them.
  const roles = loadBuiltinRolesSync();
  if (repoRoot === undefined) return roles;

  const repoDir = path.join(repoRoot, REPO_ROLES_DIR);
  let entries: string[];
  try {
    entries = readdirSync(repoDir);
  } catch {
    return roles; // No repository roles: the common case.
  }
  const added: RoleDefinition[] = [];
  for (const name of entries.sort()) {
    const rel = `${REPO_ROLES_DIR}/${name}`;
    if (!name.endsWith('.md')) {
      warn(`Ignored ${rel}: role prompts must be Markdown files named <role>.md.`);
      continue;
    }
    const role = name.slice(0, -3);
    if (!ROLE_NAME_PATTERN.test(role)) {
      warn(
        `Ignored ${rel}: the role name "${role}" must be lowercase letters, digits and dashes, start with a letter, ` +
          'and be at most 31 characters (e.g. `api-docs.md`).',
      );
      continue;
    }
    const file = path.join(repoDir, name);
    const info = lstatSync(file);
    // A symlink could point anywhere on the runner, and the prompt is sent to the model: refuse it.
    if (!info.isFile()) {
      warn(`Ignored ${rel}: it is not a regular file (symlinks and folders are not read).`);
      continue;
    }
    if (info.size > MAX_REPO_PROMPT_BYTES) {
      warn(
        `Ignored ${rel}: it is ${info.size} bytes; a role prompt may be at most ${MAX_REPO_PROMPT_BYTES} bytes.`,
      );
      continue;
    }
    const prompt = normalizePrompt(readFileSync(file, 'utf8'));
    if (prompt.trim() === '') {
      warn(`Ignored ${rel}: the file is empty; write the role's instructions in it or delete it.`);
      continue;
    }
    const def: RoleDefinition = { role, prompt, source: rel };
    if (roles.has(role)) roles.set(role, def);
    else added.push(def);
  }
  for (const def of added) roles.set(def.role, def);
  return roles;
}

/** Same bytes on every platform: a CRLF checkout must not change the cached prefix or the estimate. */
function normalizePrompt(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}
