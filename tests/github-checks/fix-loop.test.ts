import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskResult } from '../../src/core/results.js';
import { type ChecksFixLoopInput, runChecksFixLoop, waitForChecks } from '../../src/github/checks.js';
import type { TestFailure } from '../../src/run/test-loop.js';
import { createWorkspace } from '../../src/run/workspace.js';
import { type FakeGitHub, faults, startFakeGitHub } from '../fakes/github-server.js';
import { clientFor } from '../github-api/helpers.js';

let gh: FakeGitHub;
afterEach(async () => {
  await gh?.close();
});

const SHA1 = '1'.repeat(40);
const SHA2 = '2'.repeat(40);
const SHA3 = '3'.repeat(40);

const failing = (message: string) => ({
  checkRuns: [
    {
      name: 'test',
      status: 'completed' as const,
      conclusion: 'failure' as const,
      output: { text: `FAIL ${message}` },
      annotations: [{ path: 'src/login.ts', start_line: 9, message }],
    },
  ],
});
const green = { checkRuns: [{ name: 'test', status: 'completed' as const, conclusion: 'success' as const }] };

function fixResult(round: number, files: string[], status: TaskResult['status'] = 'success'): TaskResult {
  return {
    taskId: `fix-${round}`,
    agent: 'fix',
    title: `Fix failing tests (round ${round})`,
    status,
    calls: 1,
    attempts: 1,
    turns: 1,
    files,
    usage: { inputTokens: 10, outputTokens: 5, cacheReadTokens: 0, cacheCreationTokens: 0 },
    costUsd: 0.01,
    durationMs: 5,
    estimateUsd: 0,
    warnings: [],
  };
}

function setup(over: Partial<ChecksFixLoopInput> = {}) {
  const octokit = clientFor(gh).octokit;
  const fixes: Array<{ round: number; failure: TestFailure }> = [];
  const pushes: number[] = [];
  const shas = [SHA2, SHA3];
  let canStart = true;
  const input: ChecksFixLoopInput = {
    sha: SHA1,
    wait: (sha) =>
      waitForChecks(octokit, { owner: 'acme', repo: 'widgets', sha, settlePolls: 0, sleep: async () => {} }),
    maxFixRounds: 2,
    budget: {
      canStart: () => canStart,
      get exceeded() {
        return false;
      },
    },
    runFix: async (round, failure) => {
      fixes.push({ round, failure });
      return fixResult(round, ['src/login.ts']);
    },
    filesFor: (digest) => ['src/login.ts', 'src/other.ts'].filter((f) => digest.includes(f)),
    pushFix: async (round) => {
      pushes.push(round);
      return shas[round - 1];
    },
    ...over,
  };
  return { input, fixes, pushes, stopBudget: () => (canStart = false) };
}

describe('runChecksFixLoop', () => {
  it('fixes a failing check with the digest, pushes, and passes on the new commit', async () => {
    gh = await startFakeGitHub();
    gh.checks.script(SHA1, [failing('hash of undefined')]);
    gh.checks.script(SHA2, [green]);
    const { input, fixes, pushes } = setup();
    const r = await runChecksFixLoop(input);
    expect(r.passed).toBe(true);
    expect(r.stopReason).toBe('passed after 1 fix round(s)');
    expect(r.rounds.map((x) => [x.round, x.passed, x.command])).toEqual([
      [0, false, 'GitHub checks on 111111111111'],
      [1, true, 'GitHub checks on 222222222222'],
    ]);
    expect(r.rounds[0]?.fixTask?.taskId).toBe('fix-1');
    expect(fixes).toHaveLength(1);
    expect(fixes[0]?.failure.output).toContain('src/login.ts:9: failure: hash of undefined');
    expect(fixes[0]?.failure.output).toContain('FAIL hash of undefined');
    expect(fixes[0]?.failure.files).toEqual(['src/login.ts']);
    expect(fixes[0]?.failure.command).toBe('GitHub checks: test');
    expect(pushes).toEqual([1]);
    expect(r.waits.map((w) => w.sha)).toEqual([SHA1, SHA2]);
  });

  it('stops after max fix rounds while checks keep failing', async () => {
    gh = await startFakeGitHub();
    gh.checks.script('*', [failing('still broken')]);
    const { input, fixes } = setup();
    const r = await runChecksFixLoop(input);
    expect(r.passed).toBe(false);
    expect(r.stopReason).toBe('max fix rounds reached: checks still failing after 2 fix round(s)');
    expect(r.rounds).toHaveLength(3);
    expect(fixes.map((f) => f.round)).toEqual([1, 2]);
  });

  it('does not start a fix round without budget', async () => {
    gh = await startFakeGitHub();
    gh.checks.script('*', [failing('x')]);
    const s = setup();
    s.stopBudget();
    const r = await runChecksFixLoop(s.input);
    expect(r.stopReason).toBe('budget exhausted: no fix round was started (max-cost reached)');
    expect(s.fixes).toEqual([]);
  });

  it('ends with a reason when the fix changes nothing, the push fails or CI cannot be read', async () => {
    gh = await startFakeGitHub();
    gh.checks.script('*', [failing('x')]);
    const noFiles = await runChecksFixLoop(setup({ runFix: async (n) => fixResult(n, []) }).input);
    expect(noFiles.stopReason).toBe('fix task failed in round 1: it changed no files');

    const pushFails = await runChecksFixLoop(
      setup({
        pushFix: async () => {
          throw new Error('non-fast-forward');
        },
      }).input,
    );
    expect(pushFails.stopReason).toBe('could not push the fix of round 1: non-fast-forward');

    const noCommit = await runChecksFixLoop(setup({ pushFix: async () => undefined }).input);
    expect(noCommit.stopReason).toBe('the fix of round 1 produced no new commit');

    gh.failNext('GET', /\/check-runs$/, faults.forbidden());
    const unreadable = await runChecksFixLoop(setup().input);
    expect(unreadable.stopReason).toMatch(/^could not read the checks: .*`checks: read`/);
    expect(unreadable.rounds).toEqual([]);
  });

  it("reports 'none' and timeouts without fixing", async () => {
    gh = await startFakeGitHub();
    const none = setup();
    const r = await runChecksFixLoop({
      ...none.input,
      wait: (sha) =>
        waitForChecks(clientFor(gh).octokit, { owner: 'acme', repo: 'widgets', sha, noChecksPolls: 1 }),
    });
    expect(r.stopReason).toBe('no checks ran on 111111111111');
    expect(none.fixes).toEqual([]);

    gh.checks.script(SHA1, [{ checkRuns: [{ name: 'e2e', status: 'in_progress' }] }]);
    let t = 0;
    const slow = setup();
    const timedOut = await runChecksFixLoop({
      ...slow.input,
      wait: (sha) =>
        waitForChecks(clientFor(gh).octokit, {
          owner: 'acme',
          repo: 'widgets',
          sha,
          timeoutMs: 60_000,
          now: () => t,
          sleep: async (ms) => {
            t += ms;
          },
        }),
    });
    expect(timedOut.stopReason).toBe('checks still running when the wait ended (60 s)');
    expect(timedOut.rounds[0]).toMatchObject({ timedOut: true, passed: false });
    expect(slow.fixes).toEqual([]);
  });

  it('round 2 is told what round 1 changed and which failures it left or caused, as the test loop does', async () => {
    gh = await startFakeGitHub();
    gh.checks.script(SHA1, [failing('login rejects a valid password')]);
    gh.checks.script(SHA2, [
      {
        checkRuns: [
          {
            name: 'test',
            status: 'completed' as const,
            conclusion: 'failure' as const,
            output: { text: 'FAIL login rejects a valid password\nFAIL logout throws TypeError' },
            annotations: [{ path: 'src/login.ts', start_line: 9, message: 'login rejects a valid password' }],
          },
        ],
      },
    ]);
    gh.checks.script(SHA3, [green]);
    const dir = mkdtempSync(join(tmpdir(), 'implement-spec-checks-memory-'));
    try {
      writeFileSync(join(dir, 'login.ts'), 'export const ok = (p: string) => p === "x";\n');
      const workspace = createWorkspace({ root: dir });
      const { input, fixes } = setup({
        journal: workspace,
        runFix: async (round, failure) => {
          fixes.push({ round, failure });
          const content =
            round === 1
              ? 'export const ok = (p: string) => p.length > 0;\n'
              : 'export const ok = () => true;\n';
          await workspace.write(`fix-${round}`, 'fix', 'login.ts', content);
          return fixResult(round, ['login.ts']);
        },
      });
      const result = await runChecksFixLoop(input);
      expect(result.passed).toBe(true);
      expect(fixes.map((f) => f.round)).toEqual([1, 2]);
      expect(fixes[0]!.failure.previous).toBeUndefined();
      const previous = fixes[1]!.failure.previous!;
      expect(previous.round).toBe(1);
      expect(previous.files).toEqual(['login.ts']);
      expect(previous.diff).toContain('-export const ok = (p: string) => p === "x";');
      expect(previous.diff).toContain('+export const ok = (p: string) => p.length > 0;');
      expect(previous.stillFailing.some((l) => l.includes('login rejects a valid password'))).toBe(true);
      expect(previous.newFailures.some((l) => l.includes('logout throws TypeError'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
