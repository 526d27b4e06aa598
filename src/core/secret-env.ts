// Which environment variables a child process may see. Commands that run repository or model-written code
// (test, format, checks) get an allow-list: only what tools need to run, plus variables the user names —
// anything else the job holds (NPM_TOKEN, AWS_*, DATABASE_URL, …) never reaches them. git, our own trusted
// program, gets the host environment minus the action's own secrets (the deny-list below), because it needs
// proxies, certificates and its config locations that no short list can foresee.
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

/** Host variables every sandboxed command gets (plus every `LC_*`): locale, time zone, terminal, search path. */
export const COMMAND_ENV_ALLOW: readonly string[] = [
  'PATH',
  'LANG',
  'LANGUAGE',
  'TZ',
  'TERM',
  'COLORTERM',
  'NO_COLOR',
  'FORCE_COLOR',
];

/** Why `name` cannot be passed to a sandboxed command, or null when it can. */
export function passEnvNameProblem(name: string): string | null {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    return `"${name}" is not an environment variable name (letters, digits and "_", not starting with a digit)`;
  }
  if (isSecretName(name)) {
    return `"${name}" holds one of the action's own credentials, which code the agents wrote must never see`;
  }
  return null;
}

/**
 * The allow-listed part of `base`, plus the variables named in `passNames` (the action's own credentials are
 * never passed, even when named), with `CI=true` so tools run non-interactively.
 */
export function allowListedEnv(
  base: NodeJS.ProcessEnv,
  passNames: Iterable<string> = [],
): Record<string, string> {
  const allowed = new Set([...COMMAND_ENV_ALLOW, ...passNames]);
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    if (value === undefined) continue;
    if (!allowed.has(key) && !key.startsWith('LC_')) continue;
    if (passEnvNameProblem(key) !== null) continue;
    env[key] = value;
  }
  env.CI = 'true';
  return env;
}
