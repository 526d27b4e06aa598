// Open or update the one pull request a spec's branch maps to, and read a PR's changed files. The title and
// the draft state follow the run: a partial or failed run opens a draft titled `[partial]`/`[failed]`; a
// later successful run marks it ready for review and drops the tag; a later partial or failed run turns a
// ready PR back into a tagged draft, so nobody merges work the last run says is incomplete.
import type { RunStatus } from '../core/results.js';
import { formatCount } from '../report/format.js';
import {
  explainGitHubError,
  githubMessage,
  isRequestError,
  type Octokit,
  validationErrors,
} from './client.js';

/** GitHub rejects PR/issue bodies longer than this many characters. */
export const GITHUB_BODY_LIMIT = 65_536;

export interface PullRef {
  owner: string;
  repo: string;
  /** Branch name, or `owner:branch` for a branch in another fork. */
  head: string;
  base: string;
}

/** `Implement <name> (<id>)`, tagged `[partial]` or `[failed]` when the run did not fully succeed. */
export function pullTitle(specName: string, specId: string, status: RunStatus): string {
  const name = specName.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim() || specId;
  const title = `Implement ${name} (${specId})`;
  return status === 'success' ? title : `[${status}] ${title}`;
}

export interface OpenPull {
  number: number;
  /** GraphQL node id, for mutations REST lacks (marking a draft ready for review). */
  nodeId: string;
  url: string;
  title: string;
  body: string;
  labels: string[];
  draft: boolean;
  /** Login of the PR's author (`github-actions[bot]` when the workflow's GITHUB_TOKEN opened it). */
  author: string | null;
}

export interface UpsertPullInput extends PullRef {
  title: string;
  body: string;
  /**
   * The body for a PR opened by `author`, when it depends on who the token acts as (e.g. a note that
   * PRs opened with GITHUB_TOKEN run no workflows). Used instead of `body` once the author is known.
   */
  bodyFor?: (author: string | null) => string;
  /** Open a new PR as a draft. */
  draft?: boolean;
  /** An existing draft PR is marked ready for review (a later run succeeded). */
  ready?: boolean;
  /** An existing ready PR is converted back to a draft (a later run did not fully succeed). */
  redraft?: boolean;
  labels?: string[];
  /** Where the full text can be read when the body is cut, e.g. the job summary URL. */
  fullBodyHint?: string;
}

export interface UpsertPullResult {
  number: number;
  url: string;
  created: boolean;
  author: string | null;
  /** The PR is a draft after this call. */
  draft: boolean;
  /** Non-fatal problems (labels not added, draft not supported, body truncated). */
  warnings: string[];
}

export interface PullFile {
  filename: string;
  status: string;
  additions: number;
  deletions: number;
  changes: number;
  previousFilename?: string;
}

const qualifiedHead = (owner: string, head: string) => (head.includes(':') ? head : `${owner}:${head}`);

/**
 * Cut `body` to GitHub's limit, ending with a line that says it was cut and where the rest is. Never splits a
 * surrogate pair; JS length counts UTF-16 units, which is never fewer than GitHub's character count.
 */
export function truncateBody(body: string, limit = GITHUB_BODY_LIMIT, fullBodyHint?: string): string {
  if (body.length <= limit) return body;
  const where = fullBodyHint
    ? ` The full text is at ${fullBodyHint}.`
    : ' The full report is in the run log.';
  const pointer = `\n\n---\n> ✂️ Truncated: this text was ${formatCount(body.length)} characters, over GitHub's ${formatCount(limit)}-character limit.${where}\n`;
  let cut = Math.max(limit - pointer.length, 0);
  const code = body.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return body.slice(0, cut) + pointer;
}

export async function findOpenPull(octokit: Octokit, ref: PullRef): Promise<OpenPull | undefined> {
  const head = qualifiedHead(ref.owner, ref.head);
  let pulls: Awaited<ReturnType<Octokit['rest']['pulls']['list']>>['data'];
  try {
    pulls = await octokit.paginate(octokit.rest.pulls.list, {
      owner: ref.owner,
      repo: ref.repo,
      state: 'open',
      head,
      base: ref.base,
      per_page: 100,
    });
  } catch (err) {
    throw explainGitHubError(err, `list pull requests of ${ref.owner}/${ref.repo}`);
  }
  // The head filter is exact on GitHub, but re-check so a server that ignores it cannot pick a stranger's PR.
  const pull = pulls.find(
    (p) => p.head.label.toLowerCase() === head.toLowerCase() && p.base.ref === ref.base,
  );
  if (!pull) return undefined;
  return {
    number: pull.number,
    nodeId: pull.node_id,
    url: pull.html_url,
    title: pull.title,
    body: pull.body ?? '',
    labels: pull.labels.map((l) => l.name ?? '').filter(Boolean),
    draft: pull.draft ?? false,
    author: pull.user?.login ?? null,
  };
}

export async function upsertPull(octokit: Octokit, input: UpsertPullInput): Promise<UpsertPullResult> {
  const warnings: string[] = [];
  const bodyOf = (author: string | null | undefined) => {
    const full = author !== undefined && input.bodyFor ? input.bodyFor(author) : input.body;
    const cut = truncateBody(full, GITHUB_BODY_LIMIT, input.fullBodyHint);
    if (cut !== full && !warnings.some((w) => w.startsWith('The PR body was'))) {
      warnings.push(
        `The PR body was ${full.length} characters; it was truncated to GitHub's ${GITHUB_BODY_LIMIT}.`,
      );
    }
    return cut;
  };
  const body = bodyOf(undefined);
  const labels = input.labels ?? [];

  const existing = await findOpenPull(octokit, input);
  if (existing) return updateExisting(octokit, input, existing, bodyOf(existing.author), warnings);

  let created: { number: number; url: string; author: string | null; draft: boolean };
  try {
    created = await createPull(octokit, input, body, input.draft ?? false, warnings);
  } catch (err) {
    if (
      isRequestError(err) &&
      err.status === 422 &&
      /pull request already exists/i.test(githubMessage(err))
    ) {
      // Another run opened it between our lookup and our create: adopt that one.
      const raced = await findOpenPull(octokit, input);
      if (!raced) {
        throw new Error(
          `GitHub says a pull request from ${qualifiedHead(input.owner, input.head)} already exists, but no open one into ${input.base} was found. Close or retarget the other pull request, then re-run.`,
        );
      }
      return updateExisting(octokit, input, raced, bodyOf(raced.author), warnings);
    }
    throw createError(err, input);
  }
  // Who the token acts as is known only now; one more edit when that changes the body.
  const authored = bodyOf(created.author);
  if (authored !== body) await updatePull(octokit, input, created.number, authored);
  await addMissingLabels(octokit, input, created.number, labels, [], warnings);
  return {
    number: created.number,
    url: created.url,
    created: true,
    author: created.author,
    draft: created.draft,
    warnings,
  };
}

async function updateExisting(
  octokit: Octokit,
  input: UpsertPullInput,
  pull: OpenPull,
  body: string,
  warnings: string[],
): Promise<UpsertPullResult> {
  await updatePull(octokit, input, pull.number, body);
  await addMissingLabels(octokit, input, pull.number, input.labels ?? [], pull.labels, warnings);
  let draft = pull.draft;
  if (draft && input.ready) draft = !(await setDraft(octokit, input, pull, false, warnings));
  else if (!draft && input.redraft) draft = await setDraft(octokit, input, pull, true, warnings);
  return { number: pull.number, url: pull.url, created: false, author: pull.author, draft, warnings };
}

const DRAFT_MUTATIONS = {
  ready:
    'mutation($id: ID!) { markPullRequestReadyForReview(input: { pullRequestId: $id }) { pullRequest { isDraft } } }',
  draft:
    'mutation($id: ID!) { convertPullRequestToDraft(input: { pullRequestId: $id }) { pullRequest { isDraft } } }',
} as const;

/**
 * REST cannot change a PR's draft state; GraphQL's markPullRequestReadyForReview and convertPullRequestToDraft
 * can. The PR is already updated (body and title say how the run went), so a failure here is a warning that
 * says what to do by hand, not a failed run. True when the PR now has the wanted state.
 */
async function setDraft(
  octokit: Octokit,
  ref: PullRef,
  pull: OpenPull,
  toDraft: boolean,
  warnings: string[],
): Promise<boolean> {
  try {
    await octokit.graphql(toDraft ? DRAFT_MUTATIONS.draft : DRAFT_MUTATIONS.ready, { id: pull.nodeId });
    return true;
  } catch (err) {
    const said = err instanceof Error ? err.message : String(err);
    warnings.push(
      toDraft
        ? `Could not convert #${pull.number} in ${ref.owner}/${ref.repo} back to a draft (${said}); the run did not fully succeed, so do not merge it as it is (convert it to a draft by hand).`
        : `Could not mark #${pull.number} in ${ref.owner}/${ref.repo} ready for review (${said}); the run succeeded, so mark it ready by hand.`,
    );
    return false;
  }
}

async function createPull(
  octokit: Octokit,
  input: UpsertPullInput,
  body: string,
  draft: boolean,
  warnings: string[],
): Promise<{ number: number; url: string; author: string | null; draft: boolean }> {
  try {
    const { data } = await octokit.rest.pulls.create({
      owner: input.owner,
      repo: input.repo,
      head: input.head,
      base: input.base,
      title: input.title,
      body,
      draft,
    });
    return {
      number: data.number,
      url: data.html_url,
      author: data.user?.login ?? null,
      draft: data.draft ?? draft,
    };
  } catch (err) {
    // Draft PRs need a paid plan on private repositories; an open PR is better than none.
    if (draft && isRequestError(err) && err.status === 422 && /draft/i.test(githubMessage(err))) {
      warnings.push(
        `Draft pull requests are not supported in ${input.owner}/${input.repo}; opened a regular one.`,
      );
      return createPull(octokit, input, body, false, warnings);
    }
    throw err;
  }
}

function createError(err: unknown, input: UpsertPullInput): Error {
  const said = githubMessage(err);
  if (
    isRequestError(err) &&
    err.status === 403 &&
    /not permitted to create or approve pull requests/i.test(said)
  ) {
    return new Error(
      `Could not open the pull request in ${input.owner}/${input.repo}: GitHub Actions is not permitted to create pull requests there (403). ` +
        'Either enable Settings → Actions → General → Workflow permissions → "Allow GitHub Actions to create and approve pull requests" ' +
        '(in an organization it must also be allowed in the organization settings), or pass a personal access token or GitHub App token ' +
        `with pull-request write access in the \`github-token\` input. The changes are on branch ${input.head}; you can also open the pull request by hand.`,
      { cause: err },
    );
  }
  const badRefs = validationErrors(err).filter((e) => e.field === 'base' || e.field === 'head');
  if (badRefs.length > 0) {
    return new Error(
      `Could not open the pull request ${input.head} → ${input.base} in ${input.owner}/${input.repo}: GitHub answered 422 (${badRefs.map((e) => `${e.field} ${e.code}`).join(', ')}). ` +
        `Check that branch ${input.base} exists and that ${input.head} was pushed.`,
      { cause: err },
    );
  }
  return explainGitHubError(
    err,
    `open a pull request ${input.head} → ${input.base} in ${input.owner}/${input.repo}`,
  );
}

async function updatePull(
  octokit: Octokit,
  input: UpsertPullInput,
  number: number,
  body: string,
): Promise<void> {
  try {
    await octokit.rest.pulls.update({
      owner: input.owner,
      repo: input.repo,
      pull_number: number,
      title: input.title,
      body,
    });
  } catch (err) {
    throw explainGitHubError(err, `update pull request #${number} in ${input.owner}/${input.repo}`);
  }
}

async function addMissingLabels(
  octokit: Octokit,
  ref: PullRef,
  number: number,
  wanted: string[],
  present: string[],
  warnings: string[],
): Promise<void> {
  const missing = wanted.filter((l) => !present.includes(l));
  if (missing.length === 0) return;
  try {
    await octokit.rest.issues.addLabels({
      owner: ref.owner,
      repo: ref.repo,
      issue_number: number,
      labels: missing,
    });
  } catch (err) {
    // The PR exists and is what matters; a missing label is worth a warning, not a failed run.
    warnings.push(`Could not add labels ${missing.join(', ')} to #${number}: ${githubMessage(err)}`);
  }
}

export async function listPullFiles(
  octokit: Octokit,
  ref: { owner: string; repo: string; number: number },
): Promise<PullFile[]> {
  try {
    const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
      owner: ref.owner,
      repo: ref.repo,
      pull_number: ref.number,
      per_page: 100,
    });
    return files.map((f) => ({
      filename: f.filename,
      status: f.status,
      additions: f.additions,
      deletions: f.deletions,
      changes: f.changes,
      ...(f.previous_filename ? { previousFilename: f.previous_filename } : {}),
    }));
  } catch (err) {
    throw explainGitHubError(
      err,
      `list the files of pull request #${ref.number} in ${ref.owner}/${ref.repo}`,
    );
  }
}
