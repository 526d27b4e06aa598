// The run's warnings as escaped Markdown lines, gathered from the run, the plan and each task, each line
// once. Errors are not listed here: every failed task and run error is in the verdict, once.
import type { RunResult } from '../core/results.js';
import { escapeInline, escapeProse } from './escape.js';
import type { TaskRow } from './model.js';

/** Warnings (run, plan, tasks), de-duplicated; the review's own problem is left to the traceability section. */
export function collectWarnings(result: RunResult, tasks: readonly TaskRow[]): string[] {
  const warnings: string[] = [];
  const seen = new Set<string>();
  const warn = (key: string, line: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    warnings.push(line);
  };
  const reviewReason = result.review?.reason;
  for (const w of result.warnings) {
    if (reviewReason && w.endsWith(reviewReason)) continue;
    warn(w, escapeProse(w, 500));
  }
  for (const w of result.plan.warnings) warn(`plan:${w}`, `Plan: ${escapeProse(w, 500)}`);
  for (const t of tasks) {
    const label = `**${escapeInline(t.id, 100)}** (${escapeInline(t.agent, 100)})`;
    for (const w of t.result?.warnings ?? []) warn(`${t.id}:${w}`, `${label}: ${escapeProse(w, 500)}`);
  }
  return warnings;
}
