// The Anthropic adapter: one ModelPort call = one streamed Messages API call, with the SDK's own retries for HTTP
// failures, our retries for streams that break after they started, and every failure turned into a ModelError.
import Anthropic from '@anthropic-ai/sdk';
import type {
  ContentBlock,
  Message,
  MessageParam,
  TextBlockParam,
  ToolUnion,
} from '@anthropic-ai/sdk/resources/messages/messages';
import type {
  AssistantBlock,
  ModelMessage,
  ModelPort,
  ModelRequest,
  ModelResponse,
  StreamListener,
  SystemPart,
  ToolDefinition,
  UserBlock,
} from '../../core/model-port.js';
import {
  type FailureContext,
  isBillingFailure,
  isRetryableStreamFailure,
  makeModelError,
  toModelError,
} from './errors.js';

export interface AnthropicModelOptions {
  /** Default: ANTHROPIC_API_KEY. */
  apiKey?: string;
  /** Bearer token instead of an API key. Default: ANTHROPIC_AUTH_TOKEN. */
  authToken?: string;
  /** Default: ANTHROPIC_BASE_URL, else https://api.anthropic.com. */
  baseURL?: string;
  /** Retries after the first attempt, for HTTP failures (by the SDK) and broken streams (by us). Default 3. */
  maxRetries?: number;
  /** Whole-call deadline, retries included. Default 10 minutes. */
  timeoutMs?: number;
  /** Called once per HTTP attempt (so retries count as calls). */
  onCall?: () => void;
  /** Base delay of our backoff between broken-stream retries (doubles each time, capped at 8 s). Default 1000. */
  retryBaseDelayMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
const DEFAULT_BASE_URL = 'https://api.anthropic.com';
const MAX_STREAM_RETRY_DELAY_MS = 8000;

export function createAnthropicModel(opts: AnthropicModelOptions = {}): ModelPort {
  const apiKey =
    nonEmpty(opts.apiKey) ?? (opts.authToken ? undefined : nonEmpty(process.env.ANTHROPIC_API_KEY));
  const authToken = apiKey
    ? undefined
    : (nonEmpty(opts.authToken) ?? nonEmpty(process.env.ANTHROPIC_AUTH_TOKEN));
  const baseURL = nonEmpty(opts.baseURL) ?? nonEmpty(process.env.ANTHROPIC_BASE_URL) ?? DEFAULT_BASE_URL;
  const maxRetries = opts.maxRetries ?? 3;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retryBaseDelayMs = opts.retryBaseDelayMs ?? 1000;
  const secrets = [apiKey, authToken].filter((s): s is string => s !== undefined);

  return {
    async complete(request: ModelRequest, onStream?: StreamListener): Promise<ModelResponse> {
      let attempts = 0;
      const ctx = (): FailureContext => ({ model: request.model, attempts, timeoutMs, baseURL, secrets });
      const emit: StreamListener = (event) => {
        try {
          onStream?.(event);
        } catch {
          // A failing log listener must not fail the model call.
        }
      };
      if (!apiKey && !authToken) {
        throw makeModelError('authentication', 'No Anthropic API key was given.', ctx());
      }
      if (request.signal?.aborted) throw makeModelError('aborted', 'Model call was aborted.', ctx());

      // One controller for the whole call: the caller's signal and our deadline both end it.
      const controller = new AbortController();
      let endedBy: 'deadline' | 'cancelled' | undefined;
      const onCallerAbort = () => {
        endedBy ??= 'cancelled';
        controller.abort();
      };
      request.signal?.addEventListener('abort', onCallerAbort, { once: true });
      const deadline = setTimeout(() => {
        endedBy ??= 'deadline';
        controller.abort();
      }, timeoutMs);

      // Reason of the last failed HTTP attempt, reported when the SDK retries it.
      let sdkRetryReason: string | undefined;
      const countingFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
        attempts++;
        if (sdkRetryReason !== undefined && attempts > 1)
          emit({ type: 'retry', attempt: attempts, reason: sdkRetryReason });
        sdkRetryReason = undefined;
        opts.onCall?.();
        let response: Response;
        try {
          response = await fetch(input, init);
        } catch (err) {
          sdkRetryReason = `connection failed: ${err instanceof Error ? err.message : String(err)}`;
          throw err;
        }
        if (response.ok) return response;
        return withRetryVerdict(response, (reason) => {
          sdkRetryReason = reason;
        });
      };

      const client = new Anthropic({
        ...(apiKey ? { apiKey } : { authToken: authToken ?? null }),
        baseURL,
        maxRetries,
        timeout: timeoutMs,
        fetch: countingFetch,
        logLevel: 'off',
      });
      const body = toRequestBody(request);

      try {
        for (let streamRetries = 0; ; streamRetries++) {
          try {
            const message = await streamOnce(client, body, controller.signal, emit);
            return toModelResponse(message, attempts);
          } catch (err) {
            if (endedBy) throw toModelError(err, ctx(), endedBy);
            if (!isRetryableStreamFailure(err) || streamRetries >= maxRetries) throw toModelError(err, ctx());
            emit({ type: 'retry', attempt: attempts + 1, reason: `stream broke: ${describe(err)}` });
            await sleep(backoff(retryBaseDelayMs, streamRetries), controller.signal);
            if (endedBy) throw toModelError(err, ctx(), endedBy);
          }
        }
      } finally {
        clearTimeout(deadline);
        request.signal?.removeEventListener('abort', onCallerAbort);
      }
    },
  };
}

async function streamOnce(
  client: Anthropic,
  body: RequestBody,
  signal: AbortSignal,
  emit: StreamListener,
): Promise<Message> {
  const stream = client.messages.stream(body, { signal });
  stream.on('text', (text) => emit({ type: 'text', text }));
  return stream.finalMessage();
}

/**
 * Reads an error response and tells the SDK not to retry what retrying cannot fix (bad request, auth, missing
 * model, money), whatever the server's `x-should-retry` says. The body is re-wrapped for the SDK to parse.
 */
async function withRetryVerdict(response: Response, setReason: (reason: string) => void): Promise<Response> {
  const text = await response.text().catch(() => '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const type = (parsed as { error?: { type?: unknown } } | undefined)?.error?.type;
  setReason(`HTTP ${response.status}${typeof type === 'string' ? ` ${type}` : ''}`);
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  headers.delete('content-encoding');
  const status = response.status;
  if ((status >= 400 && status <= 404) || isBillingFailure(status, parsed))
    headers.set('x-should-retry', 'false');
  return new Response(text, { status, statusText: response.statusText, headers });
}

// ---------------------------------------------------------------------------------------------------------
// Request and response mapping: exactly model, max_tokens, system, messages, tools. Nothing else on purpose:
// current models reject sampling parameters, manual thinking budgets, forced tool choice and prefill.

interface RequestBody {
  model: string;
  max_tokens: number;
  messages: MessageParam[];
  system?: TextBlockParam[];
  tools?: ToolUnion[];
}

/** The API accepts at most this many cache_control breakpoints per request. */
export const MAX_CACHE_BREAKPOINTS = 4;

export function toRequestBody(request: ModelRequest): RequestBody {
  const messages = request.messages.map(toMessageParam);
  const conversationBreakpoint = request.cacheConversation === true && messages.length > 0 ? 1 : 0;
  const body: RequestBody = { model: request.model, max_tokens: request.maxTokens, messages };
  // The conversation breakpoint moves every turn and saves the most; system breakpoints beyond the limit go.
  const system = toSystem(request.system, MAX_CACHE_BREAKPOINTS - conversationBreakpoint);
  if (system.length > 0) body.system = system;
  if (request.tools && request.tools.length > 0) body.tools = request.tools.map(toTool);
  if (conversationBreakpoint) markLastBlock(messages);
  return body;
}

function toSystem(parts: SystemPart[], maxBreakpoints: number): TextBlockParam[] {
  let left = maxBreakpoints;
  // The API rejects empty text blocks; an empty part carries nothing worth caching either.
  return parts
    .filter((part) => part.text.length > 0)
    .map((part) => {
      if (!part.cache || left <= 0) return { type: 'text', text: part.text };
      left--;
      return { type: 'text', text: part.text, cache_control: { type: 'ephemeral' } };
    });
}

/** Cache breakpoint on the last block of the last message (a string content becomes one text block). */
function markLastBlock(messages: MessageParam[]): void {
  const last = messages[messages.length - 1]!;
  if (typeof last.content === 'string') {
    last.content = [{ type: 'text', text: last.content, cache_control: { type: 'ephemeral' } }];
    return;
  }
  const block = last.content[last.content.length - 1];
  if (block && block.type !== 'thinking' && block.type !== 'redacted_thinking') {
    (block as { cache_control?: { type: 'ephemeral' } }).cache_control = { type: 'ephemeral' };
  }
}

function toTool(tool: ToolDefinition): ToolUnion {
  if ('type' in tool) {
    return tool.max_characters === undefined
      ? { type: tool.type, name: tool.name }
      : { type: tool.type, name: tool.name, max_characters: tool.max_characters };
  }
  return { name: tool.name, description: tool.description, input_schema: tool.input_schema };
}

function toMessageParam(message: ModelMessage): MessageParam {
  if (message.role === 'assistant') {
    return { role: 'assistant', content: message.content.map(toAssistantParam) };
  }
  if (typeof message.content === 'string') return { role: 'user', content: message.content };
  return { role: 'user', content: message.content.map(toUserParam) };
}

// Assistant blocks go back exactly as received: thinking signatures are checked by the API.
function toAssistantParam(block: AssistantBlock): Exclude<MessageParam['content'], string>[number] {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text };
    case 'thinking':
      return { type: 'thinking', thinking: block.thinking, signature: block.signature };
    case 'redacted_thinking':
      return { type: 'redacted_thinking', data: block.data };
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: block.input };
  }
}

function toUserParam(block: UserBlock): Exclude<MessageParam['content'], string>[number] {
  if (block.type === 'text') return { type: 'text', text: block.text };
  return block.is_error === undefined
    ? { type: 'tool_result', tool_use_id: block.tool_use_id, content: block.content }
    : {
        type: 'tool_result',
        tool_use_id: block.tool_use_id,
        content: block.content,
        is_error: block.is_error,
      };
}

function toAssistantBlock(block: ContentBlock): AssistantBlock | undefined {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text };
    case 'thinking':
      return { type: 'thinking', thinking: block.thinking, signature: block.signature };
    case 'redacted_thinking':
      return { type: 'redacted_thinking', data: block.data };
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: block.input };
    default:
      // Server-side tool blocks cannot appear: we never offer server tools.
      return undefined;
  }
}

function toModelResponse(message: Message, attempts: number): ModelResponse {
  const usage = message.usage;
  return {
    id: message.id,
    model: message.model,
    content: message.content.map(toAssistantBlock).filter((b): b is AssistantBlock => b !== undefined),
    stopReason: message.stop_reason ?? 'unknown',
    usage: {
      inputTokens: usage.input_tokens ?? 0,
      outputTokens: usage.output_tokens ?? 0,
      cacheCreationTokens: usage.cache_creation_input_tokens ?? 0,
      cacheReadTokens: usage.cache_read_input_tokens ?? 0,
    },
    attempts,
  };
}

// ---------------------------------------------------------------------------------------------------------

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  return err.cause instanceof Error ? `${err.message} (${err.cause.message})` : err.message;
}

function backoff(baseMs: number, retry: number): number {
  const raw = Math.min(baseMs * 2 ** retry, MAX_STREAM_RETRY_DELAY_MS);
  return raw * (1 - Math.random() * 0.25);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
