// wait-for-checks: after the PR is opened with a token whose PRs run CI, wait for its checks and turn
// failures (with their annotations) into fix rounds, each committed and pushed to the branch.
import type { Budget } from '../core/budget.js';
import type { ModelPort } from '../core/model-port.js';
import { trailerUsd } from '../core/money.js';
import { priceOf } from '../core/prices.js';
import type { ProgressListener, RunResult } from '../core/results.js';
import type { RetryPolicy } from '../core/retry-policy.js';
import type { Plan } from '../core/tasks.js';
import { runChecksFixLoop, waitForChecks } from '../github/checks.js';
import type { GitHubClient } from '../github/client.js';
import type { Git, GitIdentity } from '../github/git.js';
import type { Prepared } from '../plan/prepare.js';
import { modelForRole } from '../plan/role-models.js';
import { STATE_PATH } from '../run/state.js';
import { filesInvolved, makeFixRunner } from '../run/test-loop.js';
import { createWorkspace } from '../run/workspace.js';
import type { Spec } from '../spec/types.js';
import type { ActionEnv } from './env.js';
import type { ActionInputs } from './inputs.js';
import type { ActionLog } from './log.js';

export interface ChecksLoopContext {
  result: RunResult;
  /** Paths the run committed, for naming the files a failure concerns. */
  written: string[];
  spec: Spec;
  plan: Plan;
  prepared: Prepared;
  inputs: ActionInputs;
  env: ActionEnv;
  gh: GitHubClient;
  git: Git;
  branch: string;
  budget: Budget;
  model: ModelPort;
  committer: GitIdentity;
  onEvent: ProgressListener;
  retryPolicy: RetryPolicy;
  log: ActionLog;
}

/** wait-for-checks: wait for the PR's CI; on failure, fix rounds (commit + fast-forward push) and wait again. */
export async function waitForChecksAndFix(ctx: ChecksLoopContext): Promise<NonNullable<RunResult['checks']>> {
  const { result, written, spec, plan, inputs, env, gh, git, branch, budget, model, onEvent, log } = ctx;
  const { checksPollMs } = ctx.retryPolicy;
  const repo = { owner: env.owner, repo: env.repo };
  const id = plan.spec.id;
  const { roleConfig } = ctx.prepared;
  const fixModel = modelForRole('fix', ctx.prepared.roleModels, plan.model);
  const fixWorkspace = createWorkspace({
    root: env.workspace,
    specPaths: [spec.path],
    protectedPaths: [...inputs.protectedPaths, ...roleConfig.protectedPaths, STATE_PATH],
    roleAllow: roleConfig.roleAllow,
    backups: false,
  });
  let head = await git.revParse('HEAD');
  const loop = await runChecksFixLoop({
    sha: head,
    wait: (sha) =>
      waitForChecks(gh.octokit, {
        ...repo,
        sha,
        timeoutMs: inputs.checksTimeoutMinutes * 60_000,
        log: (m) => log.info(m),
        ...(env.job ? { ignore: [env.job] } : {}),
        ...(checksPollMs !== undefined ? { pollMs: checksPollMs } : {}),
      }),
    maxFixRounds: inputs.maxFixRounds,
    budget,
    runFix: makeFixRunner({
      spec,
      roles: ctx.prepared.roles,
      repo: ctx.prepared.repo,
      model,
      modelName: fixModel,
      runModel: plan.model,
      maxTokens: inputs.maxTokens,
      maxTurns: inputs.maxTurns,
      workspace: fixWorkspace,
      budget,
      price: priceOf(fixModel),
      onEvent,
    }),
    filesFor: (digest) => filesInvolved(digest, written),
    journal: fixWorkspace,
    pushFix: async (round) => {
      const files = [...new Set(fixWorkspace.records().map((w) => w.path))];
      if (files.length === 0) return undefined;
      const { sha } = await git.commitFiles({
        paths: files,
        message: `fix(${id}): repair failing CI checks (round ${round})`,
        trailers: {
          'Spec-Id': id,
          'Spec-Hash': spec.hash,
          'Implement-Spec-Cost': trailerUsd(budget.totalUsd),
        },
        author: ctx.committer,
      });
      if (sha === null) return undefined;
      const push = await git.pushForceWithLease('origin', branch, head);
      if (!push.ok) throw new Error(`the push of the CI fix to ${branch} was rejected: the branch moved`);
      head = sha;
      return sha;
    },
  });
  for (const round of loop.rounds) if (round.fixTask) result.tasks.push(round.fixTask);
  result.writes = [...result.writes, ...fixWorkspace.records()];
  result.usage = budget.usage;
  result.costUsd = budget.totalUsd;
  result.costUsdWithoutCache = budget.totalUsdWithoutCache;
  const finalState = loop.waits.at(-1)?.state ?? 'none';
  if (!loop.passed && finalState !== 'none') {
    result.warnings.push(`CI checks still fail: ${loop.stopReason}.`);
    log.warning(`CI checks of ${branch} still fail: ${loop.stopReason}.`);
  }
  return { ...loop, finalState };
}
