import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type ModelError,
  ModelError as ModelErrorClass,
  type ModelRequest,
} from '../../src/core/model-port.js';
import { createAnthropicModel } from '../../src/run/model/anthropic.js';
import { type FakeAnthropic, replies, startFakeAnthropic } from '../fakes/anthropic-server.js';

const KEY = 'sk-ant-test-SECRET-0123456789';
let fake: FakeAnthropic;

beforeAll(async () => {
  fake = await startFakeAnthropic();
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  fake.reset();
  fake.handle(undefined);
  fake.resetCache();
});

function model(extra: Parameters<typeof createAnthropicModel>[0] = {}) {
  return createAnthropicModel({ apiKey: KEY, baseURL: fake.url, retryBaseDelayMs: 5, ...extra });
}

const SHARED = 'You are a careful engineer. '.repeat(180);

function request(overrides: Partial<ModelRequest> = {}): ModelRequest {
  return {
    model: 'claude-sonnet-5-5',
    maxTokens: 2048,
    system: [
      { text: SHARED, cache: true },
      { text: 'Task: write the parser.', cache: false },
    ],
    messages: [{ role: 'user', content: 'Start.' }],
    tools: [
      {
        name: 'write_file',
        description: 'Write a file',
        input_schema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
      },
    ],
    meta: { taskId: 't1', turn: 1 },
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<ModelError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ModelErrorClass);
    return err as ModelError;
  }
  throw new Error('expected the call to fail');
}

describe('successful calls', () => {
  it('streams text to the listener and returns it with usage', async () => {
    fake.script(replies.text('Hello there, this answer arrives in several deltas.', { textChunkChars: 5 }));
    const deltas: string[] = [];
    const res = await model().complete(request(), (e) => {
      if (e.type === 'text') deltas.push(e.text);
    });
    expect(res.content).toEqual([
      { type: 'text', text: 'Hello there, this answer arrives in several deltas.' },
    ]);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe('Hello there, this answer arrives in several deltas.');
    expect(res.stopReason).toBe('end_turn');
    expect(res.attempts).toBe(1);
    expect(res.usage.outputTokens).toBeGreaterThan(0);
    expect(res.usage.inputTokens).toBeGreaterThan(0);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.body.stream).toBe(true);
  });

  it('returns tool_use input assembled from chunked input_json_delta', async () => {
    const input = {
      path: 'src/parser.ts',
      content: 'export const x = 1;\n'.repeat(5),
      nested: { a: [1, 2, 3] },
    };
    fake.script(replies.toolUse('write_file', input, { text: 'Writing it.', jsonChunkChars: 3 }));
    const res = await model().complete(request());
    expect(res.stopReason).toBe('tool_use');
    expect(res.content).toHaveLength(2);
    expect(res.content[0]).toEqual({ type: 'text', text: 'Writing it.' });
    const tool = res.content[1]!;
    expect(tool.type).toBe('tool_use');
    if (tool.type !== 'tool_use') return;
    expect(tool.name).toBe('write_file');
    expect(tool.id).toMatch(/^toolu_/);
    expect(tool.input).toEqual(input);
  });

  it('keeps thinking blocks with their signature so they can be sent back', async () => {
    fake.script(replies.toolUse('write_file', { path: 'a.ts' }, { thinking: 'I should write a.ts first.' }));
    fake.script(
      replies.message([
        { type: 'redacted_thinking', data: 'opaque-data' },
        { type: 'text', text: 'Done.' },
      ]),
    );
    const m = model();
    const first = await m.complete(request());
    const thinking = first.content[0]!;
    expect(thinking).toMatchObject({ type: 'thinking', thinking: 'I should write a.ts first.' });
    expect(thinking.type === 'thinking' && thinking.signature.length > 0).toBe(true);
    const toolUse = first.content[1]!;
    if (toolUse.type !== 'tool_use') throw new Error('expected tool_use');

    const second = await m.complete(
      request({
        messages: [
          { role: 'user', content: 'Start.' },
          { role: 'assistant', content: first.content },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: 'written' }] },
        ],
        meta: { taskId: 't1', turn: 2 },
      }),
    );
    expect(second.content).toEqual([
      { type: 'redacted_thinking', data: 'opaque-data' },
      { type: 'text', text: 'Done.' },
    ]);
    // The assistant turn went back exactly as received.
    expect(fake.requests[1]!.body.messages[1].content).toEqual(first.content);
  });

  it('puts cache_control on cached system parts and reports cache usage on the second call', async () => {
    fake.script(replies.text('one'), replies.text('two'));
    const m = model();
    const first = await m.complete(request());
    const second = await m.complete(
      request({
        system: [
          { text: SHARED, cache: true },
          { text: 'Task: other.', cache: false },
        ],
      }),
    );

    const system = fake.requests[0]!.body.system;
    expect(system).toEqual([
      { type: 'text', text: SHARED, cache_control: { type: 'ephemeral' } },
      { type: 'text', text: 'Task: write the parser.' },
    ]);
    expect(first.usage.cacheCreationTokens).toBeGreaterThan(0);
    expect(first.usage.cacheReadTokens).toBe(0);
    expect(second.usage.cacheReadTokens).toBe(first.usage.cacheCreationTokens);
    expect(second.usage.cacheCreationTokens).toBe(0);
  });

  it('sends model, max_tokens, system, messages and tools only', async () => {
    fake.script(replies.text('ok'));
    await model().complete(request());
    const body = fake.requests[0]!.body;
    // `stream` is added by the SDK's streaming helper.
    expect(Object.keys(body).sort()).toEqual([
      'max_tokens',
      'messages',
      'model',
      'stream',
      'system',
      'tools',
    ]);
    expect(body.model).toBe('claude-sonnet-5-5');
    expect(body.max_tokens).toBe(2048);
    expect(body.tools[0]).toEqual(request().tools![0]);
    expect(fake.requests[0]!.headers['anthropic-version']).toBeTruthy();
  });

  it('leaves out an empty system and empty tool list', async () => {
    fake.script(replies.text('ok'));
    await model().complete(request({ system: [], tools: [] }));
    expect(Object.keys(fake.requests[0]!.body).sort()).toEqual(['max_tokens', 'messages', 'model', 'stream']);
  });

  it('honours ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY when no options are given', async () => {
    const saved = { url: process.env.ANTHROPIC_BASE_URL, key: process.env.ANTHROPIC_API_KEY };
    process.env.ANTHROPIC_BASE_URL = fake.url;
    process.env.ANTHROPIC_API_KEY = 'env-key-123';
    try {
      fake.script(replies.text('via env'));
      const res = await createAnthropicModel().complete(request());
      expect(res.content).toEqual([{ type: 'text', text: 'via env' }]);
      const headers = fake.requests[0]!.headers;
      expect(headers['x-api-key'] ?? headers.authorization).toContain('env-key-123');
    } finally {
      restoreEnv('ANTHROPIC_BASE_URL', saved.url);
      restoreEnv('ANTHROPIC_API_KEY', saved.key);
    }
  });
});

function restoreEnv(name: string, value: string | undefined) {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

describe('retries', () => {
  it('retries a 429 after retry-after and reports two attempts', async () => {
    fake.script(replies.rateLimited(10), replies.text('after the wait'));
    const retries: string[] = [];
    let calls = 0;
    const res = await model({ onCall: () => calls++ }).complete(request(), (e) => {
      if (e.type === 'retry') retries.push(`${e.attempt}:${e.reason}`);
    });
    expect(res.content).toEqual([{ type: 'text', text: 'after the wait' }]);
    expect(res.attempts).toBe(2);
    expect(calls).toBe(2);
    expect(fake.requests).toHaveLength(2);
    expect(retries).toEqual(['2:HTTP 429 rate_limit_error']);
  });

  it.each([
    [529, 'overloaded_error'],
    [500, 'api_error'],
    [503, 'api_error'],
  ])('retries a %i then succeeds', async (status, type) => {
    fake.script(replies.error(status, type, 'try again', { 'retry-after-ms': '5' }), replies.text('fine'));
    const res = await model().complete(request());
    expect(res.content).toEqual([{ type: 'text', text: 'fine' }]);
    expect(res.attempts).toBe(2);
    expect(fake.requests).toHaveLength(2);
  });

  it('retries a stream cut mid-way', async () => {
    fake.script(replies.cut(4), replies.text('complete'));
    const events: string[] = [];
    const res = await model().complete(request(), (e) => events.push(e.type));
    expect(res.content).toEqual([{ type: 'text', text: 'complete' }]);
    expect(res.attempts).toBe(2);
    expect(events).toContain('retry');
  });

  it('retries an overloaded_error event mid-stream and a malformed stream', async () => {
    fake.script(
      replies.streamError('overloaded_error', 'Overloaded', 3),
      replies.malformed(),
      replies.text('third time'),
    );
    const res = await model().complete(request());
    expect(res.content).toEqual([{ type: 'text', text: 'third time' }]);
    expect(res.attempts).toBe(3);
  });

  it('gives up on a persistent 529 with an overloaded ModelError', async () => {
    fake.handle(() => replies.overloaded({ 'retry-after-ms': '5' }));
    const err = await failure(model({ maxRetries: 2 }).complete(request()));
    expect(err.kind).toBe('overloaded');
    expect(err.status).toBe(529);
    expect(err.hint).toMatch(/max-parallel/);
    expect(err.requestId).toMatch(/^req_/);
    expect(fake.requests).toHaveLength(3);
  });

  it('gives up on a stream that keeps breaking with a stream ModelError', async () => {
    fake.handle(() => replies.cut(2));
    const err = await failure(model({ maxRetries: 1 }).complete(request()));
    expect(err.kind).toBe('stream');
    expect(fake.requests).toHaveLength(2);
  });

  it('reports 429 after retries as rate_limit', async () => {
    fake.handle(() => replies.rateLimited(5));
    const err = await failure(model({ maxRetries: 1 }).complete(request()));
    expect(err.kind).toBe('rate_limit');
    expect(err.hint).toMatch(/max-parallel/);
    expect(fake.requests).toHaveLength(2);
  });
});

describe('failures that are never retried', () => {
  const cases: [string, ReturnType<typeof replies.error>, string, RegExp][] = [
    [
      '401',
      replies.error(401, 'authentication_error', 'invalid x-api-key'),
      'authentication',
      /anthropic-api-key/,
    ],
    ['403', replies.error(403, 'permission_error', 'no access'), 'permission', /access/],
    ['404', replies.error(404, 'not_found_error', 'model: claude-nope'), 'not_found', /`model` input/],
    ['400', replies.error(400, 'invalid_request_error', 'messages: bad'), 'invalid_request', /bug/],
    ['credit balance', replies.creditBalanceTooLow(), 'billing', /credits|spend limit/],
    ['billing_error', replies.error(400, 'billing_error', 'billing problem'), 'billing', /Console/],
  ];
  it.each(cases)('%s fails at once with the right kind and hint', async (_name, reply, kind, hint) => {
    fake.script(reply, replies.text('must not be reached'));
    const err = await failure(model().complete(request({ model: 'claude-nope' })));
    expect(err.kind).toBe(kind);
    expect(err.hint).toMatch(hint);
    expect(fake.requests).toHaveLength(1);
  });

  it('does not retry a spend limit sent as 429, even when the server says to retry', async () => {
    fake.script(
      replies.error(
        429,
        'rate_limit_error',
        'You have reached your specified API usage limits.',
        { 'x-should-retry': 'true', 'retry-after-ms': '5' },
        { error_code: 'enforced_spend_limit_reached' },
      ),
      replies.text('must not be reached'),
    );
    const err = await failure(model().complete(request()));
    expect(err.kind).toBe('billing');
    expect(fake.requests).toHaveLength(1);
  });

  it('rejects a key the server does not accept, without retrying, through the real auth check', async () => {
    const strict = await startFakeAnthropic({ apiKey: 'the-right-key' });
    try {
      strict.script(replies.text('never'));
      const err = await failure(
        createAnthropicModel({ apiKey: KEY, baseURL: strict.url }).complete(request()),
      );
      expect(err.kind).toBe('authentication');
      expect(err.status).toBe(401);
      expect(strict.requests).toHaveLength(1);
    } finally {
      await strict.close();
    }
  });

  it('never puts the API key in a message or hint', async () => {
    fake.script(replies.error(401, 'authentication_error', `invalid x-api-key ${KEY}`));
    const err = await failure(model().complete(request()));
    expect(err.message).not.toContain(KEY);
    expect(err.hint).not.toContain(KEY);
    expect(String(err.stack)).not.toContain(KEY);
    expect(err.message).toContain('[redacted]');
  });

  it('explains a missing key without making a request', async () => {
    const saved = { key: process.env.ANTHROPIC_API_KEY, token: process.env.ANTHROPIC_AUTH_TOKEN };
    delete process.env.ANTHROPIC_API_KEY;
    delete process.env.ANTHROPIC_AUTH_TOKEN;
    try {
      const err = await failure(createAnthropicModel({ baseURL: fake.url }).complete(request()));
      expect(err.kind).toBe('authentication');
      expect(fake.requests).toHaveLength(0);
    } finally {
      restoreEnv('ANTHROPIC_API_KEY', saved.key);
      restoreEnv('ANTHROPIC_AUTH_TOKEN', saved.token);
    }
  });

  it('sends thinking-less tool turns back as the API would reject them: invalid_request, one request', async () => {
    fake.script(replies.toolUse('write_file', { path: 'a.ts' }, { thinking: 'plan' }));
    const m = model();
    const first = await m.complete(request());
    const toolUse = first.content.find((b) => b.type === 'tool_use');
    if (toolUse?.type !== 'tool_use') throw new Error('expected tool_use');
    const err = await failure(
      m.complete(
        request({
          messages: [
            { role: 'user', content: 'Start.' },
            { role: 'assistant', content: [toolUse] },
            { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: 'ok' }] },
          ],
        }),
      ),
    );
    expect(err.kind).toBe('invalid_request');
    expect(err.message).toMatch(/thinking/);
    expect(fake.requests).toHaveLength(2);
  });
});

describe('timeouts and cancellation', () => {
  it('turns a hang into a timeout ModelError', async () => {
    fake.handle(() => replies.hang());
    const err = await failure(model({ timeoutMs: 300, maxRetries: 0 }).complete(request()));
    expect(err.kind).toBe('timeout');
    expect(err.hint).toMatch(/timeout/);
  });

  it('turns a hang after retries into a timeout, not an abort', async () => {
    fake.handle(() => replies.hang());
    const err = await failure(model({ timeoutMs: 300, maxRetries: 3 }).complete(request()));
    expect(err.kind).toBe('timeout');
  });

  it('stops when the caller aborts', async () => {
    fake.handle(() => replies.hang());
    const controller = new AbortController();
    const pending = model().complete(request({ signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    const err = await failure(pending);
    expect(err.kind).toBe('aborted');
  });

  it('does not call at all with an already aborted signal', async () => {
    const err = await failure(model().complete(request({ signal: AbortSignal.abort() })));
    expect(err.kind).toBe('aborted');
    expect(fake.requests).toHaveLength(0);
  });

  it('reports an unreachable server as a connection error', async () => {
    const gone = await startFakeAnthropic();
    const url = gone.url;
    await gone.close();
    const err = await failure(
      createAnthropicModel({ apiKey: KEY, baseURL: url, maxRetries: 0 }).complete(request()),
    );
    expect(err.kind).toBe('connection');
    expect(err.hint).toContain(url);
  });
});
