// The step log, as an interface: the action passes the runner's (workflow commands, ./runner.ts), tests pass their own, so the
// modules that log can be called without the runner's global state.
import * as core from './runner.js';

export interface ActionLog {
  info(message: string): void;
  warning(message: string): void;
  startGroup(name: string): void;
  endGroup(): void;
}

/** The runner's log: workflow commands on stdout (`::warning::`, `::group::`). */
export const runnerLog: ActionLog = {
  info: (m) => core.info(m),
  warning: (m) => core.warning(m),
  startGroup: (n) => core.startGroup(n),
  endGroup: () => core.endGroup(),
};
