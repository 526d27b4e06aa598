// The action as a function (the actions/typescript-action layout): `run()` does the work and turns any failure
// into one actionable message on the step. src/index.ts calls it; `@github/local-action` imports this file and
// calls it too, so nothing may run at import time.

import { runAction } from './action/run-action.js';
import * as core from './action/runner.js';

export async function run(): Promise<void> {
  try {
    await runAction();
  } catch (err: unknown) {
    core.setOutput('status', 'failed');
    core.setFailed(err instanceof Error ? err.message : String(err));
  }
}
