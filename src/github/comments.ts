// Issue/PR comments: one marked comment we keep editing (progress, results), plain comments, reactions.
import { explainGitHubError, githubMessage, isRequestError, type Octokit } from './client.js';
import { GITHUB_BODY_LIMIT, truncateBody } from './pulls.js';

export interface IssueRef {
  owner: string;
  repo: string;
  issueNumber: number;
}

export type ReactionContent = 'eyes' | 'rocket' | 'confused' | '+1' | '-1' | 'laugh' | 'heart' | 'hooray';

/** Puts the hidden marker first so the comment can be found again; leaves a body that has it alone. */
export function withMarker(body: string, marker: string): string {
  return body.includes(marker) ? body : `${marker}\n${body}`;
}

export { DEFAULT_BOT_LOGIN, tokenLogin } from './client.js';

const sameLogin = (a: string | undefined, b: string): boolean =>
  a !== undefined && a.toLowerCase() === b.toLowerCase();

/**
 * The first comment on the issue that `author` wrote and whose body contains `marker` (all pages are
 * searched). Anyone can type a hidden marker into a comment; only the tool's own comments count.
 */
export async function findMarkedComment(
  octokit: Octokit,
  ref: IssueRef & { marker: string; author: string },
): Promise<{ id: number; body: string } | undefined> {
  try {
    for await (const page of octokit.paginate.iterator(octokit.rest.issues.listComments, {
      owner: ref.owner,
      repo: ref.repo,
      issue_number: ref.issueNumber,
      per_page: 100,
    })) {
      const hit = page.data.find((c) => sameLogin(c.user?.login, ref.author) && c.body?.includes(ref.marker));
      if (hit) return { id: hit.id, body: hit.body ?? '' };
    }
    return undefined;
  } catch (err) {
    throw explainGitHubError(err, `list comments of #${ref.issueNumber} in ${ref.owner}/${ref.repo}`);
  }
}

/** Update the comment carrying `marker`, or create it. */
export async function upsertMarkedComment(
  octokit: Octokit,
  input: IssueRef & { marker: string; body: string; author: string },
): Promise<{ id: number; created: boolean }> {
  const body = truncateBody(withMarker(input.body, input.marker), GITHUB_BODY_LIMIT);
  const found = await findMarkedComment(octokit, input);
  if (found) {
    await updateComment(octokit, { owner: input.owner, repo: input.repo, commentId: found.id, body });
    return { id: found.id, created: false };
  }
  const { id } = await postComment(octokit, { ...input, body });
  return { id, created: true };
}

export async function postComment(
  octokit: Octokit,
  input: IssueRef & { body: string },
): Promise<{ id: number; url: string }> {
  try {
    const { data } = await octokit.rest.issues.createComment({
      owner: input.owner,
      repo: input.repo,
      issue_number: input.issueNumber,
      body: truncateBody(input.body, GITHUB_BODY_LIMIT),
    });
    return { id: data.id, url: data.html_url };
  } catch (err) {
    throw explainGitHubError(err, `comment on #${input.issueNumber} in ${input.owner}/${input.repo}`);
  }
}

export async function updateComment(
  octokit: Octokit,
  input: { owner: string; repo: string; commentId: number; body: string },
): Promise<void> {
  try {
    await octokit.rest.issues.updateComment({
      owner: input.owner,
      repo: input.repo,
      comment_id: input.commentId,
      body: truncateBody(input.body, GITHUB_BODY_LIMIT),
    });
  } catch (err) {
    throw explainGitHubError(err, `update comment ${input.commentId} in ${input.owner}/${input.repo}`);
  }
}

/**
 * React to a comment (👀 on pickup, 🚀 on success, 😕 on failure). Reactions are decoration: a failure is
 * logged and reported as `false`, never thrown.
 */
export async function addReaction(
  octokit: Octokit,
  input: {
    owner: string;
    repo: string;
    commentId: number;
    content: ReactionContent;
    log?: (msg: string) => void;
  },
): Promise<boolean> {
  try {
    await octokit.rest.reactions.createForIssueComment({
      owner: input.owner,
      repo: input.repo,
      comment_id: input.commentId,
      content: input.content,
    });
    return true;
  } catch (err) {
    input.log?.(
      `Could not add a ${input.content} reaction to comment ${input.commentId}: ${githubMessage(err)}`,
    );
    return false;
  }
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // A pending progress edit must not keep the process alive on its own.
    t.unref?.();
    return t;
  },
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface ProgressCommenterOptions extends IssueRef {
  octokit: Octokit;
  marker: string;
  /** The token's own login (GitHubClient.login): only its comments carrying the marker are edited. */
  author: () => Promise<string>;
  /** At most one API write per this many ms (default 10 s). */
  minIntervalMs?: number;
  now?: () => number;
  timers?: Timers;
  log?: (msg: string) => void;
}

/**
 * Keeps one progress comment current without flooding the API: at most one write per interval, the latest
 * body wins, a pending body is written by a single timer when the interval has passed. Failures are logged
 * and never thrown: progress is a courtesy, the run must not fail because of it.
 */
export class ProgressCommenter {
  private readonly octokit: Octokit;
  private readonly ref: IssueRef;
  private readonly marker: string;
  private readonly author: () => Promise<string>;
  private readonly minIntervalMs: number;
  private readonly now: () => number;
  private readonly timers: Timers;
  private readonly log: (msg: string) => void;
  private lastWriteAt = Number.NEGATIVE_INFINITY;
  private pending: string | undefined;
  private timer: unknown;
  private chain: Promise<void> = Promise.resolve();
  private commentId: number | undefined;
  private finished = false;
  private writeCount = 0;

  constructor(opts: ProgressCommenterOptions) {
    this.octokit = opts.octokit;
    this.ref = { owner: opts.owner, repo: opts.repo, issueNumber: opts.issueNumber };
    this.marker = opts.marker;
    this.author = opts.author;
    this.minIntervalMs = opts.minIntervalMs ?? 10_000;
    this.now = opts.now ?? Date.now;
    this.timers = opts.timers ?? realTimers;
    this.log = opts.log ?? (() => {});
  }

  /** The comment's id once it has been written. */
  get id(): number | undefined {
    return this.commentId;
  }

  /** API writes attempted so far. */
  get writes(): number {
    return this.writeCount;
  }

  update(body: string): void {
    if (this.finished) return;
    this.pending = body;
    if (this.timer !== undefined) return;
    const wait = this.lastWriteAt + this.minIntervalMs - this.now();
    if (wait <= 0) {
      this.flushPending();
      return;
    }
    this.timer = this.timers.set(() => {
      this.timer = undefined;
      this.flushPending();
    }, wait);
  }

  /** Write `body` now (cancelling any pending update) and wait for it; later `update`s are ignored. */
  async finish(body: string): Promise<number | undefined> {
    this.finished = true;
    if (this.timer !== undefined) {
      this.timers.clear(this.timer);
      this.timer = undefined;
    }
    this.pending = undefined;
    this.enqueue(body);
    await this.chain;
    return this.commentId;
  }

  /** Resolves when every write started so far has completed. */
  settled(): Promise<void> {
    return this.chain;
  }

  private flushPending(): void {
    const body = this.pending;
    this.pending = undefined;
    if (body !== undefined && !this.finished) this.enqueue(body);
  }

  private enqueue(body: string): void {
    this.lastWriteAt = this.now();
    this.chain = this.chain.then(() => this.write(body));
  }

  private async write(body: string): Promise<void> {
    this.writeCount += 1;
    const full = withMarker(body, this.marker);
    try {
      if (this.commentId !== undefined) {
        try {
          await this.octokit.rest.issues.updateComment({
            owner: this.ref.owner,
            repo: this.ref.repo,
            comment_id: this.commentId,
            body: truncateBody(full, GITHUB_BODY_LIMIT),
          });
          return;
        } catch (err) {
          // Someone deleted the comment: start a new one rather than failing every later update.
          if (!(isRequestError(err) && err.status === 404)) throw err;
          this.commentId = undefined;
        }
      }
      const { id } = await upsertMarkedComment(this.octokit, {
        ...this.ref,
        marker: this.marker,
        author: await this.author(),
        body: full,
      });
      this.commentId = id;
    } catch (err) {
      this.log(`Progress comment on #${this.ref.issueNumber} not updated: ${githubMessage(err)}`);
    }
  }
}
