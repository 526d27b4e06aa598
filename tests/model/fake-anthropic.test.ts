// The fake Anthropic server is a test tool others rely on: check its protocol and its rules directly over HTTP.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeAnthropic, replies, startFakeAnthropic, tokensOf } from '../fakes/anthropic-server.js';

let fake: FakeAnthropic;
beforeAll(async () => {
  fake = await startFakeAnthropic({ models: ['claude-sonnet-5-5'] });
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  fake.reset();
  fake.handle(undefined);
  fake.resetCache();
});

const HEADERS = { 'content-type': 'application/json', 'x-api-key': 'k', 'anthropic-version': '2023-06-01' };
const BASE = { model: 'claude-sonnet-5-5', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] };

async function post(body: unknown, headers: Record<string, string> = HEADERS) {
  const res = await fetch(`${fake.url}/v1/messages`, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

describe('fake anthropic: auth and validation', () => {
  it('requires an API key, with the real error body and a request-id', async () => {
    const res = await post(BASE, { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' });
    expect(res.status).toBe(401);
    expect(res.headers.get('request-id')).toMatch(/^req_/);
    expect(res.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    expect(res.json().request_id).toBe(res.headers.get('request-id'));
  });

  it('accepts a Bearer token and requires anthropic-version', async () => {
    fake.script(replies.text('ok'));
    const noVersion = await post(BASE, { 'content-type': 'application/json', authorization: 'Bearer t' });
    expect(noVersion.status).toBe(400);
    const ok = await post(BASE, { ...HEADERS, 'x-api-key': '', authorization: 'Bearer t' });
    expect(ok.status).toBe(200);
    expect(fake.pending()).toBe(0);
  });

  it.each([
    ['temperature', { temperature: 0.2 }, /temperature/],
    ['top_p', { top_p: 0.9 }, /top_p/],
    ['top_k', { top_k: 5 }, /top_k/],
    ['thinking budget', { thinking: { type: 'enabled', budget_tokens: 1000 } }, /budget_tokens/],
    ['thinking disabled', { thinking: { type: 'disabled' } }, /disabled/],
    ['tool_choice any', { tool_choice: { type: 'any' } }, /tool_choice/],
    ['tool_choice tool', { tool_choice: { type: 'tool', name: 'x' } }, /tool_choice/],
    ['unknown field', { maxTokens: 5 }, /Extra inputs/],
    [
      'prefill',
      {
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: 'Sure' },
        ],
      },
      /prefill/,
    ],
  ])('rejects %s with 400 invalid_request_error', async (_name, extra, message) => {
    fake.script(replies.text('not used'));
    const res = await post({ ...BASE, ...extra });
    expect(res.status).toBe(400);
    expect(res.json().error.type).toBe('invalid_request_error');
    expect(res.json().error.message).toMatch(message);
    expect(fake.pending()).toBe(1); // a rejected request does not consume the script
  });

  it('rejects an unknown model with 404 when models are pinned', async () => {
    const res = await post({ ...BASE, model: 'claude-nope' });
    expect(res.status).toBe(404);
    expect(res.json().error).toEqual({ type: 'not_found_error', message: 'model: claude-nope' });
  });

  it('rejects a tool_use without tool_result and a tool_result without tool_use', async () => {
    const unanswered = await post({
      ...BASE,
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'x', input: {} }] },
        { role: 'user', content: 'next' },
      ],
    });
    expect(unanswered.status).toBe(400);
    expect(unanswered.json().error.message).toMatch(/tool_result/);
    const orphan = await post({
      ...BASE,
      messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_9', content: 'x' }] }],
    });
    expect(orphan.status).toBe(400);
  });

  it('answers 400 when nothing is scripted', async () => {
    const res = await post(BASE);
    expect(res.status).toBe(400);
    expect(res.json().error.message).toMatch(/no reply scripted/);
  });
});

describe('fake anthropic: replies', () => {
  it('streams the real SSE event sequence', async () => {
    fake.script(replies.toolUse('x', { a: 'long value here' }, { thinking: 'hm', text: 'hi' }));
    const res = await post({ ...BASE, stream: true });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events = [...res.text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    expect(events[0]).toBe('message_start');
    expect(events.slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect(events).toContain('ping');
    expect(res.text).toContain('"thinking_delta"');
    expect(res.text).toContain('"signature_delta"');
    expect(res.text.match(/"input_json_delta"/g)!.length).toBeGreaterThan(2);
    expect(res.text).toContain('"cache_creation_input_tokens"');
  });

  it('answers a non-streaming request with a JSON message', async () => {
    fake.script(replies.text('plain'));
    const res = await post(BASE);
    expect(res.json()).toMatchObject({
      type: 'message',
      role: 'assistant',
      content: [{ type: 'text', text: 'plain' }],
      stop_reason: 'end_turn',
    });
  });

  it('counts cache creation, then cache reads, from cache_control breakpoints', async () => {
    const system = [{ type: 'text', text: 'S'.repeat(4400), cache_control: { type: 'ephemeral' } }];
    const body = { ...BASE, system };
    fake.script(replies.text('a'), replies.text('b'));
    const first = (await post(body)).json().usage;
    const second = (await post(body)).json().usage;
    const systemChars = JSON.stringify({ type: 'text', text: 'S'.repeat(4400) }).length;
    const totalChars = systemChars + JSON.stringify({ type: 'text', text: 'hi' }).length;
    expect(first).toMatchObject({
      cache_creation_input_tokens: tokensOf(systemChars),
      cache_read_input_tokens: 0,
      input_tokens: tokensOf(totalChars) - tokensOf(systemChars),
    });
    expect(second).toMatchObject({
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: tokensOf(systemChars),
    });
  });

  it('ignores a breakpoint whose prefix is under the 1024-token minimum, as the API does', async () => {
    const system = [{ type: 'text', text: 'S'.repeat(400), cache_control: { type: 'ephemeral' } }];
    fake.script(replies.text('a'), replies.text('b'));
    await post({ ...BASE, system });
    const second = (await post({ ...BASE, system })).json().usage;
    expect(second).toMatchObject({ cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
  });

  it('reads the previous turn from the cache when the breakpoint moved to the newest message (lookback)', async () => {
    const turn1 = [
      {
        role: 'user',
        content: [{ type: 'text', text: 'U'.repeat(4400), cache_control: { type: 'ephemeral' } }],
      },
    ];
    const turn2 = [
      { role: 'user', content: [{ type: 'text', text: 'U'.repeat(4400) }] },
      { role: 'assistant', content: [{ type: 'text', text: 'ok' }] },
      { role: 'user', content: [{ type: 'text', text: 'more', cache_control: { type: 'ephemeral' } }] },
    ];
    fake.script(replies.text('ok'), replies.text('b'));
    const first = (await post({ ...BASE, messages: turn1 })).json().usage;
    const second = (await post({ ...BASE, messages: turn2 })).json().usage;
    expect(first.cache_creation_input_tokens).toBeGreaterThan(1024);
    expect(second.cache_read_input_tokens).toBe(first.cache_creation_input_tokens);
    expect(second.cache_creation_input_tokens).toBeGreaterThan(0);
  });

  it('accepts the text editor tool and refuses unknown tool types', async () => {
    fake.script(replies.text('ok'));
    const editor = {
      type: 'text_editor_20250728',
      name: 'str_replace_based_edit_tool',
      max_characters: 5000,
    };
    expect((await post({ ...BASE, tools: [editor] })).status).toBe(200);
    const wrongName = await post({ ...BASE, tools: [{ ...editor, name: 'editor' }] });
    expect(wrongName.status).toBe(400);
    const unknown = await post({ ...BASE, tools: [{ type: 'bash_99999999', name: 'bash' }] });
    expect(unknown.status).toBe(400);
  });

  it('uses the handler when the queue is empty and records every request', async () => {
    fake.handle((req, ctx) => replies.text(`#${ctx.validIndex} ${req.body.messages[0].content}`));
    expect((await post(BASE)).json().content[0].text).toBe('#0 hi');
    expect((await post(BASE)).json().content[0].text).toBe('#1 hi');
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[0]!.headers['x-api-key']).toBe('k');
  });

  it('serves a child process pointed at it with ANTHROPIC_BASE_URL', async () => {
    fake.script(replies.text('from the child'));
    const script = `
      import Anthropic from '@anthropic-ai/sdk';
      const client = new Anthropic();
      const message = await client.messages.stream({ model: 'claude-sonnet-5-5', max_tokens: 50,
        messages: [{ role: 'user', content: 'hi' }] }).finalMessage();
      process.stdout.write(message.content[0].text);
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: process.cwd(),
      env: { ...process.env, ANTHROPIC_BASE_URL: fake.url, ANTHROPIC_API_KEY: 'child-key' },
    });
    expect(stdout).toBe('from the child');
    expect(fake.requests[0]!.body.stream).toBe(true);
  });
});
