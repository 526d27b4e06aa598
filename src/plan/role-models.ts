// The `role-models` input and `--role-models` flag: `test=claude-haiku-4-5, review=claude-haiku-4-5`.
// One parser for both, so the action and the CLI accept and refuse exactly the same text.

import { PRICES } from '../core/prices.js';
import { ROLE_NAME_PATTERN } from '../core/roles.js';
import type { Role } from '../core/tasks.js';

/** The text is not a list of `role=model` pairs; the message names the option, the entry and the fix. */
export class RoleModelsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RoleModelsError';
  }
}

/**
 * `role=model` pairs separated by commas or line breaks; empty text is no override. `name` is how the
 * option is called in messages (`input "role-models"`, `--role-models`).
 */
export function parseRoleModels(raw: string, name: string): Record<Role, string> {
  const out: Record<Role, string> = {};
  const entries = raw
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    if (eq < 0) {
      throw new RoleModelsError(
        `${name}: "${entry}" is not a role=model pair; write e.g. test=claude-haiku-4-5, review=claude-haiku-4-5.`,
      );
    }
    const role = entry.slice(0, eq).trim();
    const model = entry.slice(eq + 1).trim();
    if (!ROLE_NAME_PATTERN.test(role)) {
      throw new RoleModelsError(
        `${name}: "${role}" in "${entry}" is not a role name (lowercase letters, digits and dashes, starting with a letter).`,
      );
    }
    if (!Object.hasOwn(PRICES, model)) {
      throw new RoleModelsError(
        `${name}: "${model}" for role ${role} is not a known model. Known models: ${Object.keys(PRICES).join(', ')}.`,
      );
    }
    if (Object.hasOwn(out, role)) {
      throw new RoleModelsError(`${name}: role ${role} is given twice; give each role one model.`);
    }
    out[role] = model;
  }
  return out;
}

/** The model a role's agents use: its own when one is configured, else the run's. */
export function modelForRole(
  role: Role,
  roleModels: Readonly<Record<Role, string>> | undefined,
  runModel: string,
): string {
  return roleModels && Object.hasOwn(roleModels, role) ? roleModels[role]! : runModel;
}
