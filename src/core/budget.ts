// The run's spending guard: tallies real usage, warns once, and aborts everything at the hard limit.

import { CostTally } from './cost-tally.js';
import type { Usage } from './model-port.js';
import { formatUsd } from './money.js';
import type { BudgetSummary } from './results.js';
import type { ModelPrice } from './tasks.js';

export const DEFAULT_WARN_USD = 10;
export const DEFAULT_MAX_USD = 50;

export interface BudgetOptions {
  price: ModelPrice;
  warnUsd?: number;
  maxUsd?: number;
  onWarn?: (message: string) => void;
}

/** The reason `Budget.signal` is aborted with, so callers can tell a budget stop from other aborts. */
export class BudgetExceededError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BudgetExceededError';
  }
}

function assertLimit(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`Budget ${name} must be a non-negative number of USD, got ${value}.`);
  }
}

export class RunStoppedError extends Error {
  constructor(reason: string) {
    super(`Stopped: ${reason}. No new tasks start and running ones are cancelled; finished work is kept.`);
    this.name = 'RunStoppedError';
  }
}

export class Budget {
  readonly price: ModelPrice;
  readonly warnUsd: number;
  readonly maxUsd: number;
  private readonly onWarn: ((message: string) => void) | undefined;
  private readonly controller = new AbortController();
  private readonly tally = new CostTally();
  private warned = false;
  private limitReached = false;
  private stopReason: string | undefined;

  constructor(opts: BudgetOptions) {
    this.price = opts.price;
    this.warnUsd = opts.warnUsd ?? DEFAULT_WARN_USD;
    this.maxUsd = opts.maxUsd ?? DEFAULT_MAX_USD;
    assertLimit('warn-cost', this.warnUsd);
    assertLimit('max-cost', this.maxUsd);
    this.onWarn = opts.onWarn;
  }

  /** Aborted (with a BudgetExceededError) once spending reaches the hard limit, or by `stop`. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get usage(): Usage {
    return this.tally.usage;
  }

  get totalUsd(): number {
    return this.tally.costUsd;
  }

  get totalUsdWithoutCache(): number {
    return this.tally.costUsdWithoutCache;
  }

  get exceeded(): boolean {
    return this.controller.signal.aborted;
  }

  /** `price`: the price of the model that spent `usage`, when its role has its own model. */
  add(usage: Usage, price: ModelPrice = this.price): void {
    this.tally.add(usage, price);
    const spent = this.totalUsd;
    if (!this.warned && spent >= this.warnUsd) {
      this.warned = true;
      this.onWarn?.(
        `Spending reached ${formatUsd(spent)}, past the warn-cost threshold of ${formatUsd(this.warnUsd)}; the run stops at max-cost ${formatUsd(this.maxUsd)}.`,
      );
    }
    if (!this.exceeded && spent >= this.maxUsd) {
      this.limitReached = true;
      this.controller.abort(
        new BudgetExceededError(
          `Budget exceeded: spent ${formatUsd(spent)}, reaching the max-cost limit of ${formatUsd(this.maxUsd)}. ` +
            'No new tasks start and running ones are cancelled. Raise max-cost to allow more spending.',
        ),
      );
    }
  }

  /** Whether a new task may start: false once the hard limit is reached. */
  canStart(): boolean {
    return !this.exceeded && this.totalUsd < this.maxUsd;
  }

  /**
   * Stops spending from outside (the job was cancelled, Ctrl-C): like reaching the limit, no new call starts
   * and calls in flight are cancelled, so what was written can still be kept, committed and resumed.
   */
  stop(reason: string): void {
    if (this.exceeded) return;
    this.stopReason = reason;
    this.controller.abort(new RunStoppedError(reason));
  }

  summary(): BudgetSummary {
    return {
      warnUsd: this.warnUsd,
      maxUsd: this.maxUsd,
      warned: this.warned,
      aborted: this.limitReached,
      ...(this.stopReason ? { stoppedBy: this.stopReason } : {}),
    };
  }
}

/** Refusal message when the plan's estimate is over the hard limit and the user did not force it; else null. */
export function checkEstimate(estimateUsd: number, maxUsd: number, force: boolean): string | null {
  if (force || estimateUsd <= maxUsd) return null;
  return (
    `The estimated cost ${formatUsd(estimateUsd)} is above the max-cost limit of ${formatUsd(maxUsd)}, so the run was not started. ` +
    `Raise max-cost to at least ${formatUsd(Math.ceil(estimateUsd))}, reduce the plan (e.g. with --agents), or use --force to run anyway (the run still stops at max-cost).`
  );
}
