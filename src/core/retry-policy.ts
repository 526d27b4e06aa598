// How long retries and polls wait. Real APIs get the standard timing (seconds, backoff, write pacing); the
// loopback fakes of the end-to-end tests answer at once, so the entry may choose the fast timing. The entry
// picks it (the action's `retry-timing` input) and passes it down: no module reads a switch of its own.

/** Rate-limit behaviour of the GitHub client (see github/client.ts). */
export interface GitHubRetryTiming {
  retries: number;
  throttle: { retryAfterBaseValue: number; writePacing: boolean; minimumSecondaryRateRetryAfter: number };
}

export interface RetryPolicy {
  /** First delay of the model adapter's backoff between broken-stream retries; unset = the adapter's 1 s. */
  modelRetryBaseDelayMs?: number;
  /** GitHub client retries and throttling; unset = the client's defaults (3 retries, 1 s base, paced writes). */
  github?: GitHubRetryTiming;
  /** Interval between polls of a commit's CI checks; unset = the checks module's default. */
  checksPollMs?: number;
}

export const RETRY_TIMINGS = ['standard', 'fast'] as const;
export type RetryTiming = (typeof RETRY_TIMINGS)[number];

export const RETRY_POLICIES: Record<RetryTiming, RetryPolicy> = {
  standard: {},
  // Milliseconds instead of seconds: only for servers that answer at once (the test fakes on 127.0.0.1).
  fast: {
    modelRetryBaseDelayMs: 1,
    github: {
      retries: 2,
      throttle: { retryAfterBaseValue: 1, writePacing: false, minimumSecondaryRateRetryAfter: 0 },
    },
    checksPollMs: 5,
  },
};
