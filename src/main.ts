// Action entry: run, and turn any failure into one actionable message on the step.
import * as core from '@actions/core';
import { runAction } from './action/run-action.js';

runAction().catch((err: unknown) => {
  core.setOutput('status', 'failed');
  core.setFailed(err instanceof Error ? err.message : String(err));
});
