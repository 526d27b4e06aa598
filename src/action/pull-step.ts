// After the push: open or update the pull request whose body is the report, say when GitHub will run no CI on
// it, and (wait-for-checks) wait for its checks and run fix rounds.
import * as core from '@actions/core';
import { upsertPull } from '../github/pulls.js';
import { renderReportMarkdown } from '../report/markdown.js';
import { type ChecksLoopContext, waitForChecksAndFix } from './checks-loop.js';
import { CI_NOTE, CI_WARNING, opensWithoutCi } from './ci-note.js';
import type { Undo } from './commit-step.js';

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
  const { result, plan, inputs, env, gh, branch, log } = ctx;
  const id = plan.spec.id;
  result.apiCalls.github = gh.calls();
  const body = renderReportMarkdown(result, { undo: ctx.undo, maxChars: 65_000 - CI_NOTE.length });
  const upserted = await upsertPull(gh.octokit, {
    owner: env.owner,
    repo: env.repo,
    head: branch,
    base: ctx.base,
    title: `Implement ${plan.spec.name} (${id})`,
    body,
    bodyFor: (author) => (opensWithoutCi(author) ? `${CI_NOTE}${body}` : body),
    draft: inputs.draft,
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
  const { result, plan, env, gh } = ctx;
  result.checks = await waitForChecksAndFix(ctx);
  if (!result.checks.rounds.some((r) => r.fixTask)) return;
  // The fix rounds changed the branch: the PR body shows the final state.
  await upsertPull(gh.octokit, {
    owner: env.owner,
    repo: env.repo,
    head: ctx.branch,
    base: ctx.base,
    title: `Implement ${plan.spec.name} (${plan.spec.id})`,
    body: renderReportMarkdown(result, { undo: ctx.undo, maxChars: 65_000 }),
  });
}
