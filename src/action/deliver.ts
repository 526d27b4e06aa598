// The GitHub half of the action: who asked, which PR, which base; then per spec: plan or run, commit,
// push, and open or update the PR. Loaded lazily so a validate-only run never loads Octokit.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as core from '@actions/core';
import type { PlanOptions } from '../core/tasks.js';
import {
  approvalMarkerPrefix,
  approvalRequestBody,
  approvedBody,
  decideApproval,
  findApprovalRequest,
} from '../github/approval.js';
import { createGitHubClient, type GitHubClient } from '../github/client.js';
import { addReaction, upsertMarkedComment } from '../github/comments.js';
import { createGit, type Git, parseCommitter } from '../github/git.js';
import { getPermission, meetsPermission, type Permission } from '../github/permissions.js';
import { listPullFiles } from '../github/pulls.js';
import type { Trigger } from '../github/trigger.js';
import { preparePlan } from '../plan/prepare.js';
import { renderPlanJson, renderPlanMarkdown } from '../plan/render.js';
import type { ActionEnv } from './env.js';
import { estimateRefusal, implementSpec, reportedOnPull, type SpecRunOutcome } from './implement.js';
import type { ActionInputs } from './inputs.js';
import type { ActionOutputs } from './outputs.js';
import { resolveSpecFiles, SpecSelectionError } from './spec-selection.js';
import { notReadyFailure, reportValidation, validateAll } from './validate-step.js';

export interface DeliverInput {
  trigger: Exclude<Trigger, { kind: 'ignore' }>;
  inputs: ActionInputs;
  env: ActionEnv;
  outputs: ActionOutputs;
}

/** The pull request the event is about (label, comment and pull_request triggers). */
interface PullContext {
  number: number;
  headRef: string;
  baseRef: string;
  fromFork: boolean;
}

export const planMarker = (id: string) => `<!-- implement-spec:plan:${id} -->`;
const replyMarker = (commentId: number) => `<!-- implement-spec:reply:${commentId} -->`;

export async function deliver({ trigger, inputs, env, outputs }: DeliverInput): Promise<void> {
  const gh = createGitHubClient({
    token: inputs.githubToken,
    baseUrl: env.apiUrl,
    log: (m) => core.info(m),
    ...(process.env.IMPLEMENT_SPEC_TEST_FAST_RETRIES === '1'
      ? {
          retries: 2,
          throttle: { retryAfterBaseValue: 1, writePacing: false, minimumSecondaryRateRetryAfter: 0 },
        }
      : {}),
  });
  const { octokit } = gh;
  const repo = { owner: env.owner, repo: env.repo };
  const commentId = trigger.kind === 'comment' ? trigger.commentId : null;
  const react = async (content: 'eyes' | 'rocket' | 'confused') => {
    if (commentId === null) return;
    try {
      await addReaction(octokit, { ...repo, commentId, content });
    } catch (err) {
      core.warning(`Could not add a reaction to comment ${commentId}: ${(err as Error).message}`);
    }
  };
  // A reply explains a refusal or a failure; when it cannot be posted (a fork's read-only token, comments
  // disabled) the explanation still reaches the log, and the run's outcome must not change because of it.
  const reply = async (issueNumber: number, body: string) => {
    const marker =
      commentId !== null ? replyMarker(commentId) : `<!-- implement-spec:notice:${trigger.kind} -->`;
    try {
      await upsertMarkedComment(octokit, { ...repo, issueNumber, marker, body: `${marker}\n${body}` });
    } catch (err) {
      core.warning(`Could not reply on #${issueNumber}: ${(err as Error).message}`);
    }
  };

  // 1. The comment command itself: errors and help are answered without any other work.
  let command:
    | (Extract<Extract<Trigger, { kind: 'comment' }>['command'], { kind: 'run' }> & { approving?: boolean })
    | null = null;
  if (trigger.kind === 'comment') {
    const parsed = trigger.command;
    if (parsed.kind === 'error' || parsed.kind === 'help') {
      const text =
        parsed.kind === 'error'
          ? `⚠️ ${parsed.message}\n\n\`\`\`\n${parsed.usage}\n\`\`\``
          : `\`\`\`\n${parsed.usage}\n\`\`\``;
      await react(parsed.kind === 'error' ? 'confused' : 'eyes');
      await reply(trigger.number, text);
      return outputs.finish('skipped');
    }
    // `approve` runs the specs this PR concerns, as a real run, once their pending plans match.
    if (parsed.kind === 'approve') command = { kind: 'run', specs: [], dryRun: false, approving: true };
    if (parsed.kind === 'run') command = parsed;
  }

  // 2. Who may trigger it: the collaborator-permission API, not author_association.
  const prNumber = 'number' in trigger ? trigger.number : null;
  if (trigger.kind !== 'push') {
    const required = inputs.allowedPermission as Permission;
    const actual = await getPermission(octokit, env.owner, env.repo, trigger.actor);
    if (!meetsPermission(actual, required)) {
      const why = `@${trigger.actor} has \`${actual}\` permission on ${env.owner}/${env.repo}; implement-spec needs at least \`${required}\` (input \`allowed-permission\`). Nothing was run.`;
      core.warning(why);
      if (prNumber !== null) {
        await react('confused');
        await reply(prNumber, `🚫 ${why}`);
      }
      return outputs.finish('skipped');
    }
  }
  await react('eyes');

  // 3. The pull request, and fork refusal: a fork's text and code are untrusted and its token is read-only.
  let pull: PullContext | null = null;
  if (trigger.kind === 'label' || trigger.kind === 'pull_request') {
    pull = {
      number: trigger.number,
      headRef: trigger.headRef,
      baseRef: trigger.baseRef,
      fromFork: trigger.fromFork,
    };
  } else if (trigger.kind === 'comment') {
    const { data } = await octokit.rest.pulls.get({ ...repo, pull_number: trigger.number });
    pull = {
      number: data.number,
      headRef: data.head.ref,
      baseRef: data.base.ref,
      fromFork: !data.head.repo || data.head.repo.full_name !== data.base.repo.full_name,
    };
  }
  if (pull?.fromFork) {
    const why =
      'This pull request comes from a fork. implement-spec does not run on forks: their spec text is untrusted and the workflow token cannot push. Push the spec branch to this repository and trigger again.';
    core.warning(why);
    await react('confused');
    await reply(pull.number, `🚫 ${why}`);
    return outputs.finish('skipped');
  }

  try {
    await run({ trigger, inputs, env, outputs, gh, pull, command, reply, react });
  } catch (err) {
    await react('confused');
    // Whoever labelled or commented watches the PR, not the log: say why nothing (more) happened, unless the
    // progress comment already says it.
    if (pull && !reportedOnPull.has(err as object)) {
      const runUrl = env.runId ? `${env.serverUrl}/${env.owner}/${env.repo}/actions/runs/${env.runId}` : '';
      await reply(
        pull.number,
        `⚠️ ${(err as Error).message ?? String(err)}${runUrl ? `\n\nRun log: ${runUrl}` : ''}`,
      );
    }
    throw err;
  } finally {
    core.info(`implement-spec: ${gh.calls()} GitHub API request(s) made.`);
  }
}

async function run(ctx: {
  trigger: DeliverInput['trigger'];
  inputs: ActionInputs;
  env: ActionEnv;
  outputs: ActionOutputs;
  gh: GitHubClient;
  pull: PullContext | null;
  command: {
    specs: string[];
    dryRun: boolean;
    agents?: string[];
    mode?: 'sequential' | 'parallel';
    maxCost?: number;
    approving?: boolean;
  } | null;
  reply: (issueNumber: number, body: string) => Promise<void>;
  react: (content: 'eyes' | 'rocket' | 'confused') => Promise<void>;
}): Promise<void> {
  const { trigger, inputs, env, outputs, gh, pull, command } = ctx;
  const repo = { owner: env.owner, repo: env.repo };
  const git = createGit(env.workspace);

  // 4. Base and start point. PR triggers stack the implementation on the PR's head branch.
  let base: string;
  let startPoint: string;
  if (pull) {
    base = pull.headRef;
    await git.fetch('origin', `+refs/heads/${pull.headRef}:refs/remotes/origin/${pull.headRef}`);
    startPoint = await git.revParse(`refs/remotes/origin/${pull.headRef}`);
  } else if (trigger.kind === 'push') {
    base = inputs.base || trigger.branch;
    startPoint = inputs.base ? await fetchBase(git, inputs.base) : trigger.after;
  } else {
    const branch = trigger.kind === 'dispatch' ? trigger.branch : '';
    base = inputs.base || branch || (await gh.octokit.rest.repos.get(repo)).data.default_branch;
    startPoint = inputs.base ? await fetchBase(git, inputs.base) : await git.revParse('HEAD');
  }
  // Read specs from the start point, so a comment on a spec PR sees the PR's version of the spec.
  await git.checkoutDetached(startPoint);

  // 5. Which specs, validated.
  const pullFiles = pull ? await listPullFiles(gh.octokit, { ...repo, number: pull.number }) : null;
  const files = await resolveSpecFiles({
    trigger,
    inputs,
    env,
    pullFiles,
    ...(command?.specs.length ? { commandSpecs: command.specs } : {}),
  });
  const validations = await validateAll(files, env);
  reportValidation(validations, outputs);
  if (files.length === 0) {
    core.info('implement-spec: no spec file matched this event (input spec-paths).');
    await core.summary.write();
    return outputs.finish('skipped');
  }
  if (inputs.detectOnly) {
    await core.summary.write();
    return outputs.finish('detected');
  }
  const notReady = notReadyFailure(validations, inputs);
  if (notReady) {
    if (pull) await ctx.reply(pull.number, `❌ ${notReady}`);
    await ctx.react('confused');
    await core.summary.write();
    outputs.finish('not-ready');
    if (inputs.failOnNotReady) core.setFailed(notReady);
    else core.warning(notReady);
    return;
  }

  const dryRun =
    inputs.dryRun || (trigger.kind === 'dispatch' && trigger.dryRun === true) || command?.dryRun === true;
  const options: PlanOptions = {
    mode: command?.mode ?? inputs.mode,
    model: inputs.model,
    ...(Object.keys(inputs.roleModels).length > 0 ? { roleModels: inputs.roleModels } : {}),
    ...(command?.agents ? { agents: command.agents } : inputs.agents.length ? { agents: inputs.agents } : {}),
    forced: inputs.force,
  };
  const maxCost = command?.maxCost ?? inputs.maxCost;
  if (!dryRun && !inputs.anthropicApiKey) {
    const expression = ['$', '{{ secrets.ANTHROPIC_API_KEY }}'].join('');
    throw new Error(
      `The anthropic-api-key input is empty. Add an ANTHROPIC_API_KEY repository secret and pass it as \`anthropic-api-key: ${expression}\`, or run with dry-run: true to see the plan without spending anything.`,
    );
  }

  const reportDir = join(env.runnerTemp, 'implement-spec');
  await mkdir(reportDir, { recursive: true });
  let estimated = 0;
  let taskCount = 0;
  const outcomes: SpecRunOutcome[] = [];
  /** Specs whose plan waits for a `/implement-spec approve` comment. */
  const awaiting: string[] = [];
  for (const validation of validations) {
    const specPath = validation.spec.path;
    const prepared = await preparePlan({
      specPath: join(env.workspace, specPath),
      displayPath: specPath,
      repoRoot: env.workspace,
      options,
    });
    const plan = prepared.plan!;
    estimated += plan.estimate.usd;
    taskCount += plan.tasks.length;
    const planPath = join(reportDir, `plan-${plan.spec.id}.json`);
    await writeFile(planPath, renderPlanJson(plan));
    outputs.set('plan', planPath);
    const refusal = estimateRefusal(plan.estimate.usd, maxCost, inputs.force);
    const planMd = refusal
      ? `${renderPlanMarkdown(plan)}\n\n> ⚠️ ${refusal} A real run would be refused.`
      : renderPlanMarkdown(plan);
    if (dryRun) {
      if (refusal) core.warning(`${plan.spec.id}: ${refusal} A real run would be refused.`);
      core.summary.addRaw(planMd, true);
      if (pull) {
        await upsertMarkedComment(gh.octokit, {
          ...repo,
          issueNumber: pull.number,
          marker: planMarker(plan.spec.id),
          body: `${planMarker(plan.spec.id)}\n${planMd}\n\n_Dry run: nothing was generated. Comment \`${inputs.command}\` without --dry-run to implement it._`,
        });
      }
      continue;
    }
    if (!refusal && !inputs.force) {
      // Looked up only when the estimate needs approval at all: most runs make no extra call.
      const request =
        pull && plan.estimate.usd > inputs.approveAbove
          ? await findApprovalRequest(gh.octokit, { ...repo, issueNumber: pull.number, specId: plan.spec.id })
          : null;
      const decision = decideApproval({
        estimateUsd: plan.estimate.usd,
        approveAbove: inputs.approveAbove,
        approving: command?.approving === true,
        specHash: plan.spec.hash,
        requestedHash: request?.specHash ?? null,
      });
      if (decision.kind === 'approved' && pull) {
        // The request must stop saying it waits; its marker keeps the approved hash on record.
        try {
          await upsertMarkedComment(gh.octokit, {
            ...repo,
            issueNumber: pull.number,
            marker: approvalMarkerPrefix(plan.spec.id),
            body: approvedBody({
              specId: plan.spec.id,
              specHash: plan.spec.hash,
              planMarkdown: planMd,
              estimateUsd: plan.estimate.usd,
              approver: trigger.actor,
            }),
          });
        } catch (err) {
          core.warning(
            `Could not mark the approval request on #${pull.number} as approved: ${(err as Error).message}`,
          );
        }
      }
      if (decision.kind === 'ask') {
        awaiting.push(plan.spec.id);
        const body = approvalRequestBody({
          specId: plan.spec.id,
          specHash: plan.spec.hash,
          planMarkdown: planMd,
          estimateUsd: plan.estimate.usd,
          approveAbove: inputs.approveAbove,
          command: inputs.command,
          reason: decision.reason,
        });
        core.summary.addRaw(body, true);
        if (pull) {
          await upsertMarkedComment(gh.octokit, {
            ...repo,
            issueNumber: pull.number,
            marker: approvalMarkerPrefix(plan.spec.id),
            body,
          });
        } else {
          core.warning(
            `${plan.spec.id}: the estimate $${plan.estimate.usd.toFixed(2)} is above approve-above ($${inputs.approveAbove.toFixed(2)}). ` +
              'There is no pull request to approve it on: raise approve-above, set force: true, or trigger it by a label or comment on a PR.',
          );
        }
        continue;
      }
    }
    outcomes.push(
      await implementSpec({
        spec: prepared.validation.spec,
        plan,
        prepared,
        inputs,
        env,
        gh,
        git,
        base,
        startPoint,
        maxCost,
        progressIssue: pull?.number ?? null,
        committer: parseCommitter(inputs.committer),
        reportDir,
      }),
    );
  }
  outputs.set('estimated-cost-usd', estimated.toFixed(4));
  outputs.set('tasks', taskCount);
  if (dryRun) {
    await core.summary.write();
    await ctx.react('rocket');
    return outputs.finish('dry-run');
  }
  if (outcomes.length === 0 && awaiting.length > 0) {
    await core.summary.write();
    core.info(`implement-spec: waiting for approval of ${awaiting.join(', ')}; nothing was spent.`);
    return outputs.finish('awaiting-approval');
  }
  const status = combine(outcomes);
  const last = [...outcomes].reverse().find((o) => o.pr);
  const total = outcomes.reduce(
    (t, o) => ({
      cost: t.cost + o.result.costUsd,
      input:
        t.input +
        o.result.usage.inputTokens +
        o.result.usage.cacheCreationTokens +
        o.result.usage.cacheReadTokens,
      output: t.output + o.result.usage.outputTokens,
      files: t.files + o.filesChanged,
    }),
    { cost: 0, input: 0, output: 0, files: 0 },
  );
  outputs.set('cost-usd', total.cost.toFixed(4));
  outputs.set('input-tokens', total.input);
  outputs.set('output-tokens', total.output);
  outputs.set('files-changed', total.files);
  if (last?.pr) {
    outputs.set('pr-number', last.pr.number);
    outputs.set('pr-url', last.pr.url);
  }
  const lastBranch = outcomes.at(-1)?.branch;
  if (lastBranch) outputs.set('branch', lastBranch);
  const lastReport = outcomes.at(-1)?.reportPath;
  if (lastReport) outputs.set('report-path', lastReport);
  await core.summary.write();
  outputs.finish(status);
  await ctx.react(status === 'success' ? 'rocket' : 'confused');
  const problems = outcomes.filter((o) => o.result.status !== 'success');
  if (status === 'failed') {
    core.setFailed(problems.map((o) => `${o.result.spec.id}: ${o.summary}`).join(' | '));
  } else if (status === 'partial') {
    core.warning(
      `Partial implementation: ${problems.map((o) => `${o.result.spec.id}: ${o.summary}`).join(' | ')}`,
    );
  }
}

async function fetchBase(git: Git, base: string): Promise<string> {
  await git.fetch('origin', `+refs/heads/${base}:refs/remotes/origin/${base}`);
  return git.revParse(`refs/remotes/origin/${base}`);
}

function combine(outcomes: SpecRunOutcome[]): 'success' | 'partial' | 'failed' {
  if (outcomes.length === 0) return 'failed';
  if (outcomes.every((o) => o.result.status === 'success')) return 'success';
  if (outcomes.every((o) => o.result.status === 'failed')) return 'failed';
  return 'partial';
}

export { SpecSelectionError };
