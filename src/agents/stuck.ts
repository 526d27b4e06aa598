// Stuck-loop detection: a model that sends the same tool call again and again, or whose replies keep hitting
// the output limit, is burning turns without progress. The loop stops it with a reason instead of paying for
// every remaining turn.

/** The same call (tool and input) this many times in a row is a loop. */
export const SAME_CALL_LIMIT = 3;
/** This many replies in a row cut by max_tokens: the model cannot fit its answer, asking again will not help. */
export const MAX_TOKENS_STOPS_LIMIT = 3;

/** JSON with sorted keys, so `{a,b}` and `{b,a}` are the same call. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

export class StuckDetector {
  private lastCall = '';
  private repeats = 0;
  private maxTokensStops = 0;

  /** Notes one tool call; returns why the loop is stuck, or null. */
  call(name: string, input: unknown): string | null {
    const key = `${name} ${canonical(input)}`;
    this.repeats = key === this.lastCall ? this.repeats + 1 : 1;
    this.lastCall = key;
    if (this.repeats < SAME_CALL_LIMIT) return null;
    const shown = key.length > 200 ? `${key.slice(0, 200)}…` : key;
    return `stuck: the same tool call was made ${this.repeats} times in a row (${shown})`;
  }

  /** A turn without tool calls breaks a run of identical calls. */
  noCalls(): void {
    this.lastCall = '';
    this.repeats = 0;
  }

  /** Notes a turn's stop reason; returns why the loop is stuck, or null. */
  stop(stopReason: string, maxTokens: number): string | null {
    this.maxTokensStops = stopReason === 'max_tokens' ? this.maxTokensStops + 1 : 0;
    if (this.maxTokensStops < MAX_TOKENS_STOPS_LIMIT) return null;
    return `stuck: ${this.maxTokensStops} replies in a row were cut off by the output limit (max-tokens ${maxTokens}); split the work into smaller edits or raise max-tokens`;
  }
}
