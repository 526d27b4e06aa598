// The runner's environment, read once. Tests set the same variables the runner sets.
import { isAbsolute, resolve } from 'node:path';

export interface ActionEnv {
  eventName: string;
  eventPath: string | null;
  owner: string;
  repo: string;
  workspace: string;
  apiUrl: string;
  serverUrl: string;
  runnerTemp: string;
  runId: string;
  ref: string;
  sha: string;
  actor: string;
  /** The job's id (GITHUB_JOB): its own check run is not waited for. */
  job: string;
  /** ANTHROPIC_BASE_URL, when set: another Messages API endpoint (a proxy, a gateway). */
  anthropicBaseUrl: string;
}

export function readActionEnv(env: NodeJS.ProcessEnv = process.env): ActionEnv {
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const workspace =
    env.GITHUB_WORKSPACE && isAbsolute(env.GITHUB_WORKSPACE) ? env.GITHUB_WORKSPACE : process.cwd();
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    eventPath: env.GITHUB_EVENT_PATH || null,
    owner,
    repo,
    workspace,
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
    runnerTemp: env.RUNNER_TEMP ? resolve(env.RUNNER_TEMP) : resolve(workspace, '..', '.implement-spec-tmp'),
    runId: env.GITHUB_RUN_ID ?? '',
    ref: env.GITHUB_REF ?? '',
    sha: env.GITHUB_SHA ?? '',
    actor: env.GITHUB_ACTOR ?? '',
    job: env.GITHUB_JOB ?? '',
    anthropicBaseUrl: env.ANTHROPIC_BASE_URL ?? '',
  };
}
