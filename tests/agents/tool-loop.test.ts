// The tool loop end to end: the real Anthropic adapter talking HTTP to the loopback fake, and a real
// workspace in a temp directory.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CONTINUE_AFTER_MAX_TOKENS, runAgentTask } from '../../src/agents/tool-loop.js';
import type { AgentTaskInput } from '../../src/agents/types.js';
import { addUsage, type Usage, ZERO_USAGE } from '../../src/core/model-port.js';
import type { ProgressEvent } from '../../src/core/results.js';
import type { Task } from '../../src/core/tasks.js';
import { createAnthropicModel } from '../../src/run/model/anthropic.js';
import { createWorkspace } from '../../src/run/workspace.js';
import { type FakeAnthropic, replies, startFakeAnthropic } from '../fakes/anthropic-server.js';

const F = '```';
const MODEL = 'claude-sonnet-5-5';

let fake: FakeAnthropic;
let dir: string;
let root: string;

beforeAll(async () => {
  fake = await startFakeAnthropic();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(async () => {
  fake.reset();
  fake.handle(undefined);
  dir = await mkdtemp(path.join(tmpdir(), 'tool-loop-test-'));
  root = path.join(dir, 'repo');
  await mkdir(path.join(root, 'src'), { recursive: true });
  await writeFile(path.join(root, 'src', 'existing.ts'), 'export const existing = 1;\n');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function makeTask(covers: string[] = ['FR-1']): Task {
  return {
    id: 'task-001',
    agent: 'backend',
    title: 'Build the thing',
    description: 'Implement FR-1.',
    phase: 1,
    dependsOn: [],
    covers,
    sections: [],
    estimate: { inputTokens: 0, outputTokens: 0, cacheableTokens: 0, usd: 0, usdNoCache: 0, minutes: 0 },
  };
}

interface Harness {
  input: AgentTaskInput;
  events: ProgressEvent[];
  usages: Usage[];
}

function harness(overrides: Partial<AgentTaskInput> = {}, apiKey = 'test-key'): Harness {
  const events: ProgressEvent[] = [];
  const usages: Usage[] = [];
  const input: AgentTaskInput = {
    task: makeTask(),
    prompt: {
      system: [
        { text: 'Shared spec context.', cache: true },
        { text: 'You are the backend agent.', cache: true },
      ],
      user: 'Implement task-001.',
    },
    model: createAnthropicModel({ apiKey, baseURL: fake.url, maxRetries: 0, retryBaseDelayMs: 1 }),
    modelName: MODEL,
    maxTokens: 4096,
    maxTurns: 10,
    workspace: createWorkspace({ root }),
    onEvent: (e) => events.push(e),
    onUsage: (u) => usages.push(u),
    ...overrides,
  };
  return { input, events, usages };
}

// biome-ignore lint/suspicious/noExplicitAny: request bodies are arbitrary JSON
function lastMessage(index: number): any {
  const messages = fake.validRequests[index]?.body.messages;
  return messages[messages.length - 1];
}

// biome-ignore lint/suspicious/noExplicitAny: request bodies are arbitrary JSON
function toolResults(index: number): any[] {
  return lastMessage(index).content.filter((b: { type: string }) => b.type === 'tool_result');
}

const read = (p: string) => readFile(path.join(root, p), 'utf8');

describe('runAgentTask through tools', () => {
  it('writes a file with write_file and ends at end_turn', async () => {
    fake.script(
      replies.toolUse(
        'write_file',
        { path: 'src/a.ts', content: 'export const a = 1;\n' },
        { text: 'Writing.' },
      ),
      replies.text('All written.\nDONE: FR-1'),
    );
    const h = harness();
    const out = await runAgentTask(h.input);

    expect(out).toMatchObject({ status: 'success', turns: 2, calls: 2, files: ['src/a.ts'], warnings: [] });
    expect(await read('src/a.ts')).toBe('export const a = 1;\n');
    // Usage is the sum of what the server reported, and the budget hook saw every call.
    const served = fake.validRequests.map((r) => r.usage!);
    const expected = served.reduce<Usage>(
      (sum, u) =>
        addUsage(sum, {
          inputTokens: u.input_tokens,
          outputTokens: u.output_tokens,
          cacheCreationTokens: u.cache_creation_input_tokens,
          cacheReadTokens: u.cache_read_input_tokens,
        }),
      ZERO_USAGE,
    );
    expect(out.usage).toEqual(expected);
    expect(h.usages).toHaveLength(2);
    expect(h.usages.reduce(addUsage, ZERO_USAGE)).toEqual(expected);
    // The first turn is exactly system + the task prompt + tools.
    const first = fake.validRequests[0]!.body;
    expect(first.system.map((s: { text: string }) => s.text)).toEqual([
      'Shared spec context.',
      'You are the backend agent.',
    ]);
    expect(first.messages).toEqual([{ role: 'user', content: 'Implement task-001.' }]);
    expect(first.tools.map((t: { name: string }) => t.name)).toEqual([
      'list_files',
      'read_file',
      'write_file',
      'delete_file',
    ]);
    const toolUseId = fake.validRequests[1]!.body.messages[1].content[1].id;
    expect(toolResults(1)).toEqual([
      { type: 'tool_result', tool_use_id: toolUseId, content: 'Wrote src/a.ts (created, 20 bytes).' },
    ]);
    // Progress: streamed text and the write.
    expect(
      h.events
        .filter((e) => e.type === 'text')
        .map((e) => (e as { text: string }).text)
        .join(''),
    ).toBe('Writing.All written.\nDONE: FR-1');
    const fileEvents = h.events.filter((e) => e.type === 'file');
    expect(fileEvents).toHaveLength(1);
    expect(fileEvents[0]).toMatchObject({
      record: { path: 'src/a.ts', action: 'created', taskId: 'task-001' },
    });
  });

  it('runs a multi-turn list → read → write loop, feeding each result back', async () => {
    fake.script(
      replies.toolUse('list_files', {}),
      replies.toolUse('read_file', { path: 'src/existing.ts' }),
      replies.toolUse('write_file', {
        path: 'src/existing.ts',
        content: 'export const existing = 2;\n',
      }),
      replies.text('Updated.'),
    );
    const h = harness();
    const out = await runAgentTask(h.input);

    expect(out).toMatchObject({ status: 'success', turns: 4, calls: 4, files: ['src/existing.ts'] });
    expect(toolResults(1)[0].content).toBe('src/existing.ts');
    expect(toolResults(2)[0].content).toBe('export const existing = 1;\n');
    expect(toolResults(3)[0].content).toBe('Wrote src/existing.ts (modified, 27 bytes).');
    expect(fake.validRequests[3]!.body.messages).toHaveLength(7);
    expect(await read('src/existing.ts')).toBe('export const existing = 2;\n');
    expect(fake.validRequests.map((r) => r.body.model)).toEqual([MODEL, MODEL, MODEL, MODEL]);
  });

  it('answers several tool calls of one reply in one user message, in order', async () => {
    fake.script(
      replies.message([
        { type: 'tool_use', id: 'toolu_b', name: 'write_file', input: { path: 'b.ts', content: 'b' } },
        { type: 'tool_use', id: 'toolu_a', name: 'write_file', input: { path: 'a.ts', content: 'a' } },
        { type: 'tool_use', id: 'toolu_c', name: 'read_file', input: { path: 'missing.ts' } },
      ]),
      replies.text('ok'),
    );
    const out = await runAgentTask(harness().input);
    expect(out.files).toEqual(['b.ts', 'a.ts']);
    const results = toolResults(1);
    expect(results.map((r) => r.tool_use_id)).toEqual(['toolu_b', 'toolu_a', 'toolu_c']);
    expect(results[2].is_error).toBe(true);
    expect(results[2].content).toMatch(/missing\.ts/);
    expect(lastMessage(1).content).toHaveLength(3);
  });

  it('echoes thinking and redacted thinking blocks back unchanged and never reads code from thinking', async () => {
    const thinking = `Maybe:\n${F}ts filepath=src/from-thinking.ts\nbad\n${F}`;
    fake.script(
      replies.message([
        { type: 'thinking', thinking, signature: 'sig-one' },
        { type: 'redacted_thinking', data: 'opaque-bytes' },
        { type: 'text', text: 'Let me look.' },
        { type: 'tool_use', id: 'toolu_1', name: 'list_files', input: { path: 'src' } },
      ]),
      replies.toolUse('write_file', { path: 'src/b.ts', content: 'b\n' }, { thinking: 'second thought' }),
      replies.text('Done.'),
    );
    const out = await runAgentTask(harness().input);
    expect(out.status).toBe('success');
    expect(fake.validRequests).toHaveLength(3);
    expect(fake.requests.every((r) => r.valid)).toBe(true);

    const second = fake.validRequests[1]!.body.messages;
    expect(second[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'thinking', thinking, signature: 'sig-one' },
        { type: 'redacted_thinking', data: 'opaque-bytes' },
        { type: 'text', text: 'Let me look.' },
        { type: 'tool_use', id: 'toolu_1', name: 'list_files', input: { path: 'src' } },
      ],
    });
    const third = fake.validRequests[2]!.body.messages;
    expect(third[1]).toEqual(second[1]);
    expect(third[3].content[0]).toMatchObject({ type: 'thinking', thinking: 'second thought' });
    expect(third[3].content[0].signature).toMatch(/^sig_/);
    expect(existsSync(path.join(root, 'src/from-thinking.ts'))).toBe(false);
  });

  it.each([
    ['../../etc/passwd', 'escapes-root'],
    ['/tmp/implement-spec-tool-loop-x', 'absolute'],
    ['.git/config', 'git-dir'],
    ['.github/workflows/x.yml', 'workflows'],
    ['src/GIT~1/x.ts', 'git-name'],
    ['.github/dependabot.yml', 'github-config'],
  ])('refuses %s with an is_error result and writes nothing', async (bad) => {
    await mkdir(path.join(root, '.git'), { recursive: true });
    fake.script(
      replies.toolUse('write_file', { path: bad, content: 'pwned\n' }),
      replies.toolUse('write_file', { path: 'src/ok.ts', content: 'ok\n' }),
      replies.text('Done.'),
    );
    const out = await runAgentTask(harness().input);

    const [result] = toolResults(1);
    expect(result.is_error).toBe(true);
    expect(result.content).toContain(bad);
    expect(out).toMatchObject({ status: 'success', files: ['src/ok.ts'] });
    expect(existsSync(path.join(dir, 'etc', 'passwd'))).toBe(false);
    expect(existsSync(path.resolve(root, '../../etc/passwd.tmp'))).toBe(false);
    expect(existsSync('/tmp/implement-spec-tool-loop-x')).toBe(false);
    expect(existsSync(path.join(root, '.git', 'config'))).toBe(false);
    expect(existsSync(path.join(root, '.github'))).toBe(false);
    expect(existsSync(path.join(root, 'src/GIT~1'))).toBe(false);
  });

  it('a task whose only write was refused fails with the refused path and the rule, not just "no code"', async () => {
    fake.script(
      replies.toolUse('write_file', { path: '.github/workflows/x.yml', content: 'on: push\n' }),
      replies.text('I could not write the workflow.'),
    );
    const out = await runAgentTask(harness().input);
    expect(out.status).toBe('failed');
    expect(out.reason).toMatch(/^no code produced: /);
    expect(out.reason).toContain('.github/workflows/x.yml');
  });

  it('answers a tool call whose input is not valid JSON with an error the model can act on', async () => {
    fake.script(
      replies.toolUse('write_file', '{"path": "src/a.ts", "content": "unterminated'),
      replies.toolUse('write_file', { path: 'src/a.ts' }),
      replies.toolUse('write_file', { path: 'src/a.ts', content: 'fixed\n' }),
      replies.text('Done.'),
    );
    const out = await runAgentTask(harness().input);
    expect(toolResults(1)[0]).toMatchObject({ is_error: true });
    expect(toolResults(1)[0].content).toMatch(/not valid JSON/);
    expect(toolResults(2)[0].content).toMatch(/"content" is missing/);
    expect(out).toMatchObject({ status: 'success', files: ['src/a.ts'] });
    expect(await read('src/a.ts')).toBe('fixed\n');
  });

  it('continues a paused turn', async () => {
    fake.script(
      replies.text('Working…', { stopReason: 'pause_turn' }),
      replies.toolUse('write_file', { path: 'p.ts', content: 'p' }),
      replies.text('Done.'),
    );
    const out = await runAgentTask(harness().input);
    expect(out).toMatchObject({ status: 'success', turns: 3, files: ['p.ts'] });
    expect(lastMessage(1)).toEqual({ role: 'user', content: [{ type: 'text', text: 'Continue.' }] });
  });
});

describe('runAgentTask fenced fallback', () => {
  it('writes the fenced blocks of every turn when no tool wrote anything', async () => {
    const readme = `# Thing\n\n${F}bash\nnpm test\n${F}\n`;
    fake.script(
      replies.text(`Here is the model:\n\n### src/model.ts\n\n${F}ts\nexport interface M {}\n${F}\n`),
      replies.text(
        [
          `${F}python filepath=app/main.py`,
          'print("hi")',
          F,
          '',
          `${F}sql`,
          '-- db/001.sql',
          'CREATE TABLE t (id int);',
          F,
          '',
          `\`\`\`\`markdown filepath=README.md`,
          readme.trimEnd(),
          '````',
          '',
          'Run it with:',
          `${F}bash`,
          'python app/main.py',
          F,
        ].join('\n'),
        { thinking: `${F}ts filepath=src/thought.ts\nnot code\n${F}` },
      ),
    );
    // Two tasks: each reply ends its task's only turn.
    const h = harness();
    const out1 = await runAgentTask(h.input);
    expect(out1).toMatchObject({ status: 'success', files: ['src/model.ts'], turns: 1 });
    expect(await read('src/model.ts')).toBe('export interface M {}\n');

    const h2 = harness();
    const out2 = await runAgentTask(h2.input);
    expect(out2.status).toBe('success');
    expect(out2.files).toEqual(['app/main.py', 'db/001.sql', 'README.md']);
    expect(await read('app/main.py')).toBe('print("hi")\n');
    expect(await read('db/001.sql')).toBe('CREATE TABLE t (id int);\n');
    expect(await read('README.md')).toBe(readme);
    expect(existsSync(path.join(root, 'src/thought.ts'))).toBe(false);
    expect(out2.warnings).toEqual([
      expect.stringMatching(/^bash code block without a file path .*python app\/main\.py/),
    ]);
    expect(h2.events.filter((e) => e.type === 'file')).toHaveLength(3);
  });

  it('reads text from all turns, including those with tool calls that wrote nothing', async () => {
    fake.script(
      replies.toolUse('list_files', {}, { text: `${F}ts filepath=src/one.ts\none\n${F}` }),
      replies.text(`${F}ts filepath=src/two.ts\ntwo\n${F}\nDONE: FR-1`),
    );
    const out = await runAgentTask(harness().input);
    expect(out).toMatchObject({ status: 'success', files: ['src/one.ts', 'src/two.ts'], turns: 2 });
  });

  it('does not use the fallback when a tool wrote a file', async () => {
    fake.script(
      replies.toolUse('write_file', { path: 'src/tool.ts', content: 't' }),
      replies.text(`Also:\n${F}ts filepath=src/fenced.ts\nf\n${F}`),
    );
    const out = await runAgentTask(harness().input);
    expect(out.files).toEqual(['src/tool.ts']);
    expect(existsSync(path.join(root, 'src/fenced.ts'))).toBe(false);
  });

  it('warns with path and reason for a fenced block whose path is refused', async () => {
    fake.script(
      replies.text(
        `${F}yaml filepath=.github/workflows/ci.yml\non: push\n${F}\n${F}ts filepath=../outside.ts\nx\n${F}\n${F}ts filepath=src/fine.ts\nfine\n${F}`,
      ),
    );
    const out = await runAgentTask(harness().input);
    expect(out).toMatchObject({ status: 'success', files: ['src/fine.ts'] });
    expect(out.warnings).toHaveLength(2);
    expect(out.warnings[0]).toMatch(/\.github\/workflows\/ci\.yml.*workflows/);
    expect(out.warnings[1]).toMatch(/\.\.\/outside\.ts/);
    expect(existsSync(path.join(dir, 'outside.ts'))).toBe(false);
  });

  it('fails with "no code produced" when the reply has no code', async () => {
    fake.script(replies.text('I think this is a good plan. Let me know if you want me to proceed.'));
    const h = harness();
    const out = await runAgentTask(h.input);
    expect(out).toMatchObject({
      status: 'failed',
      reason: 'no code produced',
      files: [],
      turns: 1,
      calls: 1,
    });
  });

  it('fails when the only code block has no path, and says so', async () => {
    fake.script(replies.text(`${F}ts\nexport const x = 1;\n${F}`));
    const out = await runAgentTask(harness().input);
    expect(out).toMatchObject({ status: 'failed', reason: 'no code produced', files: [] });
    expect(out.warnings).toEqual([expect.stringMatching(/ts code block without a file path \(line 1\)/)]);
    expect(existsSync(path.join(root, 'untitled.ts'))).toBe(false);
  });

  it('succeeds with a warning when nothing was written but every covered item is marked done', async () => {
    fake.script(replies.text('FR-1 and AT-2 are already implemented by src/existing.ts.\nDONE: FR-1, AT-2'));
    const h = harness({ task: makeTask(['FR-1', 'AT-2']) });
    const out = await runAgentTask(h.input);
    expect(out).toMatchObject({ status: 'success', files: [] });
    expect(out.warnings).toEqual(['no files written; items marked done: FR-1, AT-2']);
    expect(h.events).toContainEqual({
      type: 'warning',
      message: 'no files written; items marked done: FR-1, AT-2',
      taskId: 'task-001',
    });
  });

  it('fails when DONE covers only some of the items', async () => {
    fake.script(replies.text('DONE: FR-1'));
    const out = await runAgentTask(harness({ task: makeTask(['FR-1', 'AT-2']) }).input);
    expect(out).toMatchObject({ status: 'failed', reason: 'no code produced' });
  });

  it('does not write a block cut off by max_tokens, and asks the model to continue', async () => {
    fake.script(
      replies.text(
        `${F}ts filepath=src/ok.ts\nok\n${F}\n\n${F}ts filepath=src/cut.ts\nexport function f() {\n  return`,
        {
          stopReason: 'max_tokens',
        },
      ),
      replies.text('\n\nSorry, I ran out of room; the rest will follow in another task.'),
    );
    const out = await runAgentTask(harness().input);
    expect(lastMessage(1)).toEqual({
      role: 'user',
      content: [{ type: 'text', text: CONTINUE_AFTER_MAX_TOKENS }],
    });
    expect(out.status).toBe('success');
    expect(out.files).toEqual(['src/ok.ts']);
    expect(out.turns).toBe(2);
    expect(existsSync(path.join(root, 'src/cut.ts'))).toBe(false);
    expect(out.warnings[0]).toMatch(/turn 1 hit the max_tokens limit \(4096\)/);
    expect(out.warnings[1]).toMatch(/incomplete ts code block for src\/cut\.ts .*not written/);
  });

  it('joins a reply cut by max_tokens with the continuation that finishes the block', async () => {
    fake.script(
      replies.text(`${F}ts filepath=src/long.ts\nexport function f() {\n  ret`, { stopReason: 'max_tokens' }),
      replies.text(`urn 1;\n}\n${F}\nDONE: FR-1`),
    );
    const out = await runAgentTask(harness().input);
    expect(out).toMatchObject({ status: 'success', files: ['src/long.ts'], turns: 2 });
    expect(await read('src/long.ts')).toBe('export function f() {\n  return 1;\n}\n');
  });

  it('closes a cut block with a continuation that starts with the closing fence', async () => {
    fake.script(
      replies.text(`${F}ts filepath=src/edge.ts\nexport const e = 1;\n`, { stopReason: 'max_tokens' }),
      replies.text(`${F}\n`),
    );
    const out = await runAgentTask(harness().input);
    expect(out).toMatchObject({ status: 'success', files: ['src/edge.ts'] });
    expect(await read('src/edge.ts')).toBe('export const e = 1;\n');
  });

  it('reads a continuation that restarts the file in a new block on its own', async () => {
    fake.script(
      replies.text(`${F}ts filepath=src/again.ts\nexport const half`, { stopReason: 'max_tokens' }),
      replies.text(`${F}ts filepath=src/again.ts\nexport const whole = 1;\n${F}`),
    );
    const out = await runAgentTask(harness().input);
    expect(out).toMatchObject({ status: 'success', files: ['src/again.ts'] });
    expect(await read('src/again.ts')).toBe('export const whole = 1;\n');
    expect(out.warnings[1]).toMatch(/incomplete ts code block for src\/again\.ts/);
  });

  it('does not execute a tool call cut off by max_tokens', async () => {
    fake.script(
      replies.toolUse('write_file', { path: 'src/big.ts', content: 'partial' }, { stopReason: 'max_tokens' }),
      replies.toolUse('write_file', { path: 'src/big.ts', content: 'whole\n' }),
      replies.text('Done.'),
    );
    const out = await runAgentTask(harness().input);
    const reply = lastMessage(1).content;
    expect(reply[0]).toMatchObject({ type: 'tool_result', is_error: true });
    expect(reply[0].content).toMatch(/cut off .* not executed/);
    expect(reply[1]).toEqual({ type: 'text', text: CONTINUE_AFTER_MAX_TOKENS });
    expect(out).toMatchObject({ status: 'success', files: ['src/big.ts'], turns: 3 });
    expect(await read('src/big.ts')).toBe('whole\n');
  });
});

describe('runAgentTask limits and failures', () => {
  it('stops after maxTurns with a warning', async () => {
    fake.handle(() => replies.toolUse('list_files', {}));
    const out = await runAgentTask(harness({ maxTurns: 3 }).input);
    expect(out).toMatchObject({ status: 'failed', reason: 'no code produced', turns: 3, calls: 3 });
    expect(out.warnings).toContain('stopped after 3 turns (max-turns) before the model finished');
    expect(fake.validRequests).toHaveLength(3);
  });

  it('keeps files written before maxTurns stopped the task', async () => {
    fake.script(replies.toolUse('write_file', { path: 'w.ts', content: 'w' }));
    fake.handle(() => replies.toolUse('list_files', {}));
    const out = await runAgentTask(harness({ maxTurns: 2 }).input);
    expect(out).toMatchObject({ status: 'success', files: ['w.ts'], turns: 2 });
    expect(out.warnings).toEqual(['stopped after 2 turns (max-turns) before the model finished']);
  });

  it('fails on a refusal with the reason', async () => {
    fake.script(replies.text('I cannot help with that.', { stopReason: 'refusal' }));
    const out = await runAgentTask(harness().input);
    expect(out).toMatchObject({ status: 'failed', turns: 1 });
    expect(out.reason).toBe('the model refused the task: I cannot help with that.');
  });

  it('is cancelled by the abort signal and keeps files already written', async () => {
    const controller = new AbortController();
    fake.script(replies.toolUse('write_file', { path: 'src/first.ts', content: 'first\n' }));
    fake.handle(() => {
      controller.abort();
      return replies.hang();
    });
    const out = await runAgentTask(harness({ signal: controller.signal }).input);
    expect(out.status).toBe('cancelled');
    expect(out.files).toEqual(['src/first.ts']);
    expect(out.turns).toBe(2);
    expect(await read('src/first.ts')).toBe('first\n');
  });

  it('is cancelled without a call when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const out = await runAgentTask(harness({ signal: controller.signal }).input);
    expect(out).toMatchObject({ status: 'cancelled', turns: 0, calls: 0, files: [] });
    expect(fake.requests).toHaveLength(0);
  });

  it('fails with the error and its hint on a 401', async () => {
    const strict = await startFakeAnthropic({ apiKey: 'right-key' });
    try {
      const h = harness();
      h.input.model = createAnthropicModel({ apiKey: 'wrong-key', baseURL: strict.url, maxRetries: 0 });
      const out = await runAgentTask(h.input);
      expect(out.status).toBe('failed');
      expect(out.reason).toMatch(/ANTHROPIC_API_KEY|API key/);
      expect(out.reason).not.toContain('wrong-key');
      expect(out).toMatchObject({ files: [], turns: 1, calls: 1 });
      expect(strict.requests[0]!.status).toBe(401);
    } finally {
      await strict.close();
    }
  });
});
