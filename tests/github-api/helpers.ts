// Shared set-up for the GitHub API tests: a client aimed at the loopback fake with waits turned down.
import { createGitHubClient, type GitHubClient, type GitHubClientOptions } from '../../src/github/client.js';
import type { FakeGitHub } from '../fakes/github-server.js';

export const TOKEN = 'test-token';

export function clientFor(
  gh: FakeGitHub,
  extra: Partial<GitHubClientOptions> = {},
): GitHubClient & { logs: string[] } {
  const logs: string[] = [];
  const client = createGitHubClient({
    token: TOKEN,
    baseUrl: gh.url,
    retries: 3,
    throttle: { retryAfterBaseValue: 1, writePacing: false, minimumSecondaryRateRetryAfter: 1 },
    log: (m) => logs.push(m),
    ...extra,
  });
  return Object.assign(client, { logs });
}

/** Timers driven by hand, so throttling tests assert what happened, not how long it took. */
export class ManualClock {
  time = 0;
  private nextId = 1;
  private readonly due = new Map<number, { at: number; fn: () => void }>();
  readonly now = () => this.time;
  readonly timers = {
    set: (fn: () => void, ms: number): unknown => {
      const id = this.nextId++;
      this.due.set(id, { at: this.time + ms, fn });
      return id;
    },
    clear: (handle: unknown): void => {
      this.due.delete(handle as number);
    },
  };
  get scheduled(): number {
    return this.due.size;
  }
  advance(ms: number): void {
    this.time += ms;
    for (const [id, t] of [...this.due].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at <= this.time) {
        this.due.delete(id);
        t.fn();
      }
    }
  }
}
