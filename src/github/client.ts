// The one place an authenticated GitHub REST client is built: @actions/github's getOctokit plus the
// throttling and retry plugins, with every HTTP attempt counted for the run report.
import { getOctokit } from '@actions/github';
import type { Octokit as CoreOctokit, OctokitOptions } from '@octokit/core';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck';

export type Octokit = ReturnType<typeof getOctokit>;

export interface GitHubClientOptions {
  token: string;
  /** Who an installation token comments as (`<app-slug>[bot]` for a GitHub App); default github-actions[bot]. */
  botLogin?: string;
  /** API root; default `GITHUB_API_URL`, else https://api.github.com. */
  baseUrl?: string;
  /** Retries of 5xx/network failures by the retry plugin (default 3). */
  retries?: number;
  throttle?: {
    /** Seconds to wait on a secondary rate limit that came without `retry-after` (default 60). */
    minimumSecondaryRateRetryAfter?: number;
    /**
     * Milliseconds per "second" of any wait (default 1000). Tests set 1 so a `retry-after: 2` waits 2 ms
     * and the retry plugin's 1 s/4 s/9 s back-off becomes 1/4/9 ms.
     */
    retryAfterBaseValue?: number;
    /**
     * GitHub asks integrations to pace writes (≥1 s apart, ≥3 s for ones that notify). On by default; tests
     * against the loopback fake turn it off.
     */
    writePacing?: boolean;
    /** Give up instead of waiting when a limit resets later than this many seconds (default 300). */
    maxWaitSeconds?: number;
  };
  log?: (msg: string) => void;
  userAgent?: string;
}

export interface GitHubClient {
  octokit: Octokit;
  /** HTTP requests sent so far, retries included. */
  calls(): number;
  /** The token's own login (asked once; see tokenLogin): the only author whose marked comments count. */
  login(): Promise<string>;
}

/** Rate-limit retries per request (primary and secondary). */
export const RATE_LIMIT_RETRIES = 2;

export function createGitHubClient(opts: GitHubClientOptions): GitHubClient {
  if (!opts.token) {
    throw new Error(
      'No GitHub token: set the `github-token` input (defaults to GITHUB_TOKEN) or the GITHUB_TOKEN environment variable.',
    );
  }
  const log = opts.log ?? (() => {});
  const baseUrl = (opts.baseUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com').replace(
    /\/+$/,
    '',
  );
  const baseValue = opts.throttle?.retryAfterBaseValue ?? 1000;
  const maxWait = opts.throttle?.maxWaitSeconds ?? 300;
  let count = 0;

  // Registered first so its wrap is innermost: it sees each attempt the throttling and retry plugins make.
  const countRequests = (octokit: CoreOctokit) => {
    octokit.hook.wrap('request', (request, options) => {
      count += 1;
      return request(options);
    });
  };

  const onLimit =
    (kind: string) =>
    (
      retryAfter: number,
      options: { method?: string; url?: string },
      _octokit: unknown,
      retryCount: number,
    ) => {
      // options.url is the route template; fill it in so the log names the real resource.
      const params = options as Record<string, unknown>;
      const url = (options.url ?? '').replace(/\{(\w+)\}/g, (m, key: string) =>
        params[key] === undefined ? m : String(params[key]),
      );
      const what = `${options.method ?? 'GET'} ${url}`;
      if (retryCount >= RATE_LIMIT_RETRIES) {
        log(`GitHub ${kind} hit on ${what}; gave up after ${retryCount} retries.`);
        return false;
      }
      if (retryAfter > maxWait) {
        log(
          `GitHub ${kind} hit on ${what}; it resets in ${retryAfter}s, longer than ${maxWait}s, so not waiting.`,
        );
        return false;
      }
      log(
        `GitHub ${kind} hit on ${what}; retrying in ${retryAfter}s (retry ${retryCount + 1}/${RATE_LIMIT_RETRIES}).`,
      );
      return true;
    };

  const throttle: Record<string, unknown> = {
    onRateLimit: onLimit('rate limit'),
    onSecondaryRateLimit: onLimit('secondary rate limit'),
    retryAfterBaseValue: baseValue,
    fallbackSecondaryRateRetryAfter: opts.throttle?.minimumSecondaryRateRetryAfter ?? 60,
  };
  if (opts.throttle?.writePacing === false) {
    // Own groups without minTime; the plugin's defaults are process-wide and space writes 1–3 s apart.
    throttle.write = new Bottleneck.Group({ maxConcurrent: 1 });
    throttle.notifications = new Bottleneck.Group({ maxConcurrent: 1 });
  }

  const options: OctokitOptions = {
    baseUrl,
    throttle: throttle as unknown as OctokitOptions['throttle'],
    retry: { retries: opts.retries ?? 3, retryAfterBaseValue: baseValue },
    ...(opts.userAgent ? { userAgent: opts.userAgent } : {}),
    log: {
      debug: () => {},
      info: () => {},
      warn: (m: string) => log(m),
      error: (m: string) => log(m),
    },
  };
  const octokit = getOctokit(opts.token, options, countRequests, throttling, retry);
  let login: Promise<string> | undefined;
  return {
    octokit,
    calls: () => count,
    login: () => {
      login ??= tokenLogin(octokit, opts.token, opts.botLogin || DEFAULT_BOT_LOGIN);
      return login;
    },
  };
}
/**
 * Who the workflow's GITHUB_TOKEN comments as. An installation token cannot ask who it is (`GET /user` and
 * `GET /app` answer 403), so for one the login is this, or the `bot-login` the workflow names for a GitHub
 * App token (`<app-slug>[bot]`).
 */
export const DEFAULT_BOT_LOGIN = 'github-actions[bot]';

/**
 * The login of the token's own identity, whose comments alone are trusted to carry our markers. An
 * installation token (`ghs_…`: the workflow's GITHUB_TOKEN or a GitHub App's) cannot ask who it is, so it is
 * `fallback` without a call; any other token asks `GET /user`, and a 401/403 there also means `fallback`.
 * Other failures are thrown: the run cannot tell its own comments from anyone else's.
 */
export async function tokenLogin(
  octokit: Octokit,
  token: string,
  fallback: string = DEFAULT_BOT_LOGIN,
): Promise<string> {
  if (token.startsWith('ghs_')) return fallback;
  try {
    const { data } = await octokit.rest.users.getAuthenticated();
    return data.login;
  } catch (err) {
    if (isRequestError(err) && (err.status === 401 || err.status === 403)) return fallback;
    throw explainGitHubError(err, 'find out which account the github-token belongs to (GET /user)');
  }
}

interface RequestErrorLike {
  status: number;
  message: string;
  response?: { data?: unknown; headers?: Record<string, string | undefined> };
}

export function isRequestError(err: unknown): err is RequestErrorLike {
  return typeof err === 'object' && err !== null && typeof (err as { status?: unknown }).status === 'number';
}

export interface ValidationError {
  resource?: string;
  field?: string;
  code?: string;
  message?: string;
}

/** The `errors` array of a 422 response, or [] for anything else. */
export function validationErrors(err: unknown): ValidationError[] {
  if (!isRequestError(err) || err.status !== 422) return [];
  const errors = (err.response?.data as { errors?: unknown } | undefined)?.errors;
  return Array.isArray(errors)
    ? errors.filter((e): e is ValidationError => typeof e === 'object' && e !== null)
    : [];
}

/** GitHub's own message (without octokit's appended docs URL and errors dump). */
export function githubMessage(err: unknown): string {
  if (isRequestError(err)) {
    const data = err.response?.data as {
      message?: unknown;
      errors?: Array<{ message?: string; code?: string; field?: string }>;
    };
    if (data && typeof data.message === 'string') {
      const details = (data.errors ?? [])
        .map((e) => e.message ?? [e.field, e.code].filter(Boolean).join(' '))
        .filter(Boolean);
      return details.length ? `${data.message}: ${details.join('; ')}` : data.message;
    }
  }
  return err instanceof Error ? err.message : String(err);
}

/**
 * A clear Error for a failed GitHub call: what we were doing, the status and GitHub's words, and what the
 * user can do about it.
 */
export function explainGitHubError(err: unknown, doing: string): Error {
  if (!isRequestError(err)) {
    const msg = err instanceof Error ? err.message : String(err);
    return new Error(`Could not ${doing}: ${msg}. Check network access to the GitHub API (GITHUB_API_URL).`, {
      cause: err,
    });
  }
  const said = githubMessage(err);
  let hint: string;
  switch (err.status) {
    case 401:
      hint =
        'The token was rejected. Check the `github-token` input (or GITHUB_TOKEN): it may be expired, revoked or mistyped.';
      break;
    case 403:
      hint = /rate limit/i.test(said)
        ? 'GitHub rate-limited this token; wait for the limit to reset or use a token with its own quota.'
        : 'The token lacks permission. Give the workflow `permissions:` `contents: write`, `pull-requests: write` and `issues: write`, or use a PAT/App token in `github-token`.';
      break;
    case 404:
      hint =
        'Not found, or the token cannot see it. Check the repository name and that the token has access to it.';
      break;
    case 409:
      hint = 'GitHub reported a conflict (e.g. the branch moved or the repository is empty); re-run the job.';
      break;
    case 422:
      hint = 'GitHub rejected the request as invalid; check branch names and inputs.';
      break;
    default:
      hint =
        err.status >= 500
          ? 'GitHub had a server error and retries did not help; re-run the job later (see https://www.githubstatus.com).'
          : 'See the message above.';
  }
  return new Error(`Could not ${doing}: GitHub answered ${err.status} (${said}). ${hint}`, { cause: err });
}
