// One spec, for real: branch, agents, report, commit, push, pull request.
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as core from '@actions/core';
import type { GitHubClient } from '../github/client.js';
import { ProgressCommenter } from '../github/comments.js';
import type { Git, GitIdentity } from '../github/git.js';
import { upsertPull } from '../github/pulls.js';
import type { Prepared } from '../plan/prepare.js';
import { priceOf } from '../plan/prices.js';
import type { Plan } from '../plan/types.js';
import { escapeProse } from '../report/escape.js';
import { formatUsd } from '../report/format.js';
import { renderReportMarkdown } from '../report/markdown.js';
import { renderJobSummary, renderProgress } from '../report/summary.js';
import { writeReports } from '../report/write.js';
import { Budget, checkEstimate } from '../run/budget.js';
import { runPlan } from '../run/engine.js';
import { createAnthropicModel } from '../run/model/anthropic.js';
import type { ProgressEvent, RunResult, TaskStatus } from '../run/types.js';
import { createWorkspace } from '../run/workspace.js';
import type { Spec } from '../spec/types.js';
import type { ActionEnv } from './env.js';
import type { ActionInputs } from './inputs.js';

export interface SpecRunOutcome {
  result: RunResult;
  branch: string;
  pr: { number: number; url: string; created: boolean } | null;
  filesChanged: number;
  reportPath: string;
  /** One line for the step's final message. */
  summary: string;
}

export const progressMarker = (id: string) => `<!-- implement-spec:progress:${id} -->`;

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

/** Errors whose explanation is already in the PR's progress comment, so the caller does not post it twice. */
export const reportedOnPull = new WeakSet<object>();

export async function implementSpec(input: {
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
}): Promise<SpecRunOutcome> {
  const { spec, plan, inputs, env, gh, git } = input;
  const repo = { owner: env.owner, repo: env.repo };
  const id = plan.spec.id;
  const branch = `feat/spec-${id}`;

  const refusal = estimateRefusal(plan.estimate.usd, input.maxCost, inputs.force);
  if (refusal) throw new Error(`${refusal} No agent was started.`);

  await git.checkoutNewBranch(branch, input.startPoint);
  const leaseSha = await git.remoteBranchSha('origin', branch);

  // Progress: one comment on the PR, found again by its marker, at most one update every 10 s.
  const statuses = new Map<string, { id: string; agent: string; title: string; status: TaskStatus | string }>(
    plan.tasks.map((t) => [t.id, { id: t.id, agent: t.agent, title: t.title, status: 'pending' }]),
  );
  const budget = new Budget({
    price: priceOf(plan.model),
    warnUsd: inputs.costWarn,
    maxUsd: input.maxCost,
    onWarn: (m) => core.warning(m),
  });
  const progress =
    input.progressIssue !== null
      ? new ProgressCommenter({
          octokit: gh.octokit,
          ...repo,
          issueNumber: input.progressIssue,
          marker: progressMarker(id),
          log: (m: string) => core.info(m),
        })
      : null;
  const progressBody = (final: boolean, note?: string) =>
    `${progressMarker(id)}\n${renderProgress({
      specId: id,
      tasks: [...statuses.values()],
      usage: budget.usage,
      costUsd: budget.totalUsd,
      final,
      ...(note ? { note } : {}),
    })}`;
  progress?.update(progressBody(false));

  const grouped = plan.mode === 'sequential';
  const onEvent = (e: ProgressEvent) => {
    switch (e.type) {
      case 'task-start':
        statuses.get(e.task.id)!.status = 'running';
        if (grouped) core.startGroup(`[${e.task.id}] ${e.task.agent}: ${e.task.title}`);
        else core.info(`▶ [${e.task.id}] ${e.task.agent}: ${e.task.title}`);
        break;
      case 'task-end':
        statuses.get(e.result.taskId)!.status = e.result.status;
        core.info(
          `[${e.result.taskId}] ${e.result.status}: ${e.result.files.length} file(s), $${e.result.costUsd.toFixed(4)}${e.result.reason ? ` — ${e.result.reason}` : ''}`,
        );
        if (grouped && e.result.calls > 0) core.endGroup();
        break;
      case 'file':
        core.info(`  ${e.record.action} ${e.record.path} (${e.record.bytes} bytes)`);
        break;
      case 'warning':
        core.warning(`${e.taskId ? `${e.taskId}: ` : ''}${e.message}`);
        break;
      case 'cost':
      case 'text':
        break;
    }
    if (e.type !== 'text') progress?.update(progressBody(false));
  };

  const model = createAnthropicModel({
    apiKey: inputs.anthropicApiKey,
    ...(process.env.ANTHROPIC_BASE_URL ? { baseURL: process.env.ANTHROPIC_BASE_URL } : {}),
    ...(process.env.IMPLEMENT_SPEC_TEST_FAST_RETRIES === '1' ? { retryBaseDelayMs: 1 } : {}),
  });
  const workspace = createWorkspace({
    root: env.workspace,
    specPaths: [spec.path],
    protectedPaths: inputs.protectedPaths,
    backups: false,
  });
  // From here on a failure must still leave a final progress comment and say where the work is:
  // a PR that cannot be opened (403, 422) comes after the branch was pushed.
  let result: RunResult | undefined;
  let pushed = false;
  try {
    result = await runPlan({
      spec,
      plan,
      model,
      maxTokens: inputs.maxTokens,
      maxTurns: inputs.maxTurns,
      maxParallel: inputs.maxParallel,
      workspace,
      roles: input.prepared.roles,
      repo: input.prepared.repo,
      budget,
      onEvent,
    });
    return await deliverResult(result);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // The step fails, but the pushed work is reachable from the outputs (e.g. to open the PR by hand).
    if (pushed) core.setOutput('branch', branch);
    if (result) core.summary.addRaw(renderJobSummary(result, {}), true);
    core.summary.addRaw(`\n**implement-spec stopped:** ${escapeProse(message)}\n`, true);
    await core.summary.write();
    if (progress) {
      await progress.finish(progressBody(true, `Stopped: ${message}`));
      if (typeof err === 'object' && err !== null) reportedOnPull.add(err);
    }
    throw err;
  }

  async function deliverResult(result: RunResult): Promise<SpecRunOutcome> {
    // Commit only the files this run wrote: the checkout may hold other untracked files.
    const paths = [...new Set(result.writes.map((w) => w.path))];
    let pr: SpecRunOutcome['pr'] = null;
    let committed = false;
    const reportFile = 'IMPLEMENTATION_REPORT.md';
    const undo = { branch, baseBranch: input.base, local: false };
    result.apiCalls.github = gh.calls();
    const { markdownPath } = await writeReports(input.reportDir, result, { undo });
    if (paths.length > 0) {
      if (inputs.commitReport) {
        await copyFile(markdownPath, join(env.workspace, reportFile));
        paths.push(reportFile);
      }
      await git.addAll(paths);
      const sha = await git.commit({
        message: `feat(${id}): implement ${plan.spec.name}\n\nGenerated by implement-spec from ${spec.path} (${result.status}).`,
        trailers: {
          'Spec-Id': id,
          'Spec-Hash': spec.hash,
          'Implement-Spec-Cost': `$${result.costUsd.toFixed(4)}`,
        },
        author: input.committer,
      });
      committed = sha !== null;
    }
    if (committed) {
      let push = await git.pushForceWithLease('origin', branch, leaseSha);
      if (!push.ok) {
        // Someone pushed the branch meanwhile: take the new tip as the lease and try once more.
        core.warning(`Push of ${branch} was rejected (the branch moved); retrying once.`);
        push = await git.pushForceWithLease('origin', branch, await git.remoteBranchSha('origin', branch));
        if (!push.ok) {
          throw new Error(
            `Could not push ${branch}: the remote branch keeps moving (${push.stderr.trim().split('\n').at(-1) ?? 'rejected'}). Re-run the workflow when no one else pushes to ${branch}.`,
          );
        }
      }
      pushed = true;
      result.apiCalls.github = gh.calls() + 1;
      const body = renderReportMarkdown(result, { undo, maxChars: 65_000 });
      const upserted = await upsertPull(gh.octokit, {
        ...repo,
        head: branch,
        base: input.base,
        title: `Implement ${plan.spec.name} (${id})`,
        body,
        draft: inputs.draft,
        labels: inputs.prLabels,
      });
      for (const w of upserted.warnings) core.warning(w);
      pr = { number: upserted.number, url: upserted.url, created: upserted.created };
      core.info(`implement-spec: ${upserted.created ? 'opened' : 'updated'} ${upserted.url}`);
    } else {
      core.info(`implement-spec: nothing to commit for ${id}; no pull request was opened.`);
    }
    result.apiCalls.github = gh.calls();
    core.summary.addRaw(renderJobSummary(result, pr ? { prUrl: pr.url } : {}), true);
    const finalNote = pr
      ? `${pr.created ? 'Opened' : 'Updated'} #${pr.number}`
      : committed
        ? undefined
        : 'Nothing to commit.';
    if (progress) await progress.finish(progressBody(true, finalNote));

    const ok = result.tasks.filter((t) => t.status === 'success').length;
    return {
      result,
      branch,
      pr,
      filesChanged: committed ? paths.length : 0,
      reportPath: markdownPath,
      summary: `${result.status}: ${ok}/${result.tasks.length} tasks succeeded${result.errors[0] ? `; ${result.errors[0]}` : ''}${committed ? '' : '; nothing was committed'}`,
    };
  }
}
