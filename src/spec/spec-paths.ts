// Which repository paths are specs by the action's `spec-paths` patterns (its trigger filter). Apart from
// discover.ts so that finding specs by name never loads minimatch.
import { minimatch } from 'minimatch';
import { inGitDir } from './discover.js';

/** True when a repository-relative path matches one of the spec path patterns (the action's trigger filter). */
export function matchesSpecPaths(relPath: string, patterns: string[]): boolean {
  const normalized = relPath.replace(/\\/g, '/').replace(/^\.\//, '');
  if (inGitDir(normalized)) return false;
  return patterns.some((p) => minimatch(normalized, p.replace(/^\.\//, ''), { dot: true }));
}
