// The shared clean-up of the e2e and hardening tests: a fake tracked in one test is closed and a repository is
// removed before the next test starts, servers first. Real fakes and a real temp repository, no stand-ins.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRepo, type Repo } from '../e2e/harness.js';
import { type FakeGitHub, startFakeGitHub } from '../fakes/github-server.js';
import { useTestResources } from './test-resources.js';

describe('useTestResources', () => {
  const resources = useTestResources();
  const order: string[] = [];
  let gh: FakeGitHub | undefined;
  let repo: Repo | undefined;

  it('tracks a fake and a repository and hands them back unchanged', async () => {
    const started = await startFakeGitHub();
    gh = resources.track({
      ...started,
      close: async () => {
        order.push(`close while the repository exists: ${existsSync(repo!.root)}`);
        await started.close();
      },
    });
    const made = createRepo({ 'README.md': '# x\n' });
    repo = resources.track({
      ...made,
      cleanup: () => {
        order.push('remove');
        made.cleanup();
      },
    });
    expect(repo.work).toBe(made.work);
    // The fake answers (401: no token) while the test runs.
    expect(await fetch(`${gh.url}/repos/octo-org/none`).then((r) => r.status)).toBe(401);
  });

  it('after the test: the fake was closed first, then the repository was removed', async () => {
    expect(order).toEqual(['close while the repository exists: true', 'remove']);
    expect(existsSync(repo!.root)).toBe(false);
    await expect(fetch(`${gh!.url}/repos/octo-org/none`)).rejects.toThrow();
  });

  it('nothing tracked twice: a later test closes only what it tracked', () => {
    expect(order).toHaveLength(2);
  });
});
