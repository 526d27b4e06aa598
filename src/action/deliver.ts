// The GitHub half of the action: who asked, which PR, which base; then per spec: plan or run, commit,
// push, and open or update the PR. Loaded lazily so a validate-only run never loads Octokit.
import type { RetryPolicy } from '../core/retry-policy.js';
import { createGitHubClient } from '../github/client.js';
import type { ActionEnv } from './env.js';
import { type ActiveTrigger, admit } from './event-gate.js';
import type { ActionInputs } from './inputs.js';
import type { ActionLog } from './log.js';
import type { ActionOutputs } from './outputs.js';
import { ReportedError } from './reported-error.js';
import { createResponder } from './responder.js';
import { runSpecs } from './run-specs.js';
import { SpecSelectionError } from './spec-selection.js';

export { planMarker } from './plan-step.js';

export interface DeliverInput {
  trigger: ActiveTrigger;
  inputs: ActionInputs;
  env: ActionEnv;
  outputs: ActionOutputs;
  /** Retry and poll timing (the `retry-timing` input). */
  retryPolicy: RetryPolicy;
  log: ActionLog;
}

export async function deliver(input: DeliverInput): Promise<void> {
  const { trigger, inputs, env, outputs, retryPolicy, log } = input;
  const gh = createGitHubClient({
    token: inputs.githubToken,
    baseUrl: env.apiUrl,
    log: (m) => log.info(m),
    ...(retryPolicy.github ?? {}),
  });
  const responder = createResponder({ gh, repo: { owner: env.owner, repo: env.repo }, trigger, log });
  const admitted = await admit({ trigger, inputs, env, gh, responder, log });
  if (admitted === null) return outputs.finish('skipped');
  const { pull } = admitted;
  try {
    await runSpecs({ ...input, ...admitted, gh, responder });
  } catch (err) {
    await responder.react('confused');
    // Whoever labelled or commented watches the PR, not the log: say why nothing (more) happened, unless the
    // progress comment already says it.
    if (pull && !(err instanceof ReportedError)) {
      const runUrl = env.runId ? `${env.serverUrl}/${env.owner}/${env.repo}/actions/runs/${env.runId}` : '';
      await responder.reply(
        pull.number,
        `⚠️ ${(err as Error).message ?? String(err)}${runUrl ? `\n\nRun log: ${runUrl}` : ''}`,
      );
    }
    throw err;
  } finally {
    log.info(`implement-spec: ${gh.calls()} GitHub API request(s) made.`);
  }
}

export { SpecSelectionError };
