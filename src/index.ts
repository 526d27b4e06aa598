// Action entry (action.yml runs the bundle of this file, dist/index.js). All the work is in main.ts, which
// exports run() and does nothing at import time (`@github/local-action` imports it and calls run() itself).
//
// No compile cache here, unlike the CLI: a GitHub-hosted job starts on a fresh machine, so the cache would
// always be cold, and writing it at exit cost ≈ 40 ms on Node 24 for nothing (measured: 229 vs 190 ms, medians
// of 15, for an event with nothing to do).
import { run } from './main.js';

await run();
