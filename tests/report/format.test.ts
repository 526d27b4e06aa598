import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatDelta,
  formatDuration,
  formatTokens,
  formatUsd,
} from '../../src/report/format.js';

describe('formatUsd', () => {
  it('shows up to four decimals below $1 (at least cents) and cents from $1', () => {
    expect(formatUsd(0.0042)).toBe('$0.0042');
    expect(formatUsd(0.0972)).toBe('$0.0972');
    expect(formatUsd(0.01)).toBe('$0.01');
    expect(formatUsd(0.1)).toBe('$0.10');
    expect(formatUsd(0.125)).toBe('$0.125');
    expect(formatUsd(0.33333)).toBe('$0.3333');
    expect(formatUsd(0.99996)).toBe('$1.00');
    expect(formatUsd(1.2345)).toBe('$1.23');
    expect(formatUsd(1234.5)).toBe('$1,234.50');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(0.00001)).toBe('<$0.0001');
    expect(formatUsd(-0.5)).toBe('-$0.50');
    expect(formatUsd(Number.NaN)).toBe('n/a');
  });

  it('formats the same amount the same way to the cent, whatever the view rounds', () => {
    for (const n of [0.0972, 0.26419, 0.33, 0.4512, 3.2718]) {
      const shown = Number(formatUsd(n).replace(/[$,]/g, ''));
      expect(Math.abs(shown - n)).toBeLessThan(0.005);
    }
  });
});

describe('formatTokens', () => {
  it('groups thousands below a million and abbreviates above', () => {
    expect(formatTokens(0)).toBe('0');
    expect(formatTokens(999)).toBe('999');
    expect(formatTokens(12_345)).toBe('12,345');
    expect(formatTokens(999_999)).toBe('999,999');
    expect(formatTokens(1_200_000)).toBe('1.2M');
    expect(formatTokens(3_000_000)).toBe('3M');
    expect(formatTokens(2_500_000_000)).toBe('2.5B');
  });
});

describe('formatDuration', () => {
  it('uses ms, seconds, minutes and hours', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(4200)).toBe('4.2s');
    expect(formatDuration(42_000)).toBe('42s');
    expect(formatDuration(65_000)).toBe('1m 05s');
    expect(formatDuration(3_725_000)).toBe('1h 02m 05s');
    expect(formatDuration(-1)).toBe('n/a');
  });
});

describe('formatBytes and formatDelta', () => {
  it('formats sizes and deviations from an estimate', () => {
    expect(formatBytes(640)).toBe('640 B');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(5 * 1024 * 1024 + 100_000)).toBe('5.1 MB');
    expect(formatDelta(0.125, 0.1)).toBe('+25%');
    expect(formatDelta(0.05, 0.1)).toBe('-50%');
    expect(formatDelta(0.1, 0)).toBe('n/a');
  });
});
