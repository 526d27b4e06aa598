// What the action does after the agents, through the bundle: the test loop with fix rounds, the review's
// traceability matrix, the repository's role config, and the formatter. Label trigger on spec PR #42.
import { describe, expect, it } from 'vitest';
import { labelEvent, startSpecPrRun } from '../support/spec-pr.js';
import { useBundleTestResources } from '../support/test-resources.js';
import { type AgentsFakeOptions, generatedPath, requestsByTask } from './fakes.js';
import {
  commentsOn,
  exampleSpecText,
  FEAT_BRANCH,
  originBranches,
  PR_NUMBER,
  PROGRESS_MARKER,
  SPEC,
  SPEC_BRANCH,
} from './scenarios.js';

/** Passes once the fix agent wrote src/fixed.txt; until then fails naming a file the agents wrote. */
const CHECK_TESTS = `import { existsSync } from 'node:fs';
if (existsSync('src/fixed.txt')) {
  console.log('3 tests passed');
  process.exit(0);
}
console.log('FAIL ${generatedPath('task-002')}: the price range is not applied (expected src/fixed.txt)');
process.exit(1);
`;

/** A formatter: uppercases every file it is given. */
const UPPER = `import { readFileSync, writeFileSync } from 'node:fs';
for (const file of process.argv.slice(2)) writeFileSync(file, readFileSync(file, 'utf8').toUpperCase());
`;

const CONFIG = '.github/implement-spec/config.yml';

describe('action e2e: test loop, review, role config, formatter', () => {
  const resources = useBundleTestResources();

  async function labelRun(opts: {
    extra?: Record<string, string>;
    inputs?: Record<string, string>;
    agents?: AgentsFakeOptions;
  }) {
    const { repo, gh, anthropic, run } = await startSpecPrRun(resources, {
      spec: { path: SPEC, content: exampleSpecText() },
      extra: opts.extra ?? {},
      agents: opts.agents ?? {},
    });
    const result = await run('pull_request', labelEvent(), opts.inputs);
    const pr = gh.state.pulls.find((p) => p.number !== PR_NUMBER);
    return { repo, gh, anthropic, result, pr };
  }

  const fixWrites =
    (path: string): AgentsFakeOptions['write'] =>
    (id) =>
      id.startsWith('fix-') ? { path, content: 'fixed\n' } : undefined;

  it('failing tests get a fix round; the fix is committed and the PR shows the rounds [failed, passed]', async () => {
    const { repo, anthropic, result, pr } = await labelRun({
      extra: { 'check-tests.mjs': CHECK_TESTS },
      inputs: { 'test-command': 'node check-tests.mjs' },
      agents: { write: fixWrites('src/fixed.txt') },
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.outputs.status, result.stdout).toBe('success');
    expect(requestsByTask(anthropic.requests), result.stdout).toMatchObject({ 'fix-1': 2 });
    expect(requestsByTask(anthropic.requests)['fix-2']).toBeUndefined();
    // The fix agent was told which written file the failure names.
    const fixPrompt = JSON.stringify(
      anthropic.requests.find((r) => JSON.stringify(r.body.messages).includes('# Task fix-1'))!.body.messages,
    );
    expect(fixPrompt).toContain('the price range is not applied');
    expect(fixPrompt).toContain(`- ${generatedPath('task-002')}`);

    expect(repo.originFiles(FEAT_BRANCH)).toContain('src/fixed.txt');
    expect(repo.originShow(FEAT_BRANCH, 'src/fixed.txt')).toBe('fixed\n');
    const body = pr!.body ?? '';
    expect(body).toContain('## Tests');
    expect(body).toContain('**Passed** after 1 fix round.');
    expect(body).toMatch(
      /^\| 0 \(after the agents\) \| ❌ failed \(exit 1\) \|[^\n]*\| success \| src\/fixed\.txt \|/m,
    );
    expect(body).toMatch(/^\| 1 \| ✅ passed \(exit 0\) \|/m);
    expect(body).toContain('the price range is not applied');
  });

  it('the fix round shows in the progress comment on the spec PR, and reporting it breaks nothing', async () => {
    const { gh, result } = await labelRun({
      extra: { 'check-tests.mjs': CHECK_TESTS },
      inputs: { 'test-command': 'node check-tests.mjs', review: 'false' },
      agents: { write: fixWrites('src/fixed.txt') },
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).not.toContain('Progress listener failed');
    const progress = commentsOn(gh, PR_NUMBER).find((c) => c.body.includes(PROGRESS_MARKER))!;
    expect(progress.body).toMatch(/fix-1[^\n]*success/);
  });

  it('tests that keep failing after max-fix-rounds: the PR says so, the run is partial', async () => {
    const { repo, anthropic, result, pr } = await labelRun({
      extra: { 'check-tests.mjs': CHECK_TESTS },
      inputs: { 'test-command': 'node check-tests.mjs', 'max-fix-rounds': '1' },
      agents: { write: fixWrites('src/attempt.txt') },
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    // Code was produced, but it does not pass the repository's tests: not a success.
    expect(result.outputs.status).toBe('partial');
    expect(requestsByTask(anthropic.requests)['fix-1']).toBe(2);
    expect(requestsByTask(anthropic.requests)['fix-2']).toBeUndefined();
    expect(repo.originFiles(FEAT_BRANCH)).toContain('src/attempt.txt');
    const body = pr!.body ?? '';
    expect(body).toContain('**Failing.** max fix rounds reached: still failing after 1 fix round(s)');
    expect(body).toMatch(/\| 0 \(after the agents\) \| ❌ failed \(exit 1\) \|/);
    expect(body).toMatch(/\| 1 \| ❌ failed \(exit 1\) \|/);
    expect(body).toMatch(/Tests still fail/);
    const warning = result.commands.find(
      (c) => c.command === 'warning' && c.message.startsWith('Partial implementation'),
    );
    expect(warning?.message).toContain('Tests still fail');
  });

  it('the review verdicts fill the traceability matrix of the PR', async () => {
    const { anthropic, result, pr } = await labelRun({});
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(requestsByTask(anthropic.requests).review).toBe(1);
    const body = pr!.body ?? '';
    expect(body).toContain('<summary>Traceability: ');
    expect(body).toMatch(/Review: 0 met, 0 partly, 0 not met, \d+ not verifiable\./);
    expect(body).toMatch(/^\| FR-1 \|[^\n]*\| not verifiable \|/m);
    expect(body).toMatch(/^\| AT-4 \|[^\n]*\| not verifiable \|/m);
  });

  it('review: false sends no review request and the matrix says the review did not run', async () => {
    const { anthropic, result, pr } = await labelRun({ inputs: { review: 'false' } });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.outputs.status).toBe('success');
    expect(requestsByTask(anthropic.requests).review).toBeUndefined();
    const body = pr!.body ?? '';
    expect(body).toContain('<summary>Traceability: ');
    expect(body).toContain('The review did not run');
    expect(body).not.toContain('not verifiable');
  });

  it('an invalid role config fails the step naming the file and the key; nothing is spent or pushed', async () => {
    const { repo, gh, anthropic, result } = await labelRun({
      extra: { [CONFIG]: 'roles:\n  backend:\n    allow: "src"\n' },
    });
    expect(result.code).toBe(1);
    expect(result.outputs.status).toBe('failed');
    const errors = result.commands.filter((c) => c.command === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain(CONFIG);
    expect(errors[0]!.message).toContain('roles.backend.allow');
    expect(anthropic.requests).toHaveLength(0);
    expect(originBranches(repo).sort()).toEqual(['main', SPEC_BRANCH]);
    expect(gh.state.pulls).toHaveLength(1);
    // Whoever labelled the PR learns why, once.
    const said = commentsOn(gh, PR_NUMBER).filter((c) => c.body.includes('roles.backend.allow'));
    expect(said).toHaveLength(1);
  });

  const databaseInGenerated: AgentsFakeOptions['write'] = (id, role) =>
    role === 'database'
      ? { path: `src/generated/${id}.ts`, content: `export const db = '${id}';\n` }
      : undefined;

  it('without a role config the database agent may not write src/generated/**', async () => {
    const { repo, anthropic, result } = await labelRun({ agents: { write: databaseInGenerated } });
    // task-001 is the database task every other task depends on: nothing else runs, nothing is pushed.
    expect(result.code).toBe(1);
    expect(result.outputs.status).toBe('failed');
    // The agent was told why its write was refused.
    const answer = anthropic.requests
      .map((r) => JSON.stringify(r.body.messages))
      .find((m) => m.includes('tool_result'));
    expect(answer).toContain(
      'Refused path \\"src/generated/task-001.ts\\": the database agent may only write paths matching',
    );
    expect(originBranches(repo).sort()).toEqual(['main', SPEC_BRANCH]);
  });

  it('a role config extending the database role lets its task write src/generated/**', async () => {
    const { repo, result, pr } = await labelRun({
      extra: { [CONFIG]: 'roles:\n  database:\n    extend: ["src/generated/**"]\n' },
      agents: { write: databaseInGenerated },
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.outputs.status).toBe('success');
    expect(repo.originShow(FEAT_BRANCH, 'src/generated/task-001.ts')).toBe("export const db = 'task-001';\n");
    expect(pr!.body).toMatch(/task-001[^\n]*success/);
  });

  it('format-command formats the written files before they are committed', async () => {
    const { repo, gh, result } = await labelRun({
      extra: { 'upper.mjs': UPPER },
      inputs: { 'format-command': 'node upper.mjs' },
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.outputs.status).toBe('success');
    expect(repo.originShow(FEAT_BRANCH, generatedPath('task-002'))).toBe("EXPORT CONST TASK = 'TASK-002';\n");
    expect(repo.originShow(FEAT_BRANCH, generatedPath('task-001'))).toBe("EXPORT CONST TASK = 'TASK-001';\n");
    // Only the written files were given to the formatter: the spec and the repository's files are untouched.
    expect(repo.originShow(FEAT_BRANCH, 'README.md')).toBe('# shop\n');
    expect(repo.originShow(FEAT_BRANCH, SPEC)).toBe(exampleSpecText());
    expect(commentsOn(gh, PR_NUMBER).filter((c) => c.body.includes(PROGRESS_MARKER))).toHaveLength(1);
  });
});
