// The push scenario of the action tests: a repository whose main gets the spec(s) in one pushed commit, the
// push event of that commit (real `before`/`after` shas), the fakes, and one call of dist/index.js for it.
import { startAgentsFake, startShopGitHub } from '../e2e/fakes.js';
import {
  type ActionRun,
  createRepo,
  eventFixture,
  type Repo,
  type RunActionOptions,
  runActionBundle,
  writeFiles,
} from '../e2e/harness.js';
import { BASE_FILES } from '../e2e/scenarios.js';
import type { FakeAnthropic } from '../fakes/anthropic-server.js';
import type { FakeGitHub } from '../fakes/github-server.js';
import type { TestResources } from './test-resources.js';

export interface PushedRepoOptions {
  /** What main holds before the push (BASE_FILES by default). */
  base?: Record<string, string>;
  /** The pushed commit's message ('Add spec' by default). */
  message?: string;
  /** Changes the checkout before the push (e.g. plants a hook). */
  beforePush?: (repo: Repo) => void;
  /** Changes the push event after its shas are set. */
  patchEvent?: (event: Record<string, unknown>) => void;
}

export interface PushedRepo {
  repo: Repo;
  /** push.json with `before`/`after` set to the shas around the pushed commit. */
  event: Record<string, unknown>;
}

/** main with `base`, then `files` committed and pushed on top; the repository is removed after the test. */
export function pushedRepo(
  resources: TestResources,
  files: Record<string, string>,
  opts: PushedRepoOptions = {},
): PushedRepo {
  const repo = resources.track(createRepo(opts.base ?? BASE_FILES));
  opts.beforePush?.(repo);
  const before = repo.head();
  writeFiles(repo.work, files);
  const after = repo.commitAndPush(opts.message ?? 'Add spec');
  const event = eventFixture('push', (e) => {
    e.before = before;
    e.after = after;
    opts.patchEvent?.(e);
  });
  return { repo, event };
}

/** What runBundle passes besides the workspace, the event and the fakes' URLs. */
export type BundleExtras = Pick<RunActionOptions, 'env' | 'timeoutMs' | 'onStart'>;

export interface PushRun extends PushedRepo {
  gh: FakeGitHub;
  anthropic: FakeAnthropic;
  /** Runs dist/index.js for the push with exactly these inputs (nothing added). */
  run(inputs: Record<string, string>, extras?: BundleExtras): Promise<ActionRun>;
}

export interface PushRunOptions extends PushedRepoOptions {
  /** A fake GitHub the test started itself (the octo-org/shop one by default). */
  gh?: FakeGitHub;
  /** A fake model the test started itself (the scripted agents by default). */
  anthropic?: FakeAnthropic;
}

/** A pushed repository and both fakes, closed and removed after the test. */
export async function startPushRun(
  resources: TestResources,
  files: Record<string, string>,
  opts: PushRunOptions = {},
): Promise<PushRun> {
  const pushed = pushedRepo(resources, files, opts);
  const gh = resources.track(opts.gh ?? (await startShopGitHub()));
  const anthropic = resources.track(opts.anthropic ?? (await startAgentsFake()));
  return {
    ...pushed,
    gh,
    anthropic,
    run: (inputs, extras) => runBundle(pushed.repo, { gh, anthropic }, 'push', pushed.event, inputs, extras),
  };
}

/** Runs dist/index.js on `repo`'s checkout for one event, against the two fakes, with exactly `inputs`. */
export function runBundle(
  repo: Repo,
  fakes: { gh: { url: string }; anthropic: { url: string } },
  eventName: string,
  event: unknown,
  inputs: Record<string, string>,
  extras: BundleExtras = {},
): Promise<ActionRun> {
  return runActionBundle({
    workspace: repo.work,
    eventName,
    event,
    githubApiUrl: fakes.gh.url,
    anthropicBaseUrl: fakes.anthropic.url,
    inputs,
    ...extras,
  });
}
