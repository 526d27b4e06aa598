// `implement-spec run`: validate and plan the spec, run the agents through the shared run core, write the
// report next to the generated files.

import { mkdir } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { checkEstimate } from '../core/budget.js';
import { RoleConfigError } from '../core/config.js';
import { priceOf } from '../core/prices.js';
import type { RunResult } from '../core/results.js';
import { RETRY_POLICIES } from '../core/retry-policy.js';
import { type Prepared, preparePlan } from '../plan/prepare.js';
import { renderPlanText } from '../plan/render.js';
import { formatTokenTotals, formatUsd } from '../report/format.js';
import { writeReports } from '../report/write.js';
import type { CommandPolicy } from '../run/commands.js';
import { implementPlan } from '../run/pipeline.js';
import { detectSandbox, ENABLE_HINT } from '../run/sandbox.js';
import { type ModelSource, progressReporter, startRun } from '../run/start-run.js';
import type { CliIo } from './io.js';
import { printPlan } from './plan-command.js';
import { parseRunArgs, type RunArgs } from './run-args.js';
import { terminalSink } from './run-progress.js';
import { createStyle, useColor } from './style.js';
import { formatFinding, formatVerdict } from './validate-command.js';

type Style = ReturnType<typeof createStyle>;

export async function runCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseRunArgs(argv);
  const { values } = args;
  if (values['dry-run']) {
    return printPlan(
      args.specArg,
      args.options,
      { json: values.json, markdown: values.markdown, strict: values.strict },
      io,
      { outputDir: values['output-dir'] },
    );
  }
  const apiKey = io.env.ANTHROPIC_API_KEY;
  const authToken = io.env.ANTHROPIC_AUTH_TOKEN;
  if (!values.replay && !apiKey && !authToken) {
    io.stderr('implement-spec: ANTHROPIC_API_KEY is not set.');
    io.stderr('Set it with:  export ANTHROPIC_API_KEY=your-api-key');
    io.stderr('Or see the plan without spending anything:  implement-spec run <spec> --dry-run');
    return 2;
  }
  const style = createStyle(useColor(io.stdoutStream, io.env));
  const outputDir = resolve(io.cwd, values['output-dir'] ?? '.');
  await mkdir(outputDir, { recursive: true });
  const specPath = resolve(io.cwd, args.specArg);
  const prepared = await preparePlan({
    specPath,
    displayPath: args.specArg,
    repoRoot: outputDir,
    options: args.options,
  });
  const refused = refuseToRun(prepared, args, io, style);
  if (refused !== null) return refused;
  io.stdout(renderPlanText(prepared.plan!, { color: useColor(io.stdoutStream, io.env) }));

  let result: RunResult;
  try {
    result = await runAgents({ args, prepared, io, style, outputDir, specPath });
  } catch (err) {
    if (err instanceof RoleConfigError) {
      io.stderr(`implement-spec: ${err.message}`);
      return 2;
    }
    throw err;
  }
  return printOutcome(result, await writeReports(outputDir, result), io, style);
}

/** Exit code 1 with the reason when the spec is not ready or the estimate is above --max-cost, else null. */
function refuseToRun(prepared: Prepared, args: RunArgs, io: CliIo, style: Style): number | null {
  const { validation, plan } = prepared;
  if (!plan) {
    io.stderr(formatVerdict(validation, style));
    for (const f of validation.findings.filter((x) => x.severity !== 'info')) {
      io.stderr(`  ${formatFinding(validation.spec.path, f, style)}`);
    }
    io.stderr('The spec is not ready: fix the errors above, or add --force to run it anyway.');
    return 1;
  }
  const refusal = checkEstimate(plan.estimate.usd, args.maxCost, args.options.forced === true);
  if (refusal) {
    io.stderr(`implement-spec: ${refusal}`);
    return 1;
  }
  return null;
}

function modelSource(args: RunArgs, io: CliIo): ModelSource {
  const replay = args.values.replay;
  if (replay) {
    return { kind: 'replay', dir: resolve(io.cwd, replay), onWarning: (m) => io.stderr(`warning: ${m}`) };
  }
  const { ANTHROPIC_API_KEY: apiKey, ANTHROPIC_AUTH_TOKEN: authToken, ANTHROPIC_BASE_URL: baseURL } = io.env;
  return {
    kind: 'anthropic',
    ...(apiKey ? { apiKey } : {}),
    ...(authToken ? { authToken } : {}),
    ...(baseURL ? { baseURL } : {}),
  };
}

async function runAgents(ctx: {
  args: RunArgs;
  prepared: Prepared;
  io: CliIo;
  style: Style;
  outputDir: string;
  specPath: string;
}): Promise<RunResult> {
  const { args, prepared, io, style, outputDir } = ctx;
  const { values } = args;
  const plan = prepared.plan!;
  const { ANTHROPIC_API_KEY: apiKey, ANTHROPIC_AUTH_TOKEN: authToken } = io.env;
  // Ctrl-C stops the agents and still writes the report and the resume state; a second Ctrl-C quits at once.
  const run = startRun({
    source: modelSource(args, io),
    ...(values.record ? { recordTo: resolve(io.cwd, values.record) } : {}),
    retryPolicy: RETRY_POLICIES.standard,
    price: priceOf(plan.model, args.options.customPrice),
    warnUsd: args.costWarn,
    maxUsd: args.maxCost,
    onCostWarning: (m) => io.stderr(style.yellow(`warning: ${m}`)),
    onSignal: (signal) =>
      io.stderr(
        style.yellow(`${signal}: stopping; finished files, the report and the resume state are kept.`),
      ),
    stopReason: (signal) => `interrupted by ${signal}`,
  });
  const specRel = relative(outputDir, ctx.specPath).split('\\').join('/');
  try {
    return await implementPlan({
      spec: prepared.validation.spec,
      plan,
      roles: prepared.roles,
      repo: prepared.repo,
      root: outputDir,
      specPath: specRel.startsWith('..') ? null : specRel,
      model: run.model,
      maxTokens: args.maxTokens,
      maxTurns: args.maxTurns,
      maxParallel: args.maxParallel,
      budget: run.budget,
      protectedPaths: (values['protected-paths'] ?? '')
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
      backups: true,
      fresh: values.fresh === true,
      ...(values['test-command'] ? { testCommand: values['test-command'] } : {}),
      maxFixRounds: args.maxFixRounds,
      ...(values['format-command'] ? { formatCommand: values['format-command'] } : {}),
      review: values['no-review'] !== true,
      roleModels: prepared.roleModels,
      roleConfig: prepared.roleConfig,
      secrets: [apiKey, authToken].filter((s): s is string => Boolean(s)),
      commandPolicy: await localCommandPolicy(args, io, style),
      onEvent: progressReporter(terminalSink(io, style, values.verbose === true)),
      log: (m) => io.stdout(m),
    });
  } finally {
    run.release();
  }
}

function printOutcome(
  result: RunResult,
  reports: { markdownPath: string; jsonPath: string },
  io: CliIo,
  style: Style,
): number {
  io.stdout('');
  io.stdout(
    `${result.status.toUpperCase()}: ${result.tasks.filter((t) => t.status === 'success').length}/${result.tasks.length} tasks, ` +
      `${new Set(result.writes.map((w) => w.path)).size} files, ${formatUsd(result.costUsd)} ` +
      `(tokens: ${formatTokenTotals(result.usage)})`,
  );
  for (const e of result.errors) io.stderr(style.red(`error: ${e}`));
  const shown = (p: string) => (relative(io.cwd, p).startsWith('..') ? p : relative(io.cwd, p));
  io.stdout(`Report: ${shown(reports.markdownPath)} (JSON: ${shown(reports.jsonPath)})`);
  return result.status === 'success' ? 0 : 1;
}

/**
 * Locally the test and format commands run in the sandbox when there is one; without it they still run (the
 * developer's own machine and environment), with the allow-listed environment only and a warning. Without
 * either command only the repository's checks use the policy, and they keep the default: sandboxed or refused.
 * --sandbox-network and --sandbox-env mean what the action's sandbox-network and sandbox-env inputs mean.
 */
async function localCommandPolicy(args: RunArgs, io: CliIo, style: Style): Promise<CommandPolicy> {
  const { values } = args;
  const sandbox = { network: values['sandbox-network'] === true, passEnv: args.sandboxEnv };
  if (!values['test-command'] && !values['format-command']) return { ...sandbox, withoutSandbox: 'refuse' };
  const availability = await detectSandbox();
  if (!availability.available) {
    io.stderr(
      style.yellow(
        `warning: test-command/format-command run WITHOUT a sandbox: ${availability.reason} ${ENABLE_HINT}`,
      ),
    );
  }
  return { ...sandbox, withoutSandbox: 'run-unsandboxed', availability };
}
