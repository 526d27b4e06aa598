// Number formatting shared by every report view. Fixed en-US style, independent of the machine's locale,
// so reports (and their snapshots) read the same everywhere.

import type { Usage } from '../core/model-port.js';

import { groupThousands } from '../core/money.js';

/** Dollars: one format for every view (it lives in core so the plan's view uses it too). */
export { formatUsd } from '../core/money.js';

/** `12,345` below a million, then `1.2M` / `3.4B`. */
export function formatTokens(n: number): string {
  if (!Number.isFinite(n)) return 'n/a';
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(Math.round(n));
  if (abs >= 1_000_000_000) return `${sign}${trimZero((abs / 1_000_000_000).toFixed(1))}B`;
  if (abs >= 1_000_000) return `${sign}${trimZero((abs / 1_000_000).toFixed(1))}M`;
  return sign + groupThousands(String(abs));
}

function trimZero(fixed: string): string {
  return fixed.endsWith('.0') ? fixed.slice(0, -2) : fixed;
}

/** `850 ms`, `4.2s`, `42s`, `1m 05s`, `1h 02m 05s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return 'n/a';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${trimZero((ms / 1000).toFixed(1))}s`;
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 60) return `${totalSeconds}s`;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const ss = String(seconds).padStart(2, '0');
  if (hours === 0) return `${minutes}m ${ss}s`;
  return `${hours}h ${String(minutes).padStart(2, '0')}m ${ss}s`;
}

/** Plain integer with thousands separators (counts, bytes). */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return 'n/a';
  const sign = n < 0 ? '-' : '';
  return sign + groupThousands(String(Math.abs(Math.round(n))));
}

/** `1,234 B`, `12.3 KB`, `4.5 MB`. */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return 'n/a';
  if (n < 1024) return `${formatCount(n)} B`;
  if (n < 1024 * 1024) return `${trimZero((n / 1024).toFixed(1))} KB`;
  return `${trimZero((n / (1024 * 1024)).toFixed(1))} MB`;
}

/** Signed percentage of `actual` against `expected`: `+25%`, `-10%`, `n/a` without an expectation. */
export function formatDelta(actual: number, expected: number): string {
  if (!Number.isFinite(actual) || !Number.isFinite(expected) || expected <= 0) return 'n/a';
  const pct = Math.round(((actual - expected) / expected) * 100);
  return `${pct > 0 ? '+' : ''}${pct}%`;
}

/** Share in percent, `0%` when the whole is zero. */
export function formatPercent(part: number, whole: number): string {
  if (!Number.isFinite(part) || !Number.isFinite(whole) || whole <= 0) return '0%';
  return `${Math.round((part / whole) * 100)}%`;
}

/**
 * Input tokens as every view counts them: uncached input plus cache writes plus cache reads (what the model
 * read), the same number as the action's `input-tokens` output and the CLI's summary line.
 */
export function inputTokensTotal(usage: Usage): number {
  return usage.inputTokens + usage.cacheCreationTokens + usage.cacheReadTokens;
}

/** `48,094 in (incl. 40,417 cache read, 1,200 cache write), 5,210 out`: one wording everywhere. */
export function formatTokenTotals(usage: Usage): string {
  return (
    `${formatTokens(inputTokensTotal(usage))} in (incl. ${formatTokens(usage.cacheReadTokens)} cache read, ` +
    `${formatTokens(usage.cacheCreationTokens)} cache write), ${formatTokens(usage.outputTokens)} out`
  );
}
