import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ModelError, type ModelRequest } from '../../src/core/model-port.js';
import { createAnthropicModel } from '../../src/run/model/anthropic.js';
import { exchangeFile, recordingModel, replayModel } from '../../src/run/model/record-replay.js';
import { type FakeAnthropic, replies, startFakeAnthropic } from '../fakes/anthropic-server.js';

let fake: FakeAnthropic;
let dir: string;

beforeAll(async () => {
  fake = await startFakeAnthropic();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'replay-'));
});
afterEach(async () => {
  fake.reset();
  await rm(dir, { recursive: true, force: true });
});

function request(taskId: string, turn: number, userText = 'Write the parser.'): ModelRequest {
  return {
    model: 'claude-sonnet-5-5',
    maxTokens: 1024,
    system: [{ text: 'You are careful.', cache: true }],
    messages: [{ role: 'user', content: userText }],
    meta: { taskId, turn },
  };
}

const anthropic = () => createAnthropicModel({ apiKey: 'k-test', baseURL: fake.url, retryBaseDelayMs: 5 });

describe('record then replay', () => {
  it('replays recorded responses without any HTTP call, and streams their text', async () => {
    fake.script(
      replies.toolUse('write_file', { path: 'a.ts' }, { thinking: 'first a.ts' }),
      replies.text('All done.'),
      replies.text('Other task.'),
    );
    const recorder = recordingModel(anthropic(), dir);
    const r1 = await recorder.complete(request('backend-1', 1));
    const r2 = await recorder.complete(request('backend-1', 2));
    const r3 = await recorder.complete(request('tests/2', 1));
    expect(fake.requests).toHaveLength(3);

    const lines = (await readFile(exchangeFile(dir, 'backend-1'), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0]!);
    expect(first).toMatchObject({ taskId: 'backend-1', turn: 1, request: { model: 'claude-sonnet-5-5' } });
    expect(first.promptHash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.response).toEqual(r1);
    // A task id with a slash stays inside the directory.
    expect(exchangeFile(dir, 'tests/2').startsWith(dir)).toBe(true);

    const warnings: string[] = [];
    const replay = replayModel(dir, { onWarning: (m) => warnings.push(m) });
    const texts: string[] = [];
    expect(await replay.complete(request('backend-1', 1))).toEqual(r1);
    expect(
      await replay.complete(request('backend-1', 2), (e) => e.type === 'text' && texts.push(e.text)),
    ).toEqual(r2);
    expect(await replay.complete(request('tests/2', 1))).toEqual(r3);
    expect(texts.join('')).toBe('All done.');
    expect(warnings).toEqual([]);
    expect(fake.requests).toHaveLength(3);
  });

  it('does not record failed calls', async () => {
    fake.script(replies.error(400, 'invalid_request_error', 'bad'));
    const recorder = recordingModel(anthropic(), dir);
    await expect(recorder.complete(request('t', 1))).rejects.toBeInstanceOf(ModelError);
    await expect(readFile(exchangeFile(dir, 't'), 'utf8')).rejects.toThrow();
  });

  it('names task, turn and directory when an exchange is missing', async () => {
    fake.script(replies.text('one'));
    await recordingModel(anthropic(), dir).complete(request('t1', 1));
    const replay = replayModel(dir);
    const err = (await replay.complete(request('t1', 2)).catch((e: unknown) => e)) as ModelError;
    expect(err).toBeInstanceOf(ModelError);
    expect(err.kind).toBe('invalid_request');
    expect(err.message).toContain('"t1"');
    expect(err.message).toContain('turn 2');
    expect(err.message).toContain(dir);
    expect(err.message).toContain('recorded turns: 1');

    const missingTask = (await replay.complete(request('nope', 1)).catch((e: unknown) => e)) as ModelError;
    expect(missingTask.kind).toBe('invalid_request');
    expect(missingTask.message).toContain('no recorded turns');
  });

  it('warns when the prompt changed but still replays', async () => {
    fake.script(replies.text('recorded answer'));
    await recordingModel(anthropic(), dir).complete(request('t1', 1, 'Original prompt.'));
    const warnings: string[] = [];
    const res = await replayModel(dir, { onWarning: (m) => warnings.push(m) }).complete(
      request('t1', 1, 'Changed prompt.'),
    );
    expect(res.content).toEqual([{ type: 'text', text: 'recorded answer' }]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"t1" turn 1');
  });

  it('plays repeated recordings of the same turn in order (a task retried while recording)', async () => {
    fake.script(replies.text('attempt one'), replies.text('attempt two'));
    const recorder = recordingModel(anthropic(), dir);
    await recorder.complete(request('t1', 1));
    await recorder.complete(request('t1', 1));
    const replay = replayModel(dir);
    const texts = [];
    for (let i = 0; i < 3; i++) {
      const res = await replay.complete(request('t1', 1));
      texts.push(res.content[0]?.type === 'text' ? res.content[0].text : '');
    }
    expect(texts).toEqual(['attempt one', 'attempt two', 'attempt two']);
  });

  it('reports a damaged line with file and line number', async () => {
    await writeFile(
      exchangeFile(dir, 't1'),
      '{"turn":1,"promptHash":"x","response":{"content":[]}}\nnot json\n',
    );
    const err = (await replayModel(dir)
      .complete(request('t1', 1))
      .catch((e: unknown) => e)) as ModelError;
    expect(err.kind).toBe('invalid_request');
    expect(err.message).toContain('t1.jsonl:2');
  });
});
