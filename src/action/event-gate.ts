// Steps 1–3 of a GitHub-triggered run, before any spec is read: answer a comment that is only help or an
// error, check who asked (collaborator-permission API, not author_association), find the PR and refuse forks.
import type { GitHubClient } from '../github/client.js';
import { getPermission, meetsPermission, type Permission } from '../github/permissions.js';
import type { Trigger } from '../github/trigger.js';
import type { ActionEnv } from './env.js';
import type { ActionInputs } from './inputs.js';
import type { ActionLog } from './log.js';
import type { Responder } from './responder.js';

export type ActiveTrigger = Exclude<Trigger, { kind: 'ignore' }>;

/** The pull request the event is about (label, comment and pull_request triggers). */
export interface PullContext {
  number: number;
  headRef: string;
  baseRef: string;
  fromFork: boolean;
}

/** What a `/implement-spec` comment asks for (`approve` becomes a run that approves pending plans). */
export interface CommandRequest {
  specs: string[];
  dryRun: boolean;
  agents?: string[];
  mode?: 'sequential' | 'parallel';
  maxCost?: number;
  approving?: boolean;
}

export interface Admitted {
  pull: PullContext | null;
  command: CommandRequest | null;
}

interface GateContext {
  trigger: ActiveTrigger;
  inputs: ActionInputs;
  env: ActionEnv;
  gh: GitHubClient;
  responder: Responder;
  log: ActionLog;
}

/** The PR and the command when the event may run; null when it was answered or refused (already explained). */
export async function admit(ctx: GateContext): Promise<Admitted | null> {
  const command = await answerCommand(ctx);
  if (command === 'answered') return null;
  if (!(await actorMayTrigger(ctx))) return null;
  await ctx.responder.react('eyes');
  const pull = await pullOf(ctx);
  if (pull?.fromFork) {
    const why =
      'This pull request comes from a fork. implement-spec does not run on forks: their spec text is untrusted and the workflow token cannot push. Push the spec branch to this repository and trigger again.';
    ctx.log.warning(why);
    await ctx.responder.react('confused');
    await ctx.responder.reply(pull.number, `🚫 ${why}`);
    return null;
  }
  return { pull, command };
}

/** 1. The comment command itself: errors and help are answered without any other work. */
async function answerCommand({
  trigger,
  responder,
}: GateContext): Promise<CommandRequest | null | 'answered'> {
  if (trigger.kind !== 'comment') return null;
  const parsed = trigger.command;
  if (parsed.kind === 'error' || parsed.kind === 'help') {
    const text =
      parsed.kind === 'error'
        ? `⚠️ ${parsed.message}\n\n\`\`\`\n${parsed.usage}\n\`\`\``
        : `\`\`\`\n${parsed.usage}\n\`\`\``;
    await responder.react(parsed.kind === 'error' ? 'confused' : 'eyes');
    await responder.reply(trigger.number, text);
    return 'answered';
  }
  // `approve` runs the specs this PR concerns, as a real run, once their pending plans match.
  if (parsed.kind === 'approve') return { specs: [], dryRun: false, approving: true };
  if (parsed.kind === 'run') return parsed;
  return null;
}

/** 2. Who may trigger it: the actor's permission must reach `allowed-permission`. Pushes need no check. */
async function actorMayTrigger({ trigger, inputs, env, gh, responder, log }: GateContext): Promise<boolean> {
  if (trigger.kind === 'push') return true;
  const required = inputs.allowedPermission as Permission;
  const actual = await getPermission(gh.octokit, env.owner, env.repo, trigger.actor);
  if (meetsPermission(actual, required)) return true;
  const why = `@${trigger.actor} has \`${actual}\` permission on ${env.owner}/${env.repo}; implement-spec needs at least \`${required}\` (input \`allowed-permission\`). Nothing was run.`;
  log.warning(why);
  if ('number' in trigger) {
    await responder.react('confused');
    await responder.reply(trigger.number, `🚫 ${why}`);
  }
  return false;
}

/** 3. The pull request: from the event, or (comments) from the API, with whether its head is a fork. */
async function pullOf({ trigger, env, gh }: GateContext): Promise<PullContext | null> {
  if (trigger.kind === 'label' || trigger.kind === 'pull_request') {
    return {
      number: trigger.number,
      headRef: trigger.headRef,
      baseRef: trigger.baseRef,
      fromFork: trigger.fromFork,
    };
  }
  if (trigger.kind !== 'comment') return null;
  const { data } = await gh.octokit.rest.pulls.get({
    owner: env.owner,
    repo: env.repo,
    pull_number: trigger.number,
  });
  return {
    number: data.number,
    headRef: data.head.ref,
    baseRef: data.base.ref,
    fromFork: !data.head.repo || data.head.repo.full_name !== data.base.repo.full_name,
  };
}
