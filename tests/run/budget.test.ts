import { describe, expect, it } from 'vitest';
import { Budget, BudgetExceededError, checkEstimate, RunStoppedError } from '../../src/core/budget.js';
import type { Usage } from '../../src/core/model-port.js';
import { PRICES } from '../../src/core/prices.js';

const sonnet = PRICES['claude-sonnet-5-5']!;

function usage(partial: Partial<Usage>): Usage {
  return { inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0, ...partial };
}

describe('Budget cost arithmetic', () => {
  it('prices claude-sonnet-5-5 tokens from the table', () => {
    const budget = new Budget({ price: sonnet });
    budget.add(
      usage({
        inputTokens: 1_000_000,
        outputTokens: 100_000,
        cacheCreationTokens: 200_000,
        cacheReadTokens: 1_000_000,
      }),
    );
    // 1M input × $2 + 100k output × $10 + 200k cache write × $2.5 + 1M cache read × $0.1
    expect(budget.totalUsd).toBeCloseTo(2 + 1 + 0.5 + 0.1, 10);
    // Without caching the 1.2M cached tokens are plain input: 2.2M × $2 + 100k × $10 = 4.4 + 1.
    expect(budget.totalUsdWithoutCache).toBeCloseTo(5.4, 10);
    expect(budget.usage).toEqual({
      inputTokens: 1_000_000,
      outputTokens: 100_000,
      cacheCreationTokens: 200_000,
      cacheReadTokens: 1_000_000,
    });
  });

  it('accumulates across calls and uses the given price', () => {
    const budget = new Budget({ price: PRICES['claude-opus-5']! });
    budget.add(usage({ inputTokens: 500_000 }));
    budget.add(usage({ inputTokens: 500_000, outputTokens: 40_000 }));
    // 1M × $5 + 40k × $25 = 5 + 1
    expect(budget.totalUsd).toBeCloseTo(6, 10);
    expect(budget.usage.inputTokens).toBe(1_000_000);
  });

  it('returns a copy of usage, not its internal state', () => {
    const budget = new Budget({ price: sonnet });
    budget.usage.inputTokens = 99;
    expect(budget.usage.inputTokens).toBe(0);
  });
});

describe('Budget thresholds', () => {
  it('warns exactly once when crossing warnUsd', () => {
    const warnings: string[] = [];
    const budget = new Budget({ price: sonnet, warnUsd: 1, maxUsd: 100, onWarn: (m) => warnings.push(m) });
    budget.add(usage({ inputTokens: 400_000 })); // $0.80
    expect(warnings).toEqual([]);
    expect(budget.summary().warned).toBe(false);
    budget.add(usage({ inputTokens: 100_000 })); // $1.00: reaches the threshold
    budget.add(usage({ inputTokens: 500_000 })); // $2.00
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('$1.00');
    expect(budget.summary()).toEqual({ warnUsd: 1, maxUsd: 100, warned: true, aborted: false });
    expect(budget.canStart()).toBe(true);
  });

  it('aborts its signal with a reason at maxUsd and refuses new starts', () => {
    const budget = new Budget({ price: sonnet, warnUsd: 1, maxUsd: 2 });
    const seen: unknown[] = [];
    budget.signal.addEventListener('abort', () => seen.push(budget.signal.reason));
    budget.add(usage({ inputTokens: 900_000 })); // $1.80
    expect(budget.exceeded).toBe(false);
    expect(budget.signal.aborted).toBe(false);
    budget.add(usage({ outputTokens: 30_000 })); // +$0.30 = $2.10
    expect(budget.exceeded).toBe(true);
    expect(budget.signal.aborted).toBe(true);
    expect(budget.canStart()).toBe(false);
    expect(budget.signal.reason).toBeInstanceOf(BudgetExceededError);
    expect((budget.signal.reason as Error).message).toContain('$2.10');
    expect((budget.signal.reason as Error).message).toContain('max-cost');
    budget.add(usage({ outputTokens: 10_000 }));
    expect(seen).toHaveLength(1);
    expect(budget.summary()).toEqual({ warnUsd: 1, maxUsd: 2, warned: true, aborted: true });
  });

  it('stop() from outside aborts like the limit but is reported as a stop, not as the budget', () => {
    const budget = new Budget({ price: PRICES['claude-sonnet-5-5']!, warnUsd: 1, maxUsd: 2 });
    budget.stop('the job received SIGINT');
    expect(budget.signal.aborted).toBe(true);
    expect(budget.signal.reason).toBeInstanceOf(RunStoppedError);
    expect(String(budget.signal.reason.message)).toContain('the job received SIGINT');
    expect(budget.canStart()).toBe(false);
    expect(budget.summary()).toMatchObject({ aborted: false, stoppedBy: 'the job received SIGINT' });
  });

  it('uses defaults of $10 warn and $50 max', () => {
    const budget = new Budget({ price: sonnet });
    expect(budget.summary()).toEqual({ warnUsd: 10, maxUsd: 50, warned: false, aborted: false });
    budget.add(usage({ inputTokens: 24_999_999 })); // just under $50
    expect(budget.summary().warned).toBe(true);
    expect(budget.exceeded).toBe(false);
    budget.add(usage({ inputTokens: 1 }));
    expect(budget.exceeded).toBe(true);
  });

  it('refuses nonsense limits', () => {
    expect(() => new Budget({ price: sonnet, maxUsd: -1 })).toThrow(/max-cost/);
    expect(() => new Budget({ price: sonnet, warnUsd: Number.NaN })).toThrow(/warn-cost/);
  });
});

describe('checkEstimate', () => {
  it('allows estimates within the limit', () => {
    expect(checkEstimate(3.2, 50, false)).toBeNull();
    expect(checkEstimate(50, 50, false)).toBeNull();
  });

  it('refuses estimates over the limit, naming both and how to proceed', () => {
    const message = checkEstimate(62.5, 50, false);
    expect(message).toContain('$62.50');
    expect(message).toContain('$50.00');
    expect(message).toContain('max-cost');
    expect(message).toContain('--force');
  });

  it('lets --force through', () => {
    expect(checkEstimate(62.5, 50, true)).toBeNull();
  });
});
