// The runtime schema of the `--json` plan output (PlanJson in render.ts), for programs and tests that read it.
// A separate module so that printing a plan does not load zod; tests/plan/render.test.ts fails to compile when
// the schema and the PlanJson interface drift apart.
import { z } from 'zod';

const TaskEstimateJson = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  cacheableTokens: z.number().int().nonnegative(),
  usd: z.number().nonnegative(),
  usdNoCache: z.number().nonnegative(),
  minutes: z.number().nonnegative(),
});

const TaskJson = z.object({
  id: z.string().regex(/^task-\d{3,}$/),
  agent: z.string().min(1),
  title: z.string(),
  description: z.string(),
  phase: z.number().int().positive(),
  dependsOn: z.array(z.string()),
  covers: z.array(z.string()),
  sections: z.array(z.string()),
  /** Present only when the task's role runs on a model other than the plan's. */
  model: z.string().optional(),
  estimate: TaskEstimateJson,
});

/** The `--json` plan output. Version 1; add fields, never change or remove one. */
export const PlanJsonSchema = z.object({
  spec: z.object({ id: z.string(), name: z.string(), path: z.string(), hash: z.string() }),
  mode: z.enum(['sequential', 'parallel']),
  model: z.string(),
  tasks: z.array(TaskJson),
  phases: z.array(z.object({ number: z.number().int().positive(), taskIds: z.array(z.string()) })),
  coverage: z.object({ covered: z.array(z.string()), uncovered: z.array(z.string()) }),
  estimate: z.object({
    usd: z.number().nonnegative(),
    lowUsd: z.number().nonnegative(),
    highUsd: z.number().nonnegative(),
    usdNoCache: z.number().nonnegative(),
    inputTokens: z.number().int().nonnegative(),
    outputTokens: z.number().int().nonnegative(),
    sequentialMinutes: z.number().nonnegative(),
    parallelMinutes: z.number().nonnegative(),
  }),
  assumptions: z.array(z.string()),
  warnings: z.array(z.string()),
  forced: z.boolean(),
});
