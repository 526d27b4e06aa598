// One money format in every text a user reads: the budget's warnings and refusals and the approval texts
// write dollar amounts with `formatUsd`, never with their own rounding. The amounts are chosen where
// `formatUsd` differs from a plain two-decimal rounding (below a cent, from $1,000), so a message that
// rounds on its own fails here.
import { describe, expect, it } from 'vitest';
import { Budget, BudgetExceededError, checkEstimate } from '../../src/core/budget.js';
import type { Usage } from '../../src/core/model-port.js';
import { formatUsd, trailerUsd } from '../../src/core/money.js';
import { PRICES } from '../../src/core/prices.js';
import { approvalRequestBody, approvedBody, decideApproval } from '../../src/github/approval.js';

const sonnet = PRICES['claude-sonnet-5-5']!;
/** claude-sonnet-5-5 input is $2 per million tokens. */
const inputTokensFor = (usd: number): Usage => ({
  inputTokens: Math.round((usd / 2) * 1_000_000),
  outputTokens: 0,
  cacheCreationTokens: 0,
  cacheReadTokens: 0,
});

const BELOW_A_CENT = 0.005;
const SMALLER = 0.0042;
const THOUSANDS = 1234.5;

/** The test only proves something when the amount reads differently with plain cents. */
function differsFromCents(n: number): string {
  const shown = formatUsd(n);
  expect(shown, `${n} reads the same either way`).not.toBe(`$${n.toFixed(2)}`);
  return shown;
}

describe('budget messages use formatUsd', () => {
  it('the warn-cost warning', () => {
    const warnings: string[] = [];
    const budget = new Budget({
      price: sonnet,
      warnUsd: SMALLER,
      maxUsd: THOUSANDS,
      onWarn: (m) => warnings.push(m),
    });
    budget.add(inputTokensFor(BELOW_A_CENT));
    expect(warnings).toEqual([
      `Spending reached ${differsFromCents(BELOW_A_CENT)}, past the warn-cost threshold of ${differsFromCents(SMALLER)}; ` +
        `the run stops at max-cost ${differsFromCents(THOUSANDS)}.`,
    ]);
    expect(warnings[0]).toContain('$0.005, past the warn-cost threshold of $0.0042');
    expect(warnings[0]).toContain('max-cost $1,234.50.');
  });

  it('the max-cost stop', () => {
    const budget = new Budget({ price: sonnet, warnUsd: THOUSANDS, maxUsd: THOUSANDS });
    budget.add(inputTokensFor(THOUSANDS));
    const reason = budget.signal.reason as BudgetExceededError;
    expect(reason).toBeInstanceOf(BudgetExceededError);
    const amount = differsFromCents(THOUSANDS);
    expect(reason.message).toContain(`spent ${amount}, reaching the max-cost limit of ${amount}. `);
  });

  it('the refusal of an estimate over max-cost', () => {
    const big = checkEstimate(1234.567, 1000, false);
    expect(big).toContain(
      `estimated cost ${formatUsd(1234.567)} is above the max-cost limit of ${formatUsd(1000)}`,
    );
    expect(big).toContain('$1,234.57 is above the max-cost limit of $1,000.00');
    expect(big).toContain(`Raise max-cost to at least ${formatUsd(1235)}`);
    const small = checkEstimate(BELOW_A_CENT, SMALLER, false);
    expect(small).toContain(
      `estimated cost ${differsFromCents(BELOW_A_CENT)} is above the max-cost limit of ${differsFromCents(SMALLER)}`,
    );
  });
});

describe('approval texts use formatUsd', () => {
  const base = { specId: 'greeting', specHash: 'a'.repeat(64), planMarkdown: '(plan)' };

  it('the reason for asking names approve-above', () => {
    const decision = decideApproval({
      estimateUsd: 0.0123,
      approveAbove: BELOW_A_CENT,
      approving: false,
      specHash: base.specHash,
      requestedHash: null,
    });
    expect(decision).toEqual({
      kind: 'ask',
      reason: `The estimate is above the approval threshold (approve-above: ${differsFromCents(BELOW_A_CENT)}).`,
    });
  });

  it('the request and the approved comment head with the estimate', () => {
    const request = approvalRequestBody({
      ...base,
      estimateUsd: THOUSANDS,
      approveAbove: 1000,
      command: '/implement-spec',
      reason: 'Above the threshold.',
    });
    expect(request).toContain(`### ⏸️ Waiting for approval: estimated ${differsFromCents(THOUSANDS)}\n`);
    const approved = approvedBody({ ...base, estimateUsd: SMALLER, approver: 'alice-dev' });
    expect(approved).toContain(`### ✅ Approved by @alice-dev: estimated ${differsFromCents(SMALLER)}\n`);
  });
});

describe('trailerUsd', () => {
  it('keeps the commit trailer machine-readable: four fixed decimals, no grouping, no "<"', () => {
    expect(trailerUsd(THOUSANDS)).toBe('$1234.5000');
    expect(trailerUsd(0.00001)).toBe('$0.0000');
    expect(trailerUsd(0.0972)).toBe('$0.0972');
    expect(trailerUsd(0)).toBe('$0.0000');
  });
});
