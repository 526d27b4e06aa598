import { describe, expect, it } from 'vitest';
import { buildReportJson, ReportJsonSchema, renderReportJson } from '../../src/report/json.js';
import { buildLargeRunResult, buildRunResult } from './fixtures.js';

describe('renderReportJson', () => {
  it('validates against ReportJsonSchema and round-trips unchanged', () => {
    const text = renderReportJson(buildRunResult());
    expect(text.endsWith('\n')).toBe(true);
    expect(text).toContain('\n  "schemaVersion": 1,');
    const raw = JSON.parse(text);
    const parsed = ReportJsonSchema.parse(raw);
    // The schema strips unknown keys: equality proves it documents every key the renderer writes.
    expect(parsed).toEqual(raw);
    expect(JSON.parse(JSON.stringify(parsed))).toEqual(buildReportJson(buildRunResult()));
  });

  it('carries totals, per-file net actions and the plan without per-task estimate objects', () => {
    const report = buildReportJson(buildRunResult());
    expect(report.totals.tasks).toEqual({
      total: 3,
      success: 2,
      failed: 1,
      skipped: 0,
      cancelled: 0,
      running: 0,
      pending: 0,
    });
    expect(report.totals.files).toEqual({ created: 2, modified: 1, deleted: 0, bytes: 640 + 2600 + 900 });
    expect(report.totals.cacheSavingsUsd).toBeCloseTo(0.4 - 0.2642, 10);
    expect(report.files.find((f) => f.path === 'src/auth/login.ts')).toEqual({
      path: 'src/auth/login.ts',
      action: 'created',
      bytes: 2600,
      taskIds: ['task-002'],
      roles: ['backend'],
      writes: 2,
    });
    expect(report.writes).toHaveLength(4);
    expect(report.tasks[2]?.reason).toBe('Model error: overloaded after 4 attempts');
    expect(report.tasks[0]).not.toHaveProperty('reason');
    expect(report.plan.tasks[1]).toEqual({
      id: 'task-002',
      agent: 'backend',
      title: 'Login endpoint',
      description: 'Do Login endpoint.',
      phase: 2,
      dependsOn: ['task-001'],
      covers: ['FR-1'],
      estimateUsd: 0.1,
    });
    expect(report.plan.tasks[1]).not.toHaveProperty('estimate');
  });

  it('rejects documents that do not match the schema', () => {
    const raw = JSON.parse(renderReportJson(buildRunResult()));
    expect(ReportJsonSchema.safeParse({ ...raw, schemaVersion: 2 }).success).toBe(false);
    expect(ReportJsonSchema.safeParse({ ...raw, status: 'done' }).success).toBe(false);
    const { totals: _totals, ...withoutTotals } = raw;
    expect(ReportJsonSchema.safeParse(withoutTotals).success).toBe(false);
  });

  it('keeps everything for large runs (the Markdown report points here)', () => {
    const report = ReportJsonSchema.parse(JSON.parse(renderReportJson(buildLargeRunResult(400, 3000))));
    expect(report.files).toHaveLength(3000);
    expect(report.tasks).toHaveLength(400);
  });

  it('keeps untrusted text verbatim (JSON escaping is enough)', () => {
    const evil = 'a "quote" \n <script>x</script> -->';
    const result = buildRunResult({ warnings: [evil] });
    expect(ReportJsonSchema.parse(JSON.parse(renderReportJson(result))).warnings).toEqual([evil]);
  });
});
