// Resume on CI: the branch is rebuilt from its base each run, so the previous run's finished work is taken
// from the branch's old tip (its resume state and the files of its completed tasks) before the agents start.
import type { Git } from '../github/git.js';
import { filterKeptPaths, type PathPolicy } from '../run/path-policy.js';
import { STATE_PATH } from '../run/state.js';
import type { ActionLog } from './log.js';

/**
 * Takes the previous run's resume state and the files of its completed tasks from the branch's old tip into
 * the working tree; returns the paths restored. Nothing to restore is not an error.
 */
export async function restorePreviousRun(
  git: Git,
  branch: string,
  tip: string,
  log: ActionLog,
  /** The run's own spec paths, protected globs (the built-in protected places always apply). */
  policy: Omit<PathPolicy, 'access' | 'role'> = {},
): Promise<string[]> {
  try {
    await git.fetch('origin', `+refs/heads/${branch}:refs/remotes/origin/${branch}`);
    const raw = await git.showFile(tip, STATE_PATH);
    if (raw === null) return [];
    const state = JSON.parse(raw) as {
      tasks?: Record<string, { status?: string; files?: { path: string }[] }>;
    };
    const files = Object.values(state.tasks ?? {})
      .filter((t) => t.status === 'success')
      .flatMap((t) => (t.files ?? []).map((f) => f.path))
      .filter((p) => typeof p === 'string');
    // The branch is anyone-with-push-access's input: a file is restored only if this run could write it.
    const { kept, refused } = filterKeptPaths([...new Set(files)], policy);
    for (const r of refused) {
      log.warning(
        `implement-spec: not restoring a file of the previous run from ${branch} (${r.reason}). ${r.message}`,
      );
    }
    const restored = await git.restorePaths(tip, [STATE_PATH, ...new Set(kept)]);
    if (restored.length > 1)
      log.info(`implement-spec: restored ${restored.length - 1} file(s) of the previous run from ${branch}.`);
    return restored;
  } catch (err) {
    log.warning(
      `Could not resume from the previous run on ${branch} (starting over): ${(err as Error).message}`,
    );
    return [];
  }
}
