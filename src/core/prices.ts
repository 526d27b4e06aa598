// Model prices in USD per million tokens: input / output / 5-minute cache write / cache read.
// Source: Anthropic's published pricing page, as of November 2026. A price change is a one-line edit here.
import type { ModelPrice } from './tasks.js';

export const PRICES_SOURCE = 'Anthropic pricing, November 2026 (USD per million tokens)';

export const DEFAULT_MODEL = 'claude-sonnet-5-5';

export const PRICES: Readonly<Record<string, ModelPrice>> = {
  'claude-sonnet-5-5': { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.1 },
  'claude-sonnet-5': { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.2 },
  'claude-opus-5-5': { input: 4, output: 20, cacheWrite: 5, cacheRead: 0.2 },
  'claude-opus-5': { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 },
  // No cache prices were published for this model: caching is priced as plain input.
  'claude-fable-5-1': { input: 10, output: 50, cacheWrite: 10, cacheRead: 10 },
  'claude-haiku-4-5': { input: 1, output: 5, cacheWrite: 1.25, cacheRead: 0.1 },
  'claude-sonnet-4-5': { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 },
  'claude-sonnet-4': { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 },
};

/** Models past or near their end of life: choosing one is a warning, not an error. */
export const END_OF_LIFE: Readonly<Record<string, string>> = {
  'claude-sonnet-4-5': '2026-11-30',
};

export class UnknownModelError extends Error {
  constructor(readonly model: string) {
    super(
      `Unknown model "${model}". Known models: ${Object.keys(PRICES).join(', ')}. ` +
        'To use another model, give its prices (input/output/cache-write/cache-read USD per million tokens).',
    );
    this.name = 'UnknownModelError';
  }
}

export function priceOf(model: string, custom?: ModelPrice): ModelPrice {
  if (custom) return custom;
  const price = PRICES[model];
  if (!price) throw new UnknownModelError(model);
  return price;
}

/**
 * Warning text when the model is at or near end of life on `today` (ISO date), else null. The clock is read
 * only for a model that has an end-of-life date: the first `Date` costs a few ms of start-up in `plan`.
 */
export function endOfLifeWarning(model: string, today?: string): string | null {
  const eol = END_OF_LIFE[model];
  if (!eol) return null;
  const verb = (today ?? new Date().toISOString().slice(0, 10)) >= eol ? 'reached' : 'reaches';
  return `Model ${model} ${verb} end of life on ${eol}: choose ${DEFAULT_MODEL} (the default) or another current model.`;
}

export interface TokenCounts {
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
}

/** Cost in USD of the given token counts at the given price. */
export function costOf(tokens: TokenCounts, price: ModelPrice): number {
  return (
    (tokens.inputTokens * price.input +
      tokens.outputTokens * price.output +
      tokens.cacheCreationTokens * price.cacheWrite +
      tokens.cacheReadTokens * price.cacheRead) /
    1_000_000
  );
}

/** What the same tokens would cost if nothing were cached (cache writes and reads paid as input). */
export function costWithoutCache(tokens: TokenCounts, price: ModelPrice): number {
  return (
    ((tokens.inputTokens + tokens.cacheCreationTokens + tokens.cacheReadTokens) * price.input +
      tokens.outputTokens * price.output) /
    1_000_000
  );
}
