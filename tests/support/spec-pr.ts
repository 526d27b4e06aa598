// The spec-PR scenario of the delivery tests, ready to run: the checkout on the head of spec PR #42, the fake
// GitHub seeded with #42 and its comment, and a fake model (the scripted agents unless a test brings its own),
// all tracked for cleanup; plus the events that trigger it (the label, a comment) and one call to run the bundle.

import { rmSync } from 'node:fs';
import { type AgentsFakeOptions, startAgentsFake } from '../e2e/fakes.js';
import { type ActionRun, eventFixture, git, type Repo, writeFiles } from '../e2e/harness.js';
import {
  COMMENT_ID,
  exampleSpecText,
  PR_NUMBER,
  runScenario,
  SPEC,
  SPEC_BRANCH,
  specBranchRepo,
  startSpecPrGitHub,
} from '../e2e/scenarios.js';
import type { FakeAnthropic } from '../fakes/anthropic-server.js';
import type { FakeGitHub } from '../fakes/github-server.js';
import type { TestResources } from './test-resources.js';

export interface SpecPrRun {
  repo: Repo;
  gh: FakeGitHub;
  anthropic: FakeAnthropic;
  /** Runs dist/index.js for one event (test keys added to `inputs`, see runScenario). */
  run(eventName: string, event: unknown, inputs?: Record<string, string>): Promise<ActionRun>;
}

export interface SpecPrRunOptions {
  /** The spec committed on the PR head, and more files committed with it (see specBranchRepo). */
  spec?: { path: string; content: string };
  extra?: Record<string, string>;
  /** How the fake GitHub is seeded (collaborators, the comment, more comments). */
  github?: Parameters<typeof startSpecPrGitHub>[0];
  /** The scripted agents' options, or a fake model the test started itself. */
  agents?: AgentsFakeOptions;
  anthropic?: FakeAnthropic;
}

/** Makes the spec-PR checkout and starts both fakes; everything is removed or closed after the test. */
export async function startSpecPrRun(
  resources: TestResources,
  opts: SpecPrRunOptions = {},
): Promise<SpecPrRun> {
  const repo = resources.track(specBranchRepo(opts.spec, opts.extra));
  const gh = resources.track(await startSpecPrGitHub(opts.github));
  const anthropic = resources.track(opts.anthropic ?? (await startAgentsFake(opts.agents)));
  return {
    repo,
    gh,
    anthropic,
    run: (eventName, event, inputs) =>
      runScenario({ repo, gh, anthropicUrl: anthropic.url, eventName, event, inputs }),
  };
}

/** The `implement-spec` label added to spec PR #42 (pull_request-labeled.json). */
export const labelEvent = () => eventFixture('pull_request-labeled');

/** A comment `body` on issue or PR `issue` (#42 by default), as issue_comment-created.json with that text. */
export function commentEvent(body: string, issue = PR_NUMBER, commentId = COMMENT_ID) {
  return eventFixture('issue_comment-created', (e) => {
    const comment = e.comment as { body: string; id: number };
    comment.body = body;
    comment.id = commentId;
    (e.issue as { number: number }).number = issue;
  });
}

/** Replaces the checkout with a fresh clone of origin on the spec PR's head, as actions/checkout would. */
export function cloneSpecHead(repo: Repo): void {
  rmSync(repo.work, { recursive: true, force: true });
  git(repo.root, 'clone', '--quiet', '--branch', SPEC_BRANCH, repo.origin, repo.work);
}

/** A new commit on the spec PR's head whose example spec has `from` replaced by `to`, pushed to origin. */
export function pushSpecEdit(repo: Repo, edit: { from: string; to: string; message: string }): void {
  git(repo.work, 'checkout', '--quiet', SPEC_BRANCH);
  writeFiles(repo.work, { [SPEC]: exampleSpecText().replace(edit.from, edit.to) });
  repo.commitAndPush(edit.message, SPEC_BRANCH);
}
