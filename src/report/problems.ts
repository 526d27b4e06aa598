// The run's errors and warnings as escaped Markdown lines, gathered from the run, the plan and each task.
import type { RunResult } from '../core/results.js';
import { escapeInline, escapeProse } from './escape.js';
import type { TaskRow } from './model.js';

/** Errors (run errors, failed tasks) and warnings (run, plan, task warnings, skipped/cancelled tasks). */
export function collectProblems(
  result: RunResult,
  tasks: readonly TaskRow[],
): { errors: string[]; warnings: string[] } {
  const errors = [...result.errors.map((e) => escapeProse(e, 500))];
  const warnings: string[] = [];
  const seenWarnings = new Set<string>();
  const warn = (text: string, prefix = '') => {
    if (seenWarnings.has(text)) return;
    seenWarnings.add(text);
    warnings.push(prefix + escapeProse(text, 500));
  };
  for (const w of result.warnings) warn(w);
  for (const w of result.plan.warnings) warn(w, 'Plan: ');
  for (const t of tasks) {
    const label = `**${escapeInline(t.id, 100)}** (${escapeInline(t.agent, 100)})`;
    const reason = t.result?.reason ? `: ${escapeProse(t.result.reason, 500)}` : '';
    if (t.status === 'failed') errors.push(`${label} failed${reason}`);
    else if (t.status === 'skipped' || t.status === 'cancelled')
      warnings.push(`${label} ${t.status}${reason}`);
    for (const w of t.result?.warnings ?? []) warnings.push(`${label}: ${escapeProse(w, 500)}`);
  }
  return { errors, warnings };
}
