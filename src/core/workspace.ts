// The safe workspace's contract: every file an agent touches goes through it.

import type { WriteRecord } from './results.js';
import type { Role } from './tasks.js';

export type PathRejection =
  | 'empty'
  | 'nul-byte'
  | 'absolute'
  | 'backslash'
  | 'escapes-root'
  | 'git-dir'
  /** A name git refuses: `.git` spelled another way on NTFS or HFS+ (`.git.`, `GIT~1`, `.git::$INDEX_ALLOCATION`). */
  | 'git-name'
  | 'workflows'
  /** `.github/**` outside workflows: actions, Dependabot, templates, this tool's own config and role prompts. */
  | 'github-config'
  | 'codeowners'
  /** `.git*` files git reads (`.gitattributes`, `.gitmodules`, …); `.gitignore` and `.gitkeep` stay writable. */
  | 'git-file'
  /** `.husky/**`, `.npmrc`, `.yarnrc*`, `.envrc`, `.vscode/**`, `.devcontainer/**`. */
  | 'tool-config'
  | 'symlink'
  | 'spec-file'
  | 'protected'
  | 'role-not-allowed'
  | 'too-large'
  | 'too-many-files'
  | 'not-created-in-run'
  | 'not-found'
  | 'not-a-file';

/** A path or write the workspace refused. `message` names the path and the reason in plain words. */
export class PathRejectedError extends Error {
  constructor(
    readonly path: string,
    readonly reason: PathRejection,
    message: string,
  ) {
    super(message);
    this.name = 'PathRejectedError';
  }
}

export interface WorkspaceOptions {
  /** Absolute root: the checkout or --output-dir. */
  root: string;
  /** Workspace-relative paths that must never be written (the spec file itself). */
  specPaths?: string[];
  /** minimatch globs (input `protected-paths`). */
  protectedPaths?: string[];
  /** Per-role allowlists of minimatch globs; a role not listed may write anywhere not otherwise refused. */
  roleAllow?: Record<Role, string[]>;
  maxFileBytes?: number; // default 1 MB
  maxFilesPerTask?: number; // default 200
  /** Copy files about to be overwritten to `.implement-spec/backups/<timestamp>/` (local runs). */
  backups?: boolean;
  /** Timestamp used for the backup folder (tests pin it). */
  backupStamp?: string;
}

export interface Workspace {
  readonly root: string;
  /** Workspace-relative, normalized POSIX path for `path`, or throws PathRejectedError. Checks for reads. */
  resolveForRead(path: string): string;
  write(taskId: string, role: Role, path: string, content: string): Promise<WriteRecord>;
  read(path: string, maxBytes?: number): Promise<string>;
  /** Files (not dirs) under `dir`, relative, sorted, skipping .git and node_modules; at most `max`. */
  list(dir?: string, max?: number): Promise<{ files: string[]; truncated: boolean }>;
  /** Delete a file that this run created; anything else is refused. */
  remove(taskId: string, role: Role, path: string): Promise<WriteRecord>;
  /** Every write so far, in order. */
  records(): WriteRecord[];
  /** The latest content written by this run for a path (for dependants' context), if any. */
  writtenContent(path: string): string | undefined;
  /**
   * What a path held before this run first wrote it (the journal's "before", for diffs): null when the run
   * created it; undefined when the run has not written it, or the old file was over the per-file size limit.
   */
  originalContent(path: string): string | null | undefined;
}
