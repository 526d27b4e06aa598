/**
 * Turns a GitHub event (name + webhook payload) into the one thing the action should do about it.
 *
 * Pure: no I/O. Events we should not act on become `{ kind: 'ignore', reason }` so the action can log why it did
 * nothing. A payload that is missing fields GitHub always sends is a broken input, not an event to ignore, and
 * raises `TriggerInputError` naming the missing field.
 */
import { type ParsedCommand, parseCommand, specPathProblem } from './command.js';

interface TriggerActor {
  actor: string;
  actorIsBot: boolean;
}

export interface PushTrigger extends TriggerActor {
  kind: 'push';
  ref: string;
  branch: string;
  before: string;
  after: string;
  created: boolean;
  forced: boolean;
}

export interface PullRequestTrigger extends TriggerActor {
  kind: 'pull_request';
  number: number;
  headRef: string;
  headSha: string;
  baseRef: string;
  fromFork: boolean;
  action: 'opened' | 'synchronize' | 'reopened';
}

export interface LabelTrigger extends TriggerActor {
  kind: 'label';
  number: number;
  headRef: string;
  headSha: string;
  baseRef: string;
  fromFork: boolean;
}

/** Head/base/fork facts are not in an issue_comment payload; the action fetches the pull request by number. */
export interface CommentTrigger extends TriggerActor {
  kind: 'comment';
  number: number;
  commentId: number;
  body: string;
  command: ParsedCommand;
}

export interface DispatchTrigger extends TriggerActor {
  kind: 'dispatch';
  ref: string;
  branch: string;
  spec?: string;
  dryRun?: boolean;
}

export interface IgnoreTrigger extends TriggerActor {
  kind: 'ignore';
  reason: string;
}

export type Trigger =
  | PushTrigger
  | PullRequestTrigger
  | LabelTrigger
  | CommentTrigger
  | DispatchTrigger
  | IgnoreTrigger;

export interface TriggerInput {
  eventName: string;
  // biome-ignore lint/suspicious/noExplicitAny: webhook payloads are untyped JSON read defensively below
  payload: any;
  triggerLabel: string;
  command: string;
  enablePullRequest: boolean;
}

export class TriggerInputError extends Error {
  override name = 'TriggerInputError';
}

const PULL_REQUEST_ACTIONS = new Set(['opened', 'synchronize', 'reopened']);
const ZERO_SHA = /^0{40}(?:0{24})?$/;

export function resolveTrigger(input: TriggerInput): Trigger {
  const payload: Record<string, unknown> = isObject(input.payload) ? input.payload : {};
  const sender = isObject(payload.sender) ? payload.sender : {};
  const actor = typeof sender.login === 'string' ? sender.login : '';
  const actorIsBot = sender.type === 'Bot' || actor.endsWith('[bot]');
  const who: TriggerActor = { actor, actorIsBot };
  const ignore = (reason: string): IgnoreTrigger => ({ kind: 'ignore', reason, ...who });

  if (actorIsBot) {
    return ignore(`event "${input.eventName}" was sent by bot "${actor}"; bots are ignored to avoid loops`);
  }

  switch (input.eventName) {
    case 'push':
      return resolvePush(payload, who, ignore);
    case 'pull_request':
      return resolvePullRequest(payload, input, who, ignore);
    case 'issue_comment':
      return resolveComment(payload, input, who, ignore);
    case 'workflow_dispatch':
      return resolveDispatch(payload, who, ignore);
    default:
      return ignore(
        `event "${input.eventName}" is not supported; use push, pull_request, issue_comment or workflow_dispatch`,
      );
  }
}

function resolvePush(
  payload: Record<string, unknown>,
  who: TriggerActor,
  ignore: (reason: string) => IgnoreTrigger,
): Trigger {
  const ref = requireString(payload, 'ref', 'push');
  if (ref.startsWith('refs/tags/'))
    return ignore(`push of tag "${ref.slice('refs/tags/'.length)}" is ignored`);
  if (!ref.startsWith('refs/heads/')) return ignore(`push to "${ref}" is not a branch push`);
  const branch = ref.slice('refs/heads/'.length);
  const after = requireString(payload, 'after', 'push');
  if (payload.deleted === true || ZERO_SHA.test(after)) return ignore(`branch "${branch}" was deleted`);
  return {
    kind: 'push',
    ref,
    branch,
    before: requireString(payload, 'before', 'push'),
    after,
    created: payload.created === true,
    forced: payload.forced === true,
    ...who,
  };
}

function resolvePullRequest(
  payload: Record<string, unknown>,
  input: TriggerInput,
  who: TriggerActor,
  ignore: (reason: string) => IgnoreTrigger,
): Trigger {
  const action = requireString(payload, 'action', 'pull_request');
  const isTriggerLabel = action === 'labeled';
  if (isTriggerLabel) {
    const label = isObject(payload.label) ? payload.label.name : undefined;
    if (label !== input.triggerLabel) {
      return ignore(`label "${String(label)}" is not the trigger label "${input.triggerLabel}"`);
    }
  } else if (!PULL_REQUEST_ACTIONS.has(action)) {
    return ignore(`pull_request action "${action}" is not handled`);
  } else if (!input.enablePullRequest) {
    return ignore('pull_request events are disabled (enable-pull-request is false)');
  }

  const pr = requireObject(payload, 'pull_request', 'pull_request');
  const head = requireObject(pr, 'head', 'pull_request.pull_request');
  const base = requireObject(pr, 'base', 'pull_request.pull_request');
  const repository = requireObject(payload, 'repository', 'pull_request');
  const headRepo = isObject(head.repo) ? head.repo : null;
  const facts = {
    number: requireNumber(isNumber(payload.number) ? payload : pr, 'number', 'pull_request'),
    headRef: requireString(head, 'ref', 'pull_request.pull_request.head'),
    headSha: requireString(head, 'sha', 'pull_request.pull_request.head'),
    baseRef: requireString(base, 'ref', 'pull_request.pull_request.base'),
    // A deleted fork has `head.repo: null`; treat it as foreign since we cannot prove otherwise.
    fromFork: headRepo === null || headRepo.full_name !== repository.full_name,
  };
  if (isTriggerLabel) return { kind: 'label', ...facts, ...who };
  return { kind: 'pull_request', ...facts, action: action as PullRequestTrigger['action'], ...who };
}

function resolveComment(
  payload: Record<string, unknown>,
  input: TriggerInput,
  who: TriggerActor,
  ignore: (reason: string) => IgnoreTrigger,
): Trigger {
  const action = requireString(payload, 'action', 'issue_comment');
  if (action !== 'created') return ignore(`comment was ${action}; only new comments are read`);
  const issue = requireObject(payload, 'issue', 'issue_comment');
  const number = requireNumber(issue, 'number', 'issue_comment.issue');
  if (!isObject(issue.pull_request)) return ignore(`#${number} is an issue, not a pull request`);
  const comment = requireObject(payload, 'comment', 'issue_comment');
  const body = typeof comment.body === 'string' ? comment.body : '';
  const command = parseCommand(body, input.command);
  if (command.kind === 'none') return ignore(`comment does not start with "${input.command}"`);
  return {
    kind: 'comment',
    number,
    commentId: requireNumber(comment, 'id', 'issue_comment.comment'),
    body,
    command,
    ...who,
  };
}

function resolveDispatch(
  payload: Record<string, unknown>,
  who: TriggerActor,
  ignore: (reason: string) => IgnoreTrigger,
): Trigger {
  const ref = requireString(payload, 'ref', 'workflow_dispatch');
  if (!ref.startsWith('refs/heads/')) return ignore(`workflow_dispatch on "${ref}" is not on a branch`);
  const inputs = isObject(payload.inputs) ? payload.inputs : {};
  const trigger: DispatchTrigger = { kind: 'dispatch', ref, branch: ref.slice('refs/heads/'.length), ...who };

  const spec = typeof inputs.spec === 'string' ? inputs.spec.trim() : '';
  if (spec.length > 0) {
    const problem = specPathProblem(spec);
    if (problem) throw new TriggerInputError(`workflow_dispatch input "spec": ${problem}`);
    trigger.spec = spec.replace(/^(?:\.\/)+/, '');
  }

  const dryRunInput = inputs['dry-run'] ?? inputs.dry_run;
  if (dryRunInput !== undefined && dryRunInput !== '') {
    // Boolean inputs arrive as the strings "true"/"false" in the event payload.
    if (dryRunInput === true || dryRunInput === 'true') trigger.dryRun = true;
    else if (dryRunInput === false || dryRunInput === 'false') trigger.dryRun = false;
    else {
      throw new TriggerInputError(
        `workflow_dispatch input "dry-run" must be true or false, got ${JSON.stringify(dryRunInput)}`,
      );
    }
  }
  return trigger;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function requireObject(from: Record<string, unknown>, key: string, where: string): Record<string, unknown> {
  const value = from[key];
  if (!isObject(value)) throw new TriggerInputError(`${where} event payload has no "${key}" object`);
  return value;
}

function requireString(from: Record<string, unknown>, key: string, where: string): string {
  const value = from[key];
  if (typeof value !== 'string' || value.length === 0) {
    throw new TriggerInputError(`${where} event payload has no "${key}" string`);
  }
  return value;
}

function requireNumber(from: Record<string, unknown>, key: string, where: string): number {
  const value = from[key];
  if (!isNumber(value)) throw new TriggerInputError(`${where} event payload has no numeric "${key}"`);
  return value;
}
