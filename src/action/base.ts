// Step 4: the branch the implementation PR goes into and the commit its branch starts from. PR triggers stack
// the implementation on the PR's head branch; pushes start at the pushed commit; the `base` input overrides.
import type { GitHubClient } from '../github/client.js';
import type { Git } from '../github/git.js';
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
    return { base: pull.headRef, startPoint: await fetchBranch(git, pull.headRef) };
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

async function fetchBranch(git: Git, branch: string): Promise<string> {
  await git.fetch('origin', `+refs/heads/${branch}:refs/remotes/origin/${branch}`);
  return git.revParse(`refs/remotes/origin/${branch}`);
}
