// Outputs are set in one place so every path through the action sets `status` exactly once.
import * as core from './runner.js';

export type ActionStatus =
  | 'success'
  | 'partial'
  | 'failed'
  | 'skipped'
  | 'dry-run'
  | 'not-ready'
  | 'detected'
  | 'awaiting-approval';

export class ActionOutputs {
  private finished = false;

  set(name: string, value: string | number): void {
    core.setOutput(name, String(value));
  }

  finish(status: ActionStatus): void {
    if (this.finished) return;
    this.finished = true;
    core.setOutput('status', status);
  }
}
