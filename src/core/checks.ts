// The check port: how an agent runs one of the repository's own commands (tests, type check, lint) without
// the agents layer knowing how commands are started. The run layer implements it (sandboxed, no secrets, a time
// limit, a bounded output tail); the agents only see names and results.

/** The end of a check's output is all an agent gets back: enough to see the failures, bounded for the context. */
export const MAX_CHECK_OUTPUT_CHARS = 10_000;
/** Checks one agent task may run itself (the loop's own check before accepting DONE is not counted). */
export const DEFAULT_MAX_CHECKS_PER_TASK = 6;

export interface CheckResult {
  /** null when the process was killed (time limit) or could not start. */
  exitCode: number | null;
  /** The end of stdout+stderr, secrets redacted, at most MAX_CHECK_OUTPUT_CHARS. */
  outputTail: string;
  timedOut: boolean;
  durationMs: number;
  /** Whether it ran inside the sandbox (no network, no secrets). */
  sandboxed?: boolean;
}

export interface CheckRunner {
  /** The configured check names, cheapest first (the order the repository lists them, `test` last). */
  readonly names: readonly string[];
  /**
   * The check the loop runs itself before it accepts an agent's DONE: the cheapest one the repository lists under
   * `checks:`. Undefined when only the test-command is configured: the whole suite runs after all tasks anyway,
   * and an early task cannot be expected to pass tests that later tasks make pass.
   */
  readonly beforeDone: string | undefined;
  /** The command line a name runs, for the prompt and the report. */
  commandOf(name: string): string | undefined;
  /** Runs one configured check. Never throws for a failing command: a failure is a result. */
  run(name: string, signal?: AbortSignal): Promise<CheckResult>;
}

/** Names a check may have in `checks:` (they become words in prompts and tool input). */
export const CHECK_NAME_PATTERN = /^[a-z][a-z0-9_-]{0,39}$/;
