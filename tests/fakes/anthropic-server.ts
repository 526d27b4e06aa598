/**
 * A fake Anthropic Messages API on 127.0.0.1, speaking the real wire protocol, for tests and benchmarks.
 *
 * It is a real HTTP server (node:http, random port), so it also serves child processes: run
 * `dist/index.js` with `ANTHROPIC_BASE_URL=<fake.url>` and `ANTHROPIC_API_KEY=<anything>`.
 *
 * Usage:
 * ```ts
 * import { startFakeAnthropic, replies } from '../fakes/anthropic-server.js';
 *
 * const fake = await startFakeAnthropic();            // options: see FakeAnthropicOptions
 * fake.script(                                         // queued replies, used first-in first-out
 *   replies.toolUse('write_file', { path: 'a.ts', content: 'x' }, { thinking: 'plan it' }),
 *   replies.error(529, 'overloaded_error', 'Overloaded', { 'retry-after-ms': '10' }),
 *   replies.text('done'),
 * );
 * // or decide per request (used when the queue is empty):
 * fake.handle((req, ctx) => replies.text(`call ${ctx.index} for ${req.body.model}`));
 * // ... point the code under test at fake.url (baseURL or ANTHROPIC_BASE_URL) ...
 * expect(fake.requests[0]!.body.temperature).toBeUndefined();
 * await fake.close();
 * ```
 *
 * Replies (`replies.*`, or write a `Reply` literal): `text`, `message` (any blocks: text, thinking, redacted_thinking,
 * tool_use), `toolUse`, `error(status, type, message, headers?, details?)`, `overloaded`, `rateLimited(ms)`,
 * `creditBalanceTooLow`, `spendLimit`, `cut(afterEvents)` (socket destroyed mid-stream), `streamError` (SSE `error`
 * event mid-stream), `malformed` (non-JSON event), `hang` (never answers). Any reply takes `delayMs`;
 * `options.latencyMs` delays every reply (benchmarks); `options.defaultReply` answers when nothing else does
 * (otherwise: 400 "no reply scripted"). Order: queue, then handler, then defaultReply.
 * Retry tip: the SDK waits 0.5 s, 1 s, 2 s… between retries unless the error carries `retry-after-ms`
 * (or `retry-after`); give error replies `{ 'retry-after-ms': '5' }` to keep tests fast.
 *
 * What it checks like the real API (rejections are recorded too, and do not consume a scripted reply):
 * - auth: `x-api-key` or `Authorization: Bearer` (401 `authentication_error`; `options.apiKey` pins the key),
 *   `anthropic-version` header (400);
 * - body: `model`, `max_tokens`, non-empty `messages`; unknown top-level fields; at most 4 `cache_control`;
 *   each tool is a custom tool (`name`, `input_schema`) or the text editor (`type: text_editor_20250728` with
 *   `name: str_replace_based_edit_tool`, optional integer `max_characters`); unknown tool types are refused;
 * - what current models reject (400 `invalid_request_error`): `temperature`/`top_p`/`top_k`, `thinking` with
 *   `budget_tokens` or `{type:'disabled'}`, `tool_choice` of type `any`/`tool`, a final assistant message
 *   (prefill), a `tool_use` not answered by a `tool_result` in the next user message, a `tool_result` with no
 *   matching `tool_use`, and a last assistant turn sent back without (or with altered) thinking blocks that this
 *   fake emitted before its `tool_use`;
 * - `options.models`: when given, any other model gets 404 `not_found_error` (`model: <name>`).
 *
 * Token counting and cache usage (deterministic, documented so tests can compute expectations):
 * - The request is serialized block by block in the order the API renders it: tools, then system blocks, then
 *   each message's content blocks (a string content counts as one text block). Each block is `JSON.stringify`
 *   of the block without its `cache_control`. Tokens of a span = ceil(chars / 4).
 * - Each block carrying `cache_control` is a breakpoint; the prefix key of a block boundary is
 *   sha256(model + serialized prefix up to and including that block). As the API does, a breakpoint reads the
 *   cache at its own boundary or at any of the 20 block boundaries before it (the "lookback" that lets a
 *   breakpoint moved to the newest message read the previous turn's entry). The longest prefix found counts as
 *   `cache_read_input_tokens`; the part up to the last breakpoint beyond that counts as
 *   `cache_creation_input_tokens`; the rest is `input_tokens`. The prefixes at the request's breakpoints are then
 *   remembered (no TTL; `resetCache()` forgets). A breakpoint whose prefix is shorter than `minCacheTokens`
 *   (default 1024, the API's minimum for Sonnet/Opus) is ignored, as the API ignores it: nothing written, nothing read.
 * - Output tokens default to ceil(chars / 4) of the reply's content (text, thinking, tool input JSON).
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

// ---------------------------------------------------------------------------------------------------------
// Replies

export type FakeBlock =
  | { type: 'text'; text: string }
  | { type: 'thinking'; thinking: string; signature?: string }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'tool_use'; id?: string; name: string; input: unknown };

export interface MessageReply {
  kind: 'message';
  content: FakeBlock[];
  /** Default: `tool_use` when a tool_use block is present, else `end_turn`. */
  stopReason?: string;
  /** Default: ceil(chars/4) of the content. */
  outputTokens?: number;
  /** Default: the requested model. */
  model?: string;
  /** Characters per `input_json_delta` chunk of tool input (default 7, so inputs arrive in several chunks). */
  jsonChunkChars?: number;
  /** Characters per text/thinking delta (default 16). */
  textChunkChars?: number;
}

export interface HttpErrorReply {
  kind: 'http_error';
  status: number;
  errorType: string;
  message: string;
  /** Extra response headers, e.g. `{ 'retry-after': '1' }` or `{ 'retry-after-ms': '10' }`. */
  headers?: Record<string, string>;
  /** `error.details` of the body, e.g. `{ error_code: 'enforced_spend_limit_reached' }`. */
  details?: Record<string, unknown>;
}

/** Sends the first `afterEvents` SSE events of `message`'s stream, then destroys the socket. */
export interface CutReply {
  kind: 'cut';
  afterEvents: number;
  message?: MessageReply;
}

/** Sends the first `afterEvents` events of `message`'s stream, then an SSE `error` event, then ends. */
export interface StreamErrorReply {
  kind: 'stream_error';
  afterEvents: number;
  errorType: string;
  message: string;
  reply?: MessageReply;
}

/** Sends `message_start`, then an event whose data is not JSON, then ends. */
export interface MalformedReply {
  kind: 'malformed';
}

/** Never answers (the connection stays open until the client gives up or the server closes). */
export interface HangReply {
  kind: 'hang';
}

export type Reply = (
  | MessageReply
  | HttpErrorReply
  | CutReply
  | StreamErrorReply
  | MalformedReply
  | HangReply
) & {
  /** Wait this long before answering (added to `options.latencyMs`). */
  delayMs?: number;
};

type MessageOptions = Partial<Omit<MessageReply, 'kind' | 'content'>> & { delayMs?: number };

/** Reply constructors. */
export const replies = {
  message(content: FakeBlock[], opts: MessageOptions = {}): Reply {
    return { kind: 'message', content, ...opts };
  },
  text(text: string, opts: MessageOptions & { thinking?: string } = {}): Reply {
    const { thinking, ...rest } = opts;
    const content: FakeBlock[] = thinking === undefined ? [] : [{ type: 'thinking', thinking }];
    content.push({ type: 'text', text });
    return { kind: 'message', content, ...rest };
  },
  /** A tool call, optionally preceded by a thinking block and a text block. */
  toolUse(
    name: string,
    input: unknown,
    opts: MessageOptions & { thinking?: string; text?: string; id?: string } = {},
  ): Reply {
    const { thinking, text, id, ...rest } = opts;
    const content: FakeBlock[] = [];
    if (thinking !== undefined) content.push({ type: 'thinking', thinking });
    if (text !== undefined) content.push({ type: 'text', text });
    content.push(
      id === undefined ? { type: 'tool_use', name, input } : { type: 'tool_use', id, name, input },
    );
    return { kind: 'message', content, ...rest };
  },
  error(
    status: number,
    errorType: string,
    message: string,
    headers?: Record<string, string>,
    details?: Record<string, unknown>,
  ): Reply {
    return {
      kind: 'http_error',
      status,
      errorType,
      message,
      ...(headers ? { headers } : {}),
      ...(details ? { details } : {}),
    };
  },
  overloaded(headers?: Record<string, string>): Reply {
    return replies.error(529, 'overloaded_error', 'Overloaded', headers);
  },
  rateLimited(retryAfterMs = 10): Reply {
    return replies.error(
      429,
      'rate_limit_error',
      'Number of request tokens has exceeded your per-minute rate limit',
      {
        'retry-after-ms': String(retryAfterMs),
      },
    );
  },
  creditBalanceTooLow(): Reply {
    return replies.error(
      400,
      'invalid_request_error',
      'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.',
    );
  },
  /** The organization crossed its monthly spend limit (a 429 that retrying cannot fix). */
  spendLimit(): Reply {
    return replies.error(
      429,
      'rate_limit_error',
      'You have reached your specified API usage limits.',
      { 'retry-after-ms': '5' },
      { error_code: 'enforced_spend_limit_reached' },
    );
  },
  cut(afterEvents: number, message?: Reply): Reply {
    return message?.kind === 'message' ? { kind: 'cut', afterEvents, message } : { kind: 'cut', afterEvents };
  },
  streamError(errorType = 'overloaded_error', message = 'Overloaded', afterEvents = 2): Reply {
    return { kind: 'stream_error', afterEvents, errorType, message };
  },
  malformed(): Reply {
    return { kind: 'malformed' };
  },
  hang(): Reply {
    return { kind: 'hang' };
  },
};

// ---------------------------------------------------------------------------------------------------------
// Server

export interface RecordedRequest {
  /** 0-based order of arrival over the server's life. */
  index: number;
  method: string;
  path: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON body (`{}` when the body was not JSON). */
  // biome-ignore lint/suspicious/noExplicitAny: request bodies are arbitrary JSON inspected by tests
  body: any;
  rawBody: string;
  /** HTTP status the fake answered with (0 while pending or for hangs). */
  status: number;
  /** Whether the request passed the fake's validation (auth, headers, body rules). */
  valid: boolean;
  /** Usage the fake computed for this request (when it passed validation). */
  usage?: FakeUsage;
}

export interface FakeUsage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  output_tokens: number;
}

export interface HandlerContext {
  /** Same as `request.index`. */
  index: number;
  /** Number of requests to /v1/messages that passed validation before this one. */
  validIndex: number;
  requests: readonly RecordedRequest[];
}

export type ReplyHandler = (
  request: RecordedRequest,
  ctx: HandlerContext,
) => Reply | undefined | Promise<Reply | undefined>;

export interface FakeAnthropicOptions {
  /** When set, only this key (x-api-key or Bearer token) is accepted. */
  apiKey?: string;
  /** When set, other models get 404 not_found_error. */
  models?: string[];
  /** Latency added before every answer (benchmarks). */
  latencyMs?: number;
  /** Used when the queue is empty and no handler answers. Without it such a request gets 400 "no reply scripted". */
  defaultReply?: Reply;
  /** Port to listen on (default 0: random). */
  port?: number;
  /** Shortest prefix (in tokens) a breakpoint caches; shorter ones are ignored. Default 1024. */
  minCacheTokens?: number;
}

/** The API's minimum cacheable prompt length for Sonnet and Opus models. */
export const DEFAULT_MIN_CACHE_TOKENS = 1024;
/** How many block boundaries before a breakpoint the cache lookup also tries. */
export const CACHE_LOOKBACK_BLOCKS = 20;

export interface FakeAnthropic {
  /** Base URL, e.g. `http://127.0.0.1:43123` (give it to the SDK as baseURL / ANTHROPIC_BASE_URL). */
  url: string;
  /** Every request received, in order (live array). */
  requests: RecordedRequest[];
  /** Requests that passed validation (live view, computed on access). */
  readonly validRequests: RecordedRequest[];
  /** Queue replies (first in, first out). */
  script(...replies: Reply[]): void;
  /** Replies still queued. */
  pending(): number;
  /** Decide replies per request when the queue is empty; return undefined to fall back to `defaultReply`. */
  handle(handler: ReplyHandler | undefined): void;
  /** Forget every cached prefix. */
  resetCache(): void;
  /** Forget recorded requests and queued replies. */
  reset(): void;
  close(): Promise<void>;
}

const ALLOWED_FIELDS = new Set([
  'model',
  'max_tokens',
  'messages',
  'system',
  'tools',
  'tool_choice',
  'stream',
  'metadata',
  'stop_sequences',
  'thinking',
  'temperature',
  'top_p',
  'top_k',
  'service_tier',
  'container',
  'mcp_servers',
  'output_config',
  'context_management',
]);

class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly errorType: string,
    message: string,
  ) {
    super(message);
  }
}

interface IssuedToolUse {
  thinking: { thinking: string; signature: string }[];
}

export async function startFakeAnthropic(options: FakeAnthropicOptions = {}): Promise<FakeAnthropic> {
  const requests: RecordedRequest[] = [];
  let queue: Reply[] = [];
  let handler: ReplyHandler | undefined;
  let cache = new Set<string>();
  const issuedToolUses = new Map<string, IssuedToolUse>();
  const sockets = new Set<Socket>();
  let counter = 0;
  let validCount = 0;
  const nextId = (prefix: string) => `${prefix}_fake${String(++counter).padStart(6, '0')}`;

  const server: Server = createServer((req, res) => {
    void serve(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        sendError(
          res,
          500,
          'api_error',
          `fake anthropic crashed: ${err instanceof Error ? err.message : String(err)}`,
          nextId('req'),
        );
      } else {
        res.destroy();
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    let body: unknown = {};
    let parsed = true;
    try {
      body = rawBody ? JSON.parse(rawBody) : {};
    } catch {
      parsed = false;
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const recorded: RecordedRequest = {
      index: requests.length,
      method: req.method ?? 'GET',
      path,
      headers,
      body,
      rawBody,
      status: 0,
      valid: false,
    };
    requests.push(recorded);
    const requestId = nextId('req');

    const fail = (status: number, type: string, message: string) => {
      recorded.status = status;
      sendError(res, status, type, message, requestId);
    };

    if (req.method !== 'POST' || path !== '/v1/messages')
      return fail(404, 'not_found_error', `Not found: ${req.method} ${path}`);
    const key = headers['x-api-key'] || bearer(headers.authorization);
    if (!key) return fail(401, 'authentication_error', 'x-api-key header is required');
    if (options.apiKey !== undefined && key !== options.apiKey)
      return fail(401, 'authentication_error', 'invalid x-api-key');
    if (!headers['anthropic-version'])
      return fail(400, 'invalid_request_error', 'anthropic-version: header is required');
    if (!parsed || typeof body !== 'object' || body === null || Array.isArray(body)) {
      return fail(400, 'invalid_request_error', 'The request body is not valid JSON.');
    }
    try {
      validate(body as Record<string, unknown>, options, issuedToolUses);
    } catch (err) {
      if (err instanceof ApiFailure) return fail(err.status, err.errorType, err.message);
      throw err;
    }
    recorded.valid = true;
    const request = body as MessagesBody;
    const inputUsage = computeInputUsage(request, cache, options.minCacheTokens ?? DEFAULT_MIN_CACHE_TOKENS);
    const ctx: HandlerContext = { index: recorded.index, validIndex: validCount++, requests };

    let reply = queue.shift();
    if (!reply && handler) reply = await handler(recorded, ctx);
    if (!reply) reply = options.defaultReply;
    if (!reply) {
      return fail(
        400,
        'invalid_request_error',
        `fake anthropic: no reply scripted for request #${recorded.index}`,
      );
    }
    const delay = (options.latencyMs ?? 0) + (reply.delayMs ?? 0);
    if (delay > 0) await sleep(delay);

    if (reply.kind === 'hang') {
      recorded.status = 0;
      return; // keep the connection open; close() destroys it
    }
    if (reply.kind === 'http_error') {
      recorded.status = reply.status;
      sendError(res, reply.status, reply.errorType, reply.message, requestId, reply.headers, reply.details);
      return;
    }
    // A served message (or a stream that started) makes the prefixes cached, as the API would.
    const message =
      reply.kind === 'message'
        ? reply
        : reply.kind === 'cut'
          ? reply.message
          : reply.kind === 'stream_error'
            ? reply.reply
            : undefined;
    const built = buildMessage(
      message ?? {
        kind: 'message',
        content: [{ type: 'text', text: 'Partial answer that never finishes.' }],
      },
      request,
      inputUsage,
      nextId,
    );
    recorded.usage = built.message.usage;
    rememberPrefixes(inputUsage, cache);

    if (request.stream !== true) {
      if (reply.kind !== 'message') {
        // Non-streaming clients only see the failure as a broken connection or an error status.
        if (reply.kind === 'stream_error') {
          recorded.status = 529;
          sendError(res, 529, reply.errorType, reply.message, requestId);
        } else {
          res.destroy();
        }
        return;
      }
      recordToolUses(built.message, issuedToolUses);
      recorded.status = 200;
      res.writeHead(200, { 'content-type': 'application/json', 'request-id': requestId });
      res.end(JSON.stringify(built.message));
      return;
    }

    recorded.status = 200;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'request-id': requestId,
    });
    const events = built.events;
    if (reply.kind === 'message') {
      recordToolUses(built.message, issuedToolUses);
      for (const event of events) await write(res, event);
      res.end();
      return;
    }
    if (reply.kind === 'cut') {
      for (const event of events.slice(0, reply.afterEvents)) await write(res, event);
      res.socket?.destroy();
      return;
    }
    if (reply.kind === 'stream_error') {
      for (const event of events.slice(0, reply.afterEvents)) await write(res, event);
      await write(res, {
        event: 'error',
        data: { type: 'error', error: { type: reply.errorType, message: reply.message } },
      });
      res.end();
      return;
    }
    // malformed
    if (events[0]) await write(res, events[0]);
    await writeRaw(
      res,
      'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_bl\n\n',
    );
    res.end();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get validRequests() {
      return requests.filter((r) => r.valid);
    },
    script(...more: Reply[]) {
      queue.push(...more);
    },
    pending() {
      return queue.length;
    },
    handle(h) {
      handler = h;
    },
    resetCache() {
      cache = new Set();
    },
    reset() {
      requests.length = 0;
      queue = [];
      validCount = 0;
    },
    close() {
      return new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      });
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Validation: what the API rejects

interface MessagesBody {
  model: string;
  max_tokens: number;
  messages: { role: string; content: unknown }[];
  system?: unknown;
  tools?: unknown[];
  stream?: boolean;
}

function validate(
  body: Record<string, unknown>,
  options: FakeAnthropicOptions,
  issued: Map<string, IssuedToolUse>,
): void {
  const bad = (message: string) => new ApiFailure(400, 'invalid_request_error', message);
  for (const field of Object.keys(body)) {
    if (!ALLOWED_FIELDS.has(field)) throw bad(`${field}: Extra inputs are not permitted`);
  }
  if (typeof body.model !== 'string' || body.model === '') throw bad('model: Field required');
  if (!Number.isInteger(body.max_tokens) || (body.max_tokens as number) < 1)
    throw bad('max_tokens: Field required (a positive integer)');
  for (const field of ['temperature', 'top_p', 'top_k']) {
    if (field in body) throw bad(`${field}: is not supported by this model; remove the sampling parameter`);
  }
  const thinking = body.thinking as Record<string, unknown> | undefined;
  if (thinking !== undefined) {
    if (thinking === null || typeof thinking !== 'object') throw bad('thinking: Input should be an object');
    if (thinking.type === 'disabled') throw bad('thinking.type: "disabled" is not supported by this model');
    if ('budget_tokens' in thinking)
      throw bad('thinking.budget_tokens: is not supported by this model; use adaptive thinking');
  }
  const toolChoice = body.tool_choice as Record<string, unknown> | undefined;
  if (toolChoice && (toolChoice.type === 'any' || toolChoice.type === 'tool')) {
    throw bad(
      `tool_choice.type: "${String(toolChoice.type)}" is not supported when thinking is on; use "auto"`,
    );
  }
  if (options.models && !options.models.includes(body.model)) {
    throw new ApiFailure(404, 'not_found_error', `model: ${body.model}`);
  }
  if (!Array.isArray(body.messages) || body.messages.length === 0)
    throw bad('messages: at least one message is required');
  if (body.tools !== undefined && !Array.isArray(body.tools))
    throw bad('tools: Input should be a valid list');
  for (const [i, tool] of (Array.isArray(body.tools) ? body.tools : []).entries()) validateTool(tool, i, bad);
  if (body.system !== undefined && typeof body.system !== 'string' && !Array.isArray(body.system)) {
    throw bad('system: Input should be a valid string or list');
  }
  let breakpoints = 0;
  for (const block of blocksInOrder(body as unknown as MessagesBody)) if (block.cached) breakpoints++;
  if (breakpoints > 4)
    throw bad(`A maximum of 4 blocks with cache_control may be provided. Found ${breakpoints}.`);

  const messages = body.messages as { role: unknown; content: unknown }[];
  messages.forEach((message, i) => {
    if (message === null || typeof message !== 'object')
      throw bad(`messages.${i}: Input should be an object`);
    if (message.role !== 'user' && message.role !== 'assistant')
      throw bad(`messages.${i}.role: Input should be 'user' or 'assistant'`);
    if (typeof message.content !== 'string' && !Array.isArray(message.content)) {
      throw bad(`messages.${i}.content: Input should be a valid string or list`);
    }
  });
  if (messages[0]?.role !== 'user') throw bad('messages.0.role: the first message must use the "user" role');
  if (messages[messages.length - 1]?.role === 'assistant') {
    throw bad(
      'This model does not support assistant message prefill. The conversation must end with a user message.',
    );
  }

  // Every tool_use must be answered in the next user message, and every tool_result must answer one.
  messages.forEach((message, i) => {
    const blocks = contentBlocks(message.content);
    const previous = i > 0 ? contentBlocks(messages[i - 1]!.content) : [];
    if (message.role === 'assistant') {
      const ids = blocks.filter((b) => b.type === 'tool_use').map((b) => String(b.id));
      const answered = new Set(
        contentBlocks(messages[i + 1]?.content ?? [])
          .filter((b) => b.type === 'tool_result')
          .map((b) => String(b.tool_use_id)),
      );
      const missing = ids.filter((id) => !answered.has(id));
      if (missing.length > 0) {
        throw bad(
          `messages.${i + 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. ` +
            'Each `tool_use` block must have a corresponding `tool_result` block in the next message.',
        );
      }
    } else {
      const offered = new Set(previous.filter((b) => b.type === 'tool_use').map((b) => String(b.id)));
      blocks.forEach((b, j) => {
        if (b.type === 'tool_result' && !offered.has(String(b.tool_use_id))) {
          throw bad(
            `messages.${i}.content.${j}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(b.tool_use_id)}. ` +
              'Each `tool_result` block must have a corresponding `tool_use` block in the previous message.',
          );
        }
      });
    }
  });

  // With thinking, the last assistant turn must come back with its thinking blocks, unchanged.
  let last = -1;
  messages.forEach((m, i) => {
    if (m.role === 'assistant') last = i;
  });
  if (last >= 0) {
    const blocks = contentBlocks(messages[last]!.content);
    for (const block of blocks) {
      if (block.type !== 'tool_use') continue;
      const origin = issued.get(String(block.id));
      if (!origin || origin.thinking.length === 0) continue;
      const sent = blocks.filter((b) => b.type === 'thinking');
      const intact =
        sent.length === origin.thinking.length &&
        origin.thinking.every(
          (t, k) => sent[k]?.thinking === t.thinking && sent[k]?.signature === t.signature,
        );
      if (!intact) {
        throw bad(
          `messages.${last}.content: Expected \`thinking\` or \`redacted_thinking\`, but found \`${blocks[0]?.type ?? 'nothing'}\`. ` +
            'When `thinking` is enabled, a final `assistant` message must start with a thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks). ' +
            'Pass the thinking blocks back unchanged.',
        );
      }
    }
  }
}

/** A custom tool, or one of the Anthropic-defined client tools this fake knows (the text editor). */
function validateTool(tool: unknown, i: number, bad: (message: string) => ApiFailure): void {
  if (tool === null || typeof tool !== 'object') throw bad(`tools.${i}: Input should be an object`);
  const t = tool as Record<string, unknown>;
  if (t.type === 'text_editor_20250728') {
    if (t.name !== 'str_replace_based_edit_tool')
      throw bad(`tools.${i}.name: Input should be 'str_replace_based_edit_tool'`);
    if (
      t.max_characters !== undefined &&
      (!Number.isInteger(t.max_characters) || Number(t.max_characters) < 1)
    )
      throw bad(`tools.${i}.max_characters: Input should be a positive integer`);
    return;
  }
  if (t.type !== undefined && t.type !== 'custom')
    throw bad(
      `tools.${i}.type: Input tag '${String(t.type)}' found using 'type' does not match any of the expected tags`,
    );
  if (typeof t.name !== 'string' || !/^[a-zA-Z0-9_-]{1,128}$/.test(t.name))
    throw bad(`tools.${i}.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`);
  if (t.input_schema === null || typeof t.input_schema !== 'object')
    throw bad(`tools.${i}.input_schema: Field required`);
}

// biome-ignore lint/suspicious/noExplicitAny: content blocks are arbitrary JSON
type AnyBlock = Record<string, any>;

function contentBlocks(content: unknown): AnyBlock[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return Array.isArray(content)
    ? (content.filter((b) => b !== null && typeof b === 'object') as AnyBlock[])
    : [];
}

// ---------------------------------------------------------------------------------------------------------
// Token and cache accounting

interface InputUsage {
  input: number;
  creation: number;
  read: number;
  /** Prefix keys of every breakpoint in this request. */
  keys: string[];
}

function blocksInOrder(body: MessagesBody): { text: string; cached: boolean }[] {
  const out: { text: string; cached: boolean }[] = [];
  const push = (block: unknown) => {
    if (block === null || typeof block !== 'object') {
      out.push({ text: JSON.stringify(block) ?? '', cached: false });
      return;
    }
    const { cache_control, ...rest } = block as AnyBlock;
    out.push({ text: JSON.stringify(rest), cached: cache_control !== undefined && cache_control !== null });
  };
  for (const tool of Array.isArray(body.tools) ? body.tools : []) push(tool);
  if (typeof body.system === 'string') push({ type: 'text', text: body.system });
  else if (Array.isArray(body.system)) for (const block of body.system) push(block);
  for (const message of Array.isArray(body.messages) ? body.messages : []) {
    if (typeof message?.content === 'string') push({ type: 'text', text: message.content });
    else if (Array.isArray(message?.content)) for (const block of message.content) push(block);
  }
  return out;
}

export function tokensOf(chars: number): number {
  return Math.ceil(chars / 4);
}

function computeInputUsage(body: MessagesBody, cache: Set<string>, minTokens: number): InputUsage {
  const blocks = blocksInOrder(body);
  const hash = createHash('sha256');
  hash.update(body.model);
  let chars = 0;
  /** Prefix key and length at the end of every block. */
  const boundaries: { key: string; chars: number }[] = [];
  const breakpoints: number[] = [];
  for (const block of blocks) {
    hash.update(block.text);
    chars += block.text.length;
    boundaries.push({ key: hash.copy().digest('hex'), chars });
    // A prefix below the minimum is not cacheable: the API ignores such a breakpoint.
    if (block.cached && tokensOf(chars) >= minTokens) breakpoints.push(boundaries.length - 1);
  }
  const total = tokensOf(chars);
  let readChars = 0;
  for (const at of breakpoints) {
    for (let j = at; j >= Math.max(0, at - CACHE_LOOKBACK_BLOCKS); j--) {
      const boundary = boundaries[j]!;
      if (cache.has(boundary.key)) {
        readChars = Math.max(readChars, boundary.chars);
        break;
      }
    }
  }
  const lastChars = breakpoints.length > 0 ? boundaries[breakpoints[breakpoints.length - 1]!]!.chars : 0;
  const read = tokensOf(readChars);
  const creation = lastChars > readChars ? tokensOf(lastChars) - read : 0;
  return {
    input: total - read - creation,
    creation,
    read,
    keys: breakpoints.map((at) => boundaries[at]!.key),
  };
}

function rememberPrefixes(usage: InputUsage, cache: Set<string>): void {
  for (const key of usage.keys) cache.add(key);
}

// ---------------------------------------------------------------------------------------------------------
// Messages and their SSE events

interface SseEvent {
  event: string;
  data: unknown;
}

interface BuiltMessage {
  message: {
    id: string;
    type: 'message';
    role: 'assistant';
    model: string;
    content: AnyBlock[];
    stop_reason: string;
    stop_sequence: null;
    usage: FakeUsage;
  };
  events: SseEvent[];
}

function chunks(text: string, size: number): string[] {
  if (text === '') return [''];
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function buildMessage(
  reply: MessageReply,
  request: MessagesBody,
  input: InputUsage,
  nextId: (p: string) => string,
): BuiltMessage {
  const content: AnyBlock[] = reply.content.map((block) => {
    switch (block.type) {
      case 'text':
        return { type: 'text', text: block.text };
      case 'thinking':
        return {
          type: 'thinking',
          thinking: block.thinking,
          signature: block.signature ?? signatureOf(block.thinking),
        };
      case 'redacted_thinking':
        return { type: 'redacted_thinking', data: block.data };
      case 'tool_use':
        return {
          type: 'tool_use',
          id: block.id ?? nextId('toolu'),
          name: block.name,
          input: block.input ?? {},
        };
    }
    return block;
  });
  const outputChars = content.reduce(
    (n, b) => n + String(b.text ?? b.thinking ?? b.data ?? JSON.stringify(b.input ?? '')).length,
    0,
  );
  const usage: FakeUsage = {
    input_tokens: input.input,
    cache_creation_input_tokens: input.creation,
    cache_read_input_tokens: input.read,
    output_tokens: reply.outputTokens ?? tokensOf(outputChars),
  };
  const stopReason =
    reply.stopReason ?? (content.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn');
  const message = {
    id: nextId('msg'),
    type: 'message' as const,
    role: 'assistant' as const,
    model: reply.model ?? request.model,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage,
  };

  const textSize = reply.textChunkChars ?? 16;
  const jsonSize = reply.jsonChunkChars ?? 7;
  const events: SseEvent[] = [
    {
      event: 'message_start',
      data: {
        type: 'message_start',
        message: { ...message, content: [], stop_reason: null, usage: { ...usage, output_tokens: 1 } },
      },
    },
  ];
  content.forEach((block, index) => {
    const delta = (d: AnyBlock) =>
      events.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta: d } });
    switch (block.type) {
      case 'text':
        events.push({
          event: 'content_block_start',
          data: { type: 'content_block_start', index, content_block: { type: 'text', text: '' } },
        });
        for (const piece of chunks(block.text, textSize)) delta({ type: 'text_delta', text: piece });
        break;
      case 'thinking':
        events.push({
          event: 'content_block_start',
          data: {
            type: 'content_block_start',
            index,
            content_block: { type: 'thinking', thinking: '', signature: '' },
          },
        });
        for (const piece of chunks(block.thinking, textSize))
          delta({ type: 'thinking_delta', thinking: piece });
        delta({ type: 'signature_delta', signature: block.signature });
        break;
      case 'redacted_thinking':
        events.push({
          event: 'content_block_start',
          data: { type: 'content_block_start', index, content_block: block },
        });
        break;
      case 'tool_use': {
        events.push({
          event: 'content_block_start',
          data: {
            type: 'content_block_start',
            index,
            content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} },
          },
        });
        delta({ type: 'input_json_delta', partial_json: '' });
        for (const piece of chunks(JSON.stringify(block.input), jsonSize))
          delta({ type: 'input_json_delta', partial_json: piece });
        break;
      }
    }
    events.push({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
    if (index === 0) events.push({ event: 'ping', data: { type: 'ping' } });
  });
  events.push({
    event: 'message_delta',
    data: {
      type: 'message_delta',
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: { output_tokens: usage.output_tokens },
    },
  });
  events.push({ event: 'message_stop', data: { type: 'message_stop' } });
  return { message, events };
}

function signatureOf(thinking: string): string {
  return `sig_${createHash('sha256').update(thinking).digest('base64url').slice(0, 32)}`;
}

function recordToolUses(message: BuiltMessage['message'], issued: Map<string, IssuedToolUse>): void {
  const thinking = message.content
    .filter((b) => b.type === 'thinking')
    .map((b) => ({ thinking: String(b.thinking), signature: String(b.signature) }));
  for (const block of message.content)
    if (block.type === 'tool_use') issued.set(String(block.id), { thinking });
}

// ---------------------------------------------------------------------------------------------------------
// HTTP helpers

function bearer(authorization: string | undefined): string | undefined {
  const match = authorization?.match(/^Bearer\s+(.+)$/i);
  return match?.[1];
}

function sendError(
  res: ServerResponse,
  status: number,
  type: string,
  message: string,
  requestId: string,
  headers: Record<string, string> = {},
  details?: Record<string, unknown>,
): void {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': requestId, ...headers });
  const error = details ? { type, message, details } : { type, message };
  res.end(JSON.stringify({ type: 'error', error, request_id: requestId }));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (chunk: Buffer) => parts.push(chunk));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function write(res: ServerResponse, event: SseEvent): Promise<void> {
  return writeRaw(res, `event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`);
}

function writeRaw(res: ServerResponse, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed) return resolve();
    res.write(text, () => resolve());
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
