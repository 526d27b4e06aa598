// Step 4: the branch the implementation PR goes into and the commit its branch starts from. PR triggers stack
// the implementation on the PR's head branch; pushes start at the pushed commit; the `base` input overrides.

import type { GitHubClient } from '../github/client.js';
import type { Git } from '../github/git.js';
import { defaultBranch } from '../report/model.js';
import type { ActionEnv } from './env.js';
import type { ActiveTrigger, PullContext } from './event-gate.js';
import type { ActionInputs } from './inputs.js';

export interface BaseAndStart {
  base: string;
  startPoint: string;
}

export async function resolveBase(ctx: {
  trigger: ActiveTrigger;
  pull: PullContext | null;
  inputs: ActionInputs;
  env: ActionEnv;
  gh: GitHubClient;
  git: Git;
}): Promise<BaseAndStart> {
  const { trigger, pull, inputs, git } = ctx;
  if (pull) {
    // On the PR the tool itself opened (feat/spec-<id> into the spec branch), stacking on its head would make
    // a PR from that branch into itself: run again on what it was based on, which updates the same PR.
    const base = isOwnBranch(pull.headRef) ? pull.baseRef : pull.headRef;
    return { base, startPoint: await fetchBranch(git, base) };
  }
  if (trigger.kind === 'push') {
    return {
      base: inputs.base || trigger.branch,
      startPoint: inputs.base ? await fetchBranch(git, inputs.base) : trigger.after,
    };
  }
  const branch = trigger.kind === 'dispatch' ? trigger.branch : '';
  const base =
    inputs.base ||
    branch ||
    (await ctx.gh.octokit.rest.repos.get({ owner: ctx.env.owner, repo: ctx.env.repo })).data.default_branch;
  const startPoint = inputs.base ? await fetchBranch(git, inputs.base) : await git.revParse('HEAD');
  return { base, startPoint };
}

/** The branches the tool pushes its implementations to (`feat/spec-<id>`). */
export function isOwnBranch(ref: string): boolean {
  return ref.startsWith(defaultBranch(''));
}

async function fetchBranch(git: Git, branch: string): Promise<string> {
  await git.fetch('origin', `+refs/heads/${branch}:refs/remotes/origin/${branch}`);
  return git.revParse(`refs/remotes/origin/${branch}`);
}

/** The spec id an own branch (`feat/spec-<id>`) is for, or null for any other branch. */
export function ownBranchSpecId(ref: string): string | null {
  return isOwnBranch(ref) ? ref.slice(defaultBranch('').length) : null;
}
