// One spec, for real: branch, agents, report, commit, push, pull request.
import { copyFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import * as core from '@actions/core';
import { Budget, checkEstimate } from '../core/budget.js';
import { priceOf } from '../core/prices.js';
import type { ProgressEvent, RunResult, TaskStatus } from '../core/results.js';
import type { Plan } from '../core/tasks.js';
import type { GitHubClient } from '../github/client.js';
import { ProgressCommenter } from '../github/comments.js';
import type { Git, GitIdentity } from '../github/git.js';
import { pullTitle, upsertPull } from '../github/pulls.js';
import type { Prepared } from '../plan/prepare.js';
import { escapeProse } from '../report/escape.js';
import { formatUsd } from '../report/format.js';
import { renderReportMarkdown } from '../report/markdown.js';
import { renderJobSummary, renderProgress } from '../report/summary.js';
import { writeReports } from '../report/write.js';
import { createAnthropicModel } from '../run/model/anthropic.js';
import { implementPlan } from '../run/pipeline.js';
import { STATE_PATH } from '../run/state.js';
import type { Spec } from '../spec/types.js';
import { waitForChecksAndFix } from './checks-loop.js';
import { CI_NOTE, CI_WARNING, opensWithoutCi } from './ci-note.js';
import type { ActionEnv } from './env.js';
import type { ActionInputs } from './inputs.js';
import { restorePreviousRun } from './resume-branch.js';

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

  // A forced run of a spec whose id failed G1 must still never name a branch after it.
  if (!/^[A-Za-z0-9_][A-Za-z0-9._-]{0,99}$/.test(id) || id.includes('..')) {
    throw new Error(
      `${spec.path} has no usable id (${JSON.stringify(id)}), so no branch feat/spec-<id> can be made: set \`id\` in its front matter to letters, digits, ".", "_" and "-".`,
    );
  }
  const refusal = estimateRefusal(plan.estimate.usd, input.maxCost, inputs.force);
  if (refusal) throw new Error(`${refusal} No agent was started.`);

  await git.checkoutNewBranch(branch, input.startPoint);
  const leaseSha = await git.remoteBranchSha('origin', branch);
  // Resume: the branch is rebuilt from its base, with the files of the tasks an earlier run completed
  // (and its state) taken from the previous tip, so only unfinished or changed tasks run again.
  const restored = leaseSha && !inputs.fresh ? await restorePreviousRun(git, branch, leaseSha) : [];

  // Progress: one comment on the PR, found again by its marker, at most one update every 10 s.
  const statuses = new Map<
    string,
    { id: string; agent: string; title: string; status: TaskStatus | string; reason?: string }
  >(plan.tasks.map((t) => [t.id, { id: t.id, agent: t.agent, title: t.title, status: 'pending' }]));
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
        // Fix tasks of the test loop are not in the plan: they get a row when they start.
        statuses.set(e.task.id, {
          id: e.task.id,
          agent: e.task.agent,
          title: e.task.title,
          status: 'running',
        });
        if (grouped) core.startGroup(`[${e.task.id}] ${e.task.agent}: ${e.task.title}`);
        else core.info(`▶ [${e.task.id}] ${e.task.agent}: ${e.task.title}`);
        break;
      case 'task-end':
        statuses.set(e.result.taskId, {
          id: e.result.taskId,
          agent: e.result.agent,
          title: e.result.title,
          status: e.result.status,
          ...(e.result.reason ? { reason: e.result.reason } : {}),
        });
        core.info(
          `[${e.result.taskId}] ${e.result.status}: ${e.result.files.length} file(s), ${formatUsd(e.result.costUsd)}${e.result.reason ? ` — ${e.result.reason}` : ''}`,
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
  // From here on a failure must still leave a final progress comment and say where the work is:
  // a PR that cannot be opened (403, 422) comes after the branch was pushed.
  let result: RunResult | undefined;
  let pushed = false;
  // A cancelled job gets SIGINT, and SIGTERM a few seconds later: stop the agents, then commit and push what
  // is finished (with its resume state), so the next run starts from the last completed task. A second
  // signal of the same kind has no handler left and ends the process.
  const stopOnSignal = (signal: NodeJS.Signals) => {
    core.warning(`Received ${signal}: stopping the agents; finished work is committed and pushed.`);
    budget.stop(`the job received ${signal}`);
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    result = await implementPlan({
      spec,
      plan,
      roles: input.prepared.roles,
      repo: input.prepared.repo,
      root: env.workspace,
      specPath: spec.path,
      model,
      maxTokens: inputs.maxTokens,
      maxTurns: inputs.maxTurns,
      maxParallel: inputs.maxParallel,
      budget,
      protectedPaths: inputs.protectedPaths,
      backups: false,
      fresh: inputs.fresh,
      ...(inputs.testCommand ? { testCommand: inputs.testCommand } : {}),
      maxFixRounds: inputs.maxFixRounds,
      ...(inputs.formatCommand ? { formatCommand: inputs.formatCommand } : {}),
      review: inputs.review,
      roleModels: input.prepared.roleModels,
      roleConfig: input.prepared.roleConfig,
      secrets: [inputs.anthropicApiKey, inputs.githubToken].filter(Boolean),
      onEvent,
      log: (m) => core.info(m),
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
  } finally {
    process.off('SIGINT', stopOnSignal);
    process.off('SIGTERM', stopOnSignal);
  }

  async function deliverResult(result: RunResult): Promise<SpecRunOutcome> {
    // Commit only the files this run wrote (and those kept from the previous run, and the resume
    // state): the checkout may hold other untracked files.
    const reused = new Set(result.resumed ?? []);
    const keptFiles = result.tasks.filter((t) => reused.has(t.taskId)).flatMap((t) => t.files);
    const paths = [
      ...new Set([
        ...result.writes.map((w) => w.path),
        ...keptFiles.filter((f) => restored.includes(f)),
        STATE_PATH,
      ]),
    ];
    let pr: SpecRunOutcome['pr'] = null;
    let committed = false;
    const ignoredPaths: string[] = [];
    const undo = { branch, baseBranch: input.base, local: false };
    const reportOptions = {
      undo,
      maxChars: 65_000 - CI_NOTE.length,
      links: { repoUrl: `${env.serverUrl}/${env.owner}/${env.repo}`, ref: branch },
    };
    // Title and draft follow the status: `[partial]`/`[failed]` drafts (unless draft-on-failure is off);
    // a successful run marks an earlier draft ready for review (unless every PR is to be a draft).
    const pullState = (r: RunResult) => ({
      title: pullTitle(plan.spec.name, id, r.status),
      draft: inputs.draft || (inputs.draftOnFailure && r.status !== 'success'),
      ready: !inputs.draft && r.status === 'success',
    });
    result.apiCalls.github = gh.calls();
    // One folder per spec: several specs in one job must not overwrite each other's reports.
    const { markdownPath, jsonPath } = await writeReports(join(input.reportDir, id), result, { undo });
    if (result.writes.length > 0 || keptFiles.length > 0) {
      if (inputs.commitReport) {
        for (const report of [markdownPath, jsonPath]) {
          const name = basename(report);
          await copyFile(report, join(env.workspace, name));
          paths.push(name);
        }
      }
      const ignored = await git.addAll(paths);
      if (ignored.length > 0) {
        core.warning(
          `Not committed because the repository's .gitignore excludes them: ${ignored.join(', ')}. They stay in the job's checkout only.`,
        );
        ignoredPaths.push(...ignored);
      }
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
      result.apiCalls.github = gh.calls();
      const body = renderReportMarkdown(result, reportOptions);
      const upserted = await upsertPull(gh.octokit, {
        ...repo,
        ...pullState(result),
        head: branch,
        base: input.base,
        body,
        // The no-CI note goes right below the verdict.
        bodyFor: (author) =>
          opensWithoutCi(author) ? renderReportMarkdown(result, { ...reportOptions, notice: CI_NOTE }) : body,
        labels: inputs.prLabels,
      });
      for (const w of upserted.warnings) core.warning(w);
      pr = { number: upserted.number, url: upserted.url, created: upserted.created };
      if (opensWithoutCi(upserted.author)) {
        core.warning(CI_WARNING);
        core.summary.addRaw(`\n> [!NOTE]\n> ${CI_WARNING}\n`, true);
      }
      core.info(`implement-spec: ${upserted.created ? 'opened' : 'updated'} ${upserted.url}`);
      if (inputs.waitForChecks) {
        if (opensWithoutCi(upserted.author)) {
          core.warning('wait-for-checks: skipped, because no checks run on a PR opened with GITHUB_TOKEN.');
        } else {
          result.checks = await waitForChecksAndFix({
            result,
            written: paths,
            spec,
            plan,
            prepared: input.prepared,
            inputs,
            env,
            gh,
            git,
            branch,
            budget,
            model,
            committer: input.committer,
            onEvent,
          });
          if (result.checks.rounds.some((r) => r.fixTask)) {
            // The fix rounds changed the branch: the PR body shows the final state.
            await upsertPull(gh.octokit, {
              ...repo,
              ...pullState(result),
              head: branch,
              base: input.base,
              body: renderReportMarkdown(result, reportOptions),
            });
          }
        }
      }
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
      filesChanged: committed ? paths.filter((p) => p !== STATE_PATH && !ignoredPaths.includes(p)).length : 0,
      reportPath: markdownPath,
      summary: `${result.status}: ${ok}/${result.tasks.length} tasks succeeded${result.errors[0] ? `; ${result.errors[0]}` : ''}${committed ? '' : '; nothing was committed'}`,
    };
  }
}
