// Small pieces of src/action with no server behind them: inputs and environment, the estimate refusal and
// branch name, spec selection, the not-ready message, the combined status and outputs, ReportedError.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { opensWithoutCi } from '../../src/action/ci-note.js';
import { estimateRefusal, type SpecRunOutcome, specBranch } from '../../src/action/implement.js';
import { InputError } from '../../src/action/inputs.js';
import { ActionOutputs } from '../../src/action/outputs.js';
import { ReportedError } from '../../src/action/reported-error.js';
import { describeTrigger } from '../../src/action/run-action.js';
import { combineStatus, setRunOutputs } from '../../src/action/run-outputs.js';
import { resolveSpecFiles, SpecSelectionError } from '../../src/action/spec-selection.js';
import { notReadyMessage, validateAll } from '../../src/action/validate-step.js';
import { RETRY_POLICIES } from '../../src/core/retry-policy.js';
import type { Spec } from '../../src/spec/types.js';
import { exampleSpec, writeFiles } from '../e2e/harness.js';
import { buildRunResult } from '../report/fixtures.js';
import { actionEnv, actionInputs, runnerFiles, triggerOf } from './helpers.js';

describe('inputs and environment', () => {
  it('retry-timing is "standard" unless the workflow says "fast"; anything else is an input error', () => {
    expect(actionInputs().retryTiming).toBe('standard');
    expect(actionInputs({ 'retry-timing': 'fast' }).retryTiming).toBe('fast');
    expect(() => actionInputs({ 'retry-timing': 'quick' })).toThrow(InputError);
    expect(() => actionInputs({ 'retry-timing': 'quick' })).toThrow(
      /input "retry-timing" must be one of standard, fast/,
    );
  });

  it('the fast policy waits milliseconds; the standard one leaves every default alone', () => {
    expect(RETRY_POLICIES.standard).toEqual({});
    expect(RETRY_POLICIES.fast.modelRetryBaseDelayMs).toBe(1);
    expect(RETRY_POLICIES.fast.github?.throttle.retryAfterBaseValue).toBe(1);
    expect(RETRY_POLICIES.fast.checksPollMs).toBeLessThan(100);
  });

  it('reads the job id and the Anthropic endpoint from the runner environment, once', () => {
    const env = actionEnv({ GITHUB_JOB: 'implement', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' });
    expect(env.job).toBe('implement');
    expect(env.anthropicBaseUrl).toBe('http://127.0.0.1:9');
    expect(actionEnv({}).anthropicBaseUrl).toBe('');
  });
});

describe('estimate and branch', () => {
  it("refuses an estimate above max-cost in the action's words, unless forced", () => {
    expect(estimateRefusal(0.4, 5, false)).toBeNull();
    expect(estimateRefusal(7, 5, false)).toMatch(/above max-cost \$5\.00.*`max-cost` input.*`force` input/);
    expect(estimateRefusal(7, 5, true)).toBeNull();
  });

  it('names the branch after the spec id, and refuses an id that cannot name a branch', () => {
    const spec = { path: 'specs/x.md' } as Spec;
    expect(specBranch(spec, 'user-auth')).toBe('feat/spec-user-auth');
    for (const bad of ['../main', 'a b', '-rf', 'x..y', '']) {
      expect(() => specBranch(spec, bad), bad).toThrow(/specs\/x\.md has no usable id/);
    }
  });

  it('knows which PR authors get no CI', () => {
    expect(opensWithoutCi('github-actions[bot]')).toBe(true);
    expect(opensWithoutCi('my-app[bot]')).toBe(false);
  });

  it('ReportedError keeps the message of the failure it carries', () => {
    const original = new Error('PR creation was refused');
    const reported = new ReportedError(original);
    expect(reported.message).toBe('PR creation was refused');
    expect(reported.original).toBe(original);
  });
});

describe('spec selection and validation', () => {
  const work = mkdtempSync(join(tmpdir(), 'implement-spec-select-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  writeFiles(work, {
    'specs/product-price-filter.md': exampleSpec('product-price-filter.md'),
    'specs/draft.md': '# Nothing here\n',
  });
  const env = actionEnv({ GITHUB_WORKSPACE: work });

  it('a dispatch names one spec; a missing one is a SpecSelectionError naming it', async () => {
    const trigger = triggerOf('workflow_dispatch', 'workflow_dispatch');
    expect(await resolveSpecFiles({ trigger, inputs: actionInputs(), env, pullFiles: null })).toEqual([
      'specs/product-price-filter.md',
    ]);
    const missing = triggerOf('workflow_dispatch', 'workflow_dispatch', (e) => {
      (e.inputs as Record<string, string>).spec = 'specs/nope.md';
    });
    await expect(
      resolveSpecFiles({ trigger: missing, inputs: actionInputs(), env, pullFiles: null }),
    ).rejects.toThrow(SpecSelectionError);
  });

  it("a label on a PR that changes no spec means the repository's specs", async () => {
    const trigger = triggerOf('pull_request', 'pull_request-labeled');
    const files = await resolveSpecFiles({
      trigger,
      inputs: actionInputs(),
      env,
      pullFiles: [{ filename: 'README.md', status: 'modified' }],
    });
    expect(files.sort()).toEqual(['specs/draft.md', 'specs/product-price-filter.md']);
  });

  it('the not-ready message names each spec that fails and its first errors', async () => {
    const validations = await validateAll(['specs/product-price-filter.md', 'specs/draft.md'], env);
    expect(validations.map((v) => v.ready)).toEqual([true, false]);
    const message = notReadyMessage(validations)!;
    expect(message).toMatch(/^1 spec\(s\) not ready: specs\/draft\.md \(\d+ error\(s\): line \d+/);
    expect(message).toContain('set force: true');
    expect(notReadyMessage(validations.slice(0, 1))).toBeNull();
  });
});

describe('outcome of several specs', () => {
  const outcome = (
    status: 'success' | 'partial' | 'failed',
    extra: Partial<SpecRunOutcome> = {},
  ): SpecRunOutcome => ({
    result: buildRunResult({ status, costUsd: 0.5 }),
    branch: 'feat/spec-user-auth',
    pr: null,
    filesChanged: 3,
    reportPath: '/tmp/report.md',
    summary: status,
    ...extra,
  });

  it('success only when every spec succeeded; failed only when every spec failed', () => {
    expect(combineStatus([outcome('success'), outcome('success')])).toBe('success');
    expect(combineStatus([outcome('success'), outcome('failed')])).toBe('partial');
    expect(combineStatus([outcome('failed'), outcome('failed')])).toBe('failed');
    expect(combineStatus([])).toBe('failed');
  });

  it('sums cost, tokens and files, and points at the last PR', () => {
    const files = runnerFiles();
    const pr = { number: 7, url: 'https://github.com/octo-org/shop/pull/7', created: true };
    setRunOutputs([outcome('success', { pr }), outcome('partial')], new ActionOutputs());
    const out = files.outputs();
    expect(out['cost-usd']).toBe('1.0000');
    expect(out['files-changed']).toBe('6');
    expect(out['input-tokens']).toBe(String(2 * (36_000 + 6_000 + 24_000)));
    expect(out['pr-number']).toBe('7');
    expect(out.branch).toBe('feat/spec-user-auth');
    files.reset();
  });
});

describe('the first log line', () => {
  it('names what started the run, for every trigger kind', () => {
    const who = { actor: 'octocat', actorIsBot: false };
    const pr = { number: 7, headRef: 'h', headSha: 's', baseRef: 'main', fromFork: false };
    expect([
      describeTrigger({
        kind: 'push',
        ref: 'refs/heads/x',
        branch: 'x',
        before: 'a',
        after: 'b',
        created: false,
        forced: false,
        ...who,
      }),
      describeTrigger({ kind: 'pull_request', action: 'opened', ...pr, ...who }),
      describeTrigger({ kind: 'label', ...pr, ...who }),
      describeTrigger({ kind: 'dispatch', ref: '', branch: '', actor: '', actorIsBot: false }),
    ]).toEqual([
      'push to x by octocat',
      'pull request #7 opened by octocat',
      'label on pull request #7 by octocat',
      'manual run on the default branch',
    ]);
  });
});
