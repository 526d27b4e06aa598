/**
 * A fake GitHub REST API on 127.0.0.1 (random port) for tests and e2e runs.
 *
 * Real HTTP over loopback: octokit (in this process or in a child process started with
 * `GITHUB_API_URL=<url>`) talks to it exactly as it would to api.github.com. State is in memory; status
 * codes, headers and error bodies follow GitHub's (`{"message", "documentation_url"}`, 422 `errors` array,
 * `x-ratelimit-*`, `x-github-request-id`, `Link` pagination).
 *
 * Usage:
 *
 *   const gh = await startFakeGitHub({
 *     repos: [{ owner: 'acme', repo: 'widgets', branches: ['main'], collaborators: { alice: 'admin', bob: 'read' } }],
 *   });
 *   const octokit = getOctokit('test-token', { baseUrl: gh.url });
 *   gh.failNext('POST', /\/pulls$/, faults.actionsCannotCreatePullRequests());
 *   gh.checks.script(sha, [
 *     { checkRuns: [{ name: 'test', status: 'in_progress' }] },                      // first poll
 *     { checkRuns: [{ name: 'test', status: 'completed', conclusion: 'failure',      // later polls
 *                     output: { text: '…' }, annotations: [{ path: 'a.ts', start_line: 3, message: '…' }] }] },
 *   ]);
 *   ... run code under test ...
 *   expect(gh.count('POST', /\/pulls$/)).toBe(1);
 *   expect(gh.state.pulls[0]?.title).toBe('…');
 *   await gh.close();
 *
 * For a child process pass `GITHUB_API_URL: gh.url` (and a token) in its env, and start it with an async
 * API (`spawn`/`execFile`): a synchronous spawn blocks this event loop, so the fake could not answer.
 *
 * With no seed there is one repository `acme/widgets` (default branch `main`, no branch list, so any
 * base/head is accepted) and any non-empty token is accepted.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeRole = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

export interface FakeRepoSeed {
  owner: string;
  repo: string;
  defaultBranch?: string;
  private?: boolean;
  /** Set when this repository is a fork: the parent's full name, e.g. 'upstream/widgets'. */
  forkOf?: string;
  /**
   * Branches that exist. When given, creating a PR whose base or head branch is missing fails with 422 like
   * GitHub; when omitted any branch name is accepted.
   */
  branches?: string[];
  /** login → role. Users not listed get 404 from the permission endpoint (GitHub: no such user). */
  collaborators?: Record<string, FakeRole>;
}

export interface FakePullFile {
  sha: string;
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  additions: number;
  deletions: number;
  changes: number;
  patch?: string;
  previous_filename?: string;
}

export interface FakePull {
  owner: string;
  repo: string;
  number: number;
  id: number;
  state: 'open' | 'closed';
  title: string;
  body: string | null;
  draft: boolean;
  merged: boolean;
  /** Head as `owner:branch`. */
  head: string;
  base: string;
  labels: string[];
  user: string;
  files: FakePullFile[];
  created_at: string;
  updated_at: string;
}

export interface FakeComment {
  owner: string;
  repo: string;
  issueNumber: number;
  id: number;
  body: string;
  user: string;
  created_at: string;
  updated_at: string;
}

export interface FakeReaction {
  owner: string;
  repo: string;
  commentId: number;
  id: number;
  content: string;
  user: string;
}

export interface FakeIssue {
  owner: string;
  repo: string;
  number: number;
  title: string;
  labels: string[];
}

export interface FakeRepo {
  owner: string;
  repo: string;
  defaultBranch: string;
  private: boolean;
  forkOf?: string;
  branches?: string[];
  collaborators: Record<string, FakeRole>;
}

/** One check run as a test scripts it; unset fields get GitHub-like defaults. */
export interface FakeCheckRun {
  /** Default: stable per repository, commit and name (a run keeps its id while it progresses). */
  id?: number;
  name: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion?:
    | 'success'
    | 'failure'
    | 'neutral'
    | 'cancelled'
    | 'skipped'
    | 'timed_out'
    | 'action_required'
    | 'stale'
    | null;
  html_url?: string;
  details_url?: string;
  output?: { title?: string | null; summary?: string | null; text?: string | null };
  /** Default 'github-actions'. */
  app?: { slug: string };
  /** Served by `GET /repos/{o}/{r}/check-runs/{id}/annotations`. */
  annotations?: FakeAnnotation[];
}

export interface FakeAnnotation {
  path: string;
  start_line: number;
  end_line?: number;
  annotation_level?: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string | null;
  raw_details?: string | null;
}

/** One commit status (the older Statuses API, e.g. from external CI). */
export interface FakeCommitStatus {
  context: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  description?: string | null;
  target_url?: string | null;
}

/** What a commit's checks look like at one poll. */
export interface FakeCommitChecks {
  checkRuns?: FakeCheckRun[];
  statuses?: FakeCommitStatus[];
}

/**
 * A commit's checks over successive polls: a list (poll n sees entry n; after the last, the last repeats) or
 * a function of the poll index. Polls are counted per endpoint and per ref: each first-page request to
 * `…/check-runs` is one check-runs poll, each request to `…/status` one status poll.
 */
export type FakeChecksScript = FakeCommitChecks[] | ((ref: string, pollIndex: number) => FakeCommitChecks);

export interface FakeChecks {
  /** Script the checks of commit (or ref) `ref`, or of every unscripted ref with '*'. Replaces any earlier script. */
  script(ref: string, script: FakeChecksScript): void;
  /** Check-runs polls served so far for `ref` (as requested, e.g. the sha). */
  polls(ref: string): number;
}

export interface FakeState {
  repos: FakeRepo[];
  pulls: FakePull[];
  issues: FakeIssue[];
  comments: FakeComment[];
  reactions: FakeReaction[];
  /** `owner/repo base...head` → changed files, for the compare endpoint. */
  compares: Record<string, FakePullFile[]>;
  /** Login the token acts as (author of created PRs and comments). */
  actor: string;
  rateLimit: { limit: number; remaining: number; reset: number };
}

export interface FakeGitHubSeed {
  repos?: FakeRepoSeed[];
  /** Pre-existing pull requests (owner/repo default to the first repo). */
  pulls?: Array<Partial<FakePull> & { head: string; base: string }>;
  /** Pre-existing issues (numbers share the PR number space). */
  issues?: Array<Partial<FakeIssue> & { number: number }>;
  comments?: Array<Partial<FakeComment> & { issueNumber: number; body: string }>;
  compares?: Record<string, FakePullFile[]>;
  /** Accepted tokens; when omitted any non-empty token is accepted. */
  tokens?: string[];
  /** Login the token acts as; default 'github-actions[bot]'. */
  actor?: string;
  /** Default 5000. */
  rateLimit?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/repos/acme/widgets/pulls`. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, the raw text when it is not JSON, undefined when empty. */
  body: unknown;
  /** Status sent back. */
  status: number;
  /** True when the response came from `failNext`. */
  injected: boolean;
}

export interface FaultSpec {
  status: number;
  /** JSON body; default `{message: <reason phrase>, documentation_url}`. */
  body?: unknown;
  headers?: Record<string, string>;
  /** How many matching requests fail; default 1. */
  times?: number;
}

export interface FakeGitHub {
  /** Base URL, e.g. `http://127.0.0.1:41234` (use as `baseUrl` / `GITHUB_API_URL`). */
  url: string;
  /** Every request received, in order (including injected failures and 401s). */
  requests: RecordedRequest[];
  state: FakeState;
  /** Check runs and commit statuses per commit; with no script a commit has none. */
  checks: FakeChecks;
  /** The next `times` requests matching method (or '*') and path regex get this response instead. */
  failNext(method: string, path: RegExp, fault: FaultSpec): void;
  /** Number of recorded requests matching method (or '*') and optional path regex. */
  count(method?: string, path?: RegExp): number;
  /** Forget recorded requests (state is kept). */
  clearRequests(): void;
  close(): Promise<void>;
}

const DOCS = 'https://docs.github.com/rest';

/** Ready-made fault specs that match what GitHub really sends. */
export const faults = {
  badCredentials: (): FaultSpec => ({
    status: 401,
    body: { message: 'Bad credentials', documentation_url: DOCS, status: '401' },
  }),
  notFound: (): FaultSpec => ({
    status: 404,
    body: { message: 'Not Found', documentation_url: DOCS, status: '404' },
  }),
  forbidden: (message = 'Resource not accessible by integration'): FaultSpec => ({
    status: 403,
    body: { message, documentation_url: DOCS, status: '403' },
  }),
  actionsCannotCreatePullRequests: (): FaultSpec => ({
    status: 403,
    body: {
      message: 'GitHub Actions is not permitted to create or approve pull requests.',
      documentation_url: 'https://docs.github.com/rest/pulls/pulls#create-a-pull-request',
      status: '403',
    },
  }),
  secondaryRateLimit: (retryAfterSeconds = 1, times = 1): FaultSpec => ({
    status: 403,
    times,
    headers: { 'retry-after': String(retryAfterSeconds) },
    body: {
      message:
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.',
      documentation_url:
        'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
    },
  }),
  /** Primary rate limit exhausted; resets `resetInSeconds` from now. */
  rateLimited: (resetInSeconds = 1, times = 1): FaultSpec => ({
    status: 403,
    times,
    headers: {
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + resetInSeconds),
    },
    body: {
      message: 'API rate limit exceeded for installation ID 1.',
      documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
    },
  }),
  tooManyRequests: (retryAfterSeconds = 1, times = 1): FaultSpec => ({
    status: 429,
    times,
    headers: { 'retry-after': String(retryAfterSeconds) },
    body: { message: 'Too Many Requests', documentation_url: DOCS },
  }),
  conflict: (message = 'Conflict'): FaultSpec => ({
    status: 409,
    body: { message, documentation_url: DOCS },
  }),
  validationFailed: (errors: unknown[] = []): FaultSpec => ({
    status: 422,
    body: { message: 'Validation Failed', errors, documentation_url: DOCS, status: '422' },
  }),
  serverError: (status = 502, times = 1): FaultSpec => ({
    status,
    times,
    body: { message: status === 503 ? 'Service Unavailable' : 'Server Error', documentation_url: DOCS },
  }),
};

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Bad credentials',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Validation Failed',
  429: 'Too Many Requests',
  500: 'Server Error',
  502: 'Server Error',
  503: 'Service Unavailable',
};

const MAX_BODY = 65_536;
const REACTIONS = new Set(['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes']);
const LEGACY_PERMISSION: Record<FakeRole, string> = {
  admin: 'admin',
  maintain: 'write',
  write: 'write',
  triage: 'read',
  read: 'read',
  none: 'none',
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.message));
  }
}

function fail(status: number, message = REASONS[status] ?? 'Error', extra: Record<string, unknown> = {}) {
  return new HttpError(status, { message, documentation_url: DOCS, ...extra, status: String(status) });
}

function validation(errors: unknown[], docs = DOCS) {
  return new HttpError(422, { message: 'Validation Failed', errors, documentation_url: docs, status: '422' });
}

export async function startFakeGitHub(seed: FakeGitHubSeed = {}): Promise<FakeGitHub> {
  const now = () => new Date().toISOString();
  const repoSeeds = seed.repos ?? [{ owner: 'acme', repo: 'widgets' }];
  const state: FakeState = {
    repos: repoSeeds.map((r) => ({
      owner: r.owner,
      repo: r.repo,
      defaultBranch: r.defaultBranch ?? 'main',
      private: r.private ?? false,
      collaborators: r.collaborators ?? {},
      ...(r.branches ? { branches: r.branches } : {}),
      ...(r.forkOf ? { forkOf: r.forkOf } : {}),
    })),
    pulls: [],
    issues: [],
    comments: [],
    reactions: [],
    compares: seed.compares ?? {},
    actor: seed.actor ?? 'github-actions[bot]',
    rateLimit: {
      limit: seed.rateLimit ?? 5000,
      remaining: seed.rateLimit ?? 5000,
      reset: Math.floor(Date.now() / 1000) + 3600,
    },
  };
  const first = state.repos[0];
  let nextId = 1000;
  const nextNumber = new Map<string, number>();
  const takeNumber = (full: string): number => {
    const n = nextNumber.get(full) ?? 1;
    nextNumber.set(full, n + 1);
    return n;
  };
  const bumpNumber = (full: string, used: number) => {
    if ((nextNumber.get(full) ?? 1) <= used) nextNumber.set(full, used + 1);
  };

  for (const p of seed.pulls ?? []) {
    const owner = p.owner ?? first?.owner ?? 'acme';
    const repo = p.repo ?? first?.repo ?? 'widgets';
    const number = p.number ?? takeNumber(`${owner}/${repo}`);
    bumpNumber(`${owner}/${repo}`, number);
    state.pulls.push({
      owner,
      repo,
      number,
      id: nextId++,
      state: p.state ?? 'open',
      title: p.title ?? `PR ${number}`,
      body: p.body ?? null,
      draft: p.draft ?? false,
      merged: p.merged ?? false,
      head: p.head.includes(':') ? p.head : `${owner}:${p.head}`,
      base: p.base,
      labels: p.labels ?? [],
      user: p.user ?? 'octocat',
      files: p.files ?? [],
      created_at: p.created_at ?? now(),
      updated_at: p.updated_at ?? now(),
    });
  }
  for (const i of seed.issues ?? []) {
    const owner = i.owner ?? first?.owner ?? 'acme';
    const repo = i.repo ?? first?.repo ?? 'widgets';
    bumpNumber(`${owner}/${repo}`, i.number);
    state.issues.push({
      owner,
      repo,
      number: i.number,
      title: i.title ?? `Issue ${i.number}`,
      labels: i.labels ?? [],
    });
  }
  for (const c of seed.comments ?? []) {
    state.comments.push({
      owner: c.owner ?? first?.owner ?? 'acme',
      repo: c.repo ?? first?.repo ?? 'widgets',
      issueNumber: c.issueNumber,
      id: c.id ?? nextId++,
      body: c.body,
      user: c.user ?? 'octocat',
      created_at: c.created_at ?? now(),
      updated_at: c.updated_at ?? now(),
    });
  }

  const requests: RecordedRequest[] = [];
  const faultQueue: Array<{ method: string; path: RegExp; fault: FaultSpec; left: number }> = [];
  let base = '';

  // ---- JSON renderers (the fields octokit callers actually read, shaped like GitHub's) ----
  const userJson = (login: string) => ({
    login,
    id: login.length * 7919,
    type: login.endsWith('[bot]') ? 'Bot' : 'User',
    html_url: `https://github.com/${login}`,
  });
  const repoJson = (r: FakeRepo) => {
    const full = `${r.owner}/${r.repo}`;
    const parent = r.forkOf
      ? { full_name: r.forkOf, name: r.forkOf.split('/')[1], owner: userJson(r.forkOf.split('/')[0] ?? '') }
      : undefined;
    return {
      id: full.length * 104729,
      name: r.repo,
      full_name: full,
      owner: userJson(r.owner),
      private: r.private,
      visibility: r.private ? 'private' : 'public',
      fork: Boolean(r.forkOf),
      ...(parent ? { parent, source: parent } : {}),
      default_branch: r.defaultBranch,
      html_url: `https://github.com/${full}`,
      url: `${base}/repos/${full}`,
      clone_url: `https://github.com/${full}.git`,
    };
  };
  const labelJson = (name: string) => ({ id: name.length * 31, name, color: 'ededed', default: false });
  const refJson = (label: string, repoFallback: FakeRepo | undefined) => {
    const [owner, ...rest] = label.split(':');
    const ref = rest.join(':');
    const repo = state.repos.find((r) => r.owner === owner) ?? repoFallback;
    return {
      label,
      ref,
      sha: 'f'.repeat(40),
      user: userJson(owner ?? ''),
      repo: repo ? repoJson(repo) : null,
    };
  };
  const pullJson = (p: FakePull) => {
    const r = findRepo(p.owner, p.repo);
    const full = `${p.owner}/${p.repo}`;
    return {
      url: `${base}/repos/${full}/pulls/${p.number}`,
      id: p.id,
      node_id: `PR_${p.id}`,
      html_url: `https://github.com/${full}/pull/${p.number}`,
      issue_url: `${base}/repos/${full}/issues/${p.number}`,
      number: p.number,
      state: p.state,
      locked: false,
      title: p.title,
      user: userJson(p.user),
      body: p.body,
      labels: p.labels.map(labelJson),
      created_at: p.created_at,
      updated_at: p.updated_at,
      closed_at: p.state === 'closed' ? p.updated_at : null,
      merged_at: p.merged ? p.updated_at : null,
      draft: p.draft,
      merged: p.merged,
      head: refJson(p.head, r),
      base: refJson(`${p.owner}:${p.base}`, r),
      changed_files: p.files.length,
    };
  };
  const commentJson = (c: FakeComment) => {
    const full = `${c.owner}/${c.repo}`;
    return {
      id: c.id,
      node_id: `IC_${c.id}`,
      url: `${base}/repos/${full}/issues/comments/${c.id}`,
      html_url: `https://github.com/${full}/issues/${c.issueNumber}#issuecomment-${c.id}`,
      issue_url: `${base}/repos/${full}/issues/${c.issueNumber}`,
      body: c.body,
      user: userJson(c.user),
      created_at: c.created_at,
      updated_at: c.updated_at,
      author_association: 'NONE',
    };
  };

  function findRepo(owner: string, repo: string) {
    return state.repos.find(
      (r) => r.owner.toLowerCase() === owner.toLowerCase() && r.repo.toLowerCase() === repo.toLowerCase(),
    );
  }
  function requireRepo(owner: string, repo: string) {
    const r = findRepo(owner, repo);
    if (!r) throw fail(404, 'Not Found');
    return r;
  }
  function requireIssueOrPull(owner: string, repo: string, n: number) {
    const exists =
      state.pulls.some((p) => p.owner === owner && p.repo === repo && p.number === n) ||
      state.issues.some((i) => i.owner === owner && i.repo === repo && i.number === n);
    if (!exists) throw fail(404, 'Not Found');
  }

  function paginate<T>(
    path: string,
    query: Record<string, string>,
    items: T[],
    headers: Record<string, string>,
  ): T[] {
    const perPage = Math.min(Math.max(Number(query.per_page) || 30, 1), 100);
    const page = Math.max(Number(query.page) || 1, 1);
    const last = Math.max(Math.ceil(items.length / perPage), 1);
    const link = (p: number) => {
      const q = new URLSearchParams({ ...query, per_page: String(perPage), page: String(p) });
      return `<${base}${path}?${q.toString()}>`;
    };
    const rels: string[] = [];
    if (page < last) rels.push(`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`);
    if (page > 1) rels.push(`${link(1)}; rel="first"`, `${link(page - 1)}; rel="prev"`);
    if (rels.length) headers.link = rels.join(', ');
    return items.slice((page - 1) * perPage, page * perPage);
  }

  function checkBody(value: unknown, resource: string, field = 'body') {
    if (typeof value === 'string' && value.length > MAX_BODY) {
      throw validation([
        {
          resource,
          code: 'custom',
          field,
          message: `${field} is too long (maximum is ${MAX_BODY} characters)`,
        },
      ]);
    }
  }

  type Handler = (ctx: {
    params: string[];
    query: Record<string, string>;
    body: Record<string, unknown>;
    headers: Record<string, string>;
  }) => { status: number; json: unknown };

  const routes: Array<{ method: string; pattern: RegExp; handler: Handler }> = [];
  const route = (method: string, pattern: RegExp, handler: Handler) =>
    routes.push({ method, pattern, handler });
  const SEG = '([^/]+)';
  const rx = (s: string) => new RegExp(`^${s.replaceAll('{}', SEG)}/?$`);

  // Who the token is: a user token answers; an installation token (the default actor, a bot) gets 403, as on
  // GitHub, where GITHUB_TOKEN cannot read /user.
  route('GET', rx('/user'), () => {
    if (state.actor.endsWith('[bot]')) {
      throw fail(403, 'Resource not accessible by integration');
    }
    return { status: 200, json: userJson(state.actor) };
  });

  route('GET', rx('/repos/{}/{}'), ({ params: [o, r] }) => ({
    status: 200,
    json: repoJson(requireRepo(o!, r!)),
  }));

  route('GET', rx('/repos/{}/{}/collaborators/{}/permission'), ({ params: [o, r, user] }) => {
    const repo = requireRepo(o!, r!);
    const role = Object.entries(repo.collaborators).find(
      ([login]) => login.toLowerCase() === user!.toLowerCase(),
    );
    if (!role) throw fail(404, 'Not Found');
    const [login, roleName] = role;
    return {
      status: 200,
      json: {
        permission: LEGACY_PERMISSION[roleName],
        role_name: roleName,
        user: { ...userJson(login), role_name: roleName },
      },
    };
  });

  route('GET', rx('/repos/{}/{}/pulls'), ({ params: [o, r], query, headers }) => {
    const repo = requireRepo(o!, r!);
    const wantState = query.state ?? 'open';
    let list = state.pulls.filter((p) => p.owner === repo.owner && p.repo === repo.repo);
    if (wantState !== 'all') list = list.filter((p) => p.state === wantState);
    if (query.base) list = list.filter((p) => p.base === query.base);
    if (query.head) {
      const head = query.head.includes(':') ? query.head : `${repo.owner}:${query.head}`;
      list = list.filter((p) => p.head.toLowerCase() === head.toLowerCase());
    }
    list = [...list].sort((a, b) => b.number - a.number);
    return { status: 200, json: paginate(`/repos/${o}/${r}/pulls`, query, list, headers).map(pullJson) };
  });

  route('POST', rx('/repos/{}/{}/pulls'), ({ params: [o, r], body, headers }) => {
    const repo = requireRepo(o!, r!);
    const docs = 'https://docs.github.com/rest/pulls/pulls#create-a-pull-request';
    const missing = ['head', 'base'].filter((f) => typeof body[f] !== 'string' || body[f] === '');
    if (typeof body.title !== 'string' && body.issue === undefined) missing.unshift('title');
    if (missing.length) {
      throw validation(
        missing.map((field) => ({ resource: 'PullRequest', field, code: 'missing_field' })),
        docs,
      );
    }
    checkBody(body.body, 'Issue');
    const headRaw = String(body.head);
    const head = headRaw.includes(':') ? headRaw : `${repo.owner}:${headRaw}`;
    const headBranch = head.slice(head.indexOf(':') + 1);
    const baseBranch = String(body.base);
    if (repo.branches) {
      const errors: unknown[] = [];
      if (!repo.branches.includes(baseBranch))
        errors.push({ resource: 'PullRequest', field: 'base', code: 'invalid' });
      if (head.startsWith(`${repo.owner}:`) && !repo.branches.includes(headBranch)) {
        errors.push({ resource: 'PullRequest', field: 'head', code: 'invalid' });
      }
      if (errors.length) throw validation(errors, docs);
    }
    if (head === `${repo.owner}:${baseBranch}`) {
      throw validation(
        [
          {
            resource: 'PullRequest',
            code: 'custom',
            message: `No commits between ${baseBranch} and ${headBranch}`,
          },
        ],
        docs,
      );
    }
    const existing = state.pulls.find(
      (p) =>
        p.owner === repo.owner &&
        p.repo === repo.repo &&
        p.state === 'open' &&
        p.head === head &&
        p.base === baseBranch,
    );
    if (existing) {
      throw validation(
        [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${head}.` }],
        docs,
      );
    }
    const number = takeNumber(`${repo.owner}/${repo.repo}`);
    const pull: FakePull = {
      owner: repo.owner,
      repo: repo.repo,
      number,
      id: nextId++,
      state: 'open',
      title: String(body.title ?? ''),
      body: typeof body.body === 'string' ? body.body : null,
      draft: body.draft === true,
      merged: false,
      head,
      base: baseBranch,
      labels: [],
      user: state.actor,
      files: [],
      created_at: now(),
      updated_at: now(),
    };
    state.pulls.push(pull);
    headers.location = `${base}/repos/${repo.owner}/${repo.repo}/pulls/${number}`;
    return { status: 201, json: pullJson(pull) };
  });

  const requirePull = (o: string, r: string, n: string) => {
    const repo = requireRepo(o, r);
    const pull = state.pulls.find(
      (p) => p.owner === repo.owner && p.repo === repo.repo && p.number === Number(n),
    );
    if (!pull) throw fail(404, 'Not Found');
    return pull;
  };

  route('GET', rx('/repos/{}/{}/pulls/(\\d+)'), ({ params: [o, r, n] }) => ({
    status: 200,
    json: pullJson(requirePull(o!, r!, n!)),
  }));

  route('PATCH', rx('/repos/{}/{}/pulls/(\\d+)'), ({ params: [o, r, n], body }) => {
    const pull = requirePull(o!, r!, n!);
    checkBody(body.body, 'Issue');
    if (body.state !== undefined && body.state !== 'open' && body.state !== 'closed') {
      throw validation([{ resource: 'PullRequest', field: 'state', code: 'invalid' }]);
    }
    if (typeof body.title === 'string') pull.title = body.title;
    if (typeof body.body === 'string' || body.body === null) pull.body = body.body as string | null;
    if (body.state === 'open' || body.state === 'closed') pull.state = body.state;
    if (typeof body.base === 'string') pull.base = body.base;
    pull.updated_at = now();
    return { status: 200, json: pullJson(pull) };
  });

  // GraphQL, only what REST cannot do: the draft state (REST ignores `draft` on update), both ways —
  // markPullRequestReadyForReview and convertPullRequestToDraft, each answering `pullRequest { isDraft }`.
  // Like GitHub: 200 with an `errors` array for an unknown node or an unsupported query.
  route('POST', /^\/graphql\/?$/, ({ body }) => {
    const query = typeof body.query === 'string' ? body.query : '';
    const vars = (body.variables ?? {}) as Record<string, unknown>;
    const mutation = /mutation[\s\S]*?\b(markPullRequestReadyForReview|convertPullRequestToDraft)\s*\(/.exec(
      query,
    )?.[1];
    if (!mutation) {
      return {
        status: 200,
        json: {
          errors: [
            {
              message:
                'fake github: only markPullRequestReadyForReview and convertPullRequestToDraft are supported',
            },
          ],
        },
      };
    }
    const literal = /pullRequestId:\s*"([^"]+)"/.exec(query)?.[1];
    const id = literal ?? (typeof vars.id === 'string' ? vars.id : undefined);
    const pull = state.pulls.find((p) => `PR_${p.id}` === id);
    if (!pull) {
      return {
        status: 200,
        json: {
          data: { [mutation]: null },
          errors: [
            {
              type: 'NOT_FOUND',
              path: [mutation],
              message: `Could not resolve to a node with the global id of '${id}'`,
            },
          ],
        },
      };
    }
    pull.draft = mutation === 'convertPullRequestToDraft';
    pull.updated_at = now();
    return {
      status: 200,
      json: { data: { [mutation]: { pullRequest: { isDraft: pull.draft, number: pull.number } } } },
    };
  });

  route('GET', rx('/repos/{}/{}/pulls/(\\d+)/files'), ({ params: [o, r, n], query, headers }) => {
    const pull = requirePull(o!, r!, n!);
    return { status: 200, json: paginate(`/repos/${o}/${r}/pulls/${n}/files`, query, pull.files, headers) };
  });

  const labelsOf = (o: string, r: string, n: number): string[] => {
    const pull = state.pulls.find((p) => p.owner === o && p.repo === r && p.number === n);
    if (pull) return pull.labels;
    const issue = state.issues.find((i) => i.owner === o && i.repo === r && i.number === n);
    if (issue) return issue.labels;
    throw fail(404, 'Not Found');
  };

  route('POST', rx('/repos/{}/{}/issues/(\\d+)/labels'), ({ params: [o, r, n], body }) => {
    const repo = requireRepo(o!, r!);
    const labels = labelsOf(repo.owner, repo.repo, Number(n));
    const raw = Array.isArray(body) ? body : body.labels;
    if (
      !Array.isArray(raw) ||
      raw.some((l) => typeof l !== 'string' && !(l && typeof l === 'object' && 'name' in l))
    ) {
      throw validation([{ resource: 'Label', field: 'labels', code: 'invalid' }]);
    }
    for (const l of raw) {
      const name = typeof l === 'string' ? l : String((l as { name: unknown }).name);
      if (!labels.includes(name)) labels.push(name);
    }
    return { status: 200, json: labels.map(labelJson) };
  });

  route('GET', rx('/repos/{}/{}/issues/(\\d+)/comments'), ({ params: [o, r, n], query, headers }) => {
    const repo = requireRepo(o!, r!);
    requireIssueOrPull(repo.owner, repo.repo, Number(n));
    const list = state.comments.filter(
      (c) => c.owner === repo.owner && c.repo === repo.repo && c.issueNumber === Number(n),
    );
    return {
      status: 200,
      json: paginate(`/repos/${o}/${r}/issues/${n}/comments`, query, list, headers).map(commentJson),
    };
  });

  route('POST', rx('/repos/{}/{}/issues/(\\d+)/comments'), ({ params: [o, r, n], body, headers }) => {
    const repo = requireRepo(o!, r!);
    requireIssueOrPull(repo.owner, repo.repo, Number(n));
    if (typeof body.body !== 'string' || body.body === '') {
      throw validation([{ resource: 'IssueComment', code: 'missing_field', field: 'body' }]);
    }
    checkBody(body.body, 'IssueComment');
    const c: FakeComment = {
      owner: repo.owner,
      repo: repo.repo,
      issueNumber: Number(n),
      id: nextId++,
      body: body.body,
      user: state.actor,
      created_at: now(),
      updated_at: now(),
    };
    state.comments.push(c);
    headers.location = `${base}/repos/${repo.owner}/${repo.repo}/issues/comments/${c.id}`;
    return { status: 201, json: commentJson(c) };
  });

  const requireComment = (o: string, r: string, id: string) => {
    const repo = requireRepo(o, r);
    const c = state.comments.find(
      (x) => x.owner === repo.owner && x.repo === repo.repo && x.id === Number(id),
    );
    if (!c) throw fail(404, 'Not Found');
    return c;
  };

  route('GET', rx('/repos/{}/{}/issues/comments/(\\d+)'), ({ params: [o, r, id] }) => ({
    status: 200,
    json: commentJson(requireComment(o!, r!, id!)),
  }));

  route('PATCH', rx('/repos/{}/{}/issues/comments/(\\d+)'), ({ params: [o, r, id], body }) => {
    const c = requireComment(o!, r!, id!);
    if (typeof body.body !== 'string' || body.body === '') {
      throw validation([{ resource: 'IssueComment', code: 'missing_field', field: 'body' }]);
    }
    checkBody(body.body, 'IssueComment');
    c.body = body.body;
    c.updated_at = now();
    return { status: 200, json: commentJson(c) };
  });

  route('POST', rx('/repos/{}/{}/issues/comments/(\\d+)/reactions'), ({ params: [o, r, id], body }) => {
    const c = requireComment(o!, r!, id!);
    if (typeof body.content !== 'string' || !REACTIONS.has(body.content)) {
      throw validation([{ resource: 'Reaction', code: 'invalid', field: 'content' }]);
    }
    const existing = state.reactions.find(
      (x) => x.commentId === c.id && x.content === body.content && x.user === state.actor,
    );
    const reaction = existing ?? {
      owner: c.owner,
      repo: c.repo,
      commentId: c.id,
      id: nextId++,
      content: body.content,
      user: state.actor,
    };
    if (!existing) state.reactions.push(reaction);
    return {
      status: existing ? 200 : 201,
      json: {
        id: reaction.id,
        node_id: `REA_${reaction.id}`,
        user: userJson(reaction.user),
        content: reaction.content,
        created_at: now(),
      },
    };
  });

  route('GET', rx('/repos/{}/{}/compare/(.+)'), ({ params: [o, r, spec] }) => {
    const repo = requireRepo(o!, r!);
    const key = decodeURIComponent(spec!);
    const files = state.compares[`${repo.owner}/${repo.repo} ${key}`];
    if (!key.includes('...') || !files) throw fail(404, 'Not Found');
    return {
      status: 200,
      json: { status: 'ahead', ahead_by: 1, behind_by: 0, total_commits: 1, commits: [], files },
    };
  });

  // ---- checks: check runs, commit statuses and annotations, scripted per commit over successive polls ----
  const checkScripts = new Map<string, FakeChecksScript>();
  const checkRunPolls = new Map<string, number>();
  const statusPolls = new Map<string, number>();
  const checkRunIds = new Map<string, number>();
  const annotationsById = new Map<number, { owner: string; repo: string; annotations: FakeAnnotation[] }>();
  const checksAt = (ref: string, pollIndex: number): FakeCommitChecks => {
    const script = checkScripts.get(ref) ?? checkScripts.get('*');
    if (!script) return {};
    if (typeof script === 'function') return script(ref, pollIndex);
    return script[Math.min(pollIndex, script.length - 1)] ?? {};
  };
  const checkRunJson = (repo: FakeRepo, ref: string, run: FakeCheckRun) => {
    const full = `${repo.owner}/${repo.repo}`;
    const key = `${full}\0${ref}\0${run.name}`;
    let id = run.id ?? checkRunIds.get(key);
    if (id === undefined) {
      id = nextId++;
      checkRunIds.set(key, id);
    }
    const annotations = run.annotations ?? [];
    annotationsById.set(id, { owner: repo.owner, repo: repo.repo, annotations });
    const completed = run.status === 'completed';
    return {
      id,
      node_id: `CR_${id}`,
      head_sha: ref,
      name: run.name,
      status: run.status,
      conclusion: completed ? (run.conclusion ?? 'success') : null,
      started_at: now(),
      completed_at: completed ? now() : null,
      url: `${base}/repos/${full}/check-runs/${id}`,
      html_url: run.html_url ?? `https://github.com/${full}/runs/${id}`,
      details_url: run.details_url ?? `https://github.com/${full}/actions/runs/${id}/job/${id}`,
      output: {
        title: run.output?.title ?? null,
        summary: run.output?.summary ?? null,
        text: run.output?.text ?? null,
        annotations_count: annotations.length,
        annotations_url: `${base}/repos/${full}/check-runs/${id}/annotations`,
      },
      app: { id: 15368, slug: run.app?.slug ?? 'github-actions', name: run.app?.slug ?? 'GitHub Actions' },
      pull_requests: [],
    };
  };

  route('GET', rx('/repos/{}/{}/commits/{}/check-runs'), ({ params: [o, r, ref], query, headers }) => {
    const repo = requireRepo(o!, r!);
    const firstPage = (Number(query.page) || 1) <= 1;
    const seen = checkRunPolls.get(ref!) ?? 0;
    if (firstPage) checkRunPolls.set(ref!, seen + 1);
    // Later pages of one poll read the same poll's state as its first page.
    const pollIndex = firstPage ? seen : Math.max(seen - 1, 0);
    let runs = checksAt(ref!, pollIndex).checkRuns ?? [];
    if (query.check_name) runs = runs.filter((c) => c.name === query.check_name);
    if (query.status) runs = runs.filter((c) => c.status === query.status);
    const page = paginate(`/repos/${o}/${r}/commits/${ref}/check-runs`, query, runs, headers);
    return {
      status: 200,
      json: { total_count: runs.length, check_runs: page.map((c) => checkRunJson(repo, ref!, c)) },
    };
  });

  route('GET', rx('/repos/{}/{}/commits/{}/status'), ({ params: [o, r, ref], query, headers }) => {
    const repo = requireRepo(o!, r!);
    const firstPage = (Number(query.page) || 1) <= 1;
    const seen = statusPolls.get(ref!) ?? 0;
    if (firstPage) statusPolls.set(ref!, seen + 1);
    const pollIndex = firstPage ? seen : Math.max(seen - 1, 0);
    // The combined status keeps the latest status per context (a later entry wins).
    const latest = new Map<string, FakeCommitStatus>();
    for (const st of checksAt(ref!, pollIndex).statuses ?? []) latest.set(st.context, st);
    const all = [...latest.values()];
    // GitHub: failure if any failed or errored, pending if any pending or none at all, else success.
    const combined = all.some((st) => st.state === 'failure' || st.state === 'error')
      ? 'failure'
      : all.length === 0 || all.some((st) => st.state === 'pending')
        ? 'pending'
        : 'success';
    const full = `${repo.owner}/${repo.repo}`;
    const page = paginate(`/repos/${o}/${r}/commits/${ref}/status`, query, all, headers);
    return {
      status: 200,
      json: {
        state: combined,
        sha: ref,
        total_count: all.length,
        statuses: page.map((st, i) => ({
          id: i + 1,
          context: st.context,
          state: st.state,
          description: st.description ?? null,
          target_url: st.target_url ?? null,
          created_at: now(),
          updated_at: now(),
        })),
        repository: repoJson(repo),
        commit_url: `${base}/repos/${full}/commits/${ref}`,
        url: `${base}/repos/${full}/commits/${ref}/status`,
      },
    };
  });

  route('GET', rx('/repos/{}/{}/check-runs/(\\d+)/annotations'), ({ params: [o, r, id], query, headers }) => {
    const repo = requireRepo(o!, r!);
    const entry = annotationsById.get(Number(id));
    if (!entry || entry.owner !== repo.owner || entry.repo !== repo.repo) throw fail(404, 'Not Found');
    const list = entry.annotations.map((a) => ({
      path: a.path,
      start_line: a.start_line,
      end_line: a.end_line ?? a.start_line,
      start_column: null,
      end_column: null,
      annotation_level: a.annotation_level ?? 'failure',
      title: a.title ?? null,
      message: a.message,
      raw_details: a.raw_details ?? null,
      blob_href: `https://github.com/${repo.owner}/${repo.repo}/blob/HEAD/${a.path}`,
    }));
    return {
      status: 200,
      json: paginate(`/repos/${o}/${r}/check-runs/${id}/annotations`, query, list, headers),
    };
  });

  // ---- request plumbing ----
  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ message: `fake github crashed: ${String(err)}` }));
      }
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const parsedUrl = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = parsedUrl.pathname;
    const query = Object.fromEntries(parsedUrl.searchParams.entries());
    const method = (req.method ?? 'GET').toUpperCase();
    let body: unknown;
    if (raw !== '') {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const record: RecordedRequest = {
      method,
      path,
      query,
      headers: { ...req.headers },
      body,
      status: 0,
      injected: false,
    };
    requests.push(record);

    if (state.rateLimit.remaining > 0) state.rateLimit.remaining -= 1;
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'x-github-request-id': `${randomBytes(2).toString('hex').toUpperCase()}:${randomBytes(3).toString('hex').toUpperCase()}:${requests.length}`,
      'x-ratelimit-limit': String(state.rateLimit.limit),
      'x-ratelimit-remaining': String(state.rateLimit.remaining),
      'x-ratelimit-reset': String(state.rateLimit.reset),
      'x-ratelimit-used': String(state.rateLimit.limit - state.rateLimit.remaining),
      'x-ratelimit-resource': 'core',
      'x-github-api-version-selected': '2022-11-28',
    };
    const send = (status: number, json: unknown) => {
      record.status = status;
      const text = status === 204 ? '' : JSON.stringify(json);
      res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(text)) });
      res.end(text);
    };

    const fault = faultQueue.find((f) => (f.method === '*' || f.method === method) && f.path.test(path));
    if (fault) {
      fault.left -= 1;
      if (fault.left <= 0) faultQueue.splice(faultQueue.indexOf(fault), 1);
      record.injected = true;
      Object.assign(headers, fault.fault.headers ?? {});
      send(
        fault.fault.status,
        fault.fault.body ?? { message: REASONS[fault.fault.status] ?? 'Error', documentation_url: DOCS },
      );
      return;
    }

    const auth = req.headers.authorization ?? '';
    const m = /^(?:token|bearer)\s+(\S+)$/i.exec(auth);
    if (!m || (seed.tokens && !seed.tokens.includes(m[1]!))) {
      send(401, { message: 'Bad credentials', documentation_url: DOCS, status: '401' });
      return;
    }

    if (raw !== '' && typeof body === 'string') {
      send(400, { message: 'Problems parsing JSON', documentation_url: DOCS, status: '400' });
      return;
    }

    for (const r of routes) {
      if (r.method !== method) continue;
      const match = r.pattern.exec(path);
      if (!match) continue;
      try {
        const params = match.slice(1).map((p) => decodeURIComponent(p));
        const out = r.handler({
          params,
          query,
          body: (body && typeof body === 'object' ? body : {}) as Record<string, unknown>,
          headers,
        });
        send(out.status, out.json);
      } catch (err) {
        if (err instanceof HttpError) send(err.status, err.body);
        else send(500, { message: `fake github: ${String(err)}`, documentation_url: DOCS });
      }
      return;
    }
    // GitHub answers an unknown method on a known path with 404 too.
    send(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;

  return {
    url: base,
    requests,
    state,
    checks: {
      script(ref, script) {
        checkScripts.set(ref, script);
      },
      polls(ref) {
        return checkRunPolls.get(ref) ?? 0;
      },
    },
    failNext(method, path, fault) {
      faultQueue.push({ method: method.toUpperCase(), path, fault, left: fault.times ?? 1 });
    },
    count(method = '*', path) {
      return requests.filter(
        (r) => (method === '*' || r.method === method.toUpperCase()) && (!path || path.test(r.path)),
      ).length;
    },
    clearRequests() {
      requests.length = 0;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
