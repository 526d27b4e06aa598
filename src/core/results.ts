// What a run produces: per-task results and the run result the report is made from.

import type { Usage } from './model-port.js';
import type { Mode, Plan, Role, Task } from './tasks.js';

export type TaskStatus = 'pending' | 'running' | 'success' | 'failed' | 'skipped' | 'cancelled';
export type RunStatus = 'success' | 'partial' | 'failed';

export interface WriteRecord {
  /** Workspace-relative POSIX path. */
  path: string;
  action: 'created' | 'modified' | 'deleted';
  bytes: number;
  taskId: string;
  role: Role;
  /** sha256 hex of the content written ('' for deletions). */
  sha256: string;
  /**
   * Lines added and removed, of the file as it stood before the run against this write (so the last write
   * to a path gives the run's net change to it). Absent in records made before this was counted.
   */
  lines?: { added: number; removed: number };
}

/** An edit refused because another task changed the file after this one viewed it (parallel runs). */
export interface EditConflict {
  path: string;
  /** The task whose write came in between, when known. */
  changedBy?: string;
}

export interface TaskResult {
  taskId: string;
  agent: Role;
  title: string;
  status: TaskStatus;
  /** Why it failed / was skipped / was cancelled. */
  reason?: string;
  /** Model calls made (including retries inside the adapter counted once each). */
  calls: number;
  /** Attempts of the whole task (a task is retried once when its call failed with a retryable error). */
  attempts: number;
  turns: number;
  /** Workspace-relative paths this task wrote. */
  files: string[];
  usage: Usage;
  costUsd: number;
  durationMs: number;
  estimateUsd: number;
  warnings: string[];
  /** The model the task ran on, present only when its role's model differs from the run's. */
  model?: string;
  /** The end of the agent's last text reply (untrusted, unescaped), kept for failed tasks to explain them. */
  lastReply?: string;
  /** Edits refused because the file changed under the task; it viewed the file again before editing. */
  conflicts?: EditConflict[];
}

export type ProgressEvent =
  | { type: 'task-start'; task: Task }
  | { type: 'task-end'; result: TaskResult }
  | { type: 'file'; record: WriteRecord }
  | { type: 'cost'; totalUsd: number; usage: Usage }
  | { type: 'warning'; message: string; taskId?: string }
  | { type: 'text'; taskId: string; text: string };

export type ProgressListener = (event: ProgressEvent) => void;

export interface BudgetSummary {
  warnUsd: number;
  maxUsd: number;
  warned: boolean;
  /** Stopped because spending reached max-cost. */
  aborted: boolean;
  /** Stopped from outside (a cancelled job, Ctrl-C): why. */
  stoppedBy?: string;
}

export interface RunResult {
  status: RunStatus;
  spec: { id: string; name: string; path: string; hash: string };
  mode: Mode;
  model: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  tasks: TaskResult[];
  /** Every write, in order. */
  writes: WriteRecord[];
  usage: Usage;
  costUsd: number;
  /** What the same tokens would have cost without prompt caching. */
  costUsdWithoutCache: number;
  budget: BudgetSummary;
  warnings: string[];
  errors: string[];
  plan: Plan;
  /** Calls made to outside APIs, filled by the edges (model by the engine, github by the action). */
  apiCalls: { model: number; github: number };
  /** Where the files were written (checkout or --output-dir), absolute. */
  outputDir: string;
  /** The test loop's rounds, when a test command was given. */
  testLoop?: TestLoopResult;
  /** The review agent's verdicts, when the review ran. */
  review?: ReviewResult;
  /** CI checks of the PR waited for (wait-for-checks), with fix rounds, like the test loop. */
  checks?: TestLoopResult & { finalState: string };
  /** Tasks taken over from an earlier run of the same plan (resume), by id. */
  resumed?: string[];
}

export interface TestRound {
  /** 0 = the first test run after the agents; n = the test run after fix round n. */
  round: number;
  command: string;
  exitCode: number | null;
  passed: boolean;
  timedOut: boolean;
  durationMs: number;
  /** The end of the output (trimmed to a budget), secrets redacted. */
  outputTail: string;
  /** The fix task that ran after this failed round, if any. */
  fixTask?: TaskResult;
}

export interface TestLoopResult {
  command: string;
  passed: boolean;
  rounds: TestRound[];
  /** Why the loop stopped (passed, max-fix-rounds reached, budget, fix task failed). */
  stopReason: string;
}

export type ReviewVerdict = 'met' | 'partly' | 'not-met' | 'not-verifiable';

export interface ReviewItem {
  /** Spec item id (AT-1, AC-2, FR-3 …). */
  itemId: string;
  verdict: ReviewVerdict;
  /** `file:line` references into the written files. */
  evidence: string[];
  note: string;
  /** The verdict before the review's fix round, on an item re-checked after it. */
  before?: ReviewVerdict;
}

/** The one fix round a review gets for the must-have items it judged not met, and their re-check. */
export interface ReviewFixRound {
  itemIds: string[];
  /** The fix task (absent when none could start: no budget). */
  fixTask?: TaskResult;
  /** How the re-check of those items went; `not-run` when the fix did not run or changed no file. */
  recheck: ReviewResult['status'] | 'not-run';
  /** Why the re-check did not run or did not complete. */
  reason?: string;
}

export interface ReviewResult {
  status: 'completed' | 'malformed' | 'failed' | 'skipped';
  items: ReviewItem[];
  /** Why it is not completed. */
  reason?: string;
  calls: number;
  usage: Usage;
  costUsd: number;
  /** Present when a must-have item was judged not met (calls, usage and cost include the re-check). */
  fixRound?: ReviewFixRound;
}
