// Turns every way an Anthropic call can fail into a ModelError with a kind and a hint the user can act on.

import {
  AnthropicError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from '@anthropic-ai/sdk';
import { ModelError, type ModelErrorKind } from '../../core/model-port.js';
import { DEFAULT_MODEL } from '../../core/prices.js';
import { redactSecrets } from '../../core/secret-env.js';

export interface FailureContext {
  model: string;
  attempts: number;
  timeoutMs: number;
  baseURL: string;
  /** Values that must never appear in a message (API key, auth token). */
  secrets: readonly string[];
}

// Spend limits arrive as 429 (or 402) with these codes; retrying them only burns time.
const BILLING_CODES = new Set([
  'enforced_spend_limit_reached',
  'contract_spend_limit_reached',
  'linked_organization_spend_limit_reached',
  'linked_organization_billing_unavailable',
]);
const BILLING_TEXT = /credit balance|spend(ing)? limit|billing|purchase credits|insufficient (funds|credit)/i;

/** Whether an error response (status + parsed JSON body) is about money: never worth a retry. */
export function isBillingFailure(status: number | undefined, body: unknown): boolean {
  if (status === 402) return true;
  const error = (
    body as { error?: { type?: unknown; message?: unknown; details?: { error_code?: unknown } } } | null
  )?.error;
  if (!error) return false;
  if (error.type === 'billing_error') return true;
  if (typeof error.details?.error_code === 'string' && BILLING_CODES.has(error.details.error_code))
    return true;
  return typeof error.message === 'string' && BILLING_TEXT.test(error.message);
}

/** Errors that broke a stream after the HTTP response started: ours to retry (the SDK does not). */
export function isRetryableStreamFailure(err: unknown): boolean {
  if (err instanceof APIUserAbortError || err instanceof APIConnectionError) return false;
  if (err instanceof APIError) {
    if (err.status !== undefined) return false; // an HTTP status: the SDK already applied its retry policy
    const type = err.type ?? (err.error as { error?: { type?: string } } | undefined)?.error?.type;
    return type === 'overloaded_error' || type === 'api_error' || type === undefined || type === null;
  }
  // Connection reset mid-body ("terminated"), malformed SSE JSON, or a stream that ended without message_stop.
  return err instanceof AnthropicError || err instanceof TypeError || err instanceof SyntaxError;
}

export function redact(text: string, secrets: readonly string[]): string {
  return redactSecrets(text, secrets, '[redacted]');
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}

function hintFor(kind: ModelErrorKind, ctx: FailureContext): string {
  switch (kind) {
    case 'authentication':
      return 'Check the `anthropic-api-key` secret (or ANTHROPIC_API_KEY locally): it is missing, mistyped or revoked. Create a key in the Anthropic Console and store it as a repository secret.';
    case 'permission':
      return `The API key has no access to model "${ctx.model}" or to its organization/workspace. Use a key from a workspace that can use this model, or choose another \`model\`.`;
    case 'not_found':
      return `Model "${ctx.model}" does not exist for this API key. Set the \`model\` input to a current model, e.g. ${DEFAULT_MODEL}.`;
    case 'billing':
      return 'Add credits or raise the spend limit in the Anthropic Console (Settings → Billing / Limits), then run again.';
    case 'rate_limit':
      return `Still rate limited after ${ctx.attempts} attempts. Lower \`max-parallel\`, or retry later (a higher usage tier raises the limits).`;
    case 'overloaded':
      return `Anthropic was overloaded for all ${ctx.attempts} attempts. Retry later, or lower \`max-parallel\`.`;
    case 'server':
      return `The Anthropic API kept failing (${ctx.attempts} attempts). Retry later; see https://status.anthropic.com.`;
    case 'timeout':
      return `The model call did not finish within ${seconds(ctx.timeoutMs)}. Retry; if it keeps happening, split the work into smaller tasks or raise the call timeout.`;
    case 'connection':
      return `Could not reach ${ctx.baseURL}. Check the network, proxy settings and ANTHROPIC_BASE_URL.`;
    case 'stream':
      return `The response stream broke on every attempt (${ctx.attempts}). Retry later; see https://status.anthropic.com.`;
    case 'aborted':
      return 'The call was cancelled (for example because the budget was reached); nothing to fix here.';
    case 'invalid_request':
      return 'The API rejected the request as invalid. This is most likely a bug in implement-spec: report it with the request id.';
  }
}

function kindOfStatus(status: number): ModelErrorKind {
  if (status === 401) return 'authentication';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limit';
  if (status === 529) return 'overloaded';
  if (status >= 500 || status === 408 || status === 409) return 'server';
  return 'invalid_request';
}

function kindOfType(type: string | null | undefined): ModelErrorKind {
  switch (type) {
    case 'overloaded_error':
      return 'overloaded';
    case 'rate_limit_error':
      return 'rate_limit';
    case 'billing_error':
      return 'billing';
    case 'authentication_error':
      return 'authentication';
    case 'permission_error':
      return 'permission';
    case 'not_found_error':
      return 'not_found';
    case 'invalid_request_error':
      return 'invalid_request';
    case 'timeout_error':
      return 'timeout';
    default:
      return 'stream';
  }
}

export function makeModelError(
  kind: ModelErrorKind,
  message: string,
  ctx: FailureContext,
  status?: number,
  requestId?: string,
): ModelError {
  return new ModelError(
    redact(message, ctx.secrets),
    kind,
    redact(hintFor(kind, ctx), ctx.secrets),
    status,
    requestId ?? undefined,
  );
}

/**
 * Classifies a failure. `reason` says why the call ended when we ended it ourselves
 * ('deadline' = our per-call timeout fired, 'cancelled' = the caller's signal).
 */
export function toModelError(
  err: unknown,
  ctx: FailureContext,
  reason?: 'deadline' | 'cancelled',
): ModelError {
  if (err instanceof ModelError) return err;
  const tries = ctx.attempts === 1 ? '1 attempt' : `${ctx.attempts} attempts`;
  if (reason === 'deadline') {
    return makeModelError('timeout', `Model call timed out after ${seconds(ctx.timeoutMs)} (${tries}).`, ctx);
  }
  if (reason === 'cancelled' || err instanceof APIUserAbortError) {
    return makeModelError('aborted', 'Model call was aborted.', ctx);
  }
  if (err instanceof APIConnectionTimeoutError) {
    return makeModelError('timeout', `Model call timed out after ${seconds(ctx.timeoutMs)} (${tries}).`, ctx);
  }
  if (err instanceof APIConnectionError) {
    const cause = (err as { cause?: unknown }).cause;
    const detail = cause instanceof Error ? `: ${cause.message}` : '';
    return makeModelError('connection', `Could not connect to the Anthropic API${detail} (${tries}).`, ctx);
  }
  if (err instanceof APIError) {
    const apiMessage = err.apiMessage ?? err.message;
    const requestId = err.requestID ?? (err.error as { request_id?: string } | undefined)?.request_id;
    const status = err.status as number | undefined;
    const kind = isBillingFailure(status, err.error)
      ? 'billing'
      : status !== undefined
        ? kindOfStatus(status)
        : kindOfType(err.type);
    const where = status !== undefined ? `HTTP ${status}` : 'stream error';
    const type = err.type ? ` ${err.type}` : '';
    return makeModelError(
      kind,
      `Anthropic API ${where}${type}: ${apiMessage} (${tries}).`,
      ctx,
      status,
      requestId ?? undefined,
    );
  }
  const text = err instanceof Error ? err.message : String(err);
  const cause = err instanceof Error && err.cause instanceof Error ? ` (${err.cause.message})` : '';
  return makeModelError('stream', `The response stream broke: ${text}${cause} (${tries}).`, ctx);
}
