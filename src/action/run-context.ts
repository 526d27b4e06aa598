// What every step of a GitHub-triggered run after the gate shares.
import type { RetryPolicy } from '../core/retry-policy.js';
import type { GitHubClient } from '../github/client.js';
import type { ActionEnv } from './env.js';
import type { ActiveTrigger, CommandRequest, PullContext } from './event-gate.js';
import type { ActionInputs } from './inputs.js';
import type { ActionLog } from './log.js';
import type { ActionOutputs } from './outputs.js';
import type { Responder } from './responder.js';

export interface RunContext {
  trigger: ActiveTrigger;
  inputs: ActionInputs;
  env: ActionEnv;
  outputs: ActionOutputs;
  gh: GitHubClient;
  pull: PullContext | null;
  command: CommandRequest | null;
  responder: Responder;
  log: ActionLog;
  retryPolicy: RetryPolicy;
}
