// A fix round builds its own prompt, and CI fix rounds (wait-for-checks) reach it without the pipeline: a spec
// whose front matter the plain writer declines (a value YAML must quote) still reaches the model, written by the
// yaml package the fix agent loaded itself. Its own file, so that nothing else in the process loaded it first.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyRepoSnapshot } from '../../src/agents/repo-scan.js';
import { loadBuiltinRolesSync } from '../../src/agents/roles.js';
import { Budget } from '../../src/core/budget.js';
import { PRICES } from '../../src/core/prices.js';
import { createAnthropicModel } from '../../src/run/model/anthropic.js';
import { makeFixRunner } from '../../src/run/test-loop.js';
import { createWorkspace } from '../../src/run/workspace.js';
import { parseSpec } from '../../src/spec/parse.js';
import { type FakeAnthropic, replies, startFakeAnthropic } from '../fakes/anthropic-server.js';

const MODEL = 'claude-sonnet-5-5';
const price = PRICES[MODEL]!;
const SPEC = `---
id: feature
name: 'Feature: value'
maturity: 2
---

# Overview

The feature has a value.

# Functional Requirements

### FR-1: Feature value

The feature value is 3.
`;

let fake: FakeAnthropic;
let dir: string;
beforeAll(async () => {
  fake = await startFakeAnthropic();
  dir = await mkdtemp(path.join(tmpdir(), 'fix-front-matter-'));
});
afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a fix round on a spec whose front matter needs the yaml package', () => {
  it('sends the front matter as yaml writes it, with no earlier step having prepared it', async () => {
    fake.script(replies.text('Nothing to change.\nDONE:'));
    const budget = new Budget({ price, maxUsd: 50, warnUsd: 50 });
    const runFix = makeFixRunner({
      spec: parseSpec('specs/feature.md', SPEC),
      roles: loadBuiltinRolesSync(),
      repo: emptyRepoSnapshot(),
      model: createAnthropicModel({ apiKey: 'k', baseURL: fake.url, maxRetries: 0 }),
      modelName: MODEL,
      maxTokens: 4096,
      maxTurns: 3,
      workspace: createWorkspace({ root: dir }),
      budget,
      price,
      baseTaskIds: ['task-001'],
    });
    await runFix(1, { output: 'not ok 1 - feature value', files: [], command: 'npm test' });
    expect(fake.validRequests).toHaveLength(1);
    const system = fake.validRequests[0]!.body.system.map((s: { text: string }) => s.text).join('\n');
    expect(system).toContain('name: "Feature: value"');
  });
});
