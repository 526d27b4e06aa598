// The end of a run over one or more specs: the step's outputs, its status, the reaction, and the step's
// failure or warning naming each spec that did not fully succeed.

import type { SpecRunOutcome } from './implement.js';
import type { ActionOutputs } from './outputs.js';
import type { Responder } from './responder.js';
import * as core from './runner.js';

export function combineStatus(outcomes: SpecRunOutcome[]): 'success' | 'partial' | 'failed' {
  if (outcomes.length === 0) return 'failed';
  if (outcomes.every((o) => o.result.status === 'success')) return 'success';
  if (outcomes.every((o) => o.result.status === 'failed')) return 'failed';
  return 'partial';
}

/** Sums of cost, tokens and files over the specs, and the last spec's PR, branch and report. */
export function setRunOutputs(outcomes: SpecRunOutcome[], outputs: ActionOutputs): void {
  const total = outcomes.reduce(
    (t, o) => ({
      cost: t.cost + o.result.costUsd,
      input:
        t.input +
        o.result.usage.inputTokens +
        o.result.usage.cacheCreationTokens +
        o.result.usage.cacheReadTokens,
      output: t.output + o.result.usage.outputTokens,
      files: t.files + o.filesChanged,
    }),
    { cost: 0, input: 0, output: 0, files: 0 },
  );
  outputs.set('cost-usd', total.cost.toFixed(4));
  outputs.set('input-tokens', total.input);
  outputs.set('output-tokens', total.output);
  outputs.set('files-changed', total.files);
  const last = [...outcomes].reverse().find((o) => o.pr);
  if (last?.pr) {
    outputs.set('pr-number', last.pr.number);
    outputs.set('pr-url', last.pr.url);
  }
  const lastBranch = outcomes.at(-1)?.branch;
  if (lastBranch) outputs.set('branch', lastBranch);
  const lastReport = outcomes.at(-1)?.reportPath;
  if (lastReport) outputs.set('report-path', lastReport);
}

export async function finishRun(
  outcomes: SpecRunOutcome[],
  outputs: ActionOutputs,
  responder: Responder,
): Promise<void> {
  const status = combineStatus(outcomes);
  setRunOutputs(outcomes, outputs);
  await core.summary.write();
  outputs.finish(status);
  await responder.react(status === 'success' ? 'rocket' : 'confused');
  const problems = outcomes
    .filter((o) => o.result.status !== 'success')
    .map((o) => `${o.result.spec.id}: ${o.summary}`)
    .join(' | ');
  if (status === 'failed') core.setFailed(problems);
  else if (status === 'partial') core.warning(`Partial implementation: ${problems}`);
}
