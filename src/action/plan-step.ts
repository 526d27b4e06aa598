// Step 6 per spec, before any agent: the plan (written to RUNNER_TEMP, the `plan` output), the dry run's
// plan comment, and the approval gate for estimates above `approve-above`.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatUsd } from '../core/money.js';
import type { Plan, PlanOptions } from '../core/tasks.js';
import {
  approvalMarkerPrefix,
  approvalRequestBody,
  approvedBody,
  decideApproval,
  findApprovalRequest,
} from '../github/approval.js';
import { upsertMarkedComment } from '../github/comments.js';
import { type Prepared, preparePlan } from '../plan/prepare.js';
import { renderPlanJson, renderPlanMarkdown } from '../plan/render.js';
import { estimateRefusal } from './implement.js';
import type { RunContext } from './run-context.js';
import * as core from './runner.js';

export const planMarker = (id: string) => `<!-- implement-spec:plan:${id} -->`;

export interface SpecPlan {
  prepared: Prepared;
  plan: Plan;
  /** Why the estimate keeps a real run from starting, or null. */
  refusal: string | null;
  /** The plan as Markdown, with the refusal when there is one. */
  markdown: string;
}

export async function planSpec(
  ctx: RunContext,
  specPath: string,
  opts: { options: PlanOptions; maxCost: number; reportDir: string },
): Promise<SpecPlan> {
  const { env, inputs } = ctx;
  const prepared = await preparePlan({
    specPath: join(env.workspace, specPath),
    displayPath: specPath,
    repoRoot: env.workspace,
    // A spec that is a symbolic link (to the event payload, ~/.git-credentials, …) is never sent to the model.
    specRoot: env.workspace,
    options: opts.options,
  });
  const plan = prepared.plan!;
  const planPath = join(opts.reportDir, `plan-${plan.spec.id}.json`);
  await writeFile(planPath, renderPlanJson(plan));
  ctx.outputs.set('plan', planPath);
  const refusal = estimateRefusal(plan.estimate.usd, opts.maxCost, inputs.force);
  const markdown = refusal
    ? `${renderPlanMarkdown(plan)}\n\n> ⚠️ ${refusal} A real run would be refused.`
    : renderPlanMarkdown(plan);
  return { prepared, plan, refusal, markdown };
}

/** The dry run: the plan in the job summary and, on PR triggers, in one comment per spec. */
export async function showDryRunPlan(ctx: RunContext, { plan, refusal, markdown }: SpecPlan): Promise<void> {
  if (refusal) ctx.log.warning(`${plan.spec.id}: ${refusal} A real run would be refused.`);
  core.summary.addRaw(markdown, true);
  if (!ctx.pull) return;
  await upsertPullComment(
    ctx,
    ctx.pull.number,
    planMarker(plan.spec.id),
    `${planMarker(plan.spec.id)}\n${markdown}\n\n_Dry run: nothing was generated. Comment \`${ctx.inputs.command}\` without --dry-run to implement it._`,
  );
}

/** The bot's comment with `marker` on pull request `pullNumber`: created once, updated on later runs. */
async function upsertPullComment(
  ctx: RunContext,
  pullNumber: number,
  marker: string,
  body: string,
): Promise<void> {
  await upsertMarkedComment(ctx.gh.octokit, {
    author: await ctx.gh.login(),
    owner: ctx.env.owner,
    repo: ctx.env.repo,
    issueNumber: pullNumber,
    marker,
    body,
  });
}

/**
 * Whether the spec may run now: yes below `approve-above`, with `force`, or when an `approve` comment matches
 * the pending plan; otherwise the plan is posted for approval and the spec waits.
 */
export async function approvalGate(ctx: RunContext, specPlan: SpecPlan): Promise<'run' | 'wait'> {
  const { inputs, pull, gh, env } = ctx;
  const { plan } = specPlan;
  if (specPlan.refusal || inputs.force) return 'run';
  const repo = { owner: env.owner, repo: env.repo };
  // Looked up only when the estimate needs approval at all: most runs make no extra call.
  const request =
    pull && plan.estimate.usd > inputs.approveAbove
      ? await findApprovalRequest(gh.octokit, {
          ...repo,
          issueNumber: pull.number,
          specId: plan.spec.id,
          author: await gh.login(),
        })
      : null;
  const decision = decideApproval({
    estimateUsd: plan.estimate.usd,
    approveAbove: inputs.approveAbove,
    approving: ctx.command?.approving === true,
    specHash: plan.spec.hash,
    requestedHash: request?.specHash ?? null,
  });
  if (decision.kind === 'approved') await markApproved(ctx, specPlan);
  if (decision.kind !== 'ask') return 'run';
  await askForApproval(ctx, specPlan, decision.reason);
  return 'wait';
}

/** The request must stop saying it waits; its marker keeps the approved hash on record. */
async function markApproved(ctx: RunContext, { plan, markdown }: SpecPlan): Promise<void> {
  if (!ctx.pull) return;
  try {
    await upsertPullComment(
      ctx,
      ctx.pull.number,
      approvalMarkerPrefix(plan.spec.id),
      approvedBody({
        specId: plan.spec.id,
        specHash: plan.spec.hash,
        planMarkdown: markdown,
        estimateUsd: plan.estimate.usd,
        approver: ctx.trigger.actor,
      }),
    );
  } catch (err) {
    ctx.log.warning(
      `Could not mark the approval request on #${ctx.pull.number} as approved: ${(err as Error).message}`,
    );
  }
}

async function askForApproval(ctx: RunContext, { plan, markdown }: SpecPlan, reason: string): Promise<void> {
  const { inputs } = ctx;
  const body = approvalRequestBody({
    specId: plan.spec.id,
    specHash: plan.spec.hash,
    planMarkdown: markdown,
    estimateUsd: plan.estimate.usd,
    approveAbove: inputs.approveAbove,
    command: inputs.command,
    reason,
  });
  core.summary.addRaw(body, true);
  if (ctx.pull) {
    await upsertPullComment(ctx, ctx.pull.number, approvalMarkerPrefix(plan.spec.id), body);
    return;
  }
  ctx.log.warning(
    `${plan.spec.id}: the estimate ${formatUsd(plan.estimate.usd)} is above approve-above (${formatUsd(inputs.approveAbove)}). ` +
      'There is no pull request to approve it on: raise approve-above, set force: true, or trigger it by a label or comment on a PR.',
  );
}
