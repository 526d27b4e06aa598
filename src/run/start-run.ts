// The run core both entries share: the model port (Anthropic, or record/replay), the budget, cancellation by
// SIGINT/SIGTERM, and the switch from progress events to a sink. The CLI and the action differ only in their
// sinks (terminal lines; log groups and the PR progress comment) and in what they print when stopped.
import { Budget } from '../core/budget.js';
import type { ModelPort } from '../core/model-port.js';
import type { ProgressEvent, ProgressListener, TaskResult, WriteRecord } from '../core/results.js';
import type { RetryPolicy } from '../core/retry-policy.js';
import type { ModelPrice, Task } from '../core/tasks.js';
import { createAnthropicModel } from './model/anthropic.js';
import { recordingModel, replayModel } from './model/record-replay.js';

/** Where the model replies come from. */
export type ModelSource =
  | { kind: 'anthropic'; apiKey?: string; authToken?: string; baseURL?: string }
  | { kind: 'replay'; dir: string; onWarning?: (message: string) => void };

export interface StartRunOptions {
  source: ModelSource;
  /** Record every exchange into this folder (a later `replay` plays it back). */
  recordTo?: string;
  retryPolicy: RetryPolicy;
  price: ModelPrice;
  warnUsd: number;
  maxUsd: number;
  /** Told once when spending passes warnUsd. */
  onCostWarning: (message: string) => void;
  /** Told when SIGINT or SIGTERM arrives, before the budget stops the agents. */
  onSignal: (signal: NodeJS.Signals) => void;
  /** Why the budget stopped, for the report: e.g. `the job received SIGTERM`. */
  stopReason: (signal: NodeJS.Signals) => string;
}

export interface StartedRun {
  model: ModelPort;
  budget: Budget;
  /** Removes the signal handlers; call it when the run (and whatever follows it) is over. */
  release(): void;
}

export function createModel(source: ModelSource, retryPolicy: RetryPolicy, recordTo?: string): ModelPort {
  const model =
    source.kind === 'replay'
      ? replayModel(source.dir, source.onWarning ? { onWarning: source.onWarning } : {})
      : createAnthropicModel({
          ...(source.apiKey ? { apiKey: source.apiKey } : {}),
          ...(source.authToken && !source.apiKey ? { authToken: source.authToken } : {}),
          ...(source.baseURL ? { baseURL: source.baseURL } : {}),
          ...(retryPolicy.modelRetryBaseDelayMs !== undefined
            ? { retryBaseDelayMs: retryPolicy.modelRetryBaseDelayMs }
            : {}),
        });
  return recordTo ? recordingModel(model, recordTo) : model;
}

/**
 * Builds the model and the budget and arms cancellation: the first SIGINT or SIGTERM stops the agents through
 * the budget, so finished work is still committed (action) or kept with the report (CLI); a second signal of
 * the same kind has no handler left and ends the process.
 */
export function startRun(opts: StartRunOptions): StartedRun {
  const model = createModel(opts.source, opts.retryPolicy, opts.recordTo);
  const budget = new Budget({
    price: opts.price,
    warnUsd: opts.warnUsd,
    maxUsd: opts.maxUsd,
    onWarn: opts.onCostWarning,
  });
  const stopOnSignal = (signal: NodeJS.Signals) => {
    opts.onSignal(signal);
    budget.stop(opts.stopReason(signal));
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  const release = () => {
    process.off('SIGINT', stopOnSignal);
    process.off('SIGTERM', stopOnSignal);
  };
  return { model, budget, release };
}

/** What an entry shows of a run's progress. */
export interface ProgressSink {
  taskStarted(task: Task): void;
  taskEnded(result: TaskResult): void;
  fileWritten(record: WriteRecord): void;
  warning(message: string): void;
  /** Streamed model text (only the CLI's --verbose shows it). */
  text?(taskId: string, text: string): void;
  /** After every event but streamed text: for views that redraw the whole state (the PR comment). */
  changed?(): void;
}

/** The one switch over progress events; entries implement the sink, not the switch. */
export function progressReporter(sink: ProgressSink): ProgressListener {
  return (e: ProgressEvent) => {
    switch (e.type) {
      case 'task-start':
        sink.taskStarted(e.task);
        break;
      case 'task-end':
        sink.taskEnded(e.result);
        break;
      case 'file':
        sink.fileWritten(e.record);
        break;
      case 'warning':
        sink.warning(`${e.taskId ? `${e.taskId}: ` : ''}${e.message}`);
        break;
      case 'text':
        sink.text?.(e.taskId, e.text);
        return;
      case 'cost':
        break;
    }
    sink.changed?.();
  };
}
