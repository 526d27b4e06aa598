// Shared scenarios of the GitHub-delivery e2e tests: a repository whose spec lives on the branch of spec PR #42
// (as in the event fixtures), a fake GitHub seeded with that PR and the triggering comment, and one runner call.
import { expect } from 'vitest';
import {
  type FakeGitHub,
  type FakePullFile,
  type FakeRole,
  startFakeGitHub,
} from '../fakes/github-server.js';
import { createRepo, exampleSpec, git, type Repo, runActionBundle, writeFiles } from './harness.js';

export const SPEC = 'specs/product-price-filter.md';
export const SPEC_ID = 'product-price-filter';
export const SPEC_BRANCH = 'spec/product-price-filter';
export const FEAT_BRANCH = 'feat/spec-product-price-filter';
export const PR_NUMBER = 42;
/** `comment.id` of issue_comment-created.json; reactions go to it. */
export const COMMENT_ID = 2131000001;
export const PROGRESS_MARKER = `<!-- implement-spec:progress:${SPEC_ID} -->`;
export const PLAN_MARKER = `<!-- implement-spec:plan:${SPEC_ID} -->`;
/** Start of the marker of the comment that waits for `/implement-spec approve` (the spec hash follows). */
export const APPROVAL_MARKER_PREFIX = `<!-- implement-spec:approval:${SPEC_ID}:`;
export const exampleSpecText = () => exampleSpec('product-price-filter.md');

export const BASE_FILES = { 'README.md': '# shop\n', 'package.json': '{"name":"shop","private":true}\n' };

/** origin has `main` (no spec) and the spec PR's head branch (main + the spec); the checkout is on the PR head. */
export function specBranchRepo(
  spec: { path: string; content: string } = { path: SPEC, content: exampleSpec('product-price-filter.md') },
  /** More files committed with the spec on the PR head (a test script, a formatter, a role config). */
  extra: Record<string, string> = {},
): Repo {
  const repo = createRepo(BASE_FILES);
  git(repo.work, 'checkout', '--quiet', '-b', SPEC_BRANCH);
  writeFiles(repo.work, { ...extra, [spec.path]: spec.content });
  repo.commitAndPush('Add product price filter spec', SPEC_BRANCH);
  return repo;
}

export const pullFile = (filename: string): FakePullFile => ({
  sha: 'a'.repeat(40),
  filename,
  status: 'added',
  additions: 40,
  deletions: 0,
  changes: 40,
});

/** octo-org/shop with spec PR #42 (`spec/product-price-filter` → main) changing `specFiles`. */
export async function startSpecPrGitHub(
  opts: {
    collaborators?: Record<string, FakeRole>;
    specFiles?: string[];
    commentBody?: string;
    /** More comments on #42 (e.g. the `approve` comment of issue_comment-approve.json). */
    moreComments?: { id: number; user: string; body: string }[];
  } = {},
): Promise<FakeGitHub> {
  return startFakeGitHub({
    repos: [
      {
        owner: 'octo-org',
        repo: 'shop',
        defaultBranch: 'main',
        // With a branch list the fake refuses PRs whose base or head does not exist, like GitHub.
        branches: ['main', SPEC_BRANCH, FEAT_BRANCH],
        collaborators: { 'alice-dev': 'write', octocat: 'admin', ...opts.collaborators },
      },
    ],
    pulls: [
      {
        number: PR_NUMBER,
        head: SPEC_BRANCH,
        base: 'main',
        title: 'Spec: product price filter',
        user: 'alice-dev',
        labels: ['implement-spec'],
        files: (opts.specFiles ?? [SPEC]).map(pullFile),
      },
    ],
    comments: [
      {
        issueNumber: PR_NUMBER,
        id: COMMENT_ID,
        user: 'alice-dev',
        body: opts.commentBody ?? '/implement-spec specs/product-price-filter.md --dry-run --max-cost 5',
      },
      ...(opts.moreComments ?? []).map((c) => ({ issueNumber: PR_NUMBER, ...c })),
    ],
  });
}

/** The keys runScenario gives the action unless a test passes its own. */
export const TEST_INPUTS = { 'anthropic-api-key': 'sk-ant-test', 'github-token': 'ghs_test' };

export interface RunOpts {
  repo: Repo;
  gh?: FakeGitHub;
  anthropicUrl?: string;
  eventName?: string;
  event?: unknown;
  inputs?: Record<string, string>;
}

export function runScenario(o: RunOpts) {
  return runActionBundle({
    workspace: o.repo.work,
    ...(o.eventName ? { eventName: o.eventName, event: o.event } : {}),
    ...(o.gh ? { githubApiUrl: o.gh.url } : {}),
    ...(o.anthropicUrl ? { anthropicBaseUrl: o.anthropicUrl } : {}),
    inputs: { ...TEST_INPUTS, ...o.inputs },
  });
}

/** `METHOD /path` of every request the fake GitHub received, in order (for failure messages and counts). */
export const callLog = (gh: FakeGitHub) => gh.requests.map((r) => `${r.method} ${r.path} → ${r.status}`);

export function commentsOn(gh: FakeGitHub, issue: number) {
  return gh.state.comments.filter((c) => c.issueNumber === issue);
}

/** What the action answered on spec PR #42: its comments other than the one that triggered the run. */
export function answersOnSpecPr(gh: FakeGitHub) {
  return commentsOn(gh, PR_NUMBER).filter((c) => c.id !== COMMENT_ID);
}

export function reactionsOn(gh: FakeGitHub, commentId: number) {
  return gh.state.reactions.filter((r) => r.commentId === commentId).map((r) => r.content);
}

/** Branches of the bare origin. */
export function originBranches(repo: Repo): string[] {
  return git(repo.origin, 'for-each-ref', '--format=%(refname:short)', 'refs/heads')
    .trim()
    .split('\n')
    .filter(Boolean);
}

export function expectNoModelCall(anthropic: { requests: unknown[] } | undefined) {
  expect(anthropic?.requests ?? []).toHaveLength(0);
}
