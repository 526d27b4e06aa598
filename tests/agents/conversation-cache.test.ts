// The conversation breakpoint in the request body: on the newest message's last block, and never more than the
// API's four breakpoints in total (system breakpoints beyond the limit are dropped, the moving one is kept).
import { describe, expect, it } from 'vitest';
import type { ModelRequest } from '../../src/core/model-port.js';
import { toRequestBody } from '../../src/run/model/anthropic.js';

function request(overrides: Partial<ModelRequest> = {}): ModelRequest {
  return {
    model: 'claude-sonnet-5-5',
    maxTokens: 100,
    system: [
      { text: 'spec', cache: true },
      { text: 'role', cache: true },
    ],
    messages: [{ role: 'user', content: 'task' }],
    meta: { taskId: 't', turn: 1 },
    ...overrides,
  };
}

describe('conversation cache breakpoint', () => {
  it('marks the last block of the last message, turning a string content into one text block', () => {
    const body = toRequestBody(request({ cacheConversation: true }));
    expect(body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'task', cache_control: { type: 'ephemeral' } }] },
    ]);
    const later = toRequestBody(
      request({
        cacheConversation: true,
        messages: [
          { role: 'user', content: 'task' },
          {
            role: 'assistant',
            content: [{ type: 'tool_use', id: 'toolu_1', name: 'search_code', input: {} }],
          },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'r' }] },
        ],
      }),
    );
    expect(later.messages[0]).toEqual({ role: 'user', content: 'task' });
    expect(later.messages[2]).toEqual({
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'toolu_1', content: 'r', cache_control: { type: 'ephemeral' } },
      ],
    });
  });

  it('keeps at most four breakpoints: the conversation one and the first three system ones', () => {
    const system = ['a', 'b', 'c', 'd'].map((text) => ({ text, cache: true }));
    const body = toRequestBody(request({ system, cacheConversation: true }));
    expect(JSON.stringify(body).match(/cache_control/g)).toHaveLength(4);
    expect(body.system!.map((s) => 'cache_control' in s)).toEqual([true, true, true, false]);
    const without = toRequestBody(request({ system }));
    expect(without.system!.every((s) => 'cache_control' in s)).toBe(true);
    expect(JSON.stringify(without.messages)).not.toContain('cache_control');
  });
});
