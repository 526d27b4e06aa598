// `.github/implement-spec/config.yml` text → RoleConfig. Its own module so that the yaml package loads only
// when a repository has the file (loadRoleConfig imports this with `import()`): `plan` on a repository without
// one never compiles it.
import YAML from 'yaml';
import { type RoleConfig, RoleConfigError, roleConfigOf } from './config.js';

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
