// One spec, for real: branch, agents, report, commit, push, pull request. Each step lives in its own module;
// this file orders them and makes sure a failure still leaves a final progress comment and says where the
// work is (a PR that cannot be opened, 403 or 422, comes after the branch was pushed).

import { checkEstimate } from '../core/budget.js';
import { priceOf } from '../core/prices.js';
import type { RunResult } from '../core/results.js';
import type { RetryPolicy } from '../core/retry-policy.js';
import type { Plan } from '../core/tasks.js';
import type { GitHubClient } from '../github/client.js';
import type { Git, GitIdentity } from '../github/git.js';
import type { Prepared } from '../plan/prepare.js';
import { escapeProse } from '../report/escape.js';
import { formatUsd } from '../report/format.js';
import { renderJobSummary } from '../report/summary.js';
import type { CommandPolicy } from '../run/commands.js';
import { implementPlan } from '../run/pipeline.js';
import { progressReporter, type StartedRun, startRun } from '../run/start-run.js';
import { STATE_PATH } from '../run/state.js';
import type { Spec } from '../spec/types.js';
import { type CommitOutcome, commitRun, pushBranch, type Undo } from './commit-step.js';
import type { ActionEnv } from './env.js';
import type { ActionInputs } from './inputs.js';
import type { ActionLog } from './log.js';
import { createRunProgress, type RunProgress } from './progress.js';
import { type OpenedPull, openPull } from './pull-step.js';
import { ReportedError } from './reported-error.js';
import { restorePreviousRun } from './resume-branch.js';
import * as core from './runner.js';

export { progressMarker } from './progress.js';

export interface SpecRunOutcome {
  result: RunResult;
  branch: string;
  pr: OpenedPull | null;
  filesChanged: number;
  reportPath: string;
  /** One line for the step's final message. */
  summary: string;
}

export interface ImplementSpecInput {
  spec: Spec;
  plan: Plan;
  prepared: Prepared;
  inputs: ActionInputs;
  env: ActionEnv;
  gh: GitHubClient;
  git: Git;
  base: string;
  startPoint: string;
  maxCost: number;
  progressIssue: number | null;
  committer: GitIdentity;
  reportDir: string;
  retryPolicy: RetryPolicy;
  /** How test-command and format-command are contained (decided, with the sandbox check, before planning). */
  commandPolicy: CommandPolicy;
  log: ActionLog;
}

/**
 * Why a plan's estimate keeps it from running, in the action's own words (its inputs and comment flags,
 * not the CLI's), or null when it may run.
 */
export function estimateRefusal(estimateUsd: number, maxCost: number, force: boolean): string | null {
  if (checkEstimate(estimateUsd, maxCost, force) === null) return null;
  return (
    `The estimated cost ${formatUsd(estimateUsd)} is above max-cost ${formatUsd(maxCost)}. ` +
    'Raise max-cost (the `max-cost` input, or `--max-cost` in the comment), run fewer roles (`agents` / `--agents`), ' +
    'or set the `force` input to run anyway (the run still stops at max-cost).'
  );
}

/** `feat/spec-<id>`, or an error when the id cannot name a branch (a forced run of a spec that failed G1). */
export function specBranch(spec: Spec, id: string): string {
  if (!/^[A-Za-z0-9_][A-Za-z0-9._-]{0,99}$/.test(id) || id.includes('..')) {
    throw new Error(
      `${spec.path} has no usable id (${JSON.stringify(id)}), so no branch feat/spec-<id> can be made: set \`id\` in its front matter to letters, digits, ".", "_" and "-".`,
    );
  }
  return `feat/spec-${id}`;
}

/** A step's value, or the error it failed with: the caller decides what the failure still has to report. */
type Attempt<T> = { ok: true; value: T } | { ok: false; error: unknown };
async function attempt<T>(step: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await step() };
  } catch (error) {
    return { ok: false, error };
  }
}

export async function implementSpec(input: ImplementSpecInput): Promise<SpecRunOutcome> {
  const { spec, plan, inputs, git, log } = input;
  const branch = specBranch(spec, plan.spec.id);
  const refusal = estimateRefusal(plan.estimate.usd, input.maxCost, inputs.force);
  if (refusal) throw new Error(`${refusal} No agent was started.`);

  await git.checkoutNewBranch(branch, input.startPoint);
  const leaseSha = await git.remoteBranchSha('origin', branch);
  // Resume: the branch is rebuilt from its base, with the files of the tasks an earlier run completed
  // (and its state) taken from the previous tip, so only unfinished or changed tasks run again.
  const restored =
    leaseSha && !inputs.fresh
      ? await restorePreviousRun(git, branch, leaseSha, log, {
          specPaths: [spec.path],
          protectedGlobs: [...inputs.protectedPaths, ...input.prepared.roleConfig.protectedPaths],
        })
      : [];

  // A cancelled job gets SIGINT, and SIGTERM a few seconds later: the agents stop, and what is finished is
  // committed and pushed (with its resume state), so the next run starts from the last completed task.
  const run = startRun({
    source: { kind: 'anthropic', apiKey: inputs.anthropicApiKey, baseURL: input.env.anthropicBaseUrl },
    retryPolicy: input.retryPolicy,
    price: priceOf(plan.model),
    warnUsd: inputs.costWarn,
    maxUsd: input.maxCost,
    onCostWarning: (m) => log.warning(m),
    onSignal: (signal) =>
      log.warning(`Received ${signal}: stopping the agents; finished work is committed and pushed.`),
    stopReason: (signal) => `the job received ${signal}`,
  });
  const progress = createRunProgress({
    plan,
    budget: run.budget,
    log,
    gh: input.gh,
    repo: { owner: input.env.owner, repo: input.env.repo },
    issueNumber: input.progressIssue,
  });
  try {
    return await runAndDeliver(input, { branch, leaseSha, restored, run, progress });
  } finally {
    run.release();
  }
}

interface Running {
  branch: string;
  leaseSha: string | null;
  restored: string[];
  run: StartedRun;
  progress: RunProgress;
}

async function runAndDeliver(input: ImplementSpecInput, running: Running): Promise<SpecRunOutcome> {
  const { branch, run, progress } = running;
  const onEvent = progressReporter(progress.sink);
  const ran = await attempt(() => runAgents(input, run, onEvent));
  if (!ran.ok) return stopped(ran.error, progress, {});
  const result = ran.value;
  const undo: Undo = { branch, baseBranch: input.base, local: false };
  const commit = await attempt(() => commitAndPush(input, running, result, undo));
  if (!commit.ok) return stopped(commit.error, progress, { result });
  const pushed = commit.value.committed;
  const delivered = await attempt(async () => {
    const pr = pushed
      ? await openPull({
          ...input,
          result,
          written: commit.value.paths,
          branch,
          budget: run.budget,
          model: run.model,
          onEvent,
          undo,
        })
      : null;
    if (!pushed) {
      input.log.info(
        `implement-spec: nothing to commit for ${input.plan.spec.id}; no pull request was opened.`,
      );
    }
    return finish(input, progress, result, commit.value, branch, pr);
  });
  if (!delivered.ok)
    return stopped(delivered.error, progress, { result, pushedBranch: pushed ? branch : null });
  return delivered.value;
}

function runAgents(input: ImplementSpecInput, run: StartedRun, onEvent: ReturnType<typeof progressReporter>) {
  const { spec, plan, prepared, inputs } = input;
  return implementPlan({
    spec,
    plan,
    roles: prepared.roles,
    repo: prepared.repo,
    root: input.env.workspace,
    specPath: spec.path,
    model: run.model,
    maxTokens: inputs.maxTokens,
    maxTurns: inputs.maxTurns,
    maxParallel: inputs.maxParallel,
    budget: run.budget,
    protectedPaths: inputs.protectedPaths,
    backups: false,
    fresh: inputs.fresh,
    ...(inputs.testCommand ? { testCommand: inputs.testCommand } : {}),
    maxFixRounds: inputs.maxFixRounds,
    ...(inputs.formatCommand ? { formatCommand: inputs.formatCommand } : {}),
    review: inputs.review,
    roleModels: prepared.roleModels,
    roleConfig: prepared.roleConfig,
    secrets: [inputs.anthropicApiKey, inputs.githubToken].filter(Boolean),
    commandPolicy: input.commandPolicy,
    onEvent,
    log: (m) => input.log.info(m),
  });
}

async function commitAndPush(
  input: ImplementSpecInput,
  running: Running,
  result: RunResult,
  undo: Undo,
): Promise<CommitOutcome> {
  const commit = await commitRun({
    result,
    spec: input.spec,
    plan: input.plan,
    git: input.git,
    restored: running.restored,
    reportDir: input.reportDir,
    workspace: input.env.workspace,
    commitReport: input.inputs.commitReport,
    committer: input.committer,
    undo,
    githubCalls: () => input.gh.calls(),
    log: input.log,
  });
  if (commit.committed) await pushBranch(input.git, running.branch, running.leaseSha, input.log);
  return commit;
}

/** The job summary, the last word in the progress comment, and the outcome of this spec. */
async function finish(
  input: ImplementSpecInput,
  progress: RunProgress,
  result: RunResult,
  commit: CommitOutcome,
  branch: string,
  pr: OpenedPull | null,
): Promise<SpecRunOutcome> {
  result.apiCalls.github = input.gh.calls();
  core.summary.addRaw(renderJobSummary(result, pr ? { prUrl: pr.url } : {}), true);
  const finalNote = pr
    ? `${pr.created ? 'Opened' : 'Updated'} #${pr.number}`
    : commit.committed
      ? undefined
      : 'Nothing to commit.';
  await progress.finish(finalNote);
  const ok = result.tasks.filter((t) => t.status === 'success').length;
  const { committed, paths, ignored } = commit;
  return {
    result,
    branch,
    pr,
    filesChanged: committed ? paths.filter((p) => p !== STATE_PATH && !ignored.includes(p)).length : 0,
    reportPath: commit.markdownPath,
    summary: `${result.status}: ${ok}/${result.tasks.length} tasks succeeded${result.errors[0] ? `; ${result.errors[0]}` : ''}${committed ? '' : '; nothing was committed'}`,
  };
}

/**
 * The run stopped: the step fails, but the job summary says why and what was done, the pushed work is reachable
 * from the outputs (e.g. to open the PR by hand), and the progress comment says it stopped.
 */
async function stopped(
  err: unknown,
  progress: RunProgress,
  known: { result?: RunResult; pushedBranch?: string | null },
): Promise<never> {
  const message = err instanceof Error ? err.message : String(err);
  if (known.pushedBranch) core.setOutput('branch', known.pushedBranch);
  if (known.result) core.summary.addRaw(renderJobSummary(known.result, {}), true);
  core.summary.addRaw(`\n**implement-spec stopped:** ${escapeProse(message)}\n`, true);
  await core.summary.write();
  if (!progress.reportsOnPull) throw err;
  await progress.finish(`Stopped: ${message}`);
  throw new ReportedError(err);
}
