// Set-up for unit tests of src/action: inputs and the runner environment as plain values, a log that records
// what the action would print, and the runner's output/summary files (the contract src/action/runner.ts writes to).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ActionEnv, readActionEnv } from '../../src/action/env.js';
import { type ActionInputs, readInputs } from '../../src/action/inputs.js';
import type { ActionLog } from '../../src/action/log.js';
import { RETRY_POLICIES } from '../../src/core/retry-policy.js';
import { createGitHubClient } from '../../src/github/client.js';
import { resolveTrigger } from '../../src/github/trigger.js';
import { eventFixture, parseOutputFile } from '../e2e/harness.js';

/** Inputs as the runner passes them (action.yml names), defaults for the rest. */
export function actionInputs(given: Record<string, string> = {}): ActionInputs {
  const all: Record<string, string> = {
    'anthropic-api-key': 'sk-ant-test',
    'github-token': 'ghs_test',
    ...given,
  };
  return readInputs((name) => all[name] ?? '');
}

export function actionEnv(vars: Record<string, string>): ActionEnv {
  return readActionEnv({
    GITHUB_REPOSITORY: 'octo-org/shop',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    GITHUB_ACTOR: 'octocat',
    ...vars,
  });
}

export interface RecordedLog extends ActionLog {
  lines: string[];
  warnings: string[];
}

/** A log that keeps every line: `info`, `warning: …`, `group: …` and `endgroup`. */
export function recordingLog(): RecordedLog {
  const lines: string[] = [];
  const warnings: string[] = [];
  return {
    lines,
    warnings,
    info: (m) => lines.push(m),
    warning: (m) => {
      warnings.push(m);
      lines.push(`warning: ${m}`);
    },
    startGroup: (n) => lines.push(`group: ${n}`),
    endGroup: () => lines.push('endgroup'),
  };
}

export interface RunnerFiles {
  dir: string;
  outputs(): Record<string, string>;
  summary(): string;
  /** Empties both files and the exit code setFailed sets, for the next test. */
  reset(): void;
}

let shared: RunnerFiles | undefined;

/**
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY pointing at files, as the runner sets them for a step. One pair per test
 * file: the files stay and reset() empties them.
 */
export function runnerFiles(): RunnerFiles {
  if (shared) {
    shared.reset();
    return shared;
  }
  const dir = mkdtempSync(join(tmpdir(), 'implement-spec-action-unit-'));
  const outFile = join(dir, 'output');
  const sumFile = join(dir, 'summary');
  process.env.GITHUB_OUTPUT = outFile;
  process.env.GITHUB_STEP_SUMMARY = sumFile;
  shared = {
    dir,
    outputs: () => parseOutputFile(readFileSync(outFile, 'utf8')),
    summary: () => readFileSync(sumFile, 'utf8'),
    reset: () => {
      writeFileSync(outFile, '');
      writeFileSync(sumFile, '');
      process.exitCode = 0;
    },
  };
  shared.reset();
  return shared;
}

/** The trigger of an event fixture, resolved with the default inputs. */
export function triggerOf(eventName: string, fixture: string, patch?: (e: Record<string, unknown>) => void) {
  const trigger = resolveTrigger({
    eventName,
    payload: eventFixture(fixture, patch),
    triggerLabel: 'implement-spec',
    command: '/implement-spec',
    enablePullRequest: false,
  });
  if (trigger.kind === 'ignore') throw new Error(`fixture ${fixture} is ignored: ${trigger.reason}`);
  return trigger;
}

/** The GitHub client the action builds, pointed at a fake, with the fast retry timing of the tests. */
export function fastGitHubClient(fake: { url: string }) {
  return createGitHubClient({ token: 'ghs_test', baseUrl: fake.url, ...RETRY_POLICIES.fast.github });
}
