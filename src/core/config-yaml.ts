// `.github/implement-spec/config.yml` text → RoleConfig: the YAML parse and every check of the file. Its own
// module so that it and the yaml package load only when a repository has the file (loadRoleConfig imports this
// with `import()`): `plan` on a repository without one never compiles them.
import YAML from 'yaml';
import { CHECK_NAME_PATTERN } from './checks.js';
import { DEFAULT_ROLE_ALLOW, isBuiltinRole, type RoleConfig, RoleConfigError } from './config.js';
import { checkConfigShape, issuePath } from './config-shape.js';
import { PRICES } from './prices.js';
import { REPO_ROLES_DIR, ROLE_NAME_PATTERN } from './roles.js';

/** The first line of a YAML error without its repeated position and code frame. */
function yamlReason(message: string): string {
  return (message.split('\n')[0] ?? message)
    .replace(/ at line \d+, column \d+:?\s*$/, '')
    .replace(/[:.]\s*$/, '');
}

/** Validates config text; `file` is only used in messages. Pure, so callers and tests share it. */
export function parseRoleConfig(
  text: string,
  file: string,
  isKnownRole?: (role: string) => boolean,
): RoleConfig {
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const at = err.linePos?.[0] ? ` (line ${err.linePos[0].line}, column ${err.linePos[0].col})` : '';
    throw new RoleConfigError(
      file,
      `${file}${at}: not valid YAML: ${yamlReason(err.message)}. Fix the syntax, or delete the file to use the default role paths.`,
    );
  }
  return roleConfigOf(doc.toJS(), file, isKnownRole);
}

/** Why a glob cannot be used as a workspace-relative pattern, or null when it can. */
export function globProblem(glob: string): string | null {
  if (glob.trim() === '') return 'it is empty';
  if (glob.includes('\0')) return 'it contains a NUL byte';
  if (glob.includes('\\')) return 'it contains a backslash; use forward slashes';
  if (glob.startsWith('/') || /^[A-Za-z]:/.test(glob)) {
    return 'it is absolute; patterns are relative to the repository root (write "src/**", not "/src/**")';
  }
  if (glob.split('/').includes('..')) return 'it contains ".."; patterns cannot reach outside the repository';
  if (glob.startsWith('!')) return 'negated patterns ("!…") are not supported; list only what may be written';
  let braces = 0;
  let brackets = 0;
  for (const ch of glob) {
    if (ch === '{') braces++;
    else if (ch === '}') braces--;
    else if (ch === '[') brackets++;
    else if (ch === ']') brackets--;
    if (braces < 0 || brackets < 0) break;
  }
  if (braces !== 0) return 'its "{" and "}" do not pair up';
  if (brackets !== 0) return 'its "[" and "]" do not pair up';
  return null;
}

/**
 * Validates the config file's data (the YAML document as plain values); `file` is only used in messages. The
 * YAML text is parsed by `parseRoleConfig` below.
 */
export function roleConfigOf(
  data: unknown,
  file: string,
  isKnownRole: (role: string) => boolean = isBuiltinRole,
): RoleConfig {
  const { config, issues } = checkConfigShape(data);
  if (issues.length > 0) {
    const details = issues.map((issue) => `${issuePath(issue.path)}: ${issue.message}`).join('; ');
    throw new RoleConfigError(
      file,
      `${file}: ${details}. Expected shape: roles: { <role>: { allow: [globs], extend: [globs], model: name } }, protected: [globs], checks: { <name>: "command" }.`,
    );
  }
  const problems: string[] = [];
  const checkGlobs = (list: string[] | undefined, at: string): void => {
    list?.forEach((g, i) => {
      const why = globProblem(g);
      if (why) problems.push(`${at}[${i}] "${g}": ${why}`);
    });
  };
  for (const [role, entry] of config.roles ?? []) {
    if (!ROLE_NAME_PATTERN.test(role)) {
      problems.push(
        `roles.${role}: not a valid role name (lowercase letters, digits and dashes, starting with a letter)`,
      );
    }
    checkGlobs(entry.allow, `roles.${role}.allow`);
    checkGlobs(entry.extend, `roles.${role}.extend`);
    if (entry.model !== undefined && !Object.hasOwn(PRICES, entry.model)) {
      problems.push(
        `roles.${role}.model "${entry.model}": not a known model; known models: ${Object.keys(PRICES).join(', ')}`,
      );
    }
  }
  checkGlobs(config.protected, 'protected');
  for (const [name, command] of config.checks ?? []) {
    if (!CHECK_NAME_PATTERN.test(name))
      problems.push(
        `checks.${name}: not a valid check name (lowercase letters, digits, "-" and "_", up to 40)`,
      );
    if (command.trim() === '') problems.push(`checks.${name}: the command is empty`);
  }
  if (problems.length > 0) {
    throw new RoleConfigError(file, `${file}: ${problems.join('; ')}.`);
  }

  const warnings: string[] = [];
  const roleAllow: Record<string, string[]> = {};
  const roleModels: Record<string, string> = {};
  for (const [role, list] of Object.entries(DEFAULT_ROLE_ALLOW)) roleAllow[role] = [...list];
  for (const [role, entry] of config.roles ?? []) {
    if (ROLE_NAME_PATTERN.test(role) && !isKnownRole(role)) {
      warnings.push(
        `${file}: roles.${role} names no built-in role and there is no ${REPO_ROLES_DIR}/${role}.md; the setting applies only if such a role runs.`,
      );
    }
    if (entry.model !== undefined) roleModels[role] = entry.model;
    // An entry that only sets the model leaves the role's paths as they are.
    if (entry.allow === undefined && entry.extend === undefined) continue;
    const base = entry.allow ?? roleAllow[role];
    if (entry.allow === undefined && entry.extend !== undefined && base === undefined) {
      // A role without defaults may write anywhere; extending "anywhere" would narrow it to the extension.
      warnings.push(
        `${file}: roles.${role}.extend has no defaults to extend (the role may already write anywhere); use "allow" to restrict it.`,
      );
      continue;
    }
    const merged = [...new Set([...(base ?? []), ...(entry.extend ?? [])])];
    if (entry.allow !== undefined || entry.extend !== undefined) roleAllow[role] = merged;
    if (merged.length === 0 && role !== 'review') {
      warnings.push(`${file}: roles.${role} allows no path, so the ${role} agent cannot write any file.`);
    }
  }
  return {
    roleAllow,
    protectedPaths: [...(config.protected ?? [])],
    roleModels,
    checks: Object.fromEntries(config.checks ?? []),
    ...(config['max-checks'] !== undefined ? { maxChecks: config['max-checks'] } : {}),
    warnings,
    source: file,
  };
}
