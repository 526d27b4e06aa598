// The review builds its own prompt: a spec whose front matter the plain writer declines (here a value YAML must
// quote) still reaches the model, written by the yaml package, though nothing prepared it before. Its own file, so
// that no other test of the process has loaded the package first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReview } from '../../src/agents/review.js';
import { createAnthropicModel } from '../../src/run/model/anthropic.js';
import { type FakeAnthropic, replies, startFakeAnthropic } from '../fakes/anthropic-server.js';
import { budget, GREET_TS, MODEL, PRICE, planOf, reader, SPEC_SOURCE, specOf, write } from './fixtures.js';

let fake: FakeAnthropic;
beforeAll(async () => {
  fake = await startFakeAnthropic();
});
afterAll(async () => {
  await fake.close();
});

describe('runReview and front matter that needs the yaml package', () => {
  it('writes it with the package, loaded by the review itself', async () => {
    // The plan comes from the plain spec (planning would have prepared the package); the review gets the other.
    const plan = await planOf(specOf());
    const spec = specOf(SPEC_SOURCE.replace('name: Greeting endpoint', "name: 'Greeting: endpoint'"));
    expect(spec.metadata.name).toBe('Greeting: endpoint');
    const items = ['FR-1', 'FR-2', 'AT-1', 'AT-2'].map((item_id) => ({
      item_id,
      verdict: 'met',
      evidence: ['src/greet.ts:1'],
      note: 'ok',
    }));
    fake.script(replies.toolUse('submit_review', { items }));
    const result = await runReview({
      spec,
      plan,
      writes: [write('src/greet.ts', 'task-001')],
      readFile: reader({ 'src/greet.ts': GREET_TS }),
      model: createAnthropicModel({ apiKey: 'k', baseURL: fake.url, maxRetries: 0 }),
      modelName: MODEL,
      maxTokens: 4000,
      budget: budget(),
      price: PRICE,
    });
    expect(result.reason).toBeUndefined();
    expect(result.status).toBe('completed');
    const system = fake.validRequests[0]!.body.system.map((s: { text: string }) => s.text).join('\n');
    expect(system).toContain('name: "Greeting: endpoint"');
  });
});
