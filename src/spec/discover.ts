// Turns CLI/action arguments (files, directories, globs) into the list of spec files to process.
//
// minimatch loads only when an argument is a glob: `validate spec.md` (a pre-commit hook, an editor) starts
// without compiling it. Matching changed paths against spec-path patterns lives in spec-paths.ts. The file system
// calls are synchronous: a few stats and listings, each of which would cost a trip through the thread pool.

import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const SKIPPED_DIRS = new Set(['node_modules', '.git']);
const GLOB_CHARS = /[*?[\]{}]/;

function walk(dir: string, keep: (file: string) => boolean, out: string[]): void {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walk(full, keep, out);
    } else if (entry.isFile() && keep(full)) {
      out.push(full);
    }
  }
}

/** The part of a glob before its first wildcard segment: the directory to start walking from. */
function staticBase(pattern: string): string {
  const parts = pattern.split('/');
  const fixed: string[] = [];
  for (const part of parts) {
    if (GLOB_CHARS.test(part)) break;
    fixed.push(part);
  }
  if (fixed.length === parts.length) fixed.pop();
  const base = fixed.join('/');
  return base === '' ? (pattern.startsWith('/') ? '/' : '.') : base;
}

/** True when a path has a `.git` component: specs are never looked for, or matched, inside a git directory. */
export function inGitDir(p: string): boolean {
  return p.split(/[\\/]/).some((part) => part.toLowerCase() === '.git');
}

/**
 * Each arg is a spec file, a directory (searched for *.md) or a glob; files come back absolute, sorted, unique.
 * Nothing inside `.git` is ever found.
 */
export async function findSpecFiles(
  args: string[],
  cwd: string,
): Promise<{ files: string[]; problems: string[] }> {
  const found = new Set<string>();
  const problems: string[] = [];
  for (const arg of args) {
    const absolute = path.resolve(cwd, arg);
    if (inGitDir(path.relative(cwd, absolute))) {
      problems.push(
        `${arg} lies inside .git. Specs are files of the repository, never of its git directory.`,
      );
      continue;
    }
    if (GLOB_CHARS.test(arg)) {
      const { minimatch } = await import('minimatch');
      const pattern = path.isAbsolute(arg) ? arg : path.join(cwd, arg).split(path.sep).join('/');
      const matches: string[] = [];
      walk(
        path.resolve(staticBase(pattern)),
        (f) =>
          !inGitDir(path.relative(cwd, f)) && minimatch(f.split(path.sep).join('/'), pattern, { dot: true }),
        matches,
      );
      if (matches.length === 0) {
        problems.push(
          `No file matches ${arg}. Check the pattern (quote it so the shell does not expand it).`,
        );
      }
      for (const m of matches) found.add(m);
      continue;
    }
    let info: import('node:fs').Stats;
    try {
      info = statSync(absolute);
    } catch {
      problems.push(
        `${arg} does not exist. Pass a spec file (.md), a directory of specs, or a glob like "specs/**/*.md".`,
      );
      continue;
    }
    if (info.isDirectory()) {
      const matches: string[] = [];
      walk(absolute, (f) => f.endsWith('.md'), matches);
      if (matches.length === 0) {
        problems.push(
          `${arg} is a directory with no .md specs in it. Add a spec there or pass the spec file itself.`,
        );
      }
      for (const m of matches) found.add(m);
    } else {
      found.add(absolute);
    }
  }
  // Absolute paths: callers resolve them regardless of their own cwd and relativize them for display.
  const files = [...found].sort();
  return { files, problems };
}
