// What a test starts and must stop again: loopback fakes (closed) and temp repositories (removed). One afterEach
// does it for every test of the describe block that asked for it, so no test file keeps its own list of closers.
import { afterEach, beforeAll, expect } from 'vitest';
import { hasBundle } from '../e2e/harness.js';

/** A loopback fake server (or anything else a test must close). */
export interface Closable {
  close(): Promise<void> | void;
}

/** A temp repository or directory (or anything else a test must remove). */
export interface Removable {
  cleanup(): void;
}

export interface TestResources {
  /** Keeps `resource` until the current test ends, then closes or removes it; returns it unchanged. */
  track<T extends Closable | Removable>(resource: T): T;
}

/**
 * Registers, in the calling describe block, an afterEach that closes the tracked fakes in the order they were
 * tracked, then removes the tracked repositories (servers first: a fake may still hold a file open).
 */
export function useTestResources(): TestResources {
  const closables: Closable[] = [];
  const removables: Removable[] = [];
  afterEach(async () => {
    for (const c of closables.splice(0)) await c.close();
    for (const r of removables.splice(0)) r.cleanup();
  });
  return {
    track(resource) {
      if ('close' in resource) closables.push(resource);
      else removables.push(resource);
      return resource;
    },
  };
}

/** Fails the describe block up front, with what to do, when dist/index.js has not been built. */
export function requireBuiltBundle(): void {
  beforeAll(() => {
    expect(hasBundle(), 'dist/index.js is missing: run npm run build').toBe(true);
  });
}

/** The set-up of a describe block whose tests run dist/index.js: the bundle must exist; resources are cleaned up. */
export function useBundleTestResources(): TestResources {
  requireBuiltBundle();
  return useTestResources();
}
