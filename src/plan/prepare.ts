// Spec file → validation → plan, with the repository facts the estimate needs. Shared by the CLI
// (plan, run) and the action so that a dry run shows exactly what a real run would do.

import { scanRepository } from '../agents/repo-scan.js';
import { loadRoles } from '../agents/roles.js';
import type { RepoSnapshot, RoleDefinition } from '../agents/types.js';
import { loadSpec } from '../spec/load.js';
import type { Validation } from '../spec/types.js';
import { validateSpec } from '../spec/validate.js';
import { decompose } from './decompose.js';
import type { Plan, PlanOptions, Role } from './types.js';

export interface Prepared {
  validation: Validation;
  /** null when the spec is not ready and the caller did not force. */
  plan: Plan | null;
  roles: Map<Role, RoleDefinition>;
  repo: RepoSnapshot;
}

export async function preparePlan(input: {
  specPath: string;
  displayPath?: string;
  repoRoot: string;
  options: PlanOptions;
}): Promise<Prepared> {
  const spec = await loadSpec(input.specPath, input.displayPath);
  const validation = validateSpec(spec);
  const [roles, repo] = await Promise.all([loadRoles(input.repoRoot), scanRepository(input.repoRoot)]);
  if (!validation.ready && !input.options.forced) return { validation, plan: null, roles, repo };
  const plan = decompose(spec, { ...input.options, forced: !validation.ready, roles, repo });
  return { validation, plan, roles, repo };
}
