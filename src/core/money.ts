// The one way a dollar amount is written, for every view (CLI, plan, report, job summary, comments), so
// the same run never reads `$0.10` in one place and `$0.0972` in another.

/** `1234567` → `1,234,567`: the en-US grouping of a string of digits, without loading ICU (`toLocaleString`). */
export function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Below $1: four decimals, trailing zeros past the cents dropped (`$0.0972`, `$0.05`, `$0.0042`), because
 * runs cost cents and rounding to the cent hides most of the difference. From $1: cents (`$12.34`,
 * `$1,234.56`). Amounts below $0.0001 that are not zero read `<$0.0001`.
 */
export function formatUsd(n: number): string {
  if (!Number.isFinite(n)) return 'n/a';
  if (n === 0) return '$0.00';
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  if (abs < 0.00005) return `${sign === '-' ? '>-' : '<'}$0.0001`;
  if (abs < 0.99995) {
    const fixed = abs.toFixed(4).replace(/0{1,2}$/, '');
    return `${sign}$${fixed}`;
  }
  const [whole = '0', cents = '00'] = abs.toFixed(2).split('.');
  return `${sign}$${groupThousands(whole)}.${cents}`;
}

/**
 * The cost in a commit trailer (`Implement-Spec-Cost: $0.0972`): for scripts reading `git log`, not for
 * people, so it is deliberately not `formatUsd` — always four fixed decimals, no thousands separator and no
 * `<$0.0001`, so one pattern (`\$\d+\.\d{4}`) parses every value.
 */
export function trailerUsd(n: number): string {
  return `$${n.toFixed(4)}`;
}
