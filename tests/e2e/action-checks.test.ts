// wait-for-checks: with a token whose PRs run CI (the fake acts as an App, not github-actions[bot]), the
// action waits for the PR's checks and turns a failure into a fix round: commit, fast-forward push, wait again.
import { describe, expect, it } from 'vitest';
import { EDIT_TOOL_NAME } from '../../src/agents/tools.js';
import { replies } from '../fakes/anthropic-server.js';
import { startFakeGitHub } from '../fakes/github-server.js';
import { startPushRun } from '../support/push.js';
import { useBundleTestResources } from '../support/test-resources.js';
import { startAgentsFake } from './fakes.js';
import { exampleSpec } from './harness.js';

const BRANCH = 'feat/spec-product-price-filter';

describe('action e2e: wait-for-checks', () => {
  const resources = useBundleTestResources();

  async function scenario(checksFor: (ref: string, firstRef: string) => 'failure' | 'success') {
    const gh = await startFakeGitHub({
      repos: [{ owner: 'octo-org', repo: 'shop', collaborators: { octocat: 'admin' } }],
      actor: 'implement-spec-app[bot]',
    });
    let firstRef: string | null = null;
    gh.checks.script('*', (ref) => {
      firstRef ??= ref;
      const conclusion = checksFor(ref, firstRef);
      return {
        checkRuns: [
          {
            name: 'unit tests',
            status: 'completed',
            conclusion,
            output: {
              title: conclusion,
              summary: conclusion === 'failure' ? '1 test failed' : 'all green',
              text: null,
            },
            annotations:
              conclusion === 'failure'
                ? [
                    {
                      path: 'src/generated/task-003.ts',
                      start_line: 1,
                      message: 'expected 400, got 500',
                      annotation_level: 'failure',
                    },
                  ]
                : [],
          },
        ],
      };
    });
    // The fix agent repairs the file the failing check's annotation points at.
    // It views the file the earlier run wrote and edits it (write_file rewrites only files its own run created).
    const fixTurns = new Map<string, number>();
    const anthropic = await startAgentsFake({
      intercept: ({ id }) => {
        if (!id.startsWith('fix-')) return undefined;
        const turn = (fixTurns.get(id) ?? 0) + 1;
        fixTurns.set(id, turn);
        const path = 'src/generated/task-003.ts';
        if (turn === 1) return replies.toolUse(EDIT_TOOL_NAME, { command: 'view', path });
        if (turn === 2)
          return replies.toolUse(EDIT_TOOL_NAME, {
            command: 'str_replace',
            path,
            old_str: "'task-003'",
            new_str: `'${id}'`,
          });
        return undefined;
      },
    });
    const pushed = await startPushRun(
      resources,
      { 'specs/product-price-filter.md': exampleSpec('product-price-filter.md') },
      { base: { 'README.md': '# shop\n' }, gh, anthropic },
    );
    const run = () =>
      pushed.run({
        'anthropic-api-key': 'k',
        'github-token': 't',
        'wait-for-checks': 'true',
        'max-fix-rounds': '1',
      });
    return { gh, anthropic, run, repo: pushed.repo };
  }

  it('a failing check gets a fix round; the fix is pushed, the checks pass, the PR body shows both rounds', async () => {
    const { gh, anthropic, run, repo } = await scenario((ref, first) =>
      ref === first ? 'failure' : 'success',
    );
    const result = await run();
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.outputs.status).toBe('success');
    const log = repo.originLog(BRANCH, '%s').trim().split('\n');
    expect(log[0]).toBe('fix(product-price-filter): repair failing CI checks (round 1)');
    expect(repo.originShow(BRANCH, 'src/generated/task-003.ts')).toContain("'fix-1'");
    // The fix agent saw the failing check's annotation.
    const fixRequest = anthropic.requests.find((r) => JSON.stringify(r.body.messages).includes('fix-1'));
    expect(JSON.stringify(fixRequest?.body.messages)).toContain('expected 400, got 500');
    const body = gh.state.pulls[0]!.body ?? '';
    expect(body).toContain('## CI checks');
    expect(body).toMatch(/Passed\*\* after 1 fix round/);
    expect(body).not.toMatch(/runs no workflows/);
  });

  it('checks that keep failing: the rounds run out, the PR says so, status stays a warning', async () => {
    const { gh, run } = await scenario(() => 'failure');
    const result = await run();
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const body = gh.state.pulls[0]!.body ?? '';
    expect(body).toContain('## CI checks');
    expect(body).toContain('**Failing.**');
    expect(
      result.commands.some((c) => c.command === 'warning' && /CI checks still fail|checks/.test(c.message)),
    ).toBe(true);
  });
});
