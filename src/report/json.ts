// implementation-report.json: the run in a documented, versioned shape for tools (and for everything the
// Markdown report had to leave out). Bump `schemaVersion` on any incompatible change.
import { z } from 'zod';
import type { RunResult } from '../core/results.js';
import { countFiles, countStatuses, fileRows, taskRows } from './model.js';

export const REPORT_JSON_FILENAME = 'implementation-report.json';
export const REPORT_SCHEMA_VERSION = 1;

const TaskStatusSchema = z.enum(['pending', 'running', 'success', 'failed', 'skipped', 'cancelled']);

const UsageSchema = z.object({
  inputTokens: z.number(),
  outputTokens: z.number(),
  cacheCreationTokens: z.number(),
  cacheReadTokens: z.number(),
});

const SpecRefSchema = z.object({ id: z.string(), name: z.string(), path: z.string(), hash: z.string() });

const TaskReportSchema = z.object({
  taskId: z.string(),
  agent: z.string(),
  title: z.string(),
  status: TaskStatusSchema,
  reason: z.string().optional(),
  calls: z.number(),
  attempts: z.number(),
  turns: z.number(),
  files: z.array(z.string()),
  usage: UsageSchema,
  costUsd: z.number(),
  durationMs: z.number(),
  estimateUsd: z.number(),
  warnings: z.array(z.string()),
  /** Present only when the task ran on its role's own model rather than the run's. */
  model: z.string().optional(),
  /** Failed tasks: the end of the agent's last reply (untrusted text). */
  lastReply: z.string().optional(),
  /** Edits refused because another task changed the file after this one viewed it. */
  conflicts: z.array(z.object({ path: z.string(), changedBy: z.string().optional() })).optional(),
});

const WriteSchema = z.object({
  path: z.string(),
  action: z.enum(['created', 'modified', 'deleted']),
  bytes: z.number(),
  taskId: z.string(),
  role: z.string(),
  sha256: z.string(),
  /** Lines added/removed against the file as it was before the run. */
  lines: z.object({ added: z.number(), removed: z.number() }).optional(),
});

const FileSchema = z.object({
  path: z.string(),
  /** Net effect of all the run's writes to the path. */
  action: z.enum(['created', 'modified', 'deleted', 'created-then-deleted']),
  bytes: z.number(),
  taskIds: z.array(z.string()),
  roles: z.array(z.string()),
  writes: z.number(),
});

const PlannedTaskSchema = z.object({
  id: z.string(),
  agent: z.string(),
  title: z.string(),
  description: z.string(),
  phase: z.number(),
  dependsOn: z.array(z.string()),
  covers: z.array(z.string()),
  estimateUsd: z.number(),
  model: z.string().optional(),
});

export const ReportJsonSchema = z.object({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  generator: z.literal('implement-spec'),
  status: z.enum(['success', 'partial', 'failed']),
  spec: SpecRefSchema,
  mode: z.enum(['sequential', 'parallel']),
  model: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number(),
  outputDir: z.string(),
  totals: z.object({
    tasks: z.object({
      total: z.number(),
      success: z.number(),
      failed: z.number(),
      skipped: z.number(),
      cancelled: z.number(),
      running: z.number(),
      pending: z.number(),
    }),
    files: z.object({ created: z.number(), modified: z.number(), deleted: z.number(), bytes: z.number() }),
    usage: UsageSchema,
    costUsd: z.number(),
    costUsdWithoutCache: z.number(),
    cacheSavingsUsd: z.number(),
    apiCalls: z.object({ model: z.number(), github: z.number() }),
  }),
  budget: z.object({
    warnUsd: z.number(),
    maxUsd: z.number(),
    warned: z.boolean(),
    aborted: z.boolean(),
    stoppedBy: z.string().optional(),
  }),
  /** One entry per task the run reached, in the order reported. */
  tasks: z.array(TaskReportSchema),
  /** One entry per path written, net of all writes. */
  files: z.array(FileSchema),
  /** Every write, in order. */
  writes: z.array(WriteSchema),
  warnings: z.array(z.string()),
  errors: z.array(z.string()),
  /** The plan, with each task's estimate reduced to its cost (the full estimate lives in the plan output). */
  plan: z.object({
    mode: z.enum(['sequential', 'parallel']),
    model: z.string(),
    forced: z.boolean(),
    tasks: z.array(PlannedTaskSchema),
    phases: z.array(z.object({ number: z.number(), taskIds: z.array(z.string()) })),
    coverage: z.object({ covered: z.array(z.string()), uncovered: z.array(z.string()) }),
    assumptions: z.array(z.string()),
    warnings: z.array(z.string()),
    estimate: z.object({
      usd: z.number(),
      lowUsd: z.number(),
      highUsd: z.number(),
      usdNoCache: z.number(),
      inputTokens: z.number(),
      outputTokens: z.number(),
      sequentialMinutes: z.number(),
      parallelMinutes: z.number(),
    }),
  }),
});

export type ReportJson = z.infer<typeof ReportJsonSchema>;

/** The report object (what `renderReportJson` serialises). */
export function buildReportJson(result: RunResult): ReportJson {
  const rows = taskRows(result);
  const files = fileRows(result.writes);
  const counts = countStatuses(rows);
  const plan = result.plan;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generator: 'implement-spec',
    status: result.status,
    spec: { ...result.spec },
    mode: result.mode,
    model: result.model,
    startedAt: result.startedAt,
    finishedAt: result.finishedAt,
    durationMs: result.durationMs,
    outputDir: result.outputDir,
    totals: {
      tasks: { total: rows.length, ...counts },
      files: countFiles(files),
      usage: { ...result.usage },
      costUsd: result.costUsd,
      costUsdWithoutCache: result.costUsdWithoutCache,
      cacheSavingsUsd: result.costUsdWithoutCache - result.costUsd,
      apiCalls: { ...result.apiCalls },
    },
    budget: { ...result.budget },
    tasks: result.tasks.map((t) => ({
      taskId: t.taskId,
      agent: t.agent,
      title: t.title,
      status: t.status,
      ...(t.reason !== undefined ? { reason: t.reason } : {}),
      calls: t.calls,
      attempts: t.attempts,
      turns: t.turns,
      files: [...t.files],
      usage: { ...t.usage },
      costUsd: t.costUsd,
      durationMs: t.durationMs,
      estimateUsd: t.estimateUsd,
      warnings: [...t.warnings],
      ...(t.model !== undefined ? { model: t.model } : {}),
      ...(t.lastReply !== undefined ? { lastReply: t.lastReply } : {}),
      ...(t.conflicts ? { conflicts: t.conflicts.map((c) => ({ ...c })) } : {}),
    })),
    files,
    writes: result.writes.map((w) => ({ ...w })),
    warnings: [...result.warnings],
    errors: [...result.errors],
    plan: {
      mode: plan.mode,
      model: plan.model,
      forced: plan.forced,
      tasks: plan.tasks.map((t) => ({
        id: t.id,
        agent: t.agent,
        title: t.title,
        description: t.description,
        phase: t.phase,
        dependsOn: [...t.dependsOn],
        covers: [...t.covers],
        estimateUsd: t.estimate.usd,
        ...(t.model !== undefined ? { model: t.model } : {}),
      })),
      phases: plan.phases.map((p) => ({ number: p.number, taskIds: [...p.taskIds] })),
      coverage: { covered: [...plan.coverage.covered], uncovered: [...plan.coverage.uncovered] },
      assumptions: [...plan.assumptions],
      warnings: [...plan.warnings],
      estimate: { ...plan.estimate },
    },
  };
}

/** Pretty-printed JSON of `buildReportJson(result)`, newline-terminated. */
export function renderReportJson(result: RunResult): string {
  return `${JSON.stringify(buildReportJson(result), null, 2)}\n`;
}
