// After the push: open or update the pull request whose body is the report, say when GitHub will run no CI on
// it, and (wait-for-checks) wait for its checks and run fix rounds.

import type { RunResult } from '../core/results.js';
import { pullTitle, upsertPull } from '../github/pulls.js';
import { renderReportMarkdown } from '../report/markdown.js';
import { type ChecksLoopContext, waitForChecksAndFix } from './checks-loop.js';
import { CI_NOTE, CI_WARNING, opensWithoutCi } from './ci-note.js';
import type { Undo } from './commit-step.js';
import * as core from './runner.js';

export interface OpenedPull {
  number: number;
  url: string;
  created: boolean;
}

/** Everything the checks loop needs, plus where the PR goes. */
export interface PullStepContext extends ChecksLoopContext {
  base: string;
  undo: Undo;
}

export async function openPull(ctx: PullStepContext): Promise<OpenedPull> {
  const { result, inputs, env, gh, branch, log } = ctx;
  result.apiCalls.github = gh.calls();
  const options = reportOptions(ctx);
  const body = renderReportMarkdown(result, options);
  const upserted = await upsertPull(gh.octokit, {
    owner: env.owner,
    repo: env.repo,
    ...pullState(ctx, result),
    head: branch,
    base: ctx.base,
    body,
    // The no-CI note goes right below the verdict.
    bodyFor: (author) =>
      opensWithoutCi(author) ? renderReportMarkdown(result, { ...options, notice: CI_NOTE }) : body,
    labels: inputs.prLabels,
  });
  for (const w of upserted.warnings) log.warning(w);
  const withoutCi = opensWithoutCi(upserted.author);
  if (withoutCi) {
    log.warning(CI_WARNING);
    core.summary.addRaw(`\n> [!NOTE]\n> ${CI_WARNING}\n`, true);
  }
  log.info(`implement-spec: ${upserted.created ? 'opened' : 'updated'} ${upserted.url}`);
  if (inputs.waitForChecks) {
    if (withoutCi)
      log.warning('wait-for-checks: skipped, because no checks run on a PR opened with GITHUB_TOKEN.');
    else await checkAndFix(ctx);
  }
  return { number: upserted.number, url: upserted.url, created: upserted.created };
}

async function checkAndFix(ctx: PullStepContext): Promise<void> {
  const { result, env, gh } = ctx;
  result.checks = await waitForChecksAndFix(ctx);
  if (!result.checks.rounds.some((r) => r.fixTask)) return;
  // The fix rounds changed the branch: the PR body shows the final state.
  await upsertPull(gh.octokit, {
    owner: env.owner,
    repo: env.repo,
    ...pullState(ctx, result),
    head: ctx.branch,
    base: ctx.base,
    body: renderReportMarkdown(result, reportOptions(ctx)),
  });
}

/** The report with links to the branch's files, leaving room for the no-CI note. */
function reportOptions(ctx: PullStepContext) {
  const { env, branch } = ctx;
  return {
    undo: ctx.undo,
    maxChars: 65_000 - CI_NOTE.length,
    links: { repoUrl: `${env.serverUrl}/${env.owner}/${env.repo}`, ref: branch },
  };
}

/**
 * Title and draft follow the status: `[partial]`/`[failed]` drafts (unless draft-on-failure is off); a
 * successful run marks an earlier draft ready for review (unless every PR is to be a draft); a later run that
 * does not fully succeed turns a ready PR back into a draft (again unless draft-on-failure is off).
 */
function pullState(ctx: PullStepContext, result: RunResult) {
  const { plan, inputs } = ctx;
  return {
    title: pullTitle(plan.spec.name, plan.spec.id, result.status),
    draft: inputs.draft || (inputs.draftOnFailure && result.status !== 'success'),
    ready: !inputs.draft && result.status === 'success',
    redraft: inputs.draftOnFailure && result.status !== 'success',
  };
}
