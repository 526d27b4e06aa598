// Contracts between the plan, the context builder, the tool loop and the engine.

import type { CheckRunner } from '../core/checks.js';
import type { ModelPort, SystemPart, Usage } from '../core/model-port.js';
import type { EditConflict, ProgressListener } from '../core/results.js';
import type { Role, Task } from '../core/tasks.js';
import type { Workspace } from '../core/workspace.js';

/** The target repository as the agents see it: a bounded file tree and the detected stack. */
export interface RepoSnapshot {
  files: string[];
  truncated: boolean;
  /** Exported names per source file (`path: a, b`), ~1.5k tokens at most; absent when nothing exports. */
  symbols?: string;
  /** Size in bytes of each listed file (measured by the scan; the estimate's tool-result sizes). */
  sizes?: Record<string, number>;
  stack: {
    /** e.g. `node`, `python`, `go`, or `unknown`. */
    language: string;
    /** Manifest files found: `package.json`, `pyproject.toml`, `go.mod`, … */
    manifests: string[];
    /** e.g. `vitest`, `jest`, `pytest`, `go test`, or null. */
    testFramework: string | null;
    /** Free-form facts (package manager, TypeScript, frameworks). */
    notes: string[];
  };
}

/** What a stat says of a file: enough to tell that it is the same, unchanged, file as when it was read. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  /** Changed by every write and every metadata change, and not settable by hand as mtime is. */
  ctimeMs: number;
  ino: number;
}

/**
 * The exported names of source files as read at a stamp, kept between scans (`plan`'s, see src/cli/scan-cache.ts):
 * the scan asks before it reads a source and tells what it read. A file whose stamp differs is read again.
 */
export interface SymbolNamesCache {
  get(file: string, stamp: FileStamp): string[] | undefined;
  set(file: string, stamp: FileStamp, names: string[]): void;
}

/** What one task sends to the model on its first turn. */
export interface BuiltPrompt {
  /** [shared spec context (cached), role prompt (cached)] — identical bytes for every task of the same role. */
  system: SystemPart[];
  /** The task context: the task, the items it covers, files from dependencies, the repo tree. */
  user: string;
}

export interface RoleDefinition {
  role: Role;
  /** The Markdown prompt. */
  prompt: string;
  /** Where it came from: `builtin` or the repository path that overrides it. */
  source: string;
}

export interface AgentTaskInput {
  task: Task;
  prompt: BuiltPrompt;
  model: ModelPort;
  modelName: string;
  maxTokens: number;
  maxTurns: number;
  workspace: Workspace;
  signal?: AbortSignal;
  onEvent?: ProgressListener;
  /** Called after every model call with its usage; the engine's budget hooks in here. */
  onUsage?: (usage: Usage) => void;
  /** The repository's checks the agent may run (run_check), and the loop runs before accepting DONE. */
  checks?: CheckRunner | undefined;
  /** run_check calls one task may make (default DEFAULT_MAX_CHECKS_PER_TASK). */
  maxChecks?: number;
  /** Whether a test command runs after the tasks (the model is told). */
  testsRunAfter?: boolean;
}

/** An edit refused because another task changed the file after this one viewed it (core's EditConflict). */
export type EditConflictNote = EditConflict;

export interface AgentOutcome {
  status: 'success' | 'failed' | 'cancelled';
  reason?: string;
  turns: number;
  calls: number;
  usage: Usage;
  /** Workspace-relative paths written by this task. */
  files: string[];
  warnings: string[];
  /** Edits refused because the file changed under the task (parallel mode): it re-viewed and re-applied. */
  conflicts?: EditConflictNote[];
  /** The end of the last non-empty text the model wrote (failed tasks only), to explain the failure. */
  lastReply?: string;
}
