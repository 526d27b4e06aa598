// Steps 4–6 of a GitHub-triggered run: base and start point, which specs (validated), then per spec the plan
// and either the dry run, the wait for approval, or the agents with commit, push and PR.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlanOptions } from '../core/tasks.js';
import { createGit, type Git, parseCommitter } from '../github/git.js';
import { listPullFiles } from '../github/pulls.js';
import { type CommandPolicy, DEFAULT_COMMAND_POLICY } from '../run/commands.js';
import type { Validation } from '../spec/types.js';
import { type BaseAndStart, ownBranchSpecId, resolveBase } from './base.js';
import { implementSpec, type SpecRunOutcome } from './implement.js';
import { approvalGate, planSpec, showDryRunPlan } from './plan-step.js';
import type { RunContext } from './run-context.js';
import { finishRun } from './run-outputs.js';
import * as core from './runner.js';
import { commandPolicyFor } from './sandbox-gate.js';
import { resolveSpecFiles } from './spec-selection.js';
import { notReadyFailure, reportValidation, validateAll } from './validate-step.js';

export async function runSpecs(ctx: RunContext): Promise<void> {
  const { env, outputs } = ctx;
  const git = createGit(env.workspace);
  // Fixed now, before any code of this run executes: later pushes go here whatever .git/config says then.
  await git.pinRemote('origin');
  const where = await resolveBase({ ...ctx, git });
  // Read specs from the start point, so a comment on a spec PR sees the PR's version of the spec.
  await git.checkoutDetached(where.startPoint);
  const validations = await selectSpecs(ctx);
  if (validations === null) return;

  const dryRun = isDryRun(ctx);
  if (!dryRun && !ctx.inputs.anthropicApiKey) {
    const expression = ['$', '{{ secrets.ANTHROPIC_API_KEY }}'].join('');
    throw new Error(
      `The anthropic-api-key input is empty. Add an ANTHROPIC_API_KEY repository secret and pass it as \`anthropic-api-key: ${expression}\`, or run with dry-run: true to see the plan without spending anything.`,
    );
  }
  // Before any model call: the commands that run the agents' code must be sandboxed (or knowingly not).
  const commandPolicy = dryRun
    ? DEFAULT_COMMAND_POLICY
    : await commandPolicyFor(ctx.inputs, (m) => ctx.log.warning(m));
  const reportDir = join(env.runnerTemp, 'implement-spec');
  await mkdir(reportDir, { recursive: true });
  const done = await runEachSpec(ctx, validations, { git, where, dryRun, reportDir, commandPolicy });
  outputs.set('estimated-cost-usd', done.estimated.toFixed(4));
  outputs.set('tasks', done.taskCount);
  if (dryRun) {
    await core.summary.write();
    await ctx.responder.react('rocket');
    return outputs.finish('dry-run');
  }
  if (done.outcomes.length === 0 && done.awaiting.length > 0) {
    await core.summary.write();
    ctx.log.info(`implement-spec: waiting for approval of ${done.awaiting.join(', ')}; nothing was spent.`);
    return outputs.finish('awaiting-approval');
  }
  await finishRun(done.outcomes, outputs, ctx.responder);
}

/** 5. Which specs, validated; null when the run ends here (none matched, detect-only, not ready). */
async function selectSpecs(ctx: RunContext): Promise<Validation[] | null> {
  const { trigger, inputs, env, outputs, pull, command } = ctx;
  const pullFiles = pull
    ? await listPullFiles(ctx.gh.octokit, { owner: env.owner, repo: env.repo, number: pull.number })
    : null;
  const files = await resolveSpecFiles({
    trigger,
    inputs,
    env,
    pullFiles,
    ...(command?.specs.length ? { commandSpecs: command.specs } : {}),
  });
  // A command on the tool's own PR concerns the spec that PR implements, not every spec of the repository.
  const ownSpecId = pull && !command?.specs.length ? ownBranchSpecId(pull.headRef) : null;
  const validations = (await validateAll(files, env)).filter(
    (v) => ownSpecId === null || v.spec.metadata.id === ownSpecId,
  );
  reportValidation(validations, outputs);
  if (validations.length === 0) {
    ctx.log.info('implement-spec: no spec file matched this event (input spec-paths).');
    await core.summary.write();
    outputs.finish('skipped');
    return null;
  }
  if (inputs.detectOnly) {
    await core.summary.write();
    outputs.finish('detected');
    return null;
  }
  const notReady = notReadyFailure(validations, inputs);
  if (!notReady) return validations;
  if (pull) await ctx.responder.reply(pull.number, `❌ ${notReady}`);
  await ctx.responder.react('confused');
  await core.summary.write();
  outputs.finish('not-ready');
  if (inputs.failOnNotReady) core.setFailed(notReady);
  else ctx.log.warning(notReady);
  return null;
}

function isDryRun({ inputs, trigger, command }: RunContext): boolean {
  return (
    inputs.dryRun || (trigger.kind === 'dispatch' && trigger.dryRun === true) || command?.dryRun === true
  );
}

function planOptions({ inputs, command }: RunContext): PlanOptions {
  return {
    mode: command?.mode ?? inputs.mode,
    model: inputs.model,
    ...(Object.keys(inputs.roleModels).length > 0 ? { roleModels: inputs.roleModels } : {}),
    ...(command?.agents ? { agents: command.agents } : inputs.agents.length ? { agents: inputs.agents } : {}),
    forced: inputs.force,
  };
}

/** 6. Per spec: plan; then the dry run, the wait for approval, or the real run. */
async function runEachSpec(
  ctx: RunContext,
  validations: Validation[],
  run: { git: Git; where: BaseAndStart; dryRun: boolean; reportDir: string; commandPolicy: CommandPolicy },
) {
  const options = planOptions(ctx);
  // A comment may lower the workflow's max-cost, never raise it: the workflow author sets the ceiling.
  const maxCost = Math.min(ctx.command?.maxCost ?? Number.POSITIVE_INFINITY, ctx.inputs.maxCost);
  const done = { estimated: 0, taskCount: 0, outcomes: [] as SpecRunOutcome[], awaiting: [] as string[] };
  for (const validation of validations) {
    const specPlan = await planSpec(ctx, validation.spec.path, {
      options,
      maxCost,
      reportDir: run.reportDir,
    });
    const { plan } = specPlan;
    done.estimated += plan.estimate.usd;
    done.taskCount += plan.tasks.length;
    if (run.dryRun) {
      await showDryRunPlan(ctx, specPlan);
      continue;
    }
    if ((await approvalGate(ctx, specPlan)) === 'wait') {
      done.awaiting.push(plan.spec.id);
      continue;
    }
    const outcome = await implementSpec({
      spec: specPlan.prepared.validation.spec,
      plan,
      prepared: specPlan.prepared,
      inputs: ctx.inputs,
      env: ctx.env,
      gh: ctx.gh,
      git: run.git,
      base: run.where.base,
      startPoint: run.where.startPoint,
      maxCost,
      progressIssue: ctx.pull?.number ?? null,
      committer: parseCommitter(ctx.inputs.committer),
      reportDir: run.reportDir,
      retryPolicy: ctx.retryPolicy,
      commandPolicy: run.commandPolicy,
      log: ctx.log,
    });
    done.outcomes.push(outcome);
  }
  return done;
}
