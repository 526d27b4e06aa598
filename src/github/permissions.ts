// Who may trigger a run: the actor's repository role, compared against the configured minimum.
import { isRequestError, type Octokit } from './client.js';

export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

export const PERMISSION_ORDER: readonly Permission[] = [
  'none',
  'read',
  'triage',
  'write',
  'maintain',
  'admin',
];

export function isPermission(value: string): value is Permission {
  return (PERMISSION_ORDER as readonly string[]).includes(value);
}

/** True when `actual` is at least `required` (none < read < triage < write < maintain < admin). */
export function meetsPermission(actual: Permission, required: Permission): boolean {
  return PERMISSION_ORDER.indexOf(actual) >= PERMISSION_ORDER.indexOf(required);
}

/**
 * The user's role on the repository. The legacy `permission` field folds maintain into write and triage into
 * read, so `role_name` decides when it is one of the five built-in roles; a custom role falls back to the
 * legacy field. A 404 (no such user / not visible) is 'none'.
 */
export async function getPermission(
  octokit: Octokit,
  owner: string,
  repo: string,
  user: string,
): Promise<Permission> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: user });
    const role = (data as { role_name?: string }).role_name?.toLowerCase();
    if (role && isPermission(role)) return role;
    const legacy = String(data.permission ?? 'none').toLowerCase();
    return isPermission(legacy) ? legacy : 'none';
  } catch (err) {
    if (isRequestError(err) && err.status === 404) return 'none';
    throw err;
  }
}
