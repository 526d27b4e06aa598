// The one list of environment variables that carry the action's secrets. Every child process (git, the
// test and format commands) gets an environment without them.
export const SECRET_ENV_NAMES: readonly string[] = [
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_AUTH_TOKEN',
  'GITHUB_TOKEN',
  'GH_TOKEN',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_URL',
  'ACTIONS_RUNTIME_URL',
  'ACTIONS_CACHE_URL',
  'ACTIONS_RESULTS_URL',
];

/** Inputs (`INPUT_*`) are where the runner puts `anthropic-api-key` and `github-token`. */
export function isSecretName(name: string, extra: ReadonlySet<string> = new Set()): boolean {
  return SECRET_ENV_NAMES.includes(name) || name.startsWith('INPUT_') || extra.has(name);
}

/** `base` without the secrets (and `extraNames`). */
export function withoutSecrets(
  base: NodeJS.ProcessEnv,
  extraNames: Iterable<string> = [],
): Record<string, string> {
  const extra = new Set(extraNames);
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    if (value === undefined || isSecretName(key, extra)) continue;
    env[key] = value;
  }
  return env;
}

/** Secret values shorter than this are not redacted: replacing every `a` or `1` would destroy the output. */
const MIN_SECRET_LENGTH = 4;
export const REDACTED = '***';

/** Replaces every occurrence of every secret (longest first, so a secret containing another goes whole). */
export function redactSecrets(text: string, secrets: readonly string[] = [], marker = REDACTED): string {
  const usable = [...new Set(secrets.filter((s) => s.length >= MIN_SECRET_LENGTH))].sort(
    (a, b) => b.length - a.length,
  );
  let out = text;
  for (const secret of usable) out = out.split(secret).join(marker);
  return out;
}
