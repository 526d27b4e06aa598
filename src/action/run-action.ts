// The action, end to end: event → who and what → validate → plan → (dry run: show the plan) →
// agents → commit, push, PR. Each step lives in its own module; this file only orders them.
import { readFile } from 'node:fs/promises';
import { RETRY_POLICIES } from '../core/retry-policy.js';
import { version } from '../core/version.js';
import { resolveTrigger, type Trigger } from '../github/trigger.js';
import { readActionEnv } from './env.js';
import { readInputs } from './inputs.js';
import { runnerLog } from './log.js';
import { ActionOutputs } from './outputs.js';
import * as core from './runner.js';

export async function runAction(): Promise<void> {
  const inputs = readInputs();
  const env = readActionEnv();
  const outputs = new ActionOutputs();
  const payload = env.eventPath ? JSON.parse(await readFile(env.eventPath, 'utf8')) : {};
  const trigger: Trigger = env.eventName
    ? resolveTrigger({
        eventName: env.eventName,
        payload,
        triggerLabel: inputs.triggerLabel,
        command: inputs.command,
        enablePullRequest: inputs.enablePullRequest,
      })
    : {
        kind: 'dispatch',
        ref: env.ref,
        branch: env.ref.replace(/^refs\/heads\//, ''),
        actor: env.actor,
        actorIsBot: false,
      };

  if (trigger.kind === 'ignore') {
    core.info(`implement-spec: nothing to do — ${trigger.reason}.`);
    outputs.finish('skipped');
    return;
  }
  // First line of the log, before anything slow: which build, and what it is answering.
  core.info(`implement-spec ${version()}: ${describeTrigger(trigger)}.`);

  // Validation alone (detect-only, or no event at all) needs neither git nor the GitHub API.
  if (!env.eventName || (inputs.detectOnly && (trigger.kind === 'push' || trigger.kind === 'dispatch'))) {
    // Loaded here, not at the top: an event with nothing to do logs its line without compiling the spec parser.
    const [{ resolveSpecFiles }, { notReadyFailure, reportValidation, validateAll }] = await Promise.all([
      import('./spec-selection.js'),
      import('./validate-step.js'),
    ]);
    const files = await resolveSpecFiles({ trigger, inputs, env, pullFiles: null });
    const validations = await validateAll(files, env);
    reportValidation(validations, outputs);
    await core.summary.write();
    outputs.finish(
      inputs.detectOnly ? 'detected' : validations.every((v) => v.ready) ? 'success' : 'not-ready',
    );
    const notReady = notReadyFailure(validations, inputs);
    if (notReady && inputs.failOnNotReady) core.setFailed(notReady);
    return;
  }

  const { deliver } = await import('./deliver.js');
  await deliver({
    trigger,
    inputs,
    env,
    outputs,
    retryPolicy: RETRY_POLICIES[inputs.retryTiming],
    log: runnerLog,
  });
}

/** One line on what started the run; names and refs come from the event (git refs cannot hold a newline). */
export function describeTrigger(trigger: Exclude<Trigger, { kind: 'ignore' }>): string {
  const by = trigger.actor ? ` by ${trigger.actor}` : '';
  switch (trigger.kind) {
    case 'push':
      return `push to ${trigger.branch}${by}`;
    case 'pull_request':
      return `pull request #${trigger.number} ${trigger.action}${by}`;
    case 'label':
      return `label on pull request #${trigger.number}${by}`;
    case 'comment':
      return `command comment on pull request #${trigger.number}${by}`;
    case 'dispatch':
      return `manual run on ${trigger.branch || 'the default branch'}${by}`;
  }
}
