// Which spec files an event concerns, as workspace-relative POSIX paths.
import { relative, resolve, sep } from 'node:path';
import { changedFilesBetween, filterSpecFiles } from '../github/changed-files.js';
import type { Trigger } from '../github/trigger.js';
import { findSpecFiles } from '../spec/discover.js';
import type { ActionEnv } from './env.js';
import type { ActionInputs } from './inputs.js';
import * as core from './runner.js';

export class SpecSelectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpecSelectionError';
  }
}

const toRel = (workspace: string, file: string) =>
  relative(workspace, resolve(workspace, file)).split(sep).join('/');

/** All spec files under the `spec-paths` globs in the checkout. */
async function globbed(inputs: ActionInputs, env: ActionEnv): Promise<string[]> {
  const { files } = await findSpecFiles(inputs.specPaths, env.workspace);
  return files.map((f) => toRel(env.workspace, f));
}

/** Explicitly named specs (dispatch input, comment arguments): each must exist. */
async function named(paths: string[], env: ActionEnv): Promise<string[]> {
  const { files, problems } = await findSpecFiles(paths, env.workspace);
  if (problems.length > 0) throw new SpecSelectionError(problems.join('; '));
  return files.map((f) => toRel(env.workspace, f));
}

export async function resolveSpecFiles(input: {
  trigger: Trigger;
  inputs: ActionInputs;
  env: ActionEnv;
  /** Files changed by the pull request (PR triggers), null when not fetched. */
  pullFiles: { filename: string; status: string }[] | null;
  /** Spec paths named by a comment command. */
  commandSpecs?: string[];
}): Promise<string[]> {
  const { trigger, inputs, env, pullFiles } = input;
  switch (trigger.kind) {
    case 'dispatch': {
      const spec = trigger.spec || inputs.spec;
      return spec ? named([spec], env) : globbed(inputs, env);
    }
    case 'push': {
      if (inputs.spec) return named([inputs.spec], env);
      const changes = await changedFilesBetween(env.workspace, trigger.before, trigger.after);
      if (changes.note) core.info(`implement-spec: ${changes.note}`);
      return filterSpecFiles(changes, inputs.specPaths);
    }
    case 'pull_request':
    case 'label':
    case 'comment': {
      if (input.commandSpecs && input.commandSpecs.length > 0) return named(input.commandSpecs, env);
      const changed = (pullFiles ?? []).filter((f) => f.status !== 'removed').map((f) => f.filename);
      const specs = filterSpecFiles(changed, inputs.specPaths);
      // A label or command on a PR that touches no spec means "the repository's specs".
      if (specs.length === 0 && trigger.kind !== 'pull_request') return globbed(inputs, env);
      return specs;
    }
    case 'ignore':
      return [];
  }
}
