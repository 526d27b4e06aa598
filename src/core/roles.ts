// The agent roles: the built-in ones the planner assigns, the auxiliary ones the engine uses after the plan,
// and the shape a repository's own role name must have.

export const BUILTIN_ROLES = ['database', 'backend', 'frontend', 'integration', 'test'] as const;
export type BuiltinRole = (typeof BUILTIN_ROLES)[number];
/** A role is a built-in one or one a repository adds in `.github/implement-spec/agents/<role>.md`. */
export type Role = string;

/** Where a repository keeps its own role prompts, relative to its root. */
export const REPO_ROLES_DIR = '.github/implement-spec/agents';

/** A role name doubles as a file name and a CLI value, so it is kept to a safe, short shape. */
export const ROLE_NAME_PATTERN = /^[a-z][a-z0-9-]{0,30}$/;

/** Roles with a built-in prompt that the planner never assigns (the engine uses them after the plan). */
export const AUXILIARY_ROLES = ['review', 'fix'] as const;
