// Spec file → validation → plan, with the repository facts the estimate needs. Shared by the CLI
// (plan, run) and the action so that a dry run shows exactly what a real run would do.

import { prepareFrontMatter } from '../agents/context.js';
import { scanRepository } from '../agents/repo-scan.js';
import { loadRoles } from '../agents/roles.js';
import type { RepoSnapshot, RoleDefinition, SymbolNamesCache } from '../agents/types.js';
import { loadRoleConfig, type RoleConfig } from '../core/config.js';
import type { Plan, PlanOptions, Role } from '../core/tasks.js';
import { loadSpec } from '../spec/load.js';
import type { Validation } from '../spec/types.js';
import { validateSpec } from '../spec/validate.js';
import { decompose, plannableRoles } from './decompose.js';
import { PlanError } from './errors.js';

export interface Prepared {
  validation: Validation;
  /** null when the spec is not ready and the caller did not force. */
  plan: Plan | null;
  roles: Map<Role, RoleDefinition>;
  repo: RepoSnapshot;
  /** Model per role: the config file's `roles.<role>.model`, overridden by the explicit option. */
  roleModels: Record<Role, string>;
  /** `.github/implement-spec/config.yml` as read once here, for the pipeline's allowlists. */
  roleConfig: RoleConfig;
}

/**
 * A broken `.github/implement-spec/config.yml` throws its RoleConfigError here, before anything is planned,
 * as it would later in the pipeline.
 */
export async function preparePlan(input: {
  specPath: string;
  displayPath?: string;
  repoRoot: string;
  /** The spec must be a regular file inside this directory, no symbolic link on the way (the action). */
  specRoot?: string;
  options: PlanOptions;
  /** Symbol names kept from an earlier scan (the CLI's `plan`); without it, every source is read. */
  namesCache?: SymbolNamesCache;
}): Promise<Prepared> {
  const spec = await loadSpec(input.specPath, input.displayPath, input.specRoot);
  const validation = validateSpec(spec);
  const [roles, repo, roleConfig] = await Promise.all([
    loadRoles(input.repoRoot),
    scanRepository(input.repoRoot, input.namesCache ? { namesCache: input.namesCache } : {}),
    loadRoleConfig(input.repoRoot),
    prepareFrontMatter(spec),
  ]);
  const explicit = input.options.roleModels ?? {};
  checkRoleModelRoles(Object.keys(explicit), plannableRoles(roles));
  const roleModels = { ...roleConfig.roleModels, ...explicit };
  if (!validation.ready && !input.options.forced)
    return { validation, plan: null, roles, repo, roleModels, roleConfig };
  const plan = decompose(spec, {
    ...input.options,
    ...(Object.keys(roleModels).length > 0 ? { roleModels } : {}),
    forced: !validation.ready,
    roles,
    repo,
  });
  return { validation, plan, roles, repo, roleModels, roleConfig };
}

/** A typo in the explicit option would silently leave the role on the default model: refuse it. */
function checkRoleModelRoles(given: Role[], valid: Role[]): void {
  const unknown = given.filter((r) => !valid.includes(r));
  if (unknown.length > 0) {
    throw new PlanError(
      `Unknown agent role(s) in role-models: ${unknown.join(', ')}. Valid roles: ${valid.join(', ')}. ` +
        'A repository adds a role with .github/implement-spec/agents/<role>.md.',
    );
  }
}
