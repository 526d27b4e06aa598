import { parseArgs } from 'node:util';
import { PRICES } from '../core/prices.js';
import { MODES, type Mode, type PlanOptions } from '../core/tasks.js';
import { preparePlan } from '../plan/prepare.js';
import { renderPlanJson, renderPlanMarkdown, renderPlanText } from '../plan/render.js';
import { parseRoleModels, RoleModelsError } from '../plan/role-models.js';
import { cacheDirectory } from './cache-dir.js';
import { markWholePath } from './fast-path.js';
import type { CliIo } from './io.js';
import { openScanNamesCache } from './scan-cache.js';
import { createStyle, useColor } from './style.js';
import { UsageError } from './usage.js';

export const PLAN_OPTIONS = {
  agents: { type: 'string' },
  mode: { type: 'string' },
  model: { type: 'string' },
  'role-models': { type: 'string' },
  json: { type: 'boolean' },
  markdown: { type: 'boolean' },
  strict: { type: 'boolean' },
  force: { type: 'boolean' },
  'max-items-per-task': { type: 'string' },
  /** The repository the agents will work in: its files are part of every prompt, so of the estimate. */
  'output-dir': { type: 'string' },
} as const;

export function parseMode(value: string | undefined): Mode {
  if (value === undefined) return 'sequential';
  if ((MODES as readonly string[]).includes(value)) return value as Mode;
  throw new UsageError(`--mode must be one of ${MODES.join(', ')}, got "${value}".`);
}

/** The CLI has no way to give prices for another model, so only models in the price table are accepted. */
export function parseModel(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (Object.hasOwn(PRICES, value)) return value;
  throw new UsageError(
    `--model "${value}" is not a known model. Known models: ${Object.keys(PRICES).join(', ')}.`,
  );
}

/** `--role-models test=claude-haiku-4-5,review=claude-haiku-4-5`: the same syntax as the action input. */
export function parseRoleModelsFlag(value: string | undefined): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  try {
    const roleModels = parseRoleModels(value, '--role-models');
    if (Object.keys(roleModels).length === 0) {
      throw new UsageError(
        '--role-models needs at least one role=model pair, e.g. --role-models test=claude-haiku-4-5.',
      );
    }
    return roleModels;
  } catch (err) {
    if (err instanceof RoleModelsError) throw new UsageError(err.message);
    throw err;
  }
}

export function parseAgents(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const agents = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (agents.length === 0) {
    throw new UsageError('--agents needs at least one role, e.g. --agents backend,database.');
  }
  return agents;
}

export function parsePositive(
  name: string,
  value: string | undefined,
  opts: { int?: boolean; allowZero?: boolean } = {},
) {
  if (value === undefined) return undefined;
  const n = Number(value);
  const ok =
    value.trim() !== '' &&
    Number.isFinite(n) &&
    (opts.allowZero ? n >= 0 : n > 0) &&
    (!opts.int || Number.isInteger(n));
  if (!ok) {
    throw new UsageError(
      `${name} must be a ${opts.int ? 'whole ' : ''}number ${opts.allowZero ? '≥ 0' : '> 0'}, got "${value}".`,
    );
  }
  return n;
}

export function planOptionsFrom(values: {
  agents?: string | undefined;
  mode?: string | undefined;
  model?: string | undefined;
  'role-models'?: string | undefined;
  force?: boolean | undefined;
  'max-items-per-task'?: string | undefined;
}): PlanOptions {
  const agents = parseAgents(values.agents);
  const model = parseModel(values.model);
  const roleModels = parseRoleModelsFlag(values['role-models']);
  const maxItems = parsePositive('--max-items-per-task', values['max-items-per-task'], { int: true });
  return {
    mode: parseMode(values.mode),
    ...(model ? { model } : {}),
    ...(roleModels ? { roleModels } : {}),
    ...(agents ? { agents } : {}),
    ...(maxItems ? { maxItemsPerTask: maxItems } : {}),
    forced: values.force === true,
  };
}

export async function planCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: PLAN_OPTIONS,
  });
  if (positionals.length !== 1)
    throw new UsageError('plan needs exactly one spec file, e.g. `implement-spec plan specs/x.md`.');
  const options = planOptionsFrom(values);
  return printPlan(
    positionals[0]!,
    options,
    { json: values.json, markdown: values.markdown, strict: values.strict },
    io,
    { outputDir: values['output-dir'], keepScan: true },
  );
}

/**
 * Shared by `plan` and `run --dry-run`: validate, plan, print. `keepScan` (plan's): the repository scan's symbol
 * names are kept between runs (scan-cache.ts), so that an unchanged source is not read again.
 */
export async function printPlan(
  specPath: string,
  options: PlanOptions,
  view: { json?: boolean | undefined; markdown?: boolean | undefined; strict?: boolean | undefined },
  io: CliIo,
  repo: { outputDir?: string | undefined; keepScan?: boolean } = {},
): Promise<number> {
  const { outputDir } = repo;
  // Checked here rather than in each command so that `run --dry-run` refuses the pair too.
  if (view.json && view.markdown) throw new UsageError('choose one of --json and --markdown.');
  const { resolve } = await import('node:path');
  // The same directory `run` scans (its --output-dir), so the plan's estimate is the run's.
  const repoRoot = resolve(io.cwd, outputDir ?? '.');
  const cacheDir = repo.keepScan ? cacheDirectory(io.env) : undefined;
  const namesCache = cacheDir === undefined ? undefined : openScanNamesCache(cacheDir, repoRoot, Date.now());
  const prepared = await preparePlan({
    specPath: resolve(io.cwd, specPath),
    displayPath: specPath,
    repoRoot,
    options,
    ...(namesCache ? { namesCache } : {}),
  });
  namesCache?.save();
  const style = createStyle(useColor(io.stdoutStream, io.env));
  const { validation, plan } = prepared;
  if (!plan) {
    // Only a spec that is not ready needs validate's formatting (and what that module loads, e.g. minimatch).
    const { formatFinding, formatVerdict } = await import('./validate-command.js');
    io.stderr(formatVerdict(validation, style));
    for (const f of validation.findings.filter((x) => x.severity !== 'info')) {
      io.stderr(`  ${formatFinding(validation.spec.path, f, style)}`);
    }
    io.stderr('The spec is not ready: fix the errors above, or add --force to plan it anyway.');
    return 1;
  }
  if (view.json) io.stdout(renderPlanJson(plan));
  else if (view.markdown) io.stdout(renderPlanMarkdown(plan));
  else {
    const repository = { root: outputDir ?? '.', files: prepared.repo.files.length };
    io.stdout(renderPlanText(plan, { color: useColor(io.stdoutStream, io.env), repository }));
  }
  markWholePath();
  if (view.strict && plan.coverage.uncovered.length > 0) {
    io.stderr(
      `--strict: ${plan.coverage.uncovered.length} spec item(s) are not covered by any task: ${plan.coverage.uncovered.join(', ')}`,
    );
    return 1;
  }
  return 0;
}
