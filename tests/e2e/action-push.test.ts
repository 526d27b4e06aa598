import { describe, expect, it } from 'vitest';
import { startPushRun } from '../support/push.js';
import { useBundleTestResources } from '../support/test-resources.js';
import { generatedPath } from './fakes.js';
import { exampleSpec } from './harness.js';

const SPEC = 'specs/product-price-filter.md';

describe('action e2e: push of a spec file', () => {
  const resources = useBundleTestResources();

  const pushScenario = () =>
    startPushRun(
      resources,
      { [SPEC]: exampleSpec('product-price-filter.md') },
      { message: 'Add product price filter spec' },
    );

  it('implements the spec: branch, files, commit trailers, PR with the report, outputs, summary', async () => {
    const { gh, anthropic, repo, run: runPush } = await pushScenario();
    const run = await runPush({
      'anthropic-api-key': 'sk-ant-test-secret',
      'github-token': 'ghs_test_token',
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.status).toBe('success');
    const branch = 'feat/spec-product-price-filter';
    expect(run.outputs.branch).toBe(branch);
    const files = repo.originFiles(branch);
    expect(files).toContain(generatedPath('task-001'));
    expect(files).toContain(SPEC);
    const message = repo.originLog(branch, '%B').split('\n\n\n')[0]!;
    expect(message).toMatch(/^feat\(product-price-filter\): implement Product price filter/);
    expect(message).toMatch(/Spec-Id: product-price-filter/);
    expect(message).toMatch(/Spec-Hash: [0-9a-f]{64}/);
    expect(message).toMatch(/Implement-Spec-Cost: \$\d+\.\d{4}/);
    expect(gh.state.pulls).toHaveLength(1);
    const pr = gh.state.pulls[0]!;
    expect(pr.title).toBe('Implement Product price filter (product-price-filter)');
    expect(pr.base).toBe('main');
    expect(pr.head).toMatch(/feat\/spec-product-price-filter$/);
    expect(pr.body).toContain('product-price-filter');
    expect(pr.labels).toContain('implement-spec:generated');
    // The fake's token acts as github-actions[bot]: the PR says CI will not run on it, and how to fix that.
    expect(pr.body).toMatch(/opened with the workflow GITHUB_TOKEN, so GitHub runs no workflows/);
    expect(run.summary).toMatch(/runs no workflows/);
    // The resume state travels with the branch.
    expect(files).toContain('.implement-spec/state.json');
    expect(run.outputs['pr-number']).toBe(String(pr.number));
    expect(Number(run.outputs['cost-usd'])).toBeGreaterThan(0);
    expect(Number(run.outputs['files-changed'])).toBeGreaterThan(0);
    expect(run.summary).toContain('product-price-filter');
    // Secrets are registered with the runner for masking, and appear nowhere else: not in the log, the PR, or the model.
    expect(run.stdout).toContain('::add-mask::sk-ant-test-secret');
    const log = run.stdout.replace(/^::add-mask::.*$/gm, '');
    for (const text of [
      log,
      run.stderr,
      pr.body ?? '',
      JSON.stringify(anthropic.requests.map((r) => r.body)),
    ]) {
      expect(text).not.toContain('sk-ant-test-secret');
      expect(text).not.toContain('ghs_test_token');
    }
  });

  it('commit-report: the Markdown and JSON reports are committed too; report-path points at the job copy', async () => {
    const { repo, run: runPush } = await pushScenario();
    const run = await runPush({ 'anthropic-api-key': 'k', 'github-token': 't', 'commit-report': 'true' });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const files = repo.originFiles('feat/spec-product-price-filter');
    expect(files).toContain('IMPLEMENTATION_REPORT.md');
    expect(files).toContain('implementation-report.json');
    const committed = JSON.parse(
      repo.originShow('feat/spec-product-price-filter', 'implementation-report.json'),
    );
    expect(committed.status).toBe('success');
    expect(run.outputs['report-path']).toMatch(
      /implement-spec\/product-price-filter\/IMPLEMENTATION_REPORT\.md$/,
    );
    expect(run.runnerTemp.files['implement-spec/product-price-filter/IMPLEMENTATION_REPORT.md']).toContain(
      '**Implemented: Product price filter.**',
    );
    // files-changed counts what was committed: the 9 task files and the 2 reports.
    expect(Number(run.outputs['files-changed'])).toBe(9 + 2);
  });

  it('a re-run updates the same PR and replaces the branch', async () => {
    const { gh, repo, run } = await pushScenario();
    const inputs = { 'anthropic-api-key': 'k', 'github-token': 't' };
    const first = await run(inputs);
    expect(first.code, first.stdout).toBe(0);
    const firstSha = repo.originLog('feat/spec-product-price-filter', '%H').split('\n')[0];
    const second = await run(inputs);
    expect(second.code, second.stdout).toBe(0);
    expect(gh.state.pulls).toHaveLength(1);
    const secondSha = repo.originLog('feat/spec-product-price-filter', '%H').split('\n')[0];
    expect(secondSha).not.toBe(firstSha);
    expect(second.outputs['pr-number']).toBe(first.outputs['pr-number']);
  });
});
