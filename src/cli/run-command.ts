import { mkdir } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Budget, checkEstimate } from '../core/budget.js';
import { RoleConfigError } from '../core/config.js';
import type { ModelPort } from '../core/model-port.js';
import { priceOf } from '../core/prices.js';
import type { ProgressEvent, RunResult } from '../core/results.js';
import { preparePlan } from '../plan/prepare.js';
import { renderPlanText } from '../plan/render.js';
import { formatTokenTotals, formatUsd } from '../report/format.js';
import { writeReports } from '../report/write.js';
import { splitCommand } from '../run/commands.js';
import { createAnthropicModel } from '../run/model/anthropic.js';
import { recordingModel, replayModel } from '../run/model/record-replay.js';
import { implementPlan } from '../run/pipeline.js';
import type { CliIo } from './io.js';
import { PLAN_OPTIONS, parsePositive, planOptionsFrom, printPlan } from './plan-command.js';
import { createStyle, useColor } from './style.js';
import { UsageError } from './usage.js';
import { formatFinding, formatVerdict } from './validate-command.js';

const RUN_OPTIONS = {
  ...PLAN_OPTIONS,
  'dry-run': { type: 'boolean' },
  'output-dir': { type: 'string' },
  'max-cost': { type: 'string' },
  'cost-warn': { type: 'string' },
  'max-parallel': { type: 'string' },
  'max-turns': { type: 'string' },
  'max-tokens': { type: 'string' },
  record: { type: 'string' },
  replay: { type: 'string' },
  verbose: { type: 'boolean' },
  fresh: { type: 'boolean' },
  'test-command': { type: 'string' },
  'max-fix-rounds': { type: 'string' },
  'format-command': { type: 'string' },
  'no-review': { type: 'boolean' },
  'protected-paths': { type: 'string' },
} as const;

export async function runCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: RUN_OPTIONS,
  });
  if (positionals.length !== 1)
    throw new UsageError('run needs exactly one spec file, e.g. `implement-spec run specs/x.md`.');
  const specArg = positionals[0]!;
  const options = planOptionsFrom(values);
  const maxCost = parsePositive('--max-cost', values['max-cost'], { allowZero: true }) ?? 50;
  const costWarn = parsePositive('--cost-warn', values['cost-warn'], { allowZero: true }) ?? 10;
  const maxParallel = parsePositive('--max-parallel', values['max-parallel'], { int: true }) ?? 4;
  const maxTurns = parsePositive('--max-turns', values['max-turns'], { int: true }) ?? 20;
  const maxTokens = parsePositive('--max-tokens', values['max-tokens'], { int: true }) ?? 16_000;
  const maxFixRounds =
    parsePositive('--max-fix-rounds', values['max-fix-rounds'], { int: true, allowZero: true }) ?? 2;
  if (costWarn > maxCost)
    throw new UsageError(`--cost-warn (${costWarn}) must not exceed --max-cost (${maxCost}).`);
  if (values.record && values.replay) throw new UsageError('choose one of --record and --replay.');
  if (!values['dry-run'] && (values.json || values.markdown)) {
    throw new UsageError(
      '--json and --markdown show the plan: use them with --dry-run (a real run writes implementation-report.json).',
    );
  }
  for (const name of ['test-command', 'format-command'] as const) {
    const line = values[name];
    if (line === undefined) continue;
    try {
      splitCommand(line);
    } catch (err) {
      throw new UsageError(`--${name}: ${(err as Error).message}`);
    }
  }

  if (values['dry-run']) {
    return printPlan(
      specArg,
      options,
      { json: values.json, markdown: values.markdown, strict: values.strict },
      io,
      values['output-dir'],
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
  const specPath = resolve(io.cwd, specArg);
  const prepared = await preparePlan({ specPath, displayPath: specArg, repoRoot: outputDir, options });
  const { validation, plan } = prepared;
  if (!plan) {
    io.stderr(formatVerdict(validation, style));
    for (const f of validation.findings.filter((x) => x.severity !== 'info')) {
      io.stderr(`  ${formatFinding(validation.spec.path, f, style)}`);
    }
    io.stderr('The spec is not ready: fix the errors above, or add --force to run it anyway.');
    return 1;
  }
  const refusal = checkEstimate(plan.estimate.usd, maxCost, options.forced === true);
  if (refusal) {
    io.stderr(`implement-spec: ${refusal}`);
    return 1;
  }
  io.stdout(renderPlanText(plan, { color: useColor(io.stdoutStream, io.env) }));

  let model: ModelPort;
  if (values.replay) {
    model = replayModel(resolve(io.cwd, values.replay), { onWarning: (m) => io.stderr(`warning: ${m}`) });
  } else {
    model = createAnthropicModel({
      ...(apiKey ? { apiKey } : {}),
      ...(authToken && !apiKey ? { authToken } : {}),
      ...(io.env.ANTHROPIC_BASE_URL ? { baseURL: io.env.ANTHROPIC_BASE_URL } : {}),
    });
  }
  if (values.record) model = recordingModel(model, resolve(io.cwd, values.record));

  const specRel = relative(outputDir, specPath).split('\\').join('/');
  const budget = new Budget({
    price: priceOf(plan.model, options.customPrice),
    warnUsd: costWarn,
    maxUsd: maxCost,
    onWarn: (m) => io.stderr(style.yellow(`warning: ${m}`)),
  });
  let result: RunResult;
  // Ctrl-C stops the agents and still writes the report and the resume state; a second Ctrl-C quits at once.
  const stopOnSignal = (signal: NodeJS.Signals) => {
    io.stderr(style.yellow(`${signal}: stopping; finished files, the report and the resume state are kept.`));
    budget.stop(`interrupted by ${signal}`);
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    result = await implementPlan({
      spec: validation.spec,
      plan,
      roles: prepared.roles,
      repo: prepared.repo,
      root: outputDir,
      specPath: specRel.startsWith('..') ? null : specRel,
      model,
      maxTokens,
      maxTurns,
      maxParallel,
      budget,
      protectedPaths: (values['protected-paths'] ?? '')
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
      backups: true,
      fresh: values.fresh === true,
      ...(values['test-command'] ? { testCommand: values['test-command'] } : {}),
      maxFixRounds,
      ...(values['format-command'] ? { formatCommand: values['format-command'] } : {}),
      review: values['no-review'] !== true,
      roleModels: prepared.roleModels,
      roleConfig: prepared.roleConfig,
      secrets: [apiKey, authToken].filter((s): s is string => Boolean(s)),
      onEvent: progressPrinter(io, style, values.verbose === true),
      log: (m) => io.stdout(m),
    });
  } catch (err) {
    if (err instanceof RoleConfigError) {
      io.stderr(`implement-spec: ${err.message}`);
      return 2;
    }
    throw err;
  } finally {
    process.off('SIGINT', stopOnSignal);
    process.off('SIGTERM', stopOnSignal);
  }
  const { markdownPath, jsonPath } = await writeReports(outputDir, result);
  io.stdout('');
  io.stdout(
    `${result.status.toUpperCase()}: ${result.tasks.filter((t) => t.status === 'success').length}/${result.tasks.length} tasks, ` +
      `${new Set(result.writes.map((w) => w.path)).size} files, ${formatUsd(result.costUsd)} ` +
      `(tokens: ${formatTokenTotals(result.usage)})`,
  );
  for (const e of result.errors) io.stderr(style.red(`error: ${e}`));
  const shown = (p: string) => (relative(io.cwd, p).startsWith('..') ? p : relative(io.cwd, p));
  io.stdout(`Report: ${shown(markdownPath)} (JSON: ${shown(jsonPath)})`);
  return result.status === 'success' ? 0 : 1;
}

function progressPrinter(io: CliIo, style: ReturnType<typeof createStyle>, verbose: boolean) {
  return (e: ProgressEvent) => {
    switch (e.type) {
      case 'task-start':
        io.stdout(`▶ [${e.task.id}] ${e.task.agent}  ${e.task.title}`);
        break;
      case 'task-end': {
        const r = e.result;
        const mark =
          r.status === 'success'
            ? style.green('✓')
            : r.status === 'skipped'
              ? style.dim('–')
              : style.red('✗');
        io.stdout(
          `${mark} [${r.taskId}] ${r.status}  ${r.files.length} file(s)  ${formatUsd(r.costUsd)}${r.reason ? `  — ${r.reason}` : ''}`,
        );
        break;
      }
      case 'file':
        io.stdout(style.dim(`    ${e.record.action} ${e.record.path} (${e.record.bytes} bytes)`));
        break;
      case 'warning':
        io.stderr(style.yellow(`warning: ${e.taskId ? `${e.taskId}: ` : ''}${e.message}`));
        break;
      case 'text':
        if (verbose) process.stdout.write(style.dim(e.text));
        break;
      case 'cost':
        break;
    }
  };
}
