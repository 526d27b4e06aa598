/**
 * Which files a push changed, and which of them are specs.
 *
 * A push event names the commits before and after. That range is not always diffable: a new branch has no
 * `before` (40 zeros), and after a force push `before` may no longer exist in the checkout. In those cases we
 * look at the `after` commit on its own and say so in `note`, so the run report can explain the choice.
 */
import { minimatch } from 'minimatch';
import { runGit } from './git.js';

export interface ChangedFiles {
  added: string[];
  modified: string[];
  deleted: string[];
  /** Set when the range could not be used as given and a narrower comparison was made instead. */
  note?: string;
}

const ZERO_SHA = /^0+$/;

export async function changedFilesBetween(cwd: string, before: string, after: string): Promise<ChangedFiles> {
  const afterSha = await resolveCommit(cwd, after);
  if (!afterSha) {
    throw new Error(
      `commit "${after}" is not in the checkout at ${cwd}; fetch it before listing changed files`,
    );
  }

  if (ZERO_SHA.test(before)) {
    return commitOwnChanges(
      cwd,
      afterSha,
      'new branch: no previous commit, so only the pushed head commit is compared with its parent',
    );
  }
  const beforeSha = await resolveCommit(cwd, before);
  if (!beforeSha) {
    return commitOwnChanges(
      cwd,
      afterSha,
      `commit ${before.slice(0, 12)} (before the push) is not in the history, probably rewritten by a force push; only the pushed head commit is compared with its parent`,
    );
  }
  return diffCommits(cwd, beforeSha, afterSha);
}

/** Paths matching any pattern (a `!pattern` excludes), sorted and unique; deleted files are never specs to run. */
export function filterSpecFiles(
  changes: ChangedFiles | readonly string[],
  patterns: readonly string[],
): string[] {
  const paths = isPathList(changes) ? changes : [...changes.added, ...changes.modified];
  const include = patterns.filter((p) => !p.startsWith('!'));
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  const options = { dot: true };
  const selected = paths.filter(
    (path) =>
      include.some((pattern) => minimatch(path, pattern, options)) &&
      !exclude.some((pattern) => minimatch(path, pattern, options)),
  );
  return [...new Set(selected)].sort();
}

function isPathList(value: ChangedFiles | readonly string[]): value is readonly string[] {
  return Array.isArray(value);
}

async function resolveCommit(cwd: string, ref: string): Promise<string | null> {
  if (ref.startsWith('-')) return null;
  const result = await runGit(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], {
    okExitCodes: [0, 1, 128],
  });
  return result.exitCode === 0 ? result.stdout.trim() : null;
}

async function commitOwnChanges(cwd: string, sha: string, reason: string): Promise<ChangedFiles> {
  const parent = await resolveCommit(cwd, `${sha}^1`);
  if (parent) return { ...(await diffCommits(cwd, parent, sha)), note: reason };

  const shallow = (await runGit(cwd, ['rev-parse', '--is-shallow-repository'])).stdout.trim() === 'true';
  const listing = await runGit(cwd, ['ls-tree', '-r', '-z', '--name-only', '--full-tree', sha]);
  const files = splitNul(listing.stdout);
  const why = shallow
    ? `the checkout is shallow and the parent of ${sha.slice(0, 12)} was not fetched (use fetch-depth: 0 or 2), so every file of that commit is treated as added`
    : `${sha.slice(0, 12)} is a root commit, so every file in it is treated as added`;
  return { added: files.sort(), modified: [], deleted: [], note: `${reason}; ${why}` };
}

async function diffCommits(cwd: string, from: string, to: string): Promise<ChangedFiles> {
  const result = await runGit(cwd, [
    'diff',
    '--name-status',
    '-z',
    '--no-renames',
    '--no-ext-diff',
    from,
    to,
    '--',
  ]);
  return parseNameStatus(result.stdout);
}

/** Parses `git diff --name-status -z --no-renames`: alternating status and path fields, NUL-separated. */
export function parseNameStatus(output: string): ChangedFiles {
  const fields = splitNul(output);
  const changes: ChangedFiles = { added: [], modified: [], deleted: [] };
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const status = fields[i]!.charAt(0);
    const path = fields[i + 1]!;
    if (status === 'A') changes.added.push(path);
    else if (status === 'D') changes.deleted.push(path);
    else changes.modified.push(path); // M, T (type change); no R/C with --no-renames
  }
  return changes;
}

function splitNul(output: string): string[] {
  return output.split('\0').filter((field) => field.length > 0);
}
